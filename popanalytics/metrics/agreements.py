"""Agreements (afspraken) agreed in the cycle: completion, on time, days to done, mix."""

from __future__ import annotations

import numpy as np

from popanalytics.metrics.catalogue import METRICS
from popanalytics.metrics.context import Context, Rows, breakdown_counts, median_by_group

MIX_FIELDS: tuple[str, ...] = METRICS["agreements_mix"].breakdowns


def agreed_in_cycle(ctx: Context) -> np.ndarray:
    """Agreements of the population agreed (agreed_date, else the conversation's
    held_date) in C on or before R."""
    return ctx.agr_in_pop & ctx.in_cycle_to_r(ctx.p.agreements.agreed)


def add_agreements(rows: Rows, breakdowns: bool) -> None:
    ctx, p = rows.ctx, rows.ctx.p
    pop = ctx.pop_counts
    # Work on the agreements of the cycle only: compress once, then every
    # mask below is over that (much smaller) subset.
    idx = np.flatnonzero(agreed_in_cycle(ctx))
    g, emp = ctx.agr_group[idx], p.agreements.emp[idx]
    done_day, due, agreed = p.agreements.done[idx], p.agreements.due[idx], p.agreements.agreed[idx]
    with np.errstate(invalid="ignore"):
        # done at R: status done and done_date ≤ R or missing
        done = p.agreements.done_status[idx] & (np.isnan(done_day) | (done_day <= ctx.R))
    every = np.ones(len(idx), dtype=bool)
    total = ctx.count(g, every)
    rows.add("agreements_total", total, pop, pop, rate=False)

    base = ~p.agreements.cancelled[idx]
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

    focus = p.agreements.focus.codes[idx]
    focus_known = focus >= 0
    rows.add(
        "strength_focus",
        ctx.count(g, focus_known & p.agreements.strength[idx]),
        ctx.count(g, focus_known),
        ctx.distinct(emp, focus_known),
    )

    if breakdowns:
        emps_all = ctx.distinct(emp, every)
        coded = {
            "category": p.agreements.category,
            "owner": p.agreements.owner,
            "focus": p.agreements.focus,
        }
        for name in MIX_FIELDS:
            values, counts, distinct = breakdown_counts(
                ctx, g, coded[name].take(idx), emp=emp if rows.with_distinct else None
            )
            rows.add_breakdown(
                "agreements_mix", name, values, counts, total, emps_all, distinct=distinct
            )
