"""Progress through the cycle: the coverage curve week by week, the previous
cycle's curve at the same weeks, and the projection to the cycle's end.

Every point is ``coverage_<type>`` taken from ``figures(...)`` at that date
(``params.with_(reference_date=D_i)``), so a point is by construction what
``popanalytics metrics --cycle C --reference-date D_i`` prints, population,
new and long-term absent employees as of D_i included, and for the management
audience it is suppressed by the same rule as every other figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from popanalytics.errors import PopError
from popanalytics.i18n import fmt_date, t
from popanalytics.metrics.context import make_context
from popanalytics.metrics.figures import figures
from popanalytics.metrics.params import TOTAL, Cycle, Params
from popanalytics.metrics.population import COVERAGE_TYPES, add_coverage, covered
from popanalytics.metrics.prepare import CONVERSATION_KINDS, Prepared, prepare
from popanalytics.metrics.rows import Rows
from popanalytics.model import Dataset

DEFAULT_TYPE = "development"  # the POP conversation
POINT_COLUMNS: tuple[str, ...] = (
    "date",
    "week",
    "numerator",
    "denominator",
    "rate",
    "suppressed",
    "previous_date",
    "previous_numerator",
    "previous_denominator",
    "previous_rate",
    "previous_suppressed",
)
PROJECTION_COLUMNS: tuple[str, ...] = (
    "group",
    "numerator",
    "denominator",
    "rate",
    "covered",
    "planned",
    "current_rate",
    "suppressed",
)


@dataclass(frozen=True)
class Progress:
    """The curve (``points``: POINT_COLUMNS, one row per date) and the projection
    (``projection``: PROJECTION_COLUMNS, the total row "all" first, then one row
    per group when ``params.group_by`` is set)."""

    conversation_type: str
    cycle: Cycle
    reference: dt.date
    points: pd.DataFrame
    projection: pd.DataFrame

    @property
    def total_projection(self) -> pd.Series:
        return self.projection.iloc[0]


def check_progress_params(params: Params, conversation_type: str) -> None:
    """A conversation type that exists and a reference date not before the cycle
    start; otherwise a PopError with a message in both languages."""
    if conversation_type not in COVERAGE_TYPES:
        raise PopError(
            t(
                "progress.unknown_type",
                "nl",
                type=conversation_type,
                known=", ".join(COVERAGE_TYPES),
            ),
            t(
                "progress.unknown_type",
                "en",
                type=conversation_type,
                known=", ".join(COVERAGE_TYPES),
            ),
            code="bad_parameter",
        )
    cycle = params.cycle
    if params.reference < cycle.start:
        values = {"cycle": cycle.label}
        raise PopError(
            t(
                "progress.before_start",
                "nl",
                date=fmt_date(params.reference, "nl"),
                start=fmt_date(cycle.start, "nl"),
                **values,
            ),
            t(
                "progress.before_start",
                "en",
                date=fmt_date(params.reference, "en"),
                start=fmt_date(cycle.start, "en"),
                **values,
            ),
            code="bad_parameter",
        )


def point_dates(cycle: Cycle, reference: dt.date) -> list[tuple[int, dt.date]]:
    """(week, date) of the curve: D_i = start + 7·i − 1 while D_i ≤ R, then R
    itself when it is not on that grid (with the week it falls in)."""
    reference = min(reference, cycle.end)
    days = (reference - cycle.start).days  # R = start + days
    if days < 0:
        return []
    weeks = (days + 1) // 7  # the last i with 7·i − 1 ≤ days
    out = [(i, cycle.start + dt.timedelta(days=7 * i - 1)) for i in range(1, weeks + 1)]
    if (days + 1) % 7:
        out.append((days // 7 + 1, reference))
    return out


def shift_cycle(day: dt.date, cycle: Cycle, back: int = 1) -> dt.date:
    """The same day of the cycle ``back`` cycles earlier (same offset from its start)."""
    return cycle.previous(back).start + (day - cycle.start)


def _coverage_total(
    prepared: Prepared, params: Params, metric: str
) -> tuple[float, float, float, bool]:
    """(numerator, denominator, rate, suppressed) of ``metric``'s total row.

    For hr the coverage rows are built by the figures' own ``add_coverage`` on
    the figures' own context (the other ~30 figures of ``figures`` would cost
    ten times more per point, for nothing); for management ``figures`` itself
    is called, so its suppression rule, whatever it becomes, applies as is.
    The property test checks the point against ``figures`` either way.
    """
    if params.audience == "hr":
        rows = Rows(make_context(prepared, params))
        add_coverage(rows)
        frame = rows.frame()
    else:
        frame = figures(prepared, params)
    row = frame[
        (frame["metric"] == metric) & (frame["group"] == TOTAL) & frame["breakdown_field"].isna()
    ]
    if row.empty:  # no figures at all (no population): nothing covered of nobody
        return 0.0, 0.0, float("nan"), params.audience == "management"
    r = row.iloc[0]
    return float(r["numerator"]), float(r["denominator"]), float(r["rate"]), bool(r["suppressed"])


def progress(
    dataset: Dataset | Prepared,
    params: Params,
    conversation_type: str = DEFAULT_TYPE,
) -> Progress:
    """The progress curve of ``coverage_<conversation_type>`` for ``params``
    (cycle, R, filters, audience) and the projection to the cycle's end.

    ``params.group_by`` only affects the projection (one row per group); the
    curve is always the organisation (within the filters).
    """
    check_progress_params(params, conversation_type)
    prepared = prepare(dataset)  # once for every point
    cycle = params.cycle
    metric = f"coverage_{conversation_type}"
    total = params.with_(group_by=None)
    previous_cycle = cycle.previous()
    rows = []
    # one iteration per week of the cycle (at most 53), not per data row
    for week, day in point_dates(cycle, params.reference):
        num, den, rate, hidden = _coverage_total(prepared, total.with_(reference_date=day), metric)
        before = shift_cycle(day, cycle)
        p_num, p_den, p_rate, p_hidden = _coverage_total(
            prepared, total.with_(cycle_year=previous_cycle.year, reference_date=before), metric
        )
        rows.append((day, week, num, den, rate, hidden, before, p_num, p_den, p_rate, p_hidden))
    points = pd.DataFrame.from_records(rows, columns=list(POINT_COLUMNS))
    if points.empty:
        points = points.astype({"week": np.int64, "suppressed": bool, "previous_suppressed": bool})
    return Progress(
        conversation_type=conversation_type,
        cycle=cycle,
        reference=params.effective_reference,
        points=points,
        projection=projection(prepared, params, conversation_type),
    )


def planned_ahead(prepared: Prepared, params: Params, conversation_type: str) -> np.ndarray:
    """Per employee: a conversation of the type planned between R and the cycle's
    end (R included), not cancelled and not held at R."""
    ctx = make_context(prepared, params)
    data = ctx.data
    with np.errstate(invalid="ignore"):
        mask = (
            (data.conversations.planned >= ctx.reference)
            & (data.conversations.planned <= ctx.cycle_end)
            & ~data.conversations.cancelled
            & ~ctx.conv_held_at_r
        )
    if conversation_type != "any":
        mask &= data.conversations.kind == CONVERSATION_KINDS.index(conversation_type)
    return ctx.has_row(data.conversations.emp, mask)


def projection(
    dataset: Dataset | Prepared, params: Params, conversation_type: str = DEFAULT_TYPE
) -> pd.DataFrame:
    """Coverage at the cycle's end if every conversation planned from R on is held:
    (covered at R + eligible not yet covered with such a planned conversation) /
    eligible at R; the total first, then per ``params.group_by`` group.

    The employee set of a cell is that of ``coverage_<type>`` at R for the same
    group, so a cell is suppressed exactly when that figure is (taken from
    ``figures``: the management rule is applied in one place).
    """
    check_progress_params(params, conversation_type)
    prepared = prepare(dataset)
    ctx = make_context(prepared, params)
    done = covered(ctx, conversation_type)
    extra = ctx.eligible & ~done & planned_ahead(prepared, params, conversation_type)
    num_g = ctx.per_group(done | extra)
    den_g = ctx.per_group(ctx.eligible)
    done_g = ctx.per_group(done)
    extra_g = ctx.per_group(extra)
    frame = figures(prepared, params)
    metric = f"coverage_{conversation_type}"
    rows = frame[(frame["metric"] == metric) & frame["breakdown_field"].isna()]
    groups = rows["group"].to_numpy(dtype=object)
    is_total = groups == TOTAL
    # per-group arrays followed by the total in one extra slot
    at = pd.Index(ctx.group_labels.astype(str)).get_indexer(groups.astype(str))
    at = np.where(is_total, len(ctx.group_labels), at)

    def cells(per_group: np.ndarray) -> np.ndarray:
        return np.append(per_group, per_group.sum())[at]

    num, den, cov, plan = cells(num_g), cells(den_g), cells(done_g), cells(extra_g)
    hidden = rows["suppressed"].to_numpy(dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)
    out = pd.DataFrame(
        {
            "group": groups,
            "numerator": num,
            "denominator": den,
            "rate": rate,
            "covered": cov,
            "planned": plan,
            "current_rate": rows["rate"].to_numpy(dtype=float),
            "suppressed": hidden,
        }
    )
    for column in ("numerator", "denominator", "rate", "covered", "planned", "current_rate"):
        out[column] = np.where(hidden, np.nan, out[column].to_numpy(dtype=float))
    if out.empty:
        out = pd.DataFrame(
            [(TOTAL, 0.0, 0.0, np.nan, 0.0, 0.0, np.nan, params.audience == "management")],
            columns=list(PROJECTION_COLUMNS),
        )
    return out


__all__ = [
    "DEFAULT_TYPE",
    "POINT_COLUMNS",
    "PROJECTION_COLUMNS",
    "Progress",
    "check_progress_params",
    "point_dates",
    "progress",
    "projection",
    "shift_cycle",
]
