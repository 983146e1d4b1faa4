"""`atgen sandbox-check`: which isolation mechanisms this host offers; non-zero exit when unusable."""

from __future__ import annotations

import argparse
import json

from atgen.sandbox.capabilities import Capabilities, detect_capabilities

_LABELS = (
    ("network_namespace", "network namespace", "required"),
    ("mount_namespace", "mount namespace (filesystem view)", "required"),
    ("unprivileged_uid", "unprivileged uid", "required"),
    ("rlimits", "rlimits", "required"),
    ("pid_namespace", "PID namespace (process cleanup)", "required"),
    ("user_namespace", "user namespace", "needed when not root"),
    ("landlock_abi", "Landlock", "optional layer"),
    ("seccomp", "seccomp", "optional layer"),
    ("cgroup", "cgroup per worker", "optional layer"),
    ("run_bound", "bounds a whole run", "cgroup, else seccomp"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the findings as one JSON object")


def run(args: argparse.Namespace) -> int:
    found = detect_capabilities()
    if args.json:
        print(json.dumps(found.as_dict(), indent=2))
    else:
        print(_report(found))
    return 1 if found.missing_required() else 0


def _report(found: Capabilities) -> str:
    lines = [f"running as {'root' if found.is_root else 'a non-root user'}"]
    for key, label, role in _LABELS:
        value = getattr(found, key)
        if isinstance(value, bool):
            shown = "yes" if value else "NO"
        else:
            shown = value if isinstance(value, str) else (f"ABI {value}" if value else "NO")
        lines.append(f"  {label:<36} {shown:<34} ({role})")
    if found.error:
        lines.append(f"probe error: {found.error}")
    missing = found.missing_required()
    if missing:
        lines.append("sandbox UNUSABLE: missing " + "; ".join(missing))
    else:
        lines.append("sandbox usable")
    return "\n".join(lines)
