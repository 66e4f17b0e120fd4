"""The figures frame (every metric, total and per group) and its trend over cycles."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from popanalytics.metrics.agreements import add_agreements
from popanalytics.metrics.context import Context, Rows, make_context
from popanalytics.metrics.followup import add_followup
from popanalytics.metrics.params import Params
from popanalytics.metrics.population import (
    add_conversation_status,
    add_coverage,
    add_population,
)
from popanalytics.metrics.prepare import Prepared, prepare
from popanalytics.metrics.privacy import suppress
from popanalytics.metrics.process import add_process
from popanalytics.metrics.training import add_training
from popanalytics.model import Dataset


def figures(dataset: Dataset | Prepared, params: Params) -> pd.DataFrame:
    """Every figure of metrics.md for ``params``: the total row (group "all")
    and, with ``params.group_by``, one row per group; breakdown rows included.

    Columns: metric, group, breakdown_field, breakdown, numerator, denominator,
    rate, employees, suppressed. Suppressed for the management audience.
    """
    ctx = make_context(prepare(dataset), params)
    return _finish(compute(ctx, breakdowns=True), params)


def compute(ctx: Context, breakdowns: bool) -> pd.DataFrame:
    """All figures of one context, unsuppressed."""
    rows = Rows(ctx)
    add_population(rows)
    add_coverage(rows)
    add_conversation_status(rows, breakdowns)
    add_agreements(rows, breakdowns)
    add_followup(rows, breakdowns)
    add_training(rows, breakdowns)
    add_process(rows)
    return rows.frame()


def _finish(frame: pd.DataFrame, params: Params) -> pd.DataFrame:
    if params.audience == "management":
        return suppress(frame, params.k)
    return frame


def trend(dataset: Dataset | Prepared, params: Params) -> pd.DataFrame:
    """Headline figures for the last ``params.trend_cycles`` cycles, oldest first.

    Each past cycle is taken as of its own end, the current one as of R; the
    frame has the figures columns plus ``cycle`` (label) and ``reference_date``.
    """
    prepared = prepare(dataset)
    current = params.cycle
    frames = []
    for back in range(max(params.trend_cycles, 1) - 1, -1, -1):
        cycle = current.previous(back)
        reference: dt.date = params.effective_reference if back == 0 else cycle.end
        cycle_params = params.with_(cycle_year=cycle.year, reference_date=reference)
        frame = compute(make_context(prepared, cycle_params), breakdowns=False)
        frame = _finish(frame, cycle_params)
        frame.insert(0, "reference_date", pd.Timestamp(reference))
        frame.insert(0, "cycle", cycle.label)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)
