"""io: turns export files (Excel, ODS, CSV) into raw frames with canonical
column names and source row numbers. It knows formats and aliases, not rules:
coercion and checks are the schema's job.
"""

from popanalytics.io.mapping import UserMapping, load_mapping
from popanalytics.io.raw import RawTable
from popanalytics.io.read import read_sources, read_sources_with_skipped
from popanalytics.io.sources import SUPPORTED_EXTENSIONS

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "RawTable",
    "UserMapping",
    "load_mapping",
    "read_sources",
    "read_sources_with_skipped",
]
