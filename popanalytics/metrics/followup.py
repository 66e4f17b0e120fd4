"""Follow-up (opvolging): overdue agreements, missing follow-up, out of cycle."""

from __future__ import annotations

import numpy as np

from popanalytics.metrics.context import Context, value_distinct
from popanalytics.metrics.population import (
    COVERAGE_TYPES,
    has_row_by_kind,
    held_at_r,
    held_in_cycle,
)
from popanalytics.metrics.prepare import CONVERSATION_KINDS
from popanalytics.metrics.rows import Rows

BUCKETS: tuple[str, ...] = ("1-30", "31-90", "91-180", ">180")
_BUCKET_EDGES = np.array([30.5, 90.5, 180.5])  # days overdue are whole numbers ≥ 1


def followup_reference(ctx: Context) -> np.ndarray:
    """The date an agreement is followed up on: followup_date, else due_date."""
    return ctx.data.agreements.followup_ref


def open_at_r(ctx: Context) -> np.ndarray:
    """Agreements of the population known on R (agreed on or before R, or
    without an agreed date) that are not done and not cancelled at R."""
    # agr_open_from/until fold "known", "cancelled" and "done at R" into
    # two comparisons (see prepare): same as
    # in_pop & (no agreed date | agreed ≤ R) & ~done_at_r & ~cancelled
    data = ctx.data
    return (
        ctx.agr_in_pop
        & (data.agreements.open_from <= ctx.reference)
        & (data.agreements.open_until > ctx.reference)
    )


def days_overdue(ctx: Context) -> np.ndarray:
    """R minus the follow-up reference date (NaN without one)."""
    return ctx.reference - followup_reference(ctx)


def overdue(ctx: Context) -> np.ndarray:
    """Open at R with a follow-up reference date before R (equal to R is not overdue)."""
    with np.errstate(invalid="ignore"):
        return open_at_r(ctx) & (days_overdue(ctx) > 0)


def bucket_codes(days: np.ndarray) -> np.ndarray:
    """Index into BUCKETS for days overdue ≥ 1."""
    return np.searchsorted(_BUCKET_EDGES, days)


def lacking_followup(ctx: Context) -> np.ndarray:
    """Held conversations of the population in C up to R without a followup_date
    of their own and without an agreement carrying a followup_date or due_date."""
    data = ctx.data
    return (
        held_in_cycle(ctx)
        & np.isnan(data.conversations.followup)
        & ~data.conversations.agr_followup_or_due
    )


def out_of_cycle_base(ctx: Context) -> np.ndarray:
    """Employees the out-of-cycle check applies to: employed on R, in the
    population, not new and not long-term absent."""
    with np.errstate(invalid="ignore"):
        employed = (ctx.data.employees.start <= ctx.reference) & (
            np.isnan(ctx.data.employees.end) | (ctx.data.employees.end >= ctx.reference)
        )
    return ctx.eligible & employed


def last_held_by_kind(ctx: Context) -> np.ndarray:
    """Per employee (rows) and conversation kind (columns, CONVERSATION_KINDS
    then "any"): day number of the last conversation held at R, any cycle;
    NaN if none. One scatter-max over the held conversations."""
    data = ctx.data
    n_kinds = len(CONVERSATION_KINDS)
    rows = np.flatnonzero(held_at_r(ctx))
    kind = data.conversations.kind.take(rows)
    # A conversation of an unknown type goes to the "any" column only, as in
    # the out_of_cycle_any figure (has_row_by_kind).
    column = np.where(kind >= 0, kind, n_kinds)
    last = np.full((data.n_emp, n_kinds + 1), -np.inf)
    flat = last.reshape(-1)
    np.maximum.at(
        flat,
        data.conversations.emp.take(rows) * (n_kinds + 1) + column,
        data.conversations.held.take(rows),
    )
    last[:, n_kinds] = last.max(axis=1)
    last[np.isinf(last)] = np.nan
    return last


def last_held(ctx: Context, kind: str) -> np.ndarray:
    """Per employee: day number of the last conversation of ``kind`` held at R."""
    return last_held_by_kind(ctx)[:, COVERAGE_TYPES.index(kind)]


def out_of_cycle(ctx: Context, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """(out-of-cycle mask per employee, last held day per employee)."""
    last = last_held(ctx, kind)
    return _out(ctx, last, out_of_cycle_base(ctx)), last


def out_of_cycle_limit(ctx: Context) -> int:
    """Days a conversation stays recent: the days in the cycle plus grace_days."""
    return ctx.params.cycle.days + ctx.params.grace_days


def _out(ctx: Context, last: np.ndarray, base: np.ndarray) -> np.ndarray:
    """Checked employees whose last conversation is more than
    ``out_of_cycle_limit`` days before R, or who never had one."""
    with np.errstate(invalid="ignore"):
        recent = (ctx.reference - last) <= out_of_cycle_limit(ctx)
    return base & ~recent


def add_followup(rows: Rows, breakdowns: bool) -> None:
    ctx = rows.ctx
    pop = ctx.pop_counts
    late = overdue(ctx)
    rows.add("agreements_overdue", ctx.count(ctx.agr_group, late), pop, pop, rate=False)
    if breakdowns:
        # bucket x group counts over the overdue rows only
        at = np.flatnonzero(late)
        days = ctx.reference - followup_reference(ctx).take(at)
        bucket = bucket_codes(days)
        codes = bucket * ctx.n_groups + ctx.agr_group.take(at)
        num = np.bincount(codes, minlength=len(BUCKETS) * ctx.n_groups).astype(float)
        distinct = (
            value_distinct(ctx, ctx.data.agreements.emp.take(at), bucket, len(BUCKETS))
            if rows.with_distinct
            else None
        )
        rows.add_breakdown(
            "agreements_overdue",
            "bucket",
            np.array(BUCKETS, dtype=object),
            num.reshape(len(BUCKETS), ctx.n_groups),
            pop,
            pop,
            rate=False,
            distinct=distinct,
        )
    rows.add(
        "followup_missing", ctx.count(ctx.conv_group, lacking_followup(ctx)), pop, pop, rate=False
    )

    # Out of cycle = checked and no conversation of the kind held at R within
    # the limit: flag the employees with a recent one (no need for the dates).
    checked = out_of_cycle_base(ctx)
    base = ctx.per_group(checked)
    limit = out_of_cycle_limit(ctx)
    data = ctx.data
    with np.errstate(invalid="ignore"):
        # held at R and R - held ≤ limit
        recent = np.flatnonzero(
            (data.conversations.held_at <= ctx.reference)
            & (data.conversations.held_at >= ctx.reference - limit)
        )
    flags = has_row_by_kind(
        ctx, data.conversations.emp.take(recent), data.conversations.kind.take(recent)
    )
    for i, name in enumerate(COVERAGE_TYPES):
        out = checked & ~flags[:, i]
        rows.add(f"out_of_cycle_{name}", ctx.per_group(out), base, base, rate=False)
