"""Run the `popanalytics` command as a user would: a subprocess, its exit code and output."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo.xlsx"

# What a hostile file may cost at most (issue 8): 3 GiB of address space, 60 s.
MEMORY_LIMIT = 3 * 1024**3
TIME_LIMIT = 60.0


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "popanalytics.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


# The child sets its own address-space limit before importing anything, runs the
# CLI's main() and reports its peak resident memory on a last stderr line.
# The peak is the VmHWM of the child's own address space: getrusage's ru_maxrss
# survives execve, and subprocess starts the child with vfork, so it would report
# the test runner's own peak (625 MB late in a full run, for a 143 MB child).
_BOUNDED = """
import re, resource, sys
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from popanalytics.cli import main
try:
    code = main(sys.argv[2:])
finally:
    with open("/proc/self/status") as status:
        peak = re.search(r"VmHWM:\\s*(\\d+) kB", status.read()).group(1)
    sys.stderr.write("\\n@peak_kb=%s\\n" % peak)
sys.exit(code)
"""
_PEAK = re.compile(r"\n@peak_kb=(\d+)\n$")


@dataclass(frozen=True)
class BoundedRun:
    """A CLI run under a memory limit: exit code, output, wall-clock seconds, peak RSS."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


def run_cli_bounded(
    *args: str, memory: int = MEMORY_LIMIT, timeout: float = TIME_LIMIT
) -> BoundedRun:
    """`run_cli` under ``RLIMIT_AS`` = ``memory`` bytes; fails the test on ``timeout``.

    A process that dies from inside a library (a Rust abort on a failed
    allocation) has a negative return code and no peak line: peak_mb is then -1.
    """
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _BOUNDED, str(memory), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    seconds = time.perf_counter() - start
    found = _PEAK.search(done.stderr)
    stderr = done.stderr[: found.start()] if found else done.stderr
    peak = int(found.group(1)) / 1024 if found else -1.0
    return BoundedRun(done.returncode, done.stdout, stderr.strip(), seconds, peak)


# the exit code of a fatal problem (popanalytics.cli.EXIT_FATAL)
EXIT_FATAL_CODE = 2
