"""The demo organisation: an invented Flemish care group with three POP cycles.

``demo_tables``/``demo_dataset`` give canonical frames for metrics, tests and
benchmarks; ``write_demo_workbook`` writes them as an HR system would export
them (Dutch headers and values), as .xlsx or as a folder of CSV files.
"""

from popanalytics.demo.generate import DEMO_CYCLES, DEMO_TODAY, demo_dataset, demo_tables
from popanalytics.demo.vocabulary import ORGANISATION
from popanalytics.demo.write import EXCEL_MAX_ROWS, write_demo_workbook

__all__ = [
    "DEMO_CYCLES",
    "DEMO_TODAY",
    "EXCEL_MAX_ROWS",
    "ORGANISATION",
    "demo_dataset",
    "demo_tables",
    "write_demo_workbook",
]
