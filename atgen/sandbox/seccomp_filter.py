"""A seccomp deny-list compiled once to BPF in the worker (libseccomp through pyseccomp), loaded per run.

Denied with EPERM: debugging other processes (ptrace, process_vm_*), every way into a new or another
namespace (unshare, setns, clone with a namespace flag), mounts, kernel keyrings, BPF, perf, module and
kexec loading, userfaultfd, io_uring, handle-based opens, memfd_create (memory that neither RLIMIT_AS
nor the scratch size would count), System V / POSIX IPC (objects that would outlive the run), and
lowering one's own scheduling priority (a run would wait on the run queue and pass for CPU-starved).
Where no cgroup bounds a run, new processes are refused too (threads stay allowed).
clone3 answers ENOSYS, so libc falls back to clone, whose flags seccomp can inspect. Everything else
stays allowed: ordinary programs keep working.
"""

from __future__ import annotations

import ctypes
import errno
import os

from atgen.sandbox import linux

_DENIED = (
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "unshare",
    "setns",
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "move_mount",
    "open_tree",
    "fsopen",
    "fsmount",
    "fsconfig",
    "fspick",
    "mount_setattr",
    "keyctl",
    "add_key",
    "request_key",
    "bpf",
    "perf_event_open",
    "init_module",
    "finit_module",
    "delete_module",
    "kexec_load",
    "kexec_file_load",
    "userfaultfd",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "open_by_handle_at",
    "name_to_handle_at",
    "syslog",
    "acct",
    "swapon",
    "swapoff",
    "reboot",
    "settimeofday",
    "clock_settime",
    "adjtimex",
    "quotactl",
    "lookup_dcookie",
    "memfd_create",  # memory outside RLIMIT_AS and outside the size-capped scratch
    "memfd_secret",
    # System V and POSIX IPC objects would outlive a run inside the worker's IPC namespace.
    *("shmget", "shmat", "shmdt", "shmctl", "msgget", "msgsnd", "msgrcv", "msgctl"),
    *("semget", "semop", "semtimedop", "semctl", "mq_open", "mq_unlink", "mq_timedsend"),
    *("mq_timedreceive", "mq_notify", "mq_getsetattr"),
    # A run that lowered its own priority would wait on the run queue and pass for CPU-starved.
    *("setpriority", "sched_setscheduler", "sched_setattr"),
)
_CLONE_THREAD = 0x00010000


def compile_filter(forbid_processes: bool = False) -> bytes:
    """The filter as raw BPF instructions (struct sock_filter[]), ready for `load`.

    `forbid_processes`: also refuse new processes (fork, vfork, clone without CLONE_THREAD) while
    threads stay allowed, for hosts where no cgroup can bound the children of a run."""
    import pyseccomp  # optional dependency: only the worker imports it, only when seccomp is wanted

    bpf_filter = pyseccomp.SyscallFilter(pyseccomp.ALLOW)
    for name in _DENIED:
        try:
            bpf_filter.add_rule(pyseccomp.ERRNO(errno.EPERM), name)
        except Exception:  # a syscall this architecture lacks: nothing to deny
            continue
    bpf_filter.add_rule(pyseccomp.ERRNO(errno.ENOSYS), "clone3")
    for flag in linux.NAMESPACE_FLAGS:
        bpf_filter.add_rule(
            pyseccomp.ERRNO(errno.EPERM), "clone", pyseccomp.Arg(0, pyseccomp.MASKED_EQ, flag, flag)
        )
    if forbid_processes:
        for name in ("fork", "vfork"):
            try:
                bpf_filter.add_rule(pyseccomp.ERRNO(errno.EPERM), name)
            except Exception:  # aarch64 has neither: clone is the only way
                continue
        bpf_filter.add_rule(
            pyseccomp.ERRNO(errno.EPERM), "clone", pyseccomp.Arg(0, pyseccomp.MASKED_EQ, _CLONE_THREAD, 0)
        )
    memfd = os.memfd_create("atgen-seccomp", os.MFD_CLOEXEC)
    with os.fdopen(memfd, "w+b") as handle:
        bpf_filter.export_bpf(handle)
        handle.seek(0)
        return handle.read()


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def load(program: bytes) -> None:
    """Install the compiled filter on the calling process for good (no_new_privs must be set)."""
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    linux.prctl(linux.PR_SET_SECCOMP, linux.SECCOMP_MODE_FILTER, ctypes.byref(fprog))
