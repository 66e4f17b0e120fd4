"""Small hand-made inputs for the export tests (no metrics engine needed)."""

from __future__ import annotations

import datetime as dt
import importlib

import numpy as np
import pandas as pd
import pytest

from popanalytics.export.overview import OverviewData
from popanalytics.metrics.params import Params
from popanalytics.schema.quality import FINDING_COLUMNS, QualityReport, TableCounts

INJECTIONS = ('=HYPERLINK("http://evil.example","klik")', "+1+1", "-2", "@SUM(A1)", "\t=1", "\r=1")


def figure_rows(
    metric: str,
    values: dict[str, tuple[float, float]],
    *,
    rate: bool,
    breakdown_field: str | None = None,
    breakdown: str | None = None,
    suppressed: tuple[str, ...] = (),
) -> list[dict[str, object]]:
    """Rows of a figures frame: group -> (numerator, denominator)."""
    rows = []
    for group, (num, den) in values.items():
        hidden = group in suppressed
        rows.append(
            {
                "metric": metric,
                "group": group,
                "breakdown_field": breakdown_field,
                "breakdown": breakdown,
                "numerator": np.nan if hidden else float(num),
                "denominator": np.nan if hidden else float(den),
                "rate": np.nan if hidden or not rate or den == 0 else num / den,
                "employees": float(den),
                "suppressed": hidden,
            }
        )
    return rows


def make_figures(suppress: bool = False, extra_group: str = "Zorg") -> pd.DataFrame:
    """A figures frame shaped like ``metrics.figures``: total, three groups."""
    small = ("Keuken",) if suppress else ()
    pop = {"all": (60, 60), extra_group: (40, 40), "Keuken": (4, 4), "(none)": (16, 16)}
    rows: list[dict[str, object]] = []
    rows += figure_rows("population", pop, rate=False, suppressed=small)
    for i, kind in enumerate(("development", "performance", "appraisal", "any")):
        cov = {
            "all": (30 + i, 60),
            extra_group: (20 + i, 40),
            "Keuken": (2, 4),
            "(none)": (8 + i - 0, 16),
        }
        cov["all"] = (cov[extra_group][0] + 2 + cov["(none)"][0], 60)
        rows += figure_rows(f"coverage_{kind}", cov, rate=True, suppressed=small)
    rows += figure_rows(
        "agreements_completion",
        {"all": (12, 20), extra_group: (9, 14), "Keuken": (1, 2), "(none)": (2, 4)},
        rate=True,
        suppressed=small,
    )
    rows += figure_rows(
        "agreements_overdue",
        {"all": (7, 60), extra_group: (5, 40), "Keuken": (1, 4), "(none)": (1, 16)},
        rate=False,
        suppressed=small,
    )
    for bucket, n in (("1-30", 3), ("31-90", 2), ("91-180", 1), (">180", 1)):
        rows += figure_rows(
            "agreements_overdue",
            {"all": (n, 60), extra_group: (n - 1 if n > 1 else 1, 40)},
            rate=False,
            breakdown_field="bucket",
            breakdown=bucket,
        )
    for cat, n in (("development_goal", 8), ("training", 12)):
        rows += figure_rows(
            "agreements_mix",
            {"all": (n, 20), extra_group: (n - 2, 14)},
            rate=True,
            breakdown_field="category",
            breakdown=cat,
        )
    for theme, n in (("Communicatie", 5), ("Wondzorg", 9), ("=1+2", 2)):
        for metric, factor in (
            ("training_needs", 1),
            ("training_hours", 7.5),
            ("training_cost", 120.0),
        ):
            rows += figure_rows(
                metric,
                {"all": (n * factor, 60), extra_group: (n * factor, 40)},
                rate=False,
                breakdown_field="theme",
                breakdown=theme,
            )
    rows += figure_rows("training_needs", {"all": (16, 60), extra_group: (16, 40)}, rate=False)
    rows += figure_rows("training_cost", {"all": (1920, 60), extra_group: (1920, 40)}, rate=False)
    rows += figure_rows(
        "notice_given",
        {"all": (10, 20), extra_group: (8, 14), "Keuken": (1, 2), "(none)": (1, 4)},
        rate=True,
        suppressed=small,
    )
    return pd.DataFrame(rows).astype({"metric": "str", "group": "str"})


def make_report() -> QualityReport:
    findings = pd.DataFrame(
        [
            {
                "table": "agreements",
                "file": "export.xlsx",
                "sheet": "Afspraken",
                "row": 7,
                "field": "due_date",
                "value": "31/02/2026",
                "severity": "warning",
                "code": "unparseable_date",
                "message_nl": "Rij 7: 'Deadline' bevat geen geldige datum ('31/02/2026').",
                "message_en": "Row 7: 'Due date' is not a valid date ('31/02/2026').",
            }
        ],
        columns=list(FINDING_COLUMNS),
    )
    counts = {
        "employees": TableCounts(60, 60, 0),
        "conversations": TableCounts(80, 80, 0),
        "agreements": TableCounts(21, 20, 1),
        "training_needs": TableCounts(16, 16, 0),
    }
    return QualityReport(counts=counts, findings=findings)


def make_data(audience: str = "hr", **figure_kwargs: object) -> OverviewData:
    params = Params(reference_date=dt.date(2026, 6, 30), audience=audience)  # type: ignore[arg-type]
    figs = make_figures(suppress=audience == "management", **figure_kwargs)  # type: ignore[arg-type]
    overdue = None
    out_of_cycle = None
    if audience == "hr":
        overdue = pd.DataFrame(
            {
                "employee_id": pd.Series(["00123", "00124"], dtype="str"),
                "name": pd.Series(["An Peeters", INJECTIONS[0]], dtype="str"),
                "manager_id": pd.Series(["00001", "00001"], dtype="str"),
                "description": pd.Series(["Cursus wondzorg volgen", "-2"], dtype="str"),
                "due_date": pd.to_datetime(["2026-03-01", "2026-05-15"]),
                "status": pd.Series(["open", "in_progress"], dtype="str"),
                "days_overdue": [121, 46],
            }
        )
        out_of_cycle = pd.DataFrame(
            {
                "employee_id": pd.Series(["00125"], dtype="str"),
                "name": pd.Series(["Bert Claes"], dtype="str"),
                "last_held_date": pd.to_datetime([None]),
            }
        )
    return OverviewData(
        params=params.with_(group_by="department"),
        figures=figs,
        followup_figures=figs,
        group_field="department",
        followup_field="department",
        report=make_report(),
        sources=("export.xlsx",),
        overdue=overdue,
        out_of_cycle=out_of_cycle,
    )


def count_preparations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the real preparations of a dataset from now on (one entry each; a
    Prepared passes through ``prepare`` without one)."""
    module = importlib.import_module("popanalytics.metrics.prepare")
    calls: list[int] = []
    real = module.theme_codes  # called exactly once per preparation

    def counted(themes: pd.Series) -> object:
        calls.append(1)
        return real(themes)

    monkeypatch.setattr(module, "theme_codes", counted)
    return calls
