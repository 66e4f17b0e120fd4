"""Benchmark of the Excel overview: seconds and peak memory per audience and size.

Each case runs in a fresh process (peak memory never goes down): it builds the
demo dataset, then writes the overview workbook for one audience and reports
the seconds spent in the metrics engine (``collect_overview``), in writing the
workbook (``build_overview`` + save) and in total, the file size and the growth
of the process's peak memory during the export. Budgets (spec, 2-core laptop,
50,000 employees): management ≤ 3 s, hr with detail sheets ≤ 10 s.

    .venv/bin/python bench/export.py [5000 50000] [--lang nl] [--followup 5000]

The per-manager follow-up workbooks (one file per manager) are timed too, in
this process, for the ``--followup`` sizes.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import time
from pathlib import Path

BUDGET_S = {"management": 3.0, "hr": 10.0}


def run_case(employees: int, audience: str, lang: str) -> dict[str, float | int | str]:
    """One export in this process; returns the measurements."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _common import peak_rss_mb

    from popanalytics.demo import DEMO_TODAY, demo_dataset
    from popanalytics.export.overview import build_overview, collect_overview
    from popanalytics.metrics import Params
    from popanalytics.schema.quality import QualityReport

    dataset = demo_dataset(employees=employees)
    params = Params(reference_date=DEMO_TODAY, audience=audience)  # type: ignore[arg-type]
    before = peak_rss_mb()
    start = time.perf_counter()
    data = collect_overview(dataset, QualityReport(), params, ("demo",))
    collected = time.perf_counter()
    buffer = io.BytesIO()
    build_overview(data, lang).save(buffer)
    written = time.perf_counter()
    detail_rows = sum(len(f) for f in (data.overdue, data.out_of_cycle) if f is not None)
    return {
        "employees": employees,
        "audience": audience,
        "metrics_s": round(collected - start, 2),
        "write_s": round(written - collected, 2),
        "total_s": round(written - start, 2),
        "detail_rows": detail_rows,
        "file_mb": round(len(buffer.getvalue()) / 1e6, 2),
        "peak_growth_mb": round(peak_rss_mb() - before, 1),
        "peak_mb": round(peak_rss_mb(), 1),
    }


def run_followup(employees: int, lang: str) -> dict[str, float | int]:
    """The per-manager follow-up workbooks (hr) into a temporary folder."""
    import tempfile

    from popanalytics.demo import DEMO_TODAY, demo_dataset
    from popanalytics.export import write_followup
    from popanalytics.metrics import Params

    dataset = demo_dataset(employees=employees)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        files = write_followup(folder, dataset, Params(reference_date=DEMO_TODAY), lang=lang)
        seconds = time.perf_counter() - start
    return {"employees": employees, "files": len(files), "seconds": round(seconds, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[5000, 50000])
    parser.add_argument("--lang", default="nl")
    parser.add_argument(
        "--followup",
        nargs="*",
        type=int,
        default=[5000],
        help="sizes for the per-manager follow-up workbooks (none: --followup)",
    )
    parser.add_argument(
        "--child", nargs=2, metavar=("EMPLOYEES", "AUDIENCE"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_case(int(args.child[0]), args.child[1], args.lang)))
        return

    header = (
        f"{'employees':>9}  {'audience':<10} {'metrics s':>9} {'write s':>8} {'total s':>8} "
        f"{'budget':>6} {'detail rows':>11} {'file MB':>7} {'peak +MB':>8} {'peak MB':>7}"
    )
    print(header)
    print("-" * len(header))
    failed = False
    for size in args.sizes:
        for audience in ("management", "hr"):
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(size), audience, "--lang", args.lang],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(out.stdout.strip().splitlines()[-1])
            ok = size > 50_000 or float(r["total_s"]) <= BUDGET_S[audience]
            failed |= not ok
            print(
                f"{r['employees']:>9,}  {r['audience']:<10} {r['metrics_s']:>9} {r['write_s']:>8} "
                f"{r['total_s']:>8} {('ok' if ok else 'OVER'):>6} {r['detail_rows']:>11,} "
                f"{r['file_mb']:>7} {r['peak_growth_mb']:>8} {r['peak_mb']:>7}"
            )
    if failed:
        print("\nover budget: management ≤ 3 s, hr ≤ 10 s at 50,000 employees")
    if args.followup:
        print(f"\n{'employees':>9}  {'follow-up files':>15} {'seconds':>8} {'ms per file':>11}")
        for size in args.followup:
            r = run_followup(size, args.lang)
            per_file = 1000 * float(r["seconds"]) / max(int(r["files"]), 1)
            print(f"{r['employees']:>9,}  {r['files']:>15,} {r['seconds']:>8} {per_file:>11.0f}")


if __name__ == "__main__":
    main()
