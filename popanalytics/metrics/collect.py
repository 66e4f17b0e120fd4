"""Every figure of one context, collected as per-group arrays (``Rows``)."""

from __future__ import annotations

from popanalytics.metrics.agreements import add_agreements
from popanalytics.metrics.context import Context
from popanalytics.metrics.followup import add_followup
from popanalytics.metrics.population import (
    add_conversation_status,
    add_coverage,
    add_population,
)
from popanalytics.metrics.process import add_process
from popanalytics.metrics.rows import Rows
from popanalytics.metrics.training import add_training


def collect(ctx: Context, breakdowns: bool, with_distinct: bool = False) -> Rows:
    """All figures of ``ctx``, unsuppressed; ``with_distinct`` also records the
    employees each breakdown value covers (for the disclosure plan)."""
    rows = Rows(ctx, with_distinct=with_distinct)
    add_population(rows)
    add_coverage(rows)
    add_conversation_status(rows, breakdowns)
    add_agreements(rows, breakdowns)
    add_followup(rows, breakdowns)
    add_training(rows, breakdowns)
    add_process(rows)
    return rows
