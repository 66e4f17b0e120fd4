"""Since the previous import: what changed between two snapshots, per group.

Pure: two datasets (the current and the previous import), the parameters and
the reference date of the previous import in, a figures frame out (metric,
group, numerator = how many, denominator and employees = the group's
population, as ``agreements_overdue`` has them), suppressed for the
management audience like every other figure. Rows are matched across the two
imports by their id (conversation_id, agreement_id, need_id); a row whose id
the export generates afresh each time cannot be matched and counts as new.

* conversations newly held: held at R now, not held (or absent) before;
* agreements newly completed: done at R now, not done (or absent) before;
* agreements that became overdue: overdue at R now, not overdue at the
  previous import's date (or absent);
* new training needs: present now, absent before.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd

from popanalytics.metrics.context import Context, make_context
from popanalytics.metrics.disclosure import apply_plan, check_query, plan_for
from popanalytics.metrics.followup import overdue
from popanalytics.metrics.params import Params
from popanalytics.metrics.prepare import Prepared, prepare
from popanalytics.metrics.rows import Rows
from popanalytics.model import Dataset

SINCE_METRICS: tuple[str, ...] = (
    "since_conversations_held",
    "since_agreements_done",
    "since_agreements_overdue",
    "since_training_needs",
)


def since_previous(
    current: Dataset | Prepared,
    previous: Dataset | Prepared,
    params: Params,
    previous_reference: dt.date,
) -> pd.DataFrame:
    """The four "since the previous import" counts, total and per ``params.group_by``.

    ``params`` (filters, grouping, R) apply to the current import; the previous
    one is read as of ``previous_reference`` (the day it was imported), with
    the same filters. Columns as `figures`.
    """
    prepared = prepare(current)
    check_query(prepared, params)
    now = make_context(prepared, params)
    before = make_context(
        prepare(previous), params.with_(reference_date=previous_reference, group_by=None)
    )
    held_before = _ids(before, "conversations", "conversation_id", _held(before))
    done_before = _ids(before, "agreements", "agreement_id", _done(before))
    late_before = _ids(before, "agreements", "agreement_id", overdue(before))
    needs_before = _ids(before, "training_needs", "need_id", None)

    rows = Rows(now)
    pop = now.pop_counts
    counts = (
        (
            "since_conversations_held",
            now.conv_group,
            _held(now) & _new(now, "conversations", "conversation_id", held_before),
        ),
        (
            "since_agreements_done",
            now.agr_group,
            _done(now) & _new(now, "agreements", "agreement_id", done_before),
        ),
        (
            "since_agreements_overdue",
            now.agr_group,
            overdue(now) & _new(now, "agreements", "agreement_id", late_before),
        ),
        (
            "since_training_needs",
            now.tn_group,
            now.tn_in_pop & _new(now, "training_needs", "need_id", needs_before),
        ),
    )
    for metric, groups, mask in counts:
        rows.add(metric, now.count(groups, mask), pop, pop, rate=False)
    frame = rows.frame()
    return _disclosed(frame, now) if params.audience == "management" else frame


def _disclosed(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Management's view under the disclosure blocks of the current population.

    Each count is a sum over the cell's population employees, as the population
    figure is: it is shown exactly where ``population`` is (a union of whole
    blocks), so no sequence of queries isolates fewer than k employees.
    """
    plan = plan_for(ctx.data, ctx.params)
    population_part = plan.metric_part.get("population", -1)
    plan = dataclasses.replace(
        plan, metric_part={**plan.metric_part, **dict.fromkeys(SINCE_METRICS, population_part)}
    )
    return apply_plan(frame, ctx, plan)


def _held(ctx: Context) -> np.ndarray:
    """Conversations of the population held at R."""
    with np.errstate(invalid="ignore"):
        return ctx.conv_in_pop & ctx.conv_held_at_r


def _done(ctx: Context) -> np.ndarray:
    """Agreements of the population done at R (a done one without date counts)."""
    agreements = ctx.data.agreements
    with np.errstate(invalid="ignore"):
        return ctx.agr_in_pop & agreements.done_status & ~(agreements.done > ctx.reference)


_PARTS = {"conversations": "conversations", "agreements": "agreements", "training_needs": "needs"}


def _row_ids(ctx: Context, table: str, column: str) -> pd.Index:
    """The id of each prepared row of ``table`` (rows of known employees)."""
    frame = ctx.data.dataset.table(table)
    positions = getattr(ctx.data, _PARTS[table]).rows
    return pd.Index(frame[column].to_numpy(dtype=object)[positions])


def _ids(ctx: Context, table: str, column: str, mask: np.ndarray | None) -> pd.Index:
    ids = _row_ids(ctx, table, column)
    return (ids if mask is None else ids[mask]).dropna().unique()


def _new(ctx: Context, table: str, column: str, before: pd.Index) -> np.ndarray:
    """Rows whose id is not in ``before`` (a row without id is new)."""
    return ~np.asarray(_row_ids(ctx, table, column).isin(before), dtype=bool)
