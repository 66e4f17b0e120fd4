"""A stand-in metrics engine for dashboard tests: the contract's frame shape, counted calls."""

from __future__ import annotations

import zlib
from collections import Counter

import numpy as np
import pandas as pd

from popanalytics.metrics import FIGURE_COLUMNS, METRICS
from popanalytics.metrics.params import TOTAL, Params
from popanalytics.model import Dataset

# every headline metric of the catalogue: rates with a rate, the others a number
RATE_METRICS = tuple(k for k, m in METRICS.items() if m.headline and m.kind == "rate")
COUNT_METRICS = tuple(k for k, m in METRICS.items() if m.headline and m.kind != "rate")
BREAKDOWNS = {
    ("agreements_mix", "category"): (
        "development_goal",
        "training",
        "coaching",
        "practical",
    ),
    ("agreements_mix", "focus"): ("strength", "improvement"),
    ("agreements_overdue", "bucket"): ("1-30", "31-90", "91-180", ">180"),
    ("training_needs", "theme"): ("Valpreventie", "Agressiebeheersing", "Hygiëne"),
    ("training_hours", "theme"): ("Valpreventie", "Agressiebeheersing", "Hygiëne"),
    ("training_cost", "theme"): ("Valpreventie", "Agressiebeheersing", "Hygiëne"),
    ("training_needs", "status"): ("requested", "approved", "planned", "completed", "rejected"),
}


def _seed(*parts: object) -> int:
    return zlib.crc32("|".join(map(str, parts)).encode())


def fake_figures(dataset: Dataset, params: Params) -> pd.DataFrame:
    """Deterministic figures per (filters, cycle, group): sizes from the employee table."""
    employees = dataset.employees
    for name, values in params.filters:
        employees = employees[employees[name].isin(values)]
    groups: list[tuple[str, int]] = [(TOTAL, len(employees))]
    if params.group_by:
        sizes = employees[params.group_by].fillna("(none)").value_counts()
        groups += [(str(g), int(n)) for g, n in sizes.items()]
    rows = []
    for group, size in groups:
        rng = np.random.default_rng(_seed(params.cycle.year, params.filters, group))
        for metric in RATE_METRICS:
            den = float(size)
            num = float(rng.integers(0, size + 1)) if size else 0.0
            rows.append((metric, group, None, None, num, den, num / den if den else np.nan, size))
        for metric in COUNT_METRICS:
            rows.append(
                (
                    metric,
                    group,
                    None,
                    None,
                    float(rng.integers(0, 3 * size + 1)),
                    float(size),
                    np.nan,
                    size,
                )
            )
        for (metric, field), values in BREAKDOWNS.items():
            for value in values:
                rows.append(
                    (
                        metric,
                        group,
                        field,
                        value,
                        float(rng.integers(0, size + 1)),
                        float(size),
                        np.nan,
                        size,
                    )
                )
    frame = pd.DataFrame(rows, columns=[c for c in FIGURE_COLUMNS if c != "suppressed"])
    frame["suppressed"] = False
    if params.audience == "management":
        small = frame["employees"] < params.k
        frame.loc[small, ["numerator", "denominator", "rate"]] = np.nan
        frame["suppressed"] = small
    return frame


class FakeEngine:
    """Counts calls per kind so tests can see what was (re)computed."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()

    def prepare(self, dataset: Dataset) -> Dataset:
        self.calls["prepare"] += 1
        return dataset

    def figures(self, dataset: Dataset, params: Params) -> pd.DataFrame:
        self.calls["figures"] += 1
        return fake_figures(dataset, params)

    def trend(self, dataset: Dataset, params: Params) -> pd.DataFrame:
        self.calls["trend"] += 1
        frames = [
            fake_figures(dataset, params.with_(cycle_year=c.year, reference_date=c.end)).assign(
                cycle=c.label
            )
            for c in (params.cycle.previous(2), params.cycle.previous(1), params.cycle)
        ]
        return pd.concat(frames, ignore_index=True)

    def overdue_agreements(self, dataset: Dataset, params: Params) -> pd.DataFrame:
        self.calls["overdue"] += 1
        if params.audience != "hr":
            raise PermissionError("hr only")
        agreements = dataset.agreements.head(40)
        return pd.DataFrame(
            {
                "employee_id": agreements["employee_id"].to_numpy(),
                "name": "Fictief",
                "manager_name": "M1",
                "category": agreements["category"].to_numpy(),
                "due_date": agreements["due_date"].to_numpy(),
                "days_overdue": np.arange(len(agreements), dtype=float) * 7 + 1,
            }
        )
