"""The figures frame (every metric, total and per group) and its trend over cycles."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from popanalytics.metrics.collect import collect
from popanalytics.metrics.context import Context, make_context
from popanalytics.metrics.disclosure import apply_plan, check_query, plan_for
from popanalytics.metrics.params import Params
from popanalytics.metrics.prepare import Prepared, prepare
from popanalytics.model import Dataset


def figures(dataset: Dataset | Prepared, params: Params) -> pd.DataFrame:
    """Every figure of docs/metrics.md for ``params``: the total row (group "all")
    and, with ``params.group_by``, one row per group; breakdown rows included.

    Columns: metric, group, breakdown_field, breakdown, numerator, denominator,
    rate, employees, suppressed. Suppressed for the management audience (the
    disclosure module's block rule); a query management may not make at all
    raises PopError.
    """
    data = prepare(dataset)
    check_query(data, params)
    ctx = make_context(data, params)
    return _finish(compute(ctx, breakdowns=True), ctx)


def compute(ctx: Context, breakdowns: bool) -> pd.DataFrame:
    """All figures of one context, unsuppressed."""
    return collect(ctx, breakdowns).frame()


def _finish(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    if ctx.params.audience == "management":
        return apply_plan(frame, ctx, plan_for(ctx.data, ctx.params))
    return frame


def trend(dataset: Dataset | Prepared, params: Params) -> pd.DataFrame:
    """Headline figures for the last ``params.trend_cycles`` cycles, oldest first.

    Each past cycle is taken as of its own end, the current one as of R; the
    frame has the figures columns plus ``cycle`` (label) and ``reference_date``.
    """
    prepared = prepare(dataset)
    check_query(prepared, params)
    current = params.cycle
    frames = []
    for back in range(max(params.trend_cycles, 1) - 1, -1, -1):
        cycle = current.previous(back)
        reference: dt.date = params.effective_reference if back == 0 else cycle.end
        cycle_params = params.with_(cycle_year=cycle.year, reference_date=reference)
        ctx = make_context(prepared, cycle_params)
        # a past cycle is suppressed with the blocks of its own population
        frame = _finish(compute(ctx, breakdowns=False), ctx)
        frame.insert(0, "reference_date", pd.Timestamp(reference))
        frame.insert(0, "cycle", cycle.label)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)
