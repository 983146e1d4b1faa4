"""The filesystem a worker and its runs see: a read-only root holding only the allowed paths, plus /tmp.

Built once per worker inside its private mount namespace: a small tmpfs becomes the new root, each
allowed path is bind-mounted read-only at its own location (so the interpreter, its stdlib and the
allowed site-packages keep their paths), a few device nodes are bound in, a tiny tmpfs becomes /tmp
(each run covers it with a fresh one, `RunScratch`), and the host's root is unmounted. What is not listed
does not exist.
Directories leading to an allowed path are fresh empty tmpfs directories: when the interpreter lives in
a home directory, its prefix is visible and nothing else of that home is.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
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


def site_package_dirs() -> list[str]:
    """Where installed packages live for the interpreter (its base prefix and this environment) and the
    system (Debian's dist-packages): hidden in the view, which shows only the allowed packages."""
    found: set[str] = set()
    for variables in ({}, {"base": sys.base_prefix, "platbase": sys.base_exec_prefix}):
        paths = sysconfig.get_paths(vars=variables)
        found.update(paths[key] for key in ("purelib", "platlib"))
    for pattern in ("/usr/lib/python3*/dist-packages", "/usr/lib/python3*/site-packages", "/usr/lib/python3"):
        found.update(p for p in glob.glob(pattern) if p.endswith("-packages"))
    return sorted({os.path.realpath(p) for p in found if os.path.isdir(p)})


def build(read_paths: list[str], hidden_paths: list[str], package_paths: list[str]) -> None:
    """Replace this mount namespace's root by the view (the caller has unshared CLONE_NEWNS): the
    `read_paths`, then an empty directory over each of `hidden_paths` (site-packages inside them), then
    the `package_paths` (allowed packages, extra paths), which may lie inside a hidden directory."""
    linux.mount(None, "/", None, linux.MS_REC | linux.MS_PRIVATE)
    # Keep a handle on every source before the new root hides any of them.
    listed = [*read_paths, *DEVICES, *package_paths]
    sources = {path: os.open(path, os.O_PATH | os.O_CLOEXEC) for path in dict.fromkeys(listed)}
    links = {path: os.readlink(path) for path in SYSTEM_LIBRARY_DIRS if os.path.islink(path)}
    links.update(symlinked_paths(sys.path + interpreter_paths()))
    new_root = SCRATCH_DIR  # any existing directory: the tmpfs covers it only in this namespace
    linux.mount("atgen-root", new_root, "tmpfs", linux.MS_NOSUID | linux.MS_NODEV, "size=1m,mode=0755")
    _mount_scratch(new_root)
    hidden = [new_root + p for p in hidden_paths]
    for path, fd in sources.items():
        if path in package_paths:
            _hide(hidden)
            hidden = []
        _bind(fd, new_root + path, read_only=path not in DEVICES)
        os.close(fd)
    _hide(hidden)
    for path, target in links.items():
        with contextlib.suppress(OSError):  # best effort: the real path is there either way
            if not os.path.lexists(new_root + path):
                os.makedirs(os.path.dirname(new_root + path), exist_ok=True)
                os.symlink(target, new_root + path)
    _seal_hidden()
    _pivot(new_root)
    linux.mount(None, "/", None, linux.MS_REMOUNT | linux.MS_BIND | linux.MS_RDONLY | linux.MS_NOSUID)


def _mount_scratch(new_root: str) -> None:
    """The base of /tmp: a tiny read-only-in-practice tmpfs, covered during each run by that run's own
    scratch (`RunScratch`); allowed paths under /tmp are bound onto it and cloned onto every run's scratch."""
    os.makedirs(new_root + SCRATCH_DIR, exist_ok=True)
    linux.mount(
        "atgen-scratch-base", new_root + SCRATCH_DIR, "tmpfs", linux.MS_NOSUID | linux.MS_NODEV, "size=1m"
    )


def _hide(directories: list[str]) -> None:
    """Cover each directory with an empty tmpfs (read-only once the packages bound inside are there)."""
    directories = [d for d in directories if os.path.isdir(d)]
    for directory in directories:
        linux.mount(
            "atgen-hidden", directory, "tmpfs", linux.MS_NOSUID | linux.MS_NODEV, "size=64k,mode=0755"
        )
    _HIDDEN.extend(directories)


# Hidden directories of the view under construction, made read-only once every package is bound.
_HIDDEN: list[str] = []


def _seal_hidden() -> None:
    for directory in _HIDDEN:
        linux.mount(
            None, directory, None, linux.MS_REMOUNT | linux.MS_RDONLY | linux.MS_NOSUID | linux.MS_NODEV
        )
    _HIDDEN.clear()


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


class RunScratch:
    """A fresh size- and inode-capped tmpfs on /tmp for every run, detached after it: no program can make
    the cleanup fail or slow (a million empty directories, a 1,200-deep tree), and nothing it wrote is
    there for the next run. Allowed paths under /tmp (a venv there) are cloned onto each fresh scratch,
    read-only; the scratch is then world-writable with the sticky bit, so a run cannot move them."""

    def __init__(self, read_paths: list[str], limit_mb: int, max_files: int, run_uid: int) -> None:
        """Call after `build`: the allowed paths under /tmp are then visible, and kept as clone sources."""
        inside = [p for p in read_paths if p.startswith(SCRATCH_DIR.rstrip("/") + "/")]
        self._shadowed = {path: os.open(path, os.O_PATH | os.O_CLOEXEC) for path in inside}
        if inside:
            owner = f"mode=1777,uid={os.getuid()},gid={os.getgid()}"
        else:
            owner = f"mode=0700,uid={run_uid},gid={run_uid}"
        self._options = f"size={limit_mb}m,nr_inodes={max_files},{owner}"
        self._mounted = False

    def fds(self) -> list[int]:
        return list(self._shadowed.values())

    def mount(self) -> None:
        linux.mount("atgen-scratch", SCRATCH_DIR, "tmpfs", linux.MS_NOSUID | linux.MS_NODEV, self._options)
        self._mounted = True
        for path, fd in self._shadowed.items():
            if stat.S_ISDIR(os.fstat(fd).st_mode):
                os.makedirs(path)
            else:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_CLOEXEC, 0o644))
            linux.attach_clone(fd, path)

    def unmount(self) -> None:
        """Detach this run's scratch (and the clones on it); the kernel frees it once nothing holds it.
        Never the base below it: only what `mount` mounted."""
        if self._mounted:
            linux.umount(SCRATCH_DIR, linux.MNT_DETACH)
            self._mounted = False
