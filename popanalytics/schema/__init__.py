"""Validation: raw tables → canonical, checked tables plus the data-quality report.

``validate`` is imported on first use: the report types are needed by the
dashboard and the exports, which should not pay for loading pandera.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from popanalytics.schema.quality import FINDING_COLUMNS, QualityReport, TableCounts

if TYPE_CHECKING:
    from popanalytics.schema.validation import validate

__all__ = ["FINDING_COLUMNS", "QualityReport", "TableCounts", "validate"]


def __getattr__(name: str) -> Any:
    if name == "validate":
        from popanalytics.schema.validation import validate

        return validate
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
