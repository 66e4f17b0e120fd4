"""Benchmark: reading demo exports raw versus loading and validating them.

For demo workbooks of 5,000 and 50,000 employees it measures, each in a fresh
process so memory peaks do not mix:

* ``pd.read_excel(path, sheet_name=None, engine="calamine")`` — the floor;
* the same with ``engine="openpyxl"``;
* ``popanalytics.dataset.load([path])`` — read, recognise, coerce, validate.

It prints seconds (median of the repeats) and peak RSS, and the ratio
load+validate / raw calamine (goal ≤ 1.5). Workbooks are cached in bench/.cache/.

    .venv/bin/python bench/load.py [--sizes 5000 50000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import demo_workbook, peak_rss_mb, timed

OPERATIONS = ("calamine", "openpyxl", "load")
LABELS = {
    "calamine": "pd.read_excel calamine",
    "openpyxl": "pd.read_excel openpyxl",
    "load": "popanalytics load+validate",
}
GOAL = 1.5


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
    parser.add_argument("--one", nargs=2, metavar=("OPERATION", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.one:  # child process: one measurement, printed as JSON
        print(json.dumps(run_one(args.one[0], Path(args.one[1]), args.repeat)))
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
