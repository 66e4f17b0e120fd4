"""Training needs (opleidingsnoden) requested in the cycle."""

from __future__ import annotations

import numpy as np

from popanalytics.metrics.catalogue import METRICS
from popanalytics.metrics.context import Context, breakdown_counts
from popanalytics.metrics.prepare import NEED_STATUSES
from popanalytics.metrics.rows import Rows

_COMPLETED = NEED_STATUSES.index("completed")
_REJECTED = NEED_STATUSES.index("rejected")
_OPEN = tuple(NEED_STATUSES.index(s) for s in ("requested", "approved", "planned"))
BREAKDOWN_FIELDS: tuple[str, ...] = METRICS["training_needs"].breakdowns
# the figures broken down by BREAKDOWN_FIELDS, in the order of the weights below
_WEIGHTED = ("training_needs", "training_hours", "training_cost")


def requested_in_cycle(ctx: Context) -> np.ndarray:
    """Needs of the population requested (requested_date, else the source
    conversation's held_date) in C on or before R; rejected ones included."""
    return ctx.tn_in_pop & ctx.in_cycle_to_r(ctx.data.needs.requested)


def add_training(rows: Rows, breakdowns: bool) -> None:
    ctx, data = rows.ctx, rows.ctx.data
    pop = ctx.pop_counts
    # the needs of the cycle only: compress once, mask the subset
    idx = np.flatnonzero(requested_in_cycle(ctx))
    g, emp, status = ctx.tn_group[idx], data.needs.emp[idx], data.needs.status[idx]
    hours, cost, completed = data.needs.hours[idx], data.needs.cost[idx], data.needs.completed[idx]
    every = np.ones(len(idx), dtype=bool)
    with_need = ctx.distinct(emp, every)

    rows.add("training_needs", ctx.count(g, every), pop, pop, rate=False)
    rows.add("training_hours", ctx.count(g, every, hours), pop, pop, rate=False)
    rows.add("training_cost", ctx.count(g, every, cost), pop, pop, rate=False)
    rows.add(
        "training_cost_missing", ctx.count(g, data.needs.cost_missing[idx]), pop, pop, rate=False
    )
    rows.add("training_employees", with_need, pop, pop, rate=False)
    rows.add("training_share_employees", with_need, pop, pop)

    base = status != _REJECTED
    with np.errstate(invalid="ignore"):
        # completed at R: status completed and completed_date ≤ R or missing
        done = (status == _COMPLETED) & (np.isnan(completed) | (completed <= ctx.reference))
        # Open demand as of R: requested, approved or planned; a need completed
        # after R was still open on R.
        still_open = np.isin(status, _OPEN) | ((status == _COMPLETED) & (completed > ctx.reference))
    rows.add(
        "training_fulfilment",
        ctx.count(g, base & done),
        ctx.count(g, base),
        ctx.distinct(emp, base),
    )
    rows.add("training_open_demand", ctx.count(g, still_open), pop, pop, rate=False)

    if breakdowns:
        coded = {
            "theme": data.needs.theme,
            "learning_form": data.needs.learning_form,
            "priority": data.needs.priority,
            "status": data.needs.status_codes,
        }
        weights = np.stack([np.ones(len(idx)), hours, cost])
        for name in BREAKDOWN_FIELDS:
            values, sums, distinct = breakdown_counts(
                ctx, g, coded[name].take(idx), weights, emp=emp if rows.with_distinct else None
            )
            for metric, sum_ in zip(_WEIGHTED, sums, strict=True):
                rows.add_breakdown(
                    metric, name, values, sum_, pop, pop, rate=False, distinct=distinct
                )
