"""The one place where a value from user data becomes a worksheet cell.

Formula injection: openpyxl turns any ``str`` that starts with ``=`` into a
formula, and Excel evaluates a typed ``=``, ``+``, ``-`` or ``@`` (and text
that starts with a tab or carriage return followed by one) when a user edits
the cell. The choice made here, so a read-back shows the text exactly as
written:

* every text value is written as a string cell (``data_type = "s"``, an inline
  string) — never through openpyxl's value setter, so it can never become a
  formula;
* text that starts with one of ``FORMULA_TRIGGERS`` (``= + - @``, tab, line
  break) also gets Excel's own
  ``quotePrefix`` cell style (what Excel sets when one types ``'=1``): Excel
  and LibreOffice show it as text and keep it text when the cell is edited.
  The value itself is not altered (no visible apostrophe), so openpyxl and
  pandas/calamine read back the text as it was in the data.

Numbers stay numbers, dates are real Excel dates with a date format, and text
that looks like a number (``00123``) or a date stays text. Two changes are
unavoidable in XML and made explicitly (``cell_text``): control characters XML
cannot hold are dropped, and a carriage return becomes a line feed (so
``"\r=1"`` reads back as ``"\n=1"``, still with the quotePrefix).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence

import numpy as np
import pandas as pd
from openpyxl.cell.cell import Cell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "\n")
DATE_FORMAT = "dd/mm/yyyy"
# Characters XML 1.0 cannot hold: control characters (openpyxl's
# ILLEGAL_CHARACTERS_RE), the non-characters U+FFFE/U+FFFF and lone surrogates
# (which openpyxl writes, but which no reader opens). They are dropped, the
# file could not be written or opened otherwise. The importer removes them
# already (io/controls.py); this is the defence for any other text.
ILLEGAL_XML_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

CellValue = str | int | float | bool | dt.datetime | None


def is_formula_like(text: str) -> bool:
    """True when ``text`` would start a formula (or a DDE payload) if typed into Excel."""
    return text.startswith(FORMULA_TRIGGERS)


def quoted(style: StyleArray | None) -> StyleArray:
    """``style`` with Excel's quotePrefix set: the cell's text is never a formula."""
    quoted_style = StyleArray(style) if style is not None else StyleArray()
    quoted_style.quotePrefix = 1
    return quoted_style


def cell_text(text: str) -> str:
    """``text`` as a cell can hold it: XML-illegal control characters dropped and
    line breaks as line feeds (an XML reader turns a stored carriage return into
    a line feed anyway, so this is what every reader would see)."""
    text = ILLEGAL_XML_RE.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def safe_text(ws: WriteOnlyWorksheet, text: str, style: StyleArray | None = None) -> Cell:
    """A string cell holding ``text`` unchanged that no spreadsheet evaluates.

    The data type is forced to string (openpyxl's value setter would make a
    formula of ``=...``) and formula-like text gets the quotePrefix style.
    """
    text = cell_text(text)
    cell = Cell(ws, row=1, column=1)
    cell._value = text
    cell.data_type = "s"
    if is_formula_like(text):
        cell._style = quoted(style)
    elif style is not None:
        cell._style = style
    return cell


def make_cell(ws: WriteOnlyWorksheet, value: CellValue, style: StyleArray | None = None) -> Cell:
    """A write-only cell for a plain Python value (see ``column_values``)."""
    if isinstance(value, str):
        return safe_text(ws, value, style)
    cell = Cell(ws, row=1, column=1)
    if value is None:
        pass
    elif isinstance(value, bool):
        cell._value = value
        cell.data_type = "b"
    elif isinstance(value, int | float):
        cell._value = value
        cell.data_type = "n"
    elif isinstance(value, dt.datetime | dt.date):
        cell._value = value
        cell.data_type = "d"
        if style is None:  # a date without a date format would show as a serial number
            cell.number_format = DATE_FORMAT
            return cell
    else:  # anything else is shown as its text, never evaluated
        return safe_text(ws, str(value), style)
    if style is not None:
        cell._style = style
    return cell


def column_values(series: pd.Series) -> list[CellValue]:
    """A column as plain Python values for cells: missing → None, dates → datetime.

    Vectorised per column (the per-cell loop is only the unavoidable one in the
    writer). Timestamps become naive ``datetime`` (Excel has no time zones);
    numpy scalars become ``int``/``float``; strings are kept as they are.
    """
    missing = series.isna().to_numpy()
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_localize(None)
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        values = np.array(series.dt.to_pydatetime(), dtype=object)
    elif pd.api.types.is_bool_dtype(series.dtype):
        values = np.array(series.tolist(), dtype=object)
    elif pd.api.types.is_numeric_dtype(series.dtype):
        # tolist() turns numpy scalars into int/float in one C pass; an infinite
        # value has no cell form and is left empty
        values = np.array(series.tolist(), dtype=object)
        missing = missing | ~np.isfinite(series.to_numpy(dtype="float64", na_value=np.nan))
    else:
        values = np.array([_plain(v) for v in series.tolist()], dtype=object)
    values[missing] = None
    return list(values.tolist())


def _plain(value: object) -> CellValue:
    """One object-dtype value as a plain Python value."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.tz_localize(None).to_pydatetime() if value.tzinfo else value.to_pydatetime()
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, str | int | float | bool | dt.datetime | dt.date):
        return value  # type: ignore[return-value]
    return str(value)


def stream_cells(ws: WriteOnlyWorksheet) -> None:
    """Let ``ws.append`` take ready-made cells without trying each as a value first.

    openpyxl's write-only ``append`` assigns every item as a cell value and only
    on the resulting ValueError (whose message formats the cell) takes it as a
    cell: one exception per styled cell. Every row written by this package is a
    list of cells (or None for an empty cell), so the sheet's row converter is
    replaced by one that only places them. Relies on openpyxl's private
    ``_values_to_row`` hook (3.1); tests read the cells back.
    """

    def cells_to_row(cells: Sequence[Cell | None], row_idx: int) -> Iterator[Cell]:
        for col_idx, cell in enumerate(cells, 1):
            if cell is None:
                continue
            cell.column = col_idx
            cell.row = row_idx
            yield cell

    ws._values_to_row = cells_to_row  # type: ignore[method-assign]
