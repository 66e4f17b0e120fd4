"""Write the demo as an HR system exports it: Dutch headers, Dutch values.

One .xlsx with a sheet per table (openpyxl write-only mode, real date cells),
or, when the target is a folder, one ``;``-separated CSV file per table (UTF-8
with BOM, dd/mm/yyyy dates, decimal comma) — the only way past Excel's row
limit at sector scale.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from popanalytics.demo.generate import demo_tables
from popanalytics.demo.vocabulary import EXPORT_FALSE, EXPORT_TRUE, EXPORT_VALUES
from popanalytics.errors import PopError
from popanalytics.i18n import t
from popanalytics.model import TABLE_NAMES, TABLES
from popanalytics.resources import package_file

EXCEL_MAX_ROWS = 1_048_576
DATE_FORMAT = "DD/MM/YYYY"
CSV_DATE_FORMAT = "%d/%m/%Y"

# Sheet and file names as the HR system calls them (the tables' first Dutch alias).
SHEETS: dict[str, str] = {name: TABLES[name].aliases[0].capitalize() for name in TABLE_NAMES}


def header(table: str, field: str) -> str:
    """The Dutch header of a field: its first alias, capitalised ("Datum in dienst")."""
    alias = TABLES[table].field(field).aliases[0]
    return alias[:1].upper() + alias[1:]


def export_frame(table: str, frame: pd.DataFrame, *, for_csv: bool) -> pd.DataFrame:
    """A canonical frame as the HR system shows it: Dutch headers and values.

    Cells are Python values for openpyxl (dates as ``datetime.date``, None for
    empty) or, for CSV, text for dates and the yes/no/date signature columns.
    """
    spec = TABLES[table]
    columns: dict[str, pd.Series] = {}
    for f in spec.fields:
        values = frame[f.name]
        if f.type == "enum":
            out = values.map(EXPORT_VALUES[(table, f.name)]).astype(object)
        elif f.type == "date":
            out = _dates(values, for_csv)
        elif f.type == "bool":
            out = _yes_no(values)
        elif f.type == "bool_or_date":
            # A known signature date is what the system shows; else ja/nee.
            signed_on = _dates(frame[f"{f.name}_date"], for_csv)
            out = signed_on.where(signed_on.notna(), _yes_no(values))
        elif f.type == "number":
            out = values if for_csv else values.astype(object)
        elif f.name == "theme":
            # People type stray spaces: a theme typed in lower case gets one.
            out = values.where(~values.str.islower(), values + " ").astype(object)
        else:
            out = values.astype(object)
        if f.type != "number" or not for_csv:
            out = out.astype(object).where(out.notna(), None)
        columns[header(table, f.name)] = out
    return pd.DataFrame(columns)


def _dates(values: pd.Series, for_csv: bool) -> pd.Series:
    if for_csv:
        return values.dt.strftime(CSV_DATE_FORMAT).astype(object)
    return pd.Series(values.to_numpy().astype("datetime64[D]").astype(object), index=values.index)


def _yes_no(values: pd.Series) -> pd.Series:
    known = values.notna().to_numpy()
    flags = values.fillna(False).to_numpy(dtype=bool)
    text = np.where(flags, EXPORT_TRUE, EXPORT_FALSE).astype(object)
    text[~known] = None
    return pd.Series(text, index=values.index)


def _write_sheet(ws: WriteOnlyWorksheet, frame: pd.DataFrame, date_columns: set[str]) -> None:
    ws.append(list(frame.columns))
    columns = []
    for name in frame.columns:
        values = frame[name].tolist()
        if name in date_columns:
            values = [_date_cell(ws, v) if _is_date(v) else v for v in values]
        columns.append(values)
    # openpyxl takes a row at a time: this loop is the writer's edge, nothing else.
    for row in zip(*columns, strict=True):
        ws.append(row)


def _is_date(value: object) -> bool:
    return value is not None and not isinstance(value, str)


def _date_cell(ws: WriteOnlyWorksheet, value: object) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = DATE_FORMAT
    return cell


def _date_headers(table: str) -> set[str]:
    return {
        header(table, f.name) for f in TABLES[table].fields if f.type in ("date", "bool_or_date")
    }


def _write_xlsx(path: Path, tables: dict[str, pd.DataFrame]) -> None:
    for name in TABLE_NAMES:
        rows = len(tables[name]) + 1  # the header row counts
        if rows > EXCEL_MAX_ROWS:
            raise _error(
                "demo.too_many_rows",
                file=str(path),
                sheet=SHEETS[name],
                rows=rows,
                limit=EXCEL_MAX_ROWS,
            )
    wb = Workbook(write_only=True)
    for name in TABLE_NAMES:
        ws = wb.create_sheet(SHEETS[name])
        _write_sheet(ws, export_frame(name, tables[name], for_csv=False), _date_headers(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def csv_path(folder: Path, table: str) -> Path:
    """The CSV file of ``table`` in a demo folder."""
    return folder / f"{SHEETS[table].lower()}.csv"


def demo_files(target: Path) -> list[Path]:
    """The files ``write_demo_workbook(target)`` wrote: the workbook, or a CSV per table."""
    if target.is_dir() or target.suffix == "":
        return [csv_path(target, name) for name in TABLE_NAMES]
    return [target]


def _write_csv_folder(folder: Path, tables: dict[str, pd.DataFrame]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLE_NAMES:
        export_frame(name, tables[name], for_csv=True).to_csv(
            csv_path(folder, name),
            sep=";",
            decimal=",",
            float_format="%.10g",
            index=False,
            encoding="utf-8-sig",
        )


def _error(key: str, *, file: str, sheet: str | None = None, **values: object) -> PopError:
    """A fatal problem worded in both languages; ``sheet`` also fills ``{sheet}``."""
    if sheet is not None:
        values["sheet"] = sheet
    return PopError(t(key, "nl", **values), t(key, "en", **values), file=file, sheet=sheet)


def write_demo_workbook(path: str | Path, employees: int = 300, seed: int = 2026) -> Path:
    """Write the demo export and return where it went.

    ``path`` ending in .xlsx gives one workbook; a path without suffix, or an
    existing folder, gives one CSV file per table in that folder. A workbook
    whose sheet would exceed Excel's row limit raises ``PopError``.
    """
    target = Path(path)
    as_folder = target.is_dir() or target.suffix == ""
    if not as_folder and target.suffix.lower() != ".xlsx":
        raise _error("demo.unsupported_suffix", file=str(target), path=str(target))
    tables = demo_tables(employees, seed)
    if as_folder:
        _write_csv_folder(target, tables)
    else:
        _write_xlsx(target, tables)
    return target


def demo_workbook_path() -> Path:
    """The shipped default demo workbook (``popanalytics demo`` with its defaults;
    ``make demo`` rewrites it)."""
    return package_file("popanalytics.demo", "demo.xlsx")
