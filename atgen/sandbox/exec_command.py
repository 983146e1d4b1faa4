"""`atgen exec`: run one program through the sandbox and print the result as one JSON object."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from atgen.sandbox.config import SandboxConfig, SandboxUnavailableError
from atgen.sandbox.pool import SandboxPool
from atgen.sandbox.types import ExecRequest, ExecResult, TaskKind
from atgen.sandbox.values import ValueDecodeError, decode_value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("program", type=Path, help="the Python program to run")
    parser.add_argument("--stdin", type=Path, help="file whose content is the program's stdin")
    parser.add_argument("--call-args", help="encoded list of arguments, e.g. '[[1, 2], 3]' (call kind)")
    parser.add_argument("--entry-point", help="function to call: 'name' or 'Solution.name' (call kind)")
    parser.add_argument("--cpu-time-limit-s", type=float, default=2.0, help="CPU time limit in seconds")
    parser.add_argument(
        "--wall-time-limit-s",
        type=float,
        help="wall-clock backstop (default: the CPU limit plus max(50%%, 1 s))",
    )
    parser.add_argument("--memory-limit-mb", type=int, default=512, help="memory limit in MiB")
    parser.add_argument("--apps-mode", action="store_true", help="APPS harness conventions (preamble etc.)")
    parser.add_argument("--expected", type=Path, help="file with the expected stdout / encoded return value")
    parser.add_argument(
        "--judge-mode", choices=("exact", "lines", "tokens"), default="tokens", help="how --expected compares"
    )
    parser.add_argument(
        "--unsafe-no-sandbox",
        action="store_true",
        help="run WITHOUT isolation when this host cannot sandbox (only for code you trust)",
    )


def _request(args: argparse.Namespace) -> ExecRequest:
    is_call = args.call_args is not None or args.entry_point is not None
    if is_call and not (args.call_args is not None and args.entry_point):
        raise ValueError("--call-args and --entry-point go together")
    if is_call:
        decode_value(args.call_args)  # fail here, clearly, rather than inside the sandbox
    return ExecRequest(
        code=args.program.read_text(encoding="utf-8"),
        kind=TaskKind.CALL if is_call else TaskKind.STDIO,
        stdin=args.stdin.read_text(encoding="utf-8") if args.stdin else "",
        call_args=args.call_args if is_call else "[]",
        entry_point=args.entry_point or "",
        cpu_time_limit_s=args.cpu_time_limit_s,
        wall_time_limit_s=args.wall_time_limit_s,
        memory_limit_mb=args.memory_limit_mb,
        apps_mode=args.apps_mode,
    )


def _as_json(result: ExecResult, request: ExecRequest, args: argparse.Namespace) -> dict[str, Any]:
    shown = dataclasses.asdict(result)
    shown["status"] = result.status.value
    if args.expected is not None:
        from atgen.judge import JudgeConfig, judge_result

        expected = args.expected.read_text(encoding="utf-8")
        config = JudgeConfig(mode=args.judge_mode, apps_mode=args.apps_mode)
        shown["verdict"] = judge_result(
            result, expected.strip() if request.kind is TaskKind.CALL else expected, request.kind, config
        ).value
    return shown


def run(args: argparse.Namespace) -> int:
    try:
        request = _request(args)
    except (OSError, ValueError, ValueDecodeError) as exc:
        print(f"atgen exec: {exc}", file=sys.stderr)
        return 2
    config = SandboxConfig(workers=1, allow_unsafe=args.unsafe_no_sandbox)
    try:
        with SandboxPool(config) as pool:
            result = pool.run(request)
    except SandboxUnavailableError as exc:
        print(f"atgen exec: {exc}", file=sys.stderr)
        return 3
    print(json.dumps(_as_json(result, request, args)))
    return 0
