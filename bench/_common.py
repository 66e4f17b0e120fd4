"""Small helpers the bench scripts share: timing, peak memory, cached demo workbooks."""

from __future__ import annotations

import hashlib
import resource
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "bench" / ".cache"  # git-ignored


def timed(fn: Callable[[], T], repeat: int = 3) -> tuple[float, T]:
    """Run ``fn`` ``repeat`` times; the median wall-clock seconds and the last result."""
    seconds: list[float] = []
    result: T
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), result


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (no psutil needed).

    Peaks never go down: measure each operation in a fresh process. Linux's
    VmHWM is this address space's own peak; getrusage's ru_maxrss survives
    execve, so a child started by a large parent (subprocess uses vfork)
    would report the parent's peak. ru_maxrss stays the fallback elsewhere.
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # Linux reports kilobytes, macOS bytes.
        return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
    kilobytes = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))
    return int(kilobytes) / 1024


def demo_workbook(employees: int, seed: int = 2026, *, folder: bool = False) -> Path:
    """The demo export of that size, generated once and cached under bench/.cache/.

    ``folder=True`` gives the CSV-folder form (the only one past Excel's row limit).
    """
    import popanalytics.demo
    from popanalytics.demo import write_demo_workbook

    # The cache key includes the demo's source, so a changed generator regenerates.
    sources = sorted(Path(popanalytics.demo.__file__).parent.glob("*.py"))
    version = hashlib.sha1(b"".join(p.read_bytes() for p in sources)).hexdigest()[:8]
    name = f"demo-{employees}-{seed}-{version}"
    target = CACHE / (name if folder else f"{name}.xlsx")
    done = CACHE / f"{target.name}.done"  # written last: a half-written cache is redone
    if not done.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        _remove_older_versions(f"demo-{employees}-{seed}-", keep=name)
        write_demo_workbook(target, employees=employees, seed=seed)
        done.touch()
    return target


def _remove_older_versions(prefix: str, keep: str) -> None:
    """Drop cached exports of this size and seed made by an older demo generator."""
    for stale in CACHE.glob(f"{prefix}*"):
        if stale.name.startswith(keep):
            continue
        if stale.is_dir():
            shutil.rmtree(stale)
        else:
            stale.unlink()
