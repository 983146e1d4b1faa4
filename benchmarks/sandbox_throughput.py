"""Throughput and latency of the sandbox against plain `subprocess.run([python, file])` per execution.

Both sides run at the same concurrency (one in flight per worker, all cores by default), in the same run,
for a trivial program (`print(input())`) and a CPU-heavy one (sort 200,000 ints read from stdin).
Prints the isolation mechanisms active; the last line is `ratio_vs_subprocess=X.XX` (trivial program).
Targets on a 2-core machine: ratio >= 3.0, sandbox p50 < 10 ms, CPU-heavy overhead <= 10%.

    python benchmarks/sandbox_throughput.py [--quick] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from atgen.sandbox import ExecRequest, ExecStatus, SandboxConfig, SandboxPool
from atgen.sandbox.config import available_cores

ROUNDS = 3
TRIVIAL = "print(input())"
CPU_HEAVY = (
    "import sys\nnumbers = list(map(int, sys.stdin.read().split()))\n"
    "numbers.sort()\nprint(numbers[0], numbers[-1])"
)


@dataclass
class Figures:
    """Accumulated over rounds: runs, their elapsed wall time, the CPU they cost, and each latency."""

    runs: int = 0
    elapsed_s: float = 0.0
    cpu_s: float = 0.0
    latencies_s: list[float] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.runs / self.elapsed_s

    def line(self, label: str) -> str:
        ordered = sorted(self.latencies_s)
        p50, p95 = statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        return (
            f"  {label:<26} {self.per_second:7.1f} exec/s   p50 {p50 * 1e3:6.1f} ms   p95 {p95 * 1e3:6.1f} ms"
            f"   CPU {self.cpu_s / self.runs * 1e3:6.1f} ms/exec"
        )


def _process_cpu_s(pid: int) -> float:
    """CPU of a process and of its children it has reaped (what one run of the sandbox costs ends there)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def host_cpu_s(pool: SandboxPool) -> float:
    """CPU used so far by this process, its reaped children, and the pool's workers and zygotes."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    total = sum(u.ru_utime + u.ru_stime for u in usage)
    launchers = set(pool.worker_pids())
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if parent in launchers:
                total += _process_cpu_s(int(entry))  # a zygote
    return total + sum(_process_cpu_s(pid) for pid in launchers)


def measure(
    run_one: Callable[[], None], runs: int, workers: int, cpu_s: Callable[[], float], warm_up: bool
) -> Figures:
    def timed(_: int) -> float:
        started = time.perf_counter()
        run_one()
        return time.perf_counter() - started

    with ThreadPoolExecutor(workers) as executor:
        if warm_up:
            list(executor.map(timed, range(workers)))
        cpu_before_s, started = cpu_s(), time.perf_counter()
        latencies = list(executor.map(timed, range(runs)))
        elapsed_s = time.perf_counter() - started
    return Figures(runs, elapsed_s, cpu_s() - cpu_before_s, latencies)


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
    """Alternate sandbox and baseline rounds, so a change in the machine's load hits both alike."""
    sandboxed, baseline = Figures(), Figures()
    with tempfile.TemporaryDirectory() as scratch:
        program = Path(scratch) / "program.py"
        program.write_text(code)
        request = ExecRequest(code=code, stdin=stdin, cpu_time_limit_s=10, memory_limit_mb=1024)
        for round_index in range(ROUNDS):
            for total, run_one in (
                (sandboxed, sandbox_runner(pool, request)),
                (baseline, subprocess_runner(program, stdin)),
            ):
                part = measure(run_one, runs // ROUNDS, workers, lambda: host_cpu_s(pool), round_index == 0)
                total.runs += part.runs
                total.elapsed_s += part.elapsed_s
                total.cpu_s += part.cpu_s
                total.latencies_s += part.latencies_s
    print(f"{label} ({sandboxed.runs} runs each, {workers} in flight, {ROUNDS} alternating rounds)")
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
    trivial_runs, heavy_runs = (48, 6) if args.quick else (600, 42)
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
    cpu_overhead = (heavy.cpu_s / heavy.runs) / (heavy_base.cpu_s / heavy_base.runs) - 1
    print(
        f"cpu_heavy_overhead={overhead * 100:+.1f}% (throughput)  {cpu_overhead * 100:+.1f}% (CPU per exec)"
    )
    print(f"sandbox_p50_ms={statistics.median(trivial.latencies_s) * 1e3:.1f}")
    print(f"ratio_vs_subprocess={trivial.per_second / trivial_base.per_second:.2f}")


if __name__ == "__main__":
    main()
