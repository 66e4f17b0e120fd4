"""Population, coverage (gespreksdekking) and conversation status counts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from popanalytics.metrics.context import Context, day_number, to_date, value_distinct
from popanalytics.metrics.prepare import CONVERSATION_KINDS
from popanalytics.metrics.rows import Rows

COVERAGE_TYPES: tuple[str, ...] = (*CONVERSATION_KINDS, "any")


def add_population(rows: Rows) -> None:
    """population, population_new, population_absent (counts over the population)."""
    ctx = rows.ctx
    pop = ctx.pop_counts
    rows.add("population", pop, pop, pop, rate=False)
    rows.add("population_new", ctx.per_group(ctx.new), pop, pop, rate=False)
    rows.add("population_absent", ctx.per_group(ctx.absent), pop, pop, rate=False)


def held_at_r(ctx: Context) -> np.ndarray:
    """Conversations held as known on R: status held and held_date ≤ R."""
    return ctx.conv_held_at_r


def coverage_window_start(ctx: Context) -> float:
    """First day a conversation counts for coverage: the cycle start, or with
    ``window_months`` the day N months before R (inclusive)."""
    months = ctx.params.window_months
    if months is None:
        return ctx.cycle_start
    start = pd.Timestamp(to_date(ctx.reference)) - pd.DateOffset(months=months)
    return day_number(start.date())


def held_in_window(ctx: Context) -> np.ndarray:
    """Conversations held in the coverage window on or before R."""
    if ctx.params.window_months is None:
        return ctx.in_cycle_to_r(ctx.data.conversations.held_at)
    with np.errstate(invalid="ignore"):
        # conv_held_at is NaN unless held, so "held at R" is implied
        return (ctx.data.conversations.held_at >= coverage_window_start(ctx)) & (
            ctx.data.conversations.held_at <= ctx.reference
        )


def held_in_cycle(ctx: Context) -> np.ndarray:
    """Conversations of the population held in C on or before R."""
    return ctx.conv_in_pop & ctx.in_cycle_to_r(ctx.data.conversations.held_at)


def covered_by_kind(ctx: Context) -> dict[str, np.ndarray]:
    """Per coverage type, per employee: eligible and at least one conversation
    of that type held in the coverage window on or before R. The held
    conversations in the window are selected once, then split by type."""
    data = ctx.data
    rows = np.flatnonzero(held_in_window(ctx))
    flags = has_row_by_kind(
        ctx, data.conversations.emp.take(rows), data.conversations.kind.take(rows)
    )
    return {name: flags[:, i] & ctx.eligible for i, name in enumerate(COVERAGE_TYPES)}


def has_row_by_kind(ctx: Context, emp: np.ndarray, kind: np.ndarray) -> np.ndarray:
    """(employees x COVERAGE_TYPES) flags: the employee has a row of that kind;
    the last column ("any") counts every row, an unknown kind included. One
    scatter into a flat (employee, kind) grid instead of one pass per kind."""
    n_kinds = len(CONVERSATION_KINDS)
    assert n_kinds + 1 == 4, "the uint32 view below needs 4 flags per employee"
    grid = np.zeros((ctx.data.n_emp, n_kinds + 1), dtype=bool)  # last column: unknown kind
    grid.reshape(-1)[emp * (n_kinds + 1) + np.where(kind >= 0, kind, n_kinds)] = True
    # "any": a row of whatever kind. The 4 flags of an employee are 4 bytes, so
    # one uint32 per employee says whether any is set (grid.any(axis=1) is ~10x slower).
    grid[:, n_kinds] = grid.view(np.uint32).reshape(-1) != 0
    return grid


def covered(ctx: Context, kind: str) -> np.ndarray:
    """Per employee: eligible and covered for ``kind`` (see covered_by_kind)."""
    data = ctx.data
    mask = held_in_window(ctx)
    if kind != "any":
        mask &= data.conversations.kind == COVERAGE_TYPES.index(kind)
    return ctx.has_row(data.conversations.emp, mask) & ctx.eligible


def add_coverage(rows: Rows) -> None:
    """coverage_<type>: covered eligible employees / eligible employees."""
    ctx = rows.ctx
    eligible = ctx.per_group(ctx.eligible)
    for kind, done in covered_by_kind(ctx).items():
        rows.add(f"coverage_{kind}", ctx.per_group(done), eligible, eligible)


def add_conversation_status(rows: Rows, breakdowns: bool) -> None:
    """Counts of conversations planned in C (population incl. new employees):
    planned (not yet held), missed, cancelled; and conversations held in C up
    to R. Denominator: the population the count is taken over."""
    ctx, data = rows.ctx, rows.ctx.data
    pop = ctx.pop_counts
    held = held_at_r(ctx)
    with np.errstate(invalid="ignore"):
        planned_in_c = (
            ctx.conv_in_pop
            & (data.conversations.planned >= ctx.cycle_start)
            & (data.conversations.planned <= ctx.cycle_end)
        )
    idx = np.flatnonzero(planned_in_c)
    planned_day, cancelled = data.conversations.planned[idx], data.conversations.cancelled[idx]
    open_ = ~held[idx] & ~cancelled
    masks = {
        "conversations_planned": (idx, open_ & (planned_day >= ctx.reference)),
        "conversations_missed": (idx, open_ & (planned_day < ctx.reference)),
        "conversations_cancelled": (idx, cancelled),
    }
    held_idx = np.flatnonzero(held_in_cycle(ctx))
    masks["conversations_held"] = (held_idx, np.ones(len(held_idx), dtype=bool))
    n_kinds, n_groups = len(CONVERSATION_KINDS), ctx.n_groups
    kinds = np.array(CONVERSATION_KINDS, dtype=object)
    for metric, (rows_idx, mask) in masks.items():
        pick = rows_idx.take(np.flatnonzero(mask))
        kind = data.conversations.kind[pick]
        # (kind x group) counts in one bincount; an unknown kind has its own slot
        cell = np.where(kind >= 0, kind, n_kinds) * n_groups + ctx.conv_group[pick]
        counts = np.bincount(cell, minlength=(n_kinds + 1) * n_groups).astype(float)
        counts = counts.reshape(n_kinds + 1, n_groups)
        rows.add(metric, counts.sum(axis=0), pop, pop, rate=False)
        if breakdowns:
            distinct = None
            if rows.with_distinct:
                known = kind >= 0
                distinct = value_distinct(
                    ctx, data.conversations.emp[pick][known], kind[known], n_kinds
                )
            rows.add_breakdown(
                metric,
                "conversation_type",
                kinds,
                counts[:n_kinds],
                pop,
                pop,
                rate=False,
                distinct=distinct,
            )
