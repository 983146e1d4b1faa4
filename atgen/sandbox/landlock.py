"""Landlock through ctypes (there is no Python binding): rules prepared once in the worker, a ruleset per run.

Only the listed paths are reachable afterwards, with the listed rights; TCP bind/connect are denied
(ABI >= 4), and signals to and abstract UNIX sockets of processes outside the domain are refused (ABI >= 6).
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Iterable

from atgen.sandbox import linux

EXECUTE = 1 << 0
WRITE_FILE = 1 << 1
READ_FILE = 1 << 2
READ_DIR = 1 << 3
_WRITE_TREE = sum(1 << bit for bit in range(4, 13))  # remove/make dir, file, char, sock, fifo, block, sym
REFER = 1 << 13
TRUNCATE = 1 << 14
IOCTL_DEV = 1 << 15

READ_ONLY = EXECUTE | READ_FILE | READ_DIR
_FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV

_RULE_PATH_BENEATH = 1
_CREATE_RULESET_VERSION = 1 << 0
_NET_TCP = 0b11
_SCOPE_ABSTRACT_UNIX_SOCKET_AND_SIGNAL = 0b11


class _RulesetAttr(ctypes.Structure):
    _fields_ = [
        ("handled_access_fs", ctypes.c_uint64),
        ("handled_access_net", ctypes.c_uint64),
        ("scoped", ctypes.c_uint64),
    ]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def abi_version() -> int:
    """The kernel's Landlock ABI version, 0 when Landlock is unavailable or disabled."""
    try:
        return linux.syscall(linux.SYS_LANDLOCK_CREATE_RULESET, None, 0, _CREATE_RULESET_VERSION)
    except OSError:
        return 0


def _handled_fs(abi: int) -> int:
    rights = READ_ONLY | WRITE_FILE | _WRITE_TREE
    if abi >= 2:
        rights |= REFER
    if abi >= 3:
        rights |= TRUNCATE
    if abi >= 5:
        rights |= IOCTL_DEV
    return rights


class RulesetTemplate:
    """Rules prepared once (paths opened, rights computed), so a ruleset per run costs only syscalls: the
    sandbox builds one per run, because each run's /tmp is a new mount (Landlock ties a rule to the
    directory it names, and ignores a mount point once a mount covers it)."""

    def __init__(self, read_paths: Iterable[str], write_paths: Iterable[str], abi: int) -> None:
        if abi < 1:
            raise OSError("Landlock is not available on this kernel")
        self._abi, handled = abi, _handled_fs(abi)
        self._attr = _RulesetAttr(
            handled, _NET_TCP if abi >= 4 else 0, _SCOPE_ABSTRACT_UNIX_SOCKET_AND_SIGNAL if abi >= 6 else 0
        )
        self._size = ctypes.sizeof(_RulesetAttr) if abi >= 6 else (16 if abi >= 4 else 8)
        self._write_access = handled & ~REFER if abi >= 2 else handled
        self._fds: list[int] = []
        self._rules: list[_PathBeneathAttr] = []
        for paths, access in ((read_paths, READ_ONLY & handled), (write_paths, self._write_access)):
            for path in paths:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
                self._fds.append(fd)
                self._rules.append(
                    _PathBeneathAttr(access if os.path.isdir(path) else access & _FILE_RIGHTS, fd)
                )

    def fds(self) -> list[int]:
        return list(self._fds)

    def create(self, writable_directory: str) -> int:
        """A ruleset fd: the prepared rules, plus every right beneath `writable_directory` as it is now."""
        ruleset_fd = linux.syscall(linux.SYS_LANDLOCK_CREATE_RULESET, ctypes.byref(self._attr), self._size, 0)
        try:
            for rule in self._rules:
                linux.syscall(
                    linux.SYS_LANDLOCK_ADD_RULE, ruleset_fd, _RULE_PATH_BENEATH, ctypes.byref(rule), 0
                )
            _add_rule(ruleset_fd, writable_directory, self._write_access)
        except BaseException:
            os.close(ruleset_fd)
            raise
        return ruleset_fd


def _add_rule(ruleset_fd: int, path: str, access: int) -> None:
    path_fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    try:
        if not os.path.isdir(path):
            access &= _FILE_RIGHTS
        rule = _PathBeneathAttr(access, path_fd)
        linux.syscall(linux.SYS_LANDLOCK_ADD_RULE, ruleset_fd, _RULE_PATH_BENEATH, ctypes.byref(rule), 0)
    finally:
        os.close(path_fd)


def restrict_self(ruleset_fd: int) -> None:
    """Enter the ruleset's domain for good (needs no_new_privs or CAP_SYS_ADMIN)."""
    linux.syscall(linux.SYS_LANDLOCK_RESTRICT_SELF, ruleset_fd, 0)
