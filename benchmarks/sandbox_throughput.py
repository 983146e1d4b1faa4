"""Throughput and latency of the sandbox against plain `subprocess.run([python, file])` per execution.

Both sides run at the same concurrency (one in flight per worker, all cores by default), in the same run,
for a trivial program (`print(input())`) and a CPU-heavy one (sort 200,000 ints read from stdin).
Prints the isolation mechanisms active; the last line is `ratio_vs_subprocess=X.XX` (trivial program).
Targets on a 2-core machine: ratio >= 3.0, sandbox p50 < 10 ms, CPU-heavy overhead <= 10%.

    python benchmarks/sandbox_throughput.py [--quick] [--workers N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from atgen.sandbox import ExecRequest, ExecStatus, SandboxConfig, SandboxPool
from atgen.sandbox.config import available_cores

TRIVIAL = "print(input())"
CPU_HEAVY = (
    "import sys\nnumbers = list(map(int, sys.stdin.read().split()))\n"
    "numbers.sort()\nprint(numbers[0], numbers[-1])"
)


@dataclass(frozen=True)
class Figures:
    runs: int
    elapsed_s: float
    latencies_s: list[float]

    @property
    def per_second(self) -> float:
        return self.runs / self.elapsed_s

    def line(self, label: str) -> str:
        ordered = sorted(self.latencies_s)
        p50, p95 = statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        return (
            f"  {label:<28} {self.per_second:8.1f} exec/s   p50 {p50 * 1e3:7.1f} ms   p95 {p95 * 1e3:7.1f} ms"
        )


def measure(run_one: Callable[[], None], runs: int, workers: int) -> Figures:
    def timed(_: int) -> float:
        started = time.perf_counter()
        run_one()
        return time.perf_counter() - started

    with ThreadPoolExecutor(workers) as executor:
        list(executor.map(timed, range(workers)))  # warm-up
        started = time.perf_counter()
        latencies = list(executor.map(timed, range(runs)))
    return Figures(runs, time.perf_counter() - started, latencies)


def sandbox_runner(pool: SandboxPool, request: ExecRequest) -> Callable[[], None]:
    def run_one() -> None:
        result = pool.run(request)
        if result.status is not ExecStatus.OK:
            raise RuntimeError(f"sandbox run failed: {result}")

    return run_one


def subprocess_runner(program: Path, stdin: str) -> Callable[[], None]:
    def run_one() -> None:
        subprocess.run(
            [sys.executable, str(program)], input=stdin, capture_output=True, text=True, check=True
        )

    return run_one


def compare(
    pool: SandboxPool, label: str, code: str, stdin: str, runs: int, workers: int
) -> tuple[Figures, Figures]:
    with tempfile.TemporaryDirectory() as scratch:
        program = Path(scratch) / "program.py"
        program.write_text(code)
        request = ExecRequest(code=code, stdin=stdin, cpu_time_limit_s=10, memory_limit_mb=1024)
        sandboxed = measure(sandbox_runner(pool, request), runs, workers)
        baseline = measure(subprocess_runner(program, stdin), runs, workers)
    print(f"{label} ({runs} runs, {workers} in flight)")
    print(sandboxed.line("sandbox (full isolation)"))
    print(baseline.line("subprocess.run baseline"))
    return sandboxed, baseline


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer runs; finishes in under 30 s")
    parser.add_argument("--workers", type=int, default=available_cores(), help="pool size and concurrency")
    args = parser.parse_args()
    trivial_runs, heavy_runs = (60, 6) if args.quick else (600, 40)
    numbers = " ".join(str(random.Random(0).randrange(10**9)) for _ in range(200_000))
    with SandboxPool(SandboxConfig(workers=args.workers)) as pool:
        print("isolation active: " + ", ".join(pool.mechanisms))
        heavy, heavy_base = compare(
            pool, "CPU-heavy: sort 200,000 ints", CPU_HEAVY, numbers, heavy_runs, args.workers
        )
        trivial, trivial_base = compare(
            pool, "trivial: print(input())", TRIVIAL, "hello\n", trivial_runs, args.workers
        )
    overhead = heavy_base.per_second / heavy.per_second - 1
    print(f"cpu_heavy_overhead={overhead * 100:+.1f}%")
    print(f"sandbox_p50_ms={statistics.median(trivial.latencies_s) * 1e3:.1f}")
    print(f"ratio_vs_subprocess={trivial.per_second / trivial_base.per_second:.2f}")


if __name__ == "__main__":
    main()
