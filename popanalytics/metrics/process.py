"""Process quality over conversations held in the cycle up to R."""

from __future__ import annotations

import numpy as np

from popanalytics.metrics.context import median_by_group
from popanalytics.metrics.population import held_in_cycle
from popanalytics.metrics.rows import Rows

NOTICE_DAYS = 14


def add_process(rows: Rows) -> None:
    ctx, data = rows.ctx, rows.ctx.data
    # the held conversations of the cycle only: compress once, mask the subset
    idx = np.flatnonzero(held_in_cycle(ctx))
    emp, rg = data.conversations.emp[idx], ctx.conv_group[idx]
    held_day, invited_day = data.conversations.held[idx], data.conversations.invited[idx]
    held = np.ones(len(idx), dtype=bool)
    n_held = ctx.count(rg, held)
    e_held = ctx.distinct(emp, held)

    invited = ~np.isnan(invited_day)
    with np.errstate(invalid="ignore"):
        notice = invited & ((held_day - invited_day) >= NOTICE_DAYS)
    rows.add(
        "notice_given", ctx.count(rg, notice), ctx.count(rg, invited), ctx.distinct(emp, invited)
    )

    rows.add("report_signed", ctx.count(rg, data.conversations.signed_both[idx]), n_held, e_held)
    second = data.conversations.second_signature[idx]
    dated = ~np.isnan(second)
    med, n, emps, total = median_by_group(ctx, emp, dated, second - held_day)
    rows.add("signature_days_median", med, n, emps, rate=False, total=total)

    if data.report_filed_known:
        rows.add("report_filed", ctx.count(rg, data.conversations.filed[idx]), n_held, e_held)
    else:  # the source had no such column: no figure, never a guess
        zero = np.zeros(ctx.n_groups)
        rows.add("report_filed", zero, zero, zero)

    planned = ~np.isnan(data.conversations.followup[idx]) | data.conversations.agr_followup[idx]
    rows.add("followup_planned", ctx.count(rg, planned), n_held, e_held)
