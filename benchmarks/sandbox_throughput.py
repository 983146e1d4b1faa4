"""Throughput and latency of the sandbox against runners without isolation, per execution.

Baselines: plain `subprocess.run([python, file])`, `python -S` subprocesses (no site import), and a
pre-forked pool without isolation (a fork per run from pre-started workers: the sandbox's design minus
every isolation layer). All run at the same concurrency (one in flight per worker, all cores by default),
in alternating rounds of the same run, for a trivial program (`print(input())`) and a CPU-heavy one (sort
200,000 ints read from stdin). Also prints the cost of each per-run mechanism of the sandbox in
CPU microseconds per run (fresh /tmp tmpfs, cgroup, schedstat read, Landlock ruleset) and the load average.
The last line is `ratio_vs_subprocess=X.XX` (trivial program).
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

from sandbox_mechanisms import PreforkRunner, mechanism_costs_us  # beside this script

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


def host_cpu_s(pool: SandboxPool, prefork: PreforkRunner) -> float:
    """CPU used so far by this process, its reaped children, the pool's workers and zygotes, and the
    pre-forked baseline's workers (with the runs they reaped)."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    total = sum(u.ru_utime + u.ru_stime for u in usage) + sum(_process_cpu_s(p) for p in prefork.pids())
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


def subprocess_runner(program: Path, stdin: str, *flags: str) -> Callable[[], None]:
    def run_one() -> None:
        subprocess.run(
            [sys.executable, *flags, str(program)], input=stdin, capture_output=True, text=True, check=True
        )

    return run_one


def prefork_runner(prefork: PreforkRunner, code: str, stdin: str) -> Callable[[], None]:
    def run_one() -> None:
        prefork.run(code, stdin)

    return run_one


def compare(
    pool: SandboxPool, prefork: PreforkRunner, label: str, code: str, stdin: str, runs: int, workers: int
) -> dict[str, Figures]:
    """Alternate the runners' rounds, so a change in the machine's load hits all alike."""
    figures = {name: Figures() for name in RUNNERS}
    with tempfile.TemporaryDirectory() as scratch:
        program = Path(scratch) / "program.py"
        program.write_text(code)
        request = ExecRequest(code=code, stdin=stdin, cpu_time_limit_s=10, memory_limit_mb=1024)
        runners = {
            "sandbox": sandbox_runner(pool, request),
            "subprocess": subprocess_runner(program, stdin),
            "python -S": subprocess_runner(program, stdin, "-S"),
            "prefork": prefork_runner(prefork, code, stdin),
        }
        for round_index in range(ROUNDS):
            for name, run_one in runners.items():
                cpu_s = lambda: host_cpu_s(pool, prefork)  # noqa: E731
                part = measure(run_one, runs // ROUNDS, workers, cpu_s, round_index == 0)
                total = figures[name]
                total.runs += part.runs
                total.elapsed_s += part.elapsed_s
                total.cpu_s += part.cpu_s
                total.latencies_s += part.latencies_s
    runs_each = figures["sandbox"].runs
    print(f"{label} ({runs_each} runs each, {workers} in flight, {ROUNDS} alternating rounds)")
    for name, label_text in RUNNERS.items():
        print(figures[name].line(label_text))
    return figures


RUNNERS = {
    "sandbox": "sandbox (full isolation)",
    "subprocess": "subprocess.run baseline",
    "python -S": "python -S subprocesses",
    "prefork": "pre-forked, no isolation",
}


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer runs; finishes in under 30 s")
    parser.add_argument("--workers", type=int, default=available_cores(), help="pool size and concurrency")
    args = parser.parse_args()
    trivial_runs, heavy_runs = (48, 6) if args.quick else (600, 42)
    numbers = " ".join(str(random.Random(0).randrange(10**9)) for _ in range(200_000))
    print(f"before: {load()}")
    print("per-run CPU cost of each mechanism (us/run, median of 5 batches):")
    for name, cost_us in mechanism_costs_us(200 if args.quick else 1000).items():
        print(f"  {name:<44} {cost_us:8.1f} us/run")
    with SandboxPool(SandboxConfig(workers=args.workers)) as pool, PreforkRunner(args.workers) as prefork:
        print("isolation active: " + ", ".join(pool.mechanisms))
        heavy_all = compare(
            pool, prefork, "CPU-heavy: sort 200,000 ints", CPU_HEAVY, numbers, heavy_runs, args.workers
        )
        trivial_all = compare(
            pool, prefork, "trivial: print(input())", TRIVIAL, "hello\n", trivial_runs, args.workers
        )
    print(f"after: {load()}")
    heavy, heavy_base = heavy_all["sandbox"], heavy_all["subprocess"]
    trivial, trivial_base = trivial_all["sandbox"], trivial_all["subprocess"]
    overhead = heavy_base.per_second / heavy.per_second - 1
    cpu_overhead = (heavy.cpu_s / heavy.runs) / (heavy_base.cpu_s / heavy_base.runs) - 1
    print(
        f"cpu_heavy_overhead={overhead * 100:+.1f}% (throughput)  {cpu_overhead * 100:+.1f}% (CPU per exec)"
    )
    print(f"sandbox_p50_ms={statistics.median(trivial.latencies_s) * 1e3:.1f}")
    print(f"ratio_vs_subprocess={trivial.per_second / trivial_base.per_second:.2f}")


if __name__ == "__main__":
    main()
