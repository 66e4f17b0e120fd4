"""The metrics engine: pure functions from a Dataset and Params to tidy frames.

Every function takes a ``Dataset`` (or a ``Prepared`` from ``prepare(dataset)``,
to reuse the per-dataset arrays across filter states) and a ``Params``.
"""

from popanalytics.metrics.catalogue import HEADLINE_METRICS, METRICS, MetricInfo
from popanalytics.metrics.details import (
    conversations_lacking_followup,
    open_agreements,
    out_of_cycle_employees,
    overdue_agreements,
)
from popanalytics.metrics.figures import figures, trend
from popanalytics.metrics.followup import BUCKETS
from popanalytics.metrics.managers import manager_overview
from popanalytics.metrics.params import NO_GROUP, TOTAL, Cycle, Params
from popanalytics.metrics.prepare import Prepared, prepare
from popanalytics.metrics.privacy import suppress
from popanalytics.metrics.rows import FIGURE_COLUMNS

__all__ = [
    "BUCKETS",
    "FIGURE_COLUMNS",
    "HEADLINE_METRICS",
    "METRICS",
    "NO_GROUP",
    "TOTAL",
    "Cycle",
    "MetricInfo",
    "Params",
    "Prepared",
    "conversations_lacking_followup",
    "figures",
    "manager_overview",
    "open_agreements",
    "out_of_cycle_employees",
    "overdue_agreements",
    "prepare",
    "suppress",
    "trend",
]
