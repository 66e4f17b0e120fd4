"""Benchmark of the metrics engine on demo datasets.

For each size: the time to prepare the dataset's arrays once (what the
dashboard does when a dataset is loaded) and the median time to compute what
the dashboard shows for one filter state (figures grouped by department,
trend, manager overview, overdue agreements) from the prepared arrays and from
the plain Dataset, plus peak memory (tracemalloc) of one filter state; and the
management audience's state (figures by department and trend, suppressed by
the disclosure plans): the first one, which builds the plans, and the next.

    .venv/bin/python bench/metrics.py [5000 50000 500000] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc

from popanalytics.demo import DEMO_TODAY, demo_dataset
from popanalytics.metrics import (
    Params,
    figures,
    manager_overview,
    overdue_agreements,
    prepare,
    trend,
)
from popanalytics.model import Dataset


def one_filter_state(data: object, params: Params) -> None:
    """Everything the dashboard computes for one filter state."""
    figures(data, params.with_(group_by="department"))  # type: ignore[arg-type]
    trend(data, params)  # type: ignore[arg-type]
    manager_overview(data, params)  # type: ignore[arg-type]
    overdue_agreements(data, params)  # type: ignore[arg-type]


def one_management_state(data: object, params: Params) -> None:
    """What the dashboard computes for management (no manager overview, no
    detail list): figures grouped by department and the trend, suppressed
    with the disclosure plans (built on first use, then reused)."""
    management = params.with_(audience="management")
    figures(data, management.with_(group_by="department"))  # type: ignore[arg-type]
    trend(data, management)  # type: ignore[arg-type]


def _median_ms(func, repeat: int, clock=time.perf_counter) -> float:
    times = []
    for _ in range(repeat):
        start = clock()
        func()
        times.append((clock() - start) * 1000)
    return statistics.median(times)


def bench(size: int, repeat: int) -> dict[str, float]:
    start = time.perf_counter()
    dataset: Dataset = demo_dataset(employees=size, seed=2026)
    generate_s = time.perf_counter() - start
    params = Params(reference_date=DEMO_TODAY)

    start = time.perf_counter()
    prepared = prepare(dataset)
    prepare_ms = (time.perf_counter() - start) * 1000

    state_ms = _median_ms(lambda: one_filter_state(prepared, params), repeat)
    # CPU time of this process: less disturbed by other work on a shared machine
    state_cpu_ms = _median_ms(lambda: one_filter_state(prepared, params), repeat, time.process_time)
    full_ms = _median_ms(lambda: one_filter_state(dataset, params), max(1, repeat // 2))
    # the first management state builds the plans of the trend's cycles
    start = time.process_time()
    one_management_state(prepared, params)
    plans_cpu_ms = (time.process_time() - start) * 1000
    management_cpu_ms = _median_ms(
        lambda: one_management_state(prepared, params), repeat, time.process_time
    )

    tracemalloc.start()
    one_filter_state(prepared, params)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "employees": size,
        "rows": sum(
            len(dataset.table(n)) for n in ("conversations", "agreements", "training_needs")
        ),
        "generate_s": generate_s,
        "prepare_ms": prepare_ms,
        "state_ms": state_ms,
        "state_cpu_ms": state_cpu_ms,
        "state_from_dataset_ms": full_ms,
        "peak_mb": peak / 1e6,
        "first_management_cpu_ms": plans_cpu_ms,
        "management_cpu_ms": management_cpu_ms,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[5_000, 50_000, 500_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(
        f"{'employees':>10} {'rows':>10} {'prepare ms':>11} {'state ms':>9} {'state cpu ms':>13} "
        f"{'from Dataset ms':>16} {'peak MB':>8} {'mgmt 1st cpu ms':>16} {'mgmt cpu ms':>12}"
    )
    for size in args.sizes:
        r = bench(size, args.repeat)
        print(
            f"{r['employees']:>10,} {r['rows']:>10,} {r['prepare_ms']:>11.0f} {r['state_ms']:>9.1f} "
            f"{r['state_cpu_ms']:>13.1f} "
            f"{r['state_from_dataset_ms']:>16.0f} {r['peak_mb']:>8.1f} "
            f"{r['first_management_cpu_ms']:>16.0f} {r['management_cpu_ms']:>12.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
