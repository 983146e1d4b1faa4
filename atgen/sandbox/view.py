"""The filesystem a worker and its runs see: a read-only root holding only the allowed paths, plus /tmp.

Built once per worker inside its private mount namespace: a small tmpfs becomes the new root, each
allowed path is bind-mounted read-only at its own location (so the interpreter, its stdlib and the
allowed site-packages keep their paths), a few device nodes are bound in, a size-capped tmpfs becomes
/tmp (the scratch of every run), and the host's root is unmounted. What is not listed does not exist.
Directories leading to an allowed path are fresh empty tmpfs directories: when the interpreter lives in
a home directory, its prefix is visible and nothing else of that home is.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import sysconfig
from collections.abc import Iterable

from atgen.sandbox import linux

SCRATCH_DIR = "/tmp"
DEVICES = ("/dev/null", "/dev/zero", "/dev/random", "/dev/urandom")
SYSTEM_LIBRARY_DIRS = ("/lib", "/lib64", "/usr/lib", "/usr/lib64", "/lib32", "/usr/lib32")
_RO_FLAGS = linux.MS_BIND | linux.MS_REMOUNT | linux.MS_RDONLY | linux.MS_NOSUID | linux.MS_NODEV


def interpreter_paths() -> list[str]:
    """The interpreter's prefix and stdlib (which may lie outside the prefix on some distributions)."""
    paths = [sys.base_prefix, sys.base_exec_prefix, os.path.dirname(os.path.realpath(sys.executable))]
    paths += [sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib")]
    return [p for p in paths if os.path.exists(p)]


def symlinked_paths(paths: Iterable[str]) -> dict[str, str]:
    """Paths reached through a symlink (a prefix such as /opt/python -> /opt/Cellar/...), mapped to their
    real location, which is what the view binds: the symlink is recreated so the usual path still works."""
    return {
        os.path.abspath(p): os.path.realpath(p)
        for p in paths
        if p and os.path.exists(p) and os.path.realpath(p) != os.path.abspath(p)
    }


def minimal_paths(paths: Iterable[str]) -> list[str]:
    """Real paths, without duplicates or paths already inside another listed directory."""
    kept: list[str] = []
    for path in sorted({os.path.realpath(p) for p in paths if os.path.exists(p)}, key=len):
        if not any(path == k or path.startswith(k.rstrip("/") + "/") for k in kept):
            kept.append(path)
    return kept


def build(read_paths: list[str], scratch_limit_mb: int, scratch_uid: int) -> None:
    """Replace this mount namespace's root by the view (the caller has unshared CLONE_NEWNS)."""
    linux.mount(None, "/", None, linux.MS_REC | linux.MS_PRIVATE)
    # Keep a handle on every source before the new root hides any of them.
    sources = {path: os.open(path, os.O_PATH | os.O_CLOEXEC) for path in read_paths + list(DEVICES)}
    links = {path: os.readlink(path) for path in SYSTEM_LIBRARY_DIRS if os.path.islink(path)}
    links.update(symlinked_paths(sys.path + interpreter_paths()))
    new_root = SCRATCH_DIR  # any existing directory: the tmpfs covers it only in this namespace
    linux.mount("atgen-root", new_root, "tmpfs", linux.MS_NOSUID | linux.MS_NODEV, "size=1m,mode=0755")
    _mount_scratch(new_root, read_paths, scratch_limit_mb, scratch_uid)
    for path, fd in sources.items():
        _bind(fd, new_root + path, read_only=path not in DEVICES)
        os.close(fd)
    for path, target in links.items():
        with contextlib.suppress(OSError):  # best effort: the real path is there either way
            if not os.path.lexists(new_root + path):
                os.makedirs(os.path.dirname(new_root + path), exist_ok=True)
                os.symlink(target, new_root + path)
    _pivot(new_root)
    linux.mount(None, "/", None, linux.MS_REMOUNT | linux.MS_BIND | linux.MS_RDONLY | linux.MS_NOSUID)


# Allowed paths inside the scratch directory (an interpreter or project living under /tmp): they are
# bound on top of the scratch tmpfs, and kept when the scratch is wiped.
_SHADOWED: list[str] = []


def _mount_scratch(new_root: str, read_paths: list[str], scratch_limit_mb: int, scratch_uid: int) -> None:
    """Mount the scratch tmpfs before the allowed paths are bound, so those under /tmp stay visible."""
    shadowed = [p for p in read_paths if p.startswith(SCRATCH_DIR.rstrip("/") + "/")]
    if shadowed:
        # Owned by the worker with the sticky bit: a run (another uid) cannot rename or remove the
        # directories that lead to the bound paths, yet may create its own files anywhere in /tmp.
        options = f"size={scratch_limit_mb}m,mode=1777,uid={os.getuid()},gid={os.getgid()}"
    else:
        options = f"size={scratch_limit_mb}m,mode=0700,uid={scratch_uid},gid={scratch_uid}"
    os.makedirs(new_root + SCRATCH_DIR, exist_ok=True)
    linux.mount("atgen-scratch", new_root + SCRATCH_DIR, "tmpfs", linux.MS_NOSUID | linux.MS_NODEV, options)
    _SHADOWED[:] = shadowed


def _bind(source_fd: int, target: str, read_only: bool) -> None:
    if os.path.isdir(f"/proc/self/fd/{source_fd}"):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "a"):
            pass
    linux.mount(f"/proc/self/fd/{source_fd}", target, None, linux.MS_BIND | linux.MS_REC)
    if read_only:
        linux.mount(None, target, None, _RO_FLAGS | _locked_flags(target))


def _locked_flags(target: str) -> int:
    """Flags of the source mount a remount must keep (in a user namespace the kernel locks them)."""
    current = os.statvfs(target).f_flag
    kept = current & (os.ST_NOEXEC | os.ST_NOATIME | os.ST_NODIRATIME)  # same values as the MS_ flags
    return kept | (linux.MS_RELATIME if current & os.ST_RELATIME else 0)


def _pivot(new_root: str) -> None:
    os.chdir(new_root)
    os.mkdir(".old-root")
    linux.pivot_root(".", ".old-root")
    os.chdir("/")
    linux.umount("/.old-root", linux.MNT_DETACH)
    os.rmdir("/.old-root")


def wipe_scratch() -> None:
    """Empty /tmp after a run (its mount, and so the Landlock rule on it, stays).

    Allowed paths re-bound inside /tmp are kept; if a run damaged them (possible only where runs share
    the worker's uid, in a user namespace) the worker exits, so the pool replaces it with a clean one."""
    kept = {os.path.join(SCRATCH_DIR, p[len(SCRATCH_DIR) :].lstrip("/").split("/")[0]) for p in _SHADOWED}
    if not all(os.path.isdir(p) for p in _SHADOWED):
        os.write(2, b"atgen sandbox worker: a run damaged the filesystem view; restarting\n")
        os._exit(70)
    with os.scandir(SCRATCH_DIR) as entries:
        for entry in entries:
            if entry.path in kept:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
