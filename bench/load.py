"""Benchmark: reading demo exports raw versus loading and validating them.

For demo workbooks of 5,000 and 50,000 employees it measures, each in a fresh
process so memory peaks do not mix:

* ``pd.read_excel(path, sheet_name=None, engine="calamine")`` — the floor;
* the same with ``engine="openpyxl"``;
* ``popanalytics.dataset.load([path])`` — read, recognise, coerce, validate.

It prints seconds (median of the repeats) and peak RSS, and the ratio
load+validate / raw calamine (goal ≤ 1.5). Workbooks are cached in bench/.cache/.

Then the hostile files of issue 8 (tests/hostile_files.py: a value at
XFD1048576, a zip bomb, a 10 MB CSV field, …), each loaded in a fresh process
under RLIMIT_AS 3 GiB: seconds, peak RSS and the outcome (the error code of
the clear message, or the rows read). Goal: each within 60 s and 3 GB.

    .venv/bin/python bench/load.py [--sizes 5000 50000] [--repeat 3] [--no-hostile]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from _common import CACHE, demo_workbook, peak_rss_mb, timed
from hostile_files import CASES

# what a hostile file may cost (issue 8)
HOSTILE_MEMORY = 3 * 1024**3
HOSTILE_SECONDS = 60.0

OPERATIONS = ("calamine", "openpyxl", "load")
LABELS = {
    "calamine": "pd.read_excel calamine",
    "openpyxl": "pd.read_excel openpyxl",
    "load": "popanalytics load+validate",
}
GOAL = 1.5


def run_hostile(path: Path) -> dict[str, object]:
    """Load one hostile file in this (fresh) process, under the memory limit."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (HOSTILE_MEMORY, HOSTILE_MEMORY))
    from popanalytics.dataset import load
    from popanalytics.errors import PopError

    def attempt() -> str:
        try:
            loaded = load([path])
        except PopError as error:
            return f"refused: {error.code}"
        read = sum(c.read for c in loaded.report.counts.values())
        return f"read {read} rows, {len(loaded.report.findings)} findings"

    seconds, outcome = timed(attempt, 1)
    return {"seconds": seconds, "peak_mb": peak_rss_mb(), "outcome": outcome}


def measure_hostile(path: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--hostile-one", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=HOSTILE_SECONDS * 2,
    )
    if out.returncode != 0:  # killed: a regression to report, not a crash of the bench
        return {"seconds": float("nan"), "peak_mb": float("nan"), "outcome": "DIED"}
    figures: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def run_one(operation: str, path: Path, repeat: int) -> dict[str, float]:
    """One operation in this (fresh) process: median seconds, peak and base RSS."""
    # Import the engines and the package first so the base memory covers them.
    import openpyxl  # noqa: F401
    import pandas as pd
    import python_calamine  # noqa: F401

    import popanalytics.io  # noqa: F401
    from popanalytics.dataset import load

    base = peak_rss_mb()
    if operation == "load":
        seconds, _ = timed(lambda: load([path]), repeat)
    else:
        seconds, _ = timed(lambda: pd.read_excel(path, sheet_name=None, engine=operation), repeat)
    return {"seconds": seconds, "peak_mb": peak_rss_mb(), "base_mb": base}


def measure(operation: str, path: Path, repeat: int) -> dict[str, float]:
    """Run one operation in a fresh Python process and read its figures."""
    out = subprocess.run(
        [sys.executable, __file__, "--one", operation, str(path), "--repeat", str(repeat)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--repeat", type=int, default=3, help="repeats per size ≤ 5,000")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-hostile", action="store_true", help="skip the hostile files")
    parser.add_argument("--one", nargs=2, metavar=("OPERATION", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--hostile-one", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.one:  # child process: one measurement, printed as JSON
        print(json.dumps(run_one(args.one[0], Path(args.one[1]), args.repeat)))
        return 0
    if args.hostile_one:
        print(json.dumps(run_hostile(Path(args.hostile_one))))
        return 0

    rows = []
    for size in args.sizes:
        seconds, path = timed(lambda size=size: demo_workbook(size, args.seed), 1)
        print(
            f"workbook {path.name}: {path.stat().st_size / 1e6:.1f} MB (ready in {seconds:.1f} s)"
        )
        repeat = args.repeat if size <= 5000 else 1  # big reads take long enough alone
        figures = {op: measure(op, path, repeat) for op in OPERATIONS}
        rows.append((size, figures))

    print()
    print(f"{'employees':>9}  {'operation':<28} {'seconds':>8} {'peak MB':>8} {'Δ MB':>7}")
    for size, figures in rows:
        for op in OPERATIONS:
            f = figures[op]
            delta = f["peak_mb"] - f["base_mb"]
            print(
                f"{size:>9,}  {LABELS[op]:<28} {f['seconds']:>8.2f} {f['peak_mb']:>8.0f} {delta:>7.0f}"
            )
        ratio = figures["load"]["seconds"] / figures["calamine"]["seconds"]
        verdict = "ok" if ratio <= GOAL else f"above the goal of {GOAL}"
        print(f"{size:>9,}  ratio load+validate / raw calamine = {ratio:.2f} ({verdict})")
    if not args.no_hostile:
        _hostile_table()
    return 0


def _hostile_table() -> None:
    """Every hostile file of tests/hostile_files.py: built, loaded, measured."""
    folder = CACHE / "hostile"
    folder.mkdir(parents=True, exist_ok=True)
    print()
    print(f"hostile files (each in a fresh process, RLIMIT_AS {HOSTILE_MEMORY / 1024**3:.0f} GiB)")
    print(f"{'file':<28} {'size':>9} {'seconds':>8} {'peak MB':>8}  outcome")
    for name, (file_name, build) in CASES.items():
        path = build(folder / file_name)
        f = measure_hostile(path)
        seconds, peak = float(f["seconds"]), float(f["peak_mb"])  # type: ignore[arg-type]
        within = seconds <= HOSTILE_SECONDS and peak * 1e6 <= HOSTILE_MEMORY
        flag = "" if within else "  ABOVE 60 s / 3 GB"
        size = f"{path.stat().st_size / 1e3:,.0f} KB"
        print(f"{name:<28} {size:>9} {seconds:>8.2f} {peak:>8.0f}  {f['outcome']}{flag}")


if __name__ == "__main__":
    sys.exit(main())
