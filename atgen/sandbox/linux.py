"""Thin ctypes wrappers over the Linux system calls the sandbox needs and Python 3.11 does not expose.

Every wrapper raises `OSError` with the kernel's errno on failure, like the `os` module does.
"""

from __future__ import annotations

import ctypes
import os
import platform

CLONE_NEWNS = 0x00020000
CLONE_NEWCGROUP = 0x02000000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
CLONE_NEWTIME = 0x00000080
NAMESPACE_FLAGS = (
    CLONE_NEWNS,
    CLONE_NEWCGROUP,
    CLONE_NEWUTS,
    CLONE_NEWIPC,
    CLONE_NEWUSER,
    CLONE_NEWPID,
    CLONE_NEWNET,
    CLONE_NEWTIME,
)

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MS_RELATIME = 1 << 21
MNT_DETACH = 2

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_CAPBSET_DROP = 24
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2

# Syscall numbers of calls glibc may lack wrappers for. The landlock ones are the same on every arch.
_SYSCALLS = {
    "x86_64": {"pivot_root": 155, "capset": 126},
    "aarch64": {"pivot_root": 41, "capset": 91},
}
# The new mount API has the same numbers on every architecture.
SYS_OPEN_TREE = 428
SYS_MOVE_MOUNT = 429
OPEN_TREE_CLONE = 1
AT_EMPTY_PATH = 0x1000
AT_RECURSIVE = 0x8000
MOVE_MOUNT_F_EMPTY_PATH = 0x00000004
AT_FDCWD = -100
SYS_LANDLOCK_CREATE_RULESET = 444
SYS_LANDLOCK_ADD_RULE = 445
SYS_LANDLOCK_RESTRICT_SELF = 446

_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long


def _check(result: int, what: str) -> int:
    if result < 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")
    return result


def syscall(number: int, *args: object) -> int:
    return _check(_libc.syscall(ctypes.c_long(number), *args), f"syscall {number}")


def syscall_number(name: str) -> int:
    machine = platform.machine()
    if machine not in _SYSCALLS:
        raise OSError(f"unsupported architecture for the sandbox: {machine}")
    return _SYSCALLS[machine][name]


def unshare(flags: int) -> None:
    _check(_libc.unshare(ctypes.c_int(flags)), "unshare")


def mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    encoded = [None if s is None else s.encode() for s in (source, target, fstype, data)]
    _check(
        _libc.mount(encoded[0], encoded[1], encoded[2], ctypes.c_ulong(flags), encoded[3]),
        f"mount {target}",
    )


def umount(target: str, flags: int = 0) -> None:
    _check(_libc.umount2(target.encode(), ctypes.c_int(flags)), f"umount {target}")


def attach_clone(source_fd: int, target: str) -> None:
    """Mount a copy of the mount tree at `source_fd` (kept flags, read-only included) on `target`."""
    flags = OPEN_TREE_CLONE | AT_EMPTY_PATH | AT_RECURSIVE | os.O_CLOEXEC
    tree_fd = syscall(SYS_OPEN_TREE, ctypes.c_int(source_fd), b"", ctypes.c_uint(flags))
    try:
        syscall(
            SYS_MOVE_MOUNT,
            ctypes.c_int(tree_fd),
            b"",
            ctypes.c_int(AT_FDCWD),
            target.encode(),
            ctypes.c_uint(MOVE_MOUNT_F_EMPTY_PATH),
        )
    finally:
        os.close(tree_fd)


def run_queue_wait_s(proc_fd: int, pid: int) -> float:
    """Seconds the task `pid` (a host pid; a zombie still counts) spent runnable but waiting for a CPU:
    the second field of /proc/<pid>/schedstat, read through an open /proc directory. 0 if unreadable."""
    try:
        fd = os.open(f"{pid}/schedstat", os.O_RDONLY | os.O_CLOEXEC, dir_fd=proc_fd)
    except OSError:
        return 0.0
    try:
        fields = os.read(fd, 128).split()
    finally:
        os.close(fd)
    return int(fields[1]) / 1e9 if len(fields) >= 2 else 0.0


def pivot_root(new_root: str, put_old: str) -> None:
    syscall(syscall_number("pivot_root"), new_root.encode(), put_old.encode())


def prctl(option: int, arg2: int = 0, arg3: object = 0) -> int:
    arg3_c = arg3 if not isinstance(arg3, int) else ctypes.c_ulong(arg3)
    return _check(
        _libc.prctl(ctypes.c_int(option), ctypes.c_ulong(arg2), arg3_c, ctypes.c_ulong(0), ctypes.c_ulong(0)),
        f"prctl {option}",
    )


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def drop_bounding_set() -> None:
    """Empty the capability bounding set (possible only while CAP_SETPCAP is held)."""
    for capability in range(64):
        try:
            prctl(PR_CAPBSET_DROP, capability)
        except OSError:
            break  # EINVAL past the last capability the kernel knows


def clear_capabilities() -> None:
    """Empty the effective, permitted and inheritable capability sets of the calling thread."""
    header = _CapHeader(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3: two 32-bit data words
    data = (_CapData * 2)()
    syscall(syscall_number("capset"), ctypes.byref(header), ctypes.byref(data))
