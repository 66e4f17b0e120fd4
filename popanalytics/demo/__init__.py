"""The demo organisation: an invented Flemish care group with three POP cycles.

``demo_tables``/``demo_dataset`` give canonical frames for metrics, tests and
benchmarks; ``write_demo_workbook`` writes them as an HR system would export
them (Dutch headers and values), as .xlsx or as a folder of CSV files.
``demo_workbook_path`` is the default demo as written by ``popanalytics demo``,
shipped inside the package (found through importlib.resources, so an installed
wheel has it as well as a checkout).
"""

from popanalytics.demo.generate import DEMO_CYCLES, DEMO_TODAY, demo_dataset, demo_tables
from popanalytics.demo.vocabulary import ORGANISATION
from popanalytics.demo.write import EXCEL_MAX_ROWS, demo_workbook_path, write_demo_workbook

__all__ = [
    "DEMO_CYCLES",
    "DEMO_TODAY",
    "EXCEL_MAX_ROWS",
    "ORGANISATION",
    "demo_dataset",
    "demo_tables",
    "demo_workbook_path",
    "write_demo_workbook",
]
