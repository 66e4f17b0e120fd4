"""Agreements (afspraken) agreed in the cycle: completion, on time, days to done, mix."""

from __future__ import annotations

import numpy as np

from popanalytics.metrics.context import Context, Rows, median_by_group
from popanalytics.metrics.params import NO_GROUP
from popanalytics.metrics.prepare import Codes

MIX_FIELDS: tuple[str, ...] = ("category", "owner", "focus")


def agreed_in_cycle(ctx: Context) -> np.ndarray:
    """Agreements of the population agreed (agreed_date, else the conversation's
    held_date) in C on or before R."""
    p = ctx.p
    with np.errstate(invalid="ignore"):
        return ctx.agr_in_pop & (p.agr_agreed >= ctx.cs) & (p.agr_agreed <= min(ctx.ce, ctx.R))


def done_at_r(ctx: Context) -> np.ndarray:
    """Status done and done_date ≤ R or missing."""
    p = ctx.p
    with np.errstate(invalid="ignore"):
        return p.agr_done_status & (np.isnan(p.agr_done) | (p.agr_done <= ctx.R))


def breakdown_counts(
    ctx: Context,
    row_group: np.ndarray,
    mask: np.ndarray | None,
    codes: Codes,
    weights: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(values, sums) of a coded column over the rows in ``mask`` (None: all
    rows): sums is
    (values x groups) of row counts, or with 2-d ``weights`` (w x rows)
    (w x values x groups). A missing value is its own class ``(none)``, shown
    only when it occurs; values alphabetically, ``(none)`` last."""
    n_values = len(codes.labels)
    if mask is None:
        cls = codes.codes.copy()
    else:
        rows = np.flatnonzero(mask)
        cls = codes.codes.take(rows)
        row_group = row_group.take(rows)
        weights = None if weights is None else weights.take(rows, axis=1)
    cls[cls < 0] = n_values
    cell = cls * ctx.n_groups + row_group if ctx.n_groups > 1 else cls
    size = (n_values + 1) * ctx.n_groups
    sums: np.ndarray
    if weights is None:
        sums = np.bincount(cell, minlength=size).astype(float).reshape(n_values + 1, ctx.n_groups)
        present = sums.sum(axis=1) > 0
    else:
        sums = np.stack([np.bincount(cell, weights=w, minlength=size) for w in weights]).reshape(
            len(weights), n_values + 1, ctx.n_groups
        )
        present = np.bincount(cls, minlength=n_values + 1) > 0
    values = np.append(codes.labels.astype(object), NO_GROUP)
    order = np.append(np.argsort(values[:-1].astype(str), kind="stable"), n_values)
    keep = order[present[order]]
    return values[keep], sums[..., keep, :]


def add_agreements(rows: Rows, breakdowns: bool) -> None:
    ctx, p = rows.ctx, rows.ctx.p
    pop = ctx.pop_counts
    # Work on the agreements of the cycle only: compress once, then every
    # mask below is over that (much smaller) subset.
    idx = np.flatnonzero(agreed_in_cycle(ctx))
    g, emp = ctx.agr_group[idx], p.agr_emp[idx]
    done_day, due, agreed = p.agr_done[idx], p.agr_due[idx], p.agr_agreed[idx]
    with np.errstate(invalid="ignore"):
        done = p.agr_done_status[idx] & (np.isnan(done_day) | (done_day <= ctx.R))
    every = np.ones(len(idx), dtype=bool)
    total = ctx.count(g, every)
    rows.add("agreements_total", total, pop, pop, rate=False)

    base = ~p.agr_cancelled[idx]
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

    focus = p.agr_focus.codes[idx]
    focus_known = focus >= 0
    rows.add(
        "strength_focus",
        ctx.count(g, focus_known & p.agr_strength[idx]),
        ctx.count(g, focus_known),
        ctx.distinct(emp, focus_known),
    )

    if breakdowns:
        emps_all = ctx.distinct(emp, every)
        for name in MIX_FIELDS:
            codes = {"category": p.agr_category, "owner": p.agr_owner, "focus": p.agr_focus}[name]
            values, counts = breakdown_counts(ctx, g, None, Codes(codes.codes[idx], codes.labels))
            rows.add_breakdown("agreements_mix", name, values, counts, total, emps_all)
