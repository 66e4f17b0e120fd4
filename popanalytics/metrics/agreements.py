"""Agreements (afspraken) agreed in the cycle: completion, on time, days to done, mix."""

from __future__ import annotations

import numpy as np

from popanalytics.metrics.catalogue import METRICS
from popanalytics.metrics.context import Context, breakdown_counts, median_by_group
from popanalytics.metrics.rows import Rows

MIX_FIELDS: tuple[str, ...] = METRICS["agreements_mix"].breakdowns


def agreed_in_cycle(ctx: Context) -> np.ndarray:
    """Agreements of the population agreed (agreed_date, else the conversation's
    held_date) in C on or before R."""
    return ctx.agr_in_pop & ctx.in_cycle_to_r(ctx.data.agreements.agreed)


def add_agreements(rows: Rows, breakdowns: bool) -> None:
    ctx, data = rows.ctx, rows.ctx.data
    pop = ctx.pop_counts
    # Work on the agreements of the cycle only: compress once, then every
    # mask below is over that (much smaller) subset.
    idx = np.flatnonzero(agreed_in_cycle(ctx))
    g, emp = ctx.agr_group[idx], data.agreements.emp[idx]
    done_day, due, agreed = (
        data.agreements.done[idx],
        data.agreements.due[idx],
        data.agreements.agreed[idx],
    )
    with np.errstate(invalid="ignore"):
        # done at R: status done and done_date ≤ R or missing
        done = data.agreements.done_status[idx] & (np.isnan(done_day) | (done_day <= ctx.reference))
    every = np.ones(len(idx), dtype=bool)
    total = ctx.count(g, every)
    rows.add("agreements_total", total, pop, pop, rate=False)

    base = ~data.agreements.cancelled[idx]
    rows.add(
        "agreements_completion",
        ctx.count(g, base & done),
        ctx.count(g, base),
        ctx.distinct(emp, base),
    )
    # A done agreement without done_date counts for completion only.
    with np.errstate(invalid="ignore"):
        dated = done & ~np.isnan(done_day) & ~np.isnan(due)
        on_time = dated & (done_day <= due)
    rows.add(
        "agreements_on_time",
        ctx.count(g, on_time),
        ctx.count(g, dated),
        ctx.distinct(emp, dated),
    )
    timed = done & ~np.isnan(done_day) & ~np.isnan(agreed)
    med, n, emps, med_total = median_by_group(ctx, emp, timed, done_day - agreed)
    rows.add("agreements_days_to_done_median", med, n, emps, rate=False, total=med_total)

    focus = data.agreements.focus.codes[idx]
    focus_known = focus >= 0
    rows.add(
        "strength_focus",
        ctx.count(g, focus_known & data.agreements.strength[idx]),
        ctx.count(g, focus_known),
        ctx.distinct(emp, focus_known),
    )

    if breakdowns:
        emps_all = ctx.distinct(emp, every)
        coded = {
            "category": data.agreements.category,
            "owner": data.agreements.owner,
            "focus": data.agreements.focus,
        }
        for name in MIX_FIELDS:
            values, counts, distinct = breakdown_counts(
                ctx, g, coded[name].take(idx), emp=emp if rows.with_distinct else None
            )
            rows.add_breakdown(
                "agreements_mix", name, values, counts, total, emps_all, distinct=distinct
            )
