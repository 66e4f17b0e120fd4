"""Excel overviews: the overview workbook and the per-manager follow-up workbooks."""

from popanalytics.export.followup import write_followup
from popanalytics.export.overview import (
    build_overview,
    collect_overview,
    overview_bytes,
    write_overview,
)

__all__ = [
    "build_overview",
    "collect_overview",
    "overview_bytes",
    "write_followup",
    "write_overview",
]
