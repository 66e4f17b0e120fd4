"""Writing one worksheet: heading lines, real Excel tables, formats, charts, print setup.

Everything goes through openpyxl's write-only mode (rows are streamed to the
file, the fast path for detail sheets of tens of thousands of rows). That mode
wants column widths and frozen panes before the first row and takes tables,
conditional formats, charts and print settings afterwards; ``write_sheet``
keeps that order. Styles are one ``StyleArray`` per column kind, shared by all
cells of the column, so no per-cell style object is built.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, Literal

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, Reference, Series
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.formatting.rule import ColorScaleRule, DataBarRule
from openpyxl.styles import Alignment, Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from popanalytics.export.cells import (
    DATE_FORMAT,
    CellValue,
    column_values,
    make_cell,
    quoted,
    safe_text,
    stream_cells,
)
from popanalytics.export.fastrows import inject_rows, rows_xml
from popanalytics.export.names import sheet_title

Kind = Literal["text", "longtext", "int", "number", "percent", "eur", "date"]
Scale = Literal["rate", "bar"] | None

NUMBER_FORMATS: dict[str, str] = {
    "text": "@",
    "longtext": "@",
    "int": "#,##0",
    "number": "#,##0.0",
    "percent": "0.0%",
    "eur": '"€ "#,##0.00',
    "date": DATE_FORMAT,
}
# How wide (in characters) a formatted value of each kind is at most.
_FIXED_WIDTH = {"percent": 8, "date": 11}
MAX_WIDTH = {"text": 40, "longtext": 60}
TABLE_STYLE = "TableStyleMedium2"
MAX_LINES = 8  # a row grows for wrapped text up to this many lines
FAST_ROWS = 500  # a last table longer than this is rendered by fastrows
ROW_CM = 0.53  # a default row is 15 pt high
ROWS_PER_PAGE = (
    30  # rows of 15 pt on a landscape A4 page with these margins: past it a chart gets its own page
)


@dataclass(frozen=True)
class Column:
    """One table column: its header label, the key in the frame and how it is shown."""

    key: str
    header: str
    kind: Kind = "text"
    scale: Scale = None  # conditional format: colour scale 0–1 or data bars


@dataclass(frozen=True)
class TableBlock:
    """One Excel table on a sheet, with an optional heading line above it."""

    name: str  # the table's displayName: unique in the workbook, letters/digits/_
    columns: tuple[Column, ...]
    frame: pd.DataFrame
    heading: str | None = None
    freeze: bool = False  # freeze the rows down to (and including) this header
    no_bars: tuple[int, ...] = ()  # data rows (0-based) left out of data bars: totals


@dataclass(frozen=True)
class ChartSpec:
    """A native bar chart over rows of one table (rows are 0-based data rows)."""

    title: str
    table: int
    category: str  # column key
    values: tuple[str, ...]  # column keys, one series each
    first: int = 0
    last: int | None = None  # inclusive; None = the last data row
    percent: bool = False
    stacked: bool = False
    # one series per (title, first, last) block of rows of ``values[0]``; the
    # categories are those of the first block (the blocks list the same groups)
    blocks: tuple[tuple[str, int, int], ...] = ()


@dataclass
class Placed:
    """Where a table landed: header row and data rows (1-based sheet rows)."""

    header_row: int
    first_row: int
    last_row: int
    columns: tuple[Column, ...]
    col_index: dict[str, int] = field(default_factory=dict)


class Styles:
    """The workbook's shared cell styles, one per column kind."""

    def __init__(self, wb: Workbook) -> None:
        self._ws = wb.create_sheet("_styles")  # a host for template cells, removed below
        self.kind: dict[str, StyleArray] = {}
        for kind, fmt in NUMBER_FORMATS.items():
            cell = Cell(self._ws, row=1, column=1)
            cell.number_format = fmt
            # top-aligned: a row made taller for wrapped text reads from the top
            if kind == "longtext":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif kind == "text":
                cell.alignment = Alignment(vertical="top")
            else:
                # a suppressed cell ("< 5") lines up with the numbers around it
                cell.alignment = Alignment(horizontal="right", vertical="top")
            self.kind[kind] = StyleArray(cell._style)
        self.header = self._style(
            font=Font(bold=True), alignment=Alignment(wrap_text=True, vertical="top")
        )
        self.title = self._style(font=Font(bold=True, size=14))
        self.subtitle = self._style(font=Font(italic=True, color="595959"))
        self.heading = self._style(font=Font(bold=True, size=12))
        wb.remove(self._ws)

    def _style(self, **attrs: object) -> StyleArray:
        cell = Cell(self._ws, row=1, column=1)
        for name, value in attrs.items():
            setattr(cell, name, value)
        return StyleArray(cell._style)


class Book:
    """A write-only workbook with its shared styles; large tables' rows as XML.

    ``save`` writes the workbook with openpyxl, then places the rows that
    ``write_sheet`` rendered with ``fastrows`` into their sheets.
    """

    def __init__(self) -> None:
        self.wb = Workbook(write_only=True)
        self.styles = Styles(self.wb)
        self._xml_rows: list[tuple[WriteOnlyWorksheet, list[bytes]]] = []

    def defer_rows(self, ws: WriteOnlyWorksheet, xml: list[bytes]) -> None:
        self._xml_rows.append((ws, xml))

    @property
    def sheetnames(self) -> list[str]:
        return list(self.wb.sheetnames)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.wb.save(buffer)
        # sheet part names are known once openpyxl has numbered the sheets (on save)
        parts = {ws.path.lstrip("/"): xml for ws, xml in self._xml_rows}
        return inject_rows(buffer.getvalue(), parts)

    def save(self, target: str | Path | BinaryIO) -> None:
        data = self.to_bytes()
        if isinstance(target, str | Path):
            Path(target).write_bytes(data)
        else:
            target.write(data)


def _text_width(values: pd.Series) -> int:
    """Characters of the longest line of the values shown as text.

    ``len`` mapped over the column's strings runs at C speed, faster than the
    pandas string methods (a Python-level loop for this string storage).
    """
    texts = values[values.notna()].astype(str).tolist()
    if not texts:
        return 0
    if "\n" in "".join(texts):
        texts = [line for text in texts for line in text.split("\n")]
    return max(map(len, texts))


def _text_cells(values: pd.Series) -> pd.Series:
    """The text cells (such as "< 5") of a numeric column."""
    if pd.api.types.is_numeric_dtype(values.dtype):
        return values.iloc[0:0]
    return values[pd.to_numeric(values, errors="coerce").isna() & values.notna()]


def _column_width(col: Column, values: pd.Series) -> float:
    """Width in characters that fits the content (numbers as formatted) and the header."""
    if col.kind in _FIXED_WIDTH:
        content = max(_FIXED_WIDTH[col.kind], _text_width(_text_cells(values)))
    elif col.kind in ("int", "number", "eur"):
        numeric = pd.to_numeric(values, errors="coerce").abs()
        numeric = numeric[np.isfinite(numeric.to_numpy(dtype="float64", na_value=np.nan))].max()
        digits = 1 if pd.isna(numeric) or numeric < 1 else int(math.log10(numeric)) + 1
        content = digits + (digits - 1) // 3 + {"int": 0, "number": 2, "eur": 5}[col.kind]
        content = max(content, _text_width(_text_cells(values)))
    else:
        content = _text_width(values)
    # headers wrap (header style), so a long header needs not set the width alone
    longest_word = max((len(w) for w in col.header.split()), default=0)
    header = max(longest_word, min(len(col.header), 16))
    cap = MAX_WIDTH.get(col.kind, 30)
    return float(min(max(content, header, 6), cap) + 2)


def unique_headers(columns: Sequence[Column]) -> tuple[Column, ...]:
    """Headers made unique ignoring case, as Excel requires of a table's columns."""
    seen: dict[str, int] = {}
    out: list[Column] = []
    for col in columns:
        n = seen.get(col.header.casefold(), 0) + 1
        seen[col.header.casefold()] = n
        out.append(col if n == 1 else replace(col, header=f"{col.header} ({n})"))
    return tuple(out)


def column_widths(tables: Sequence[TableBlock]) -> dict[int, float]:
    """Column number → width that fits every table's content in that column."""
    widths: dict[int, float] = {}
    for block in tables:
        for i, col in enumerate(block.columns, start=1):
            values = block.frame[col.key] if col.key in block.frame else pd.Series([], dtype=object)
            widths[i] = max(widths.get(i, 0.0), _column_width(col, values))
    return widths


def write_sheet(
    book: Book,
    title: str,
    heading: Sequence[str],
    tables: Sequence[TableBlock],
    charts: Sequence[ChartSpec] = (),
    *,
    fast_rows: int = FAST_ROWS,
    widths: dict[int, float] | None = None,
) -> WriteOnlyWorksheet:
    """Write one sheet: heading lines, the tables one below the other, then charts.

    ``heading[0]`` is the title line, the rest are subtitle lines (cycle,
    reference date, audience...). Each table is a real Excel table with
    autofilter and the workbook's number formats; rate columns get a colour
    scale. Print setup: landscape, fit to width, the first table's header
    repeated on every page. The last table, when it has more than
    ``fast_rows`` rows, is rendered by ``fastrows`` (same cells, much faster).
    ``widths`` (column number → characters) skips measuring the content, for
    many sheets with the same columns.
    """
    styles = book.styles
    tables = [replace(b, columns=unique_headers(b.columns)) for b in tables]
    ws: WriteOnlyWorksheet = book.wb.create_sheet(sheet_title(title))
    stream_cells(ws)

    # Layout first: write-only mode needs widths and panes before the first row.
    row = 1 + len(heading) + 1
    placements: list[Placed] = []
    for block in tables:
        if block.heading:
            row += 1
        n = len(block.frame)
        placed = Placed(
            header_row=row,
            first_row=row + 1,
            last_row=row + max(n, 1),
            columns=block.columns,
            col_index={c.key: i + 1 for i, c in enumerate(block.columns)},
        )
        placements.append(placed)
        row = placed.last_row + 2
    if widths is None:
        widths = column_widths(tables)
    for i, width in widths.items():
        ws.column_dimensions[get_column_letter(i)].width = width
    default_freeze = placements[0].header_row if placements else None
    freeze = next(
        (p.header_row for b, p in zip(tables, placements, strict=True) if b.freeze),
        default_freeze,
    )
    if freeze is not None:
        ws.freeze_panes = f"A{freeze + 1}"
    for block, placed in zip(tables, placements, strict=True):
        # headers wrap; a row height is not recomputed on opening, so set it
        lines = max(
            (
                math.ceil(len(c.header) / max(widths[i] - 2, 1))
                for i, c in enumerate(block.columns, start=1)
            ),
            default=1,
        )
        if lines > 1:
            ws.row_dimensions[placed.header_row].height = 15 * min(lines, 4)
    # sheet properties are written with the first row, so fit-to-page goes here
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)

    # Rows, streamed.
    for i, line in enumerate(heading):
        ws.append([safe_text(ws, line, styles.title if i == 0 else styles.subtitle)])
    ws.append([])
    for i, (block, placed) in enumerate(zip(tables, placements, strict=True)):
        if block.heading:
            ws.append([safe_text(ws, block.heading, styles.heading)])
        ws.append([safe_text(ws, c.header, styles.header) for c in block.columns])
        heights = _row_heights(block, widths)
        if i == len(tables) - 1 and len(block.frame) > fast_rows:
            xml = _rows_as_xml(book, block, placed, heights)
            if xml is not None:
                # these rows go in after everything openpyxl streams: no row may follow
                book.defer_rows(ws, xml)
                continue
        if heights is not None:
            for offset in np.flatnonzero(heights):
                ws.row_dimensions[placed.first_row + int(offset)].height = float(heights[offset])
        _append_rows(ws, block, styles)
        if block.frame.empty:
            ws.append([])
        ws.append([])

    # Tail: tables, conditional formats, charts, print setup.
    for block, placed in zip(tables, placements, strict=True):
        _add_table(ws, block, placed)
        _add_scales(ws, placed, block.no_bars)
    chart_row = row + 1
    for spec in charts:
        chart_row = _add_chart(ws, spec, tables, placements, chart_row)
    if charts and chart_row > ROWS_PER_PAGE:
        # charts that would be cut by a page break start on a page of their own
        ws.row_breaks.append(Break(id=row))
    _print_setup(ws, placements[0].header_row if placements else None)
    return ws


def _append_rows(ws: WriteOnlyWorksheet, block: TableBlock, styles: Styles) -> None:
    """Stream the data rows; each column's values are converted once, vectorised."""
    n = len(block.frame)
    if n == 0:
        return
    columns: list[list[CellValue]] = []
    col_styles: list[StyleArray] = []
    for col in block.columns:
        series = block.frame[col.key] if col.key in block.frame else pd.Series([None] * n)
        columns.append(column_values(series.reset_index(drop=True)))
        col_styles.append(styles.kind[col.kind])
    for values in zip(*columns, strict=True):
        ws.append(
            [
                None if v is None else make_cell(ws, v, s)
                for v, s in zip(values, col_styles, strict=True)
            ]
        )


def _row_heights(block: TableBlock, widths: dict[int, float]) -> np.ndarray | None:
    """Row heights (points; 0 = default) that show wrapped long text whole.

    Neither Excel nor LibreOffice grows a row for wrapped text on opening a
    file, so the lines are estimated from the text length and the column width.
    """
    lines: np.ndarray | None = None
    for i, col in enumerate(block.columns, start=1):
        if col.kind != "longtext" or col.key not in block.frame or block.frame.empty:
            continue
        text = (
            block.frame[col.key].astype(object).where(block.frame[col.key].notna(), "").astype(str)
        )
        # a width unit is one "0"; average text is narrower, about 1.2 characters a unit
        per_line = max((widths[i] - 2) * 1.2, 1)
        wrapped = np.ceil(text.str.len().to_numpy(dtype="float64") / per_line)
        count = text.str.count("\n").to_numpy(dtype="float64") + np.maximum(wrapped, 1)
        lines = count if lines is None else np.maximum(lines, count)
    if lines is None or not (lines > 1).any():
        return None
    return np.where(lines > 1, 15.0 * np.minimum(lines, MAX_LINES), 0.0)


def _rows_as_xml(
    book: Book, block: TableBlock, placed: Placed, heights: np.ndarray | None
) -> list[bytes] | None:
    styles = book.styles.kind
    cell_styles = book.wb._cell_styles  # openpyxl's style table: the ids cells refer to
    n = len(block.frame)
    columns = [
        block.frame[c.key] if c.key in block.frame else pd.Series([None] * n, dtype=object)
        for c in block.columns
    ]
    return rows_xml(
        columns,
        [get_column_letter(i) for i in range(1, len(block.columns) + 1)],
        [cell_styles.add(styles[c.kind]) for c in block.columns],
        [cell_styles.add(quoted(styles[c.kind])) for c in block.columns],
        placed.first_row,
        heights,
    )


def _add_table(ws: WriteOnlyWorksheet, block: TableBlock, placed: Placed) -> None:
    last_col = get_column_letter(len(block.columns))
    ref = f"A{placed.header_row}:{last_col}{placed.last_row}"
    table = Table(
        displayName=block.name,
        ref=ref,
        autoFilter=AutoFilter(ref=ref),
        tableColumns=[TableColumn(id=i, name=c.header) for i, c in enumerate(block.columns, 1)],
        tableStyleInfo=TableStyleInfo(name=TABLE_STYLE, showRowStripes=True),
    )
    with warnings.catch_warnings():
        # openpyxl warns that write-only tables need their columns set: they are
        warnings.simplefilter("ignore", UserWarning)
        ws.add_table(table)


def _runs(first: int, last: int, skip: set[int]) -> list[tuple[int, int]]:
    """The runs of rows first..last without the rows in ``skip`` (a loop over
    the few skipped rows, not over the table's rows)."""
    runs: list[tuple[int, int]] = []
    start = first
    for row in sorted(r for r in skip if first <= r <= last):
        if row > start:
            runs.append((start, row - 1))
        start = row + 1
    if start <= last:
        runs.append((start, last))
    return runs


def _add_scales(ws: WriteOnlyWorksheet, placed: Placed, no_bars: Sequence[int] = ()) -> None:
    skip = {placed.first_row + i for i in no_bars}
    for col in placed.columns:
        if col.scale is None:
            continue
        letter = get_column_letter(placed.col_index[col.key])
        rng = f"{letter}{placed.first_row}:{letter}{placed.last_row}"
        if col.scale == "bar" and skip:
            runs = _runs(placed.first_row, placed.last_row, skip)
            if not runs:
                continue
            rng = " ".join(f"{letter}{a}:{letter}{b}" for a, b in runs)
        if col.scale == "rate":
            rule = ColorScaleRule(
                start_type="num",
                start_value=0,
                start_color="F8696B",
                mid_type="num",
                mid_value=0.5,
                mid_color="FFEB84",
                end_type="num",
                end_value=1,
                end_color="63BE7B",
            )
        else:
            rule = DataBarRule(start_type="min", end_type="max", color="5B9BD5")
        ws.conditional_formatting.add(rng, rule)


def _add_chart(
    ws: WriteOnlyWorksheet,
    spec: ChartSpec,
    tables: Sequence[TableBlock],
    placements: Sequence[Placed],
    anchor_row: int,
) -> int:
    """Add a bar chart below the tables; returns the next free row for another chart."""
    block, placed = tables[spec.table], placements[spec.table]
    n = len(block.frame)
    if spec.blocks:
        spec = replace(spec, first=spec.blocks[0][1], last=spec.blocks[0][2])
    last = n - 1 if spec.last is None else min(spec.last, n - 1)
    if n == 0 or last < spec.first:
        return anchor_row
    first_row, last_row = placed.first_row + spec.first, placed.first_row + last
    chart = BarChart()
    chart.type = "bar"  # horizontal bars: long department names stay readable
    chart.title = spec.title
    chart.style = 10
    chart.gapWidth = 60  # bars thicker than the gaps between them
    if len(spec.values) > 1 or len(spec.blocks) > 1:
        chart.legend.position = "b"
    else:
        chart.legend = None  # one series: the title says what it is
    if spec.stacked:
        chart.grouping = "stacked"
        chart.overlap = 100
    if spec.blocks:
        col = placed.col_index[spec.values[0]]
        for series_title, first, end in spec.blocks:
            ref = Reference(
                ws, min_col=col, min_row=placed.first_row + first, max_row=placed.first_row + end
            )
            chart.series.append(Series(ref, title=series_title))
    else:
        headers = {c.key: c.header for c in placed.columns}
        for key in spec.values:
            ref = Reference(ws, min_col=placed.col_index[key], min_row=first_row, max_row=last_row)
            chart.series.append(Series(ref, title=headers[key]))
    cats = Reference(
        ws, min_col=placed.col_index[spec.category], min_row=first_row, max_row=last_row
    )
    for series in chart.series:
        # group names are text: a string reference (set_categories makes a number one)
        series.cat = AxDataSource(strRef=StrRef(f=str(cats)))
    chart.y_axis.numFmt = "0%" if spec.percent else "#,##0"
    if spec.percent:
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 1
    chart.y_axis.majorGridlines = None
    chart.x_axis.scaling.orientation = "maxMin"  # first row on top, as in the table
    chart.x_axis.tickLblSkip = 1  # every group named, not every other one
    # openpyxl 3.1 hides axes unless told otherwise
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    bars = last - spec.first + 1
    chart.width = 24
    per_group = max(len(spec.values), len(spec.blocks)) if not spec.stacked else 1
    chart.height = max(6.0, min(0.5 * bars * (per_group // 2 + 1) + 2.5, 17.0))
    ws.add_chart(chart, f"A{anchor_row}")
    return anchor_row + int(chart.height / ROW_CM) + 2


def _print_setup(ws: WriteOnlyWorksheet, header_row: int | None) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if header_row is not None:
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.center.text = "&P / &N"
    ws.oddFooter.left.text = "&A"
