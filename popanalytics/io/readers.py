"""File formats: turn one file into sheets of raw cells, with source row numbers.

Workbooks (.xlsx, .xlsm, .xls, .ods) are read with python-calamine directly
(``to_python(skip_empty_area=False)``): it is the fast path, it starts at A1 so
row positions are the Excel row numbers, and it keeps cells as Python values
(str, float, bool, date/datetime, ``""`` for empty). Going through
``pandas.read_excel`` would add a per-cell conversion and a text parser on top.

Text files (.csv, .txt) are decoded (UTF-8 with or without BOM, else
Windows-1252), the separator is detected, and the body is read by pandas as
strings so ``00123`` stays ``00123``.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import threading
import warnings
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal, cast

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum

from popanalytics.errors import PopError
from popanalytics.io import limits
from popanalytics.io.extent import (
    WorkbookPlan,
    bounded_sheet,
    check_grid,
    check_workbook,
    is_zip,
    plan_workbook,
)
from popanalytics.io.problems import count_text, fatal, megabytes
from popanalytics.io.sources import TEXT_EXTENSIONS, SourceFile

# How many rows at the top of a sheet are searched for the header row.
HEAD_ROWS = 20

Cells = list[list[object]]
# Scores a few parsed rows by how much they look like a header (see header.py);
# used to choose the CSV separator.
HeaderScore = Callable[[Cells], int]

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# how workbook files start: .xls (OLE) and .xlsx/.ods (zip)
_WORKBOOK_SIGNATURES = (_OLE_SIGNATURE, b"PK\x03\x04")
_ENCRYPTED_MARKERS = (b"EncryptedPackage", "EncryptedPackage".encode("utf-16-le"))
_SEPARATORS = (";", ",", "\t")
# Engines tried when calamine cannot read an old or unusual file.
_FALLBACK_ENGINES: dict[str, Literal["xlrd", "odf"]] = {".xls": "xlrd", ".ods": "odf"}
# the csv module refuses fields over 128 KB by default; up to the documented limit is fine
csv.field_size_limit(max(csv.field_size_limit(), limits.MAX_CSV_FIELD_CHARS))


@dataclass(frozen=True)
class Sheet:
    """One sheet (or CSV file) of raw cells.

    ``head`` holds the first rows, to find the header in. ``body(h)`` returns the
    rows from head row ``h`` on (the header row first) as an object frame with
    positional columns and the source row number as index.
    """

    file: str
    sheet: str | None
    head: Cells
    body: Callable[[int], pd.DataFrame]
    # the only sheet of its file, so the file name may name the table
    alone: bool


def read_sheets(source: SourceFile, score: HeaderScore) -> list[Sheet]:
    """The sheets of one file; every failure becomes a `PopError` naming the file."""
    data = source.read_bytes()
    if source.extension not in TEXT_EXTENSIONS:
        return _workbook_sheets(source, data)
    if data.startswith(_WORKBOOK_SIGNATURES):
        # a workbook saved or renamed as .csv: read it as what it is
        try:
            return _workbook_sheets(source, data)
        except PopError as error:
            if error.code != "io.unreadable":
                raise
            # not a workbook after all: the text reader says why it is no text either
    return [_csv_sheet(source, data, score)]


def is_encrypted_office_file(data: bytes) -> bool:
    """A password-protected OOXML workbook: an OLE container holding ``EncryptedPackage``."""
    return data.startswith(_OLE_SIGNATURE) and any(m in data for m in _ENCRYPTED_MARKERS)


def is_encrypted_opendocument(data: bytes) -> bool:
    """A password-protected .ods: a zip whose manifest lists encryption data per part."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            manifest = archive.read("META-INF/manifest.xml")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False
    return b"encryption-data" in manifest


# --- workbooks ---------------------------------------------------------------------


def _workbook_sheets(source: SourceFile, data: bytes) -> list[Sheet]:
    if is_encrypted_office_file(data):
        raise fatal("encrypted", file=source.name)
    # a zip bomb is refused here; each sheet is measured just before it is read
    plan = plan_workbook(data, source.name) if is_zip(data) else None
    try:
        grids = _calamine_grids(data, source.name, plan)
    except PasswordError as exc:
        raise fatal("encrypted", file=source.name) from exc
    except PopError:  # a sheet beyond the limits (the cell budget)
        raise
    except MemoryError as exc:
        raise _too_large(source) from exc
    except Exception as exc:  # calamine raises several types; none may escape raw
        if source.extension == ".ods" and is_encrypted_opendocument(data):
            raise fatal("encrypted", file=source.name) from exc
        engine = _FALLBACK_ENGINES.get(source.extension)
        if engine is None:
            raise fatal("unreadable", file=source.name, kind=source.kind) from exc
        try:
            grids = _pandas_grids(data, engine, source.name)
        except PopError:
            raise
        except MemoryError as memory:
            # pandas expands repeated rows and columns (.ods) into a dense frame
            raise _too_large(source) from memory
        except Exception:
            raise fatal("unreadable", file=source.name, kind=source.kind) from exc
    alone = len(grids) == 1
    return [
        Sheet(
            file=source.name,
            sheet=name,
            head=rows[:HEAD_ROWS],
            body=_grid_body(rows),
            alone=alone,
        )
        for name, rows in grids
    ]


def _too_large(source: SourceFile) -> PopError:
    return fatal("too_large_to_read", file=source.name, limit=count_text(limits.MAX_SHEET_CELLS))


def _calamine_grids(data: bytes, file: str, plan: WorkbookPlan | None) -> list[tuple[str, Cells]]:
    """Every work sheet as rows of cells starting at A1 (chart and macro sheets skipped)."""
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    try:
        names = [m.name for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    finally:
        workbook.close()
    budget = _CellBudget(file)
    if len(names) == 1:
        return [(names[0], _calamine_sheet(data, names[0], budget, plan))]
    # calamine parses without holding the GIL, so sheets read in parallel threads
    # (each with its own workbook handle): a 4-sheet export loads ~1.7x faster on 2 cores
    with ThreadPoolExecutor(max_workers=min(len(names), os.cpu_count() or 1)) as pool:
        sheets = list(pool.map(lambda name: _calamine_sheet(data, name, budget, plan), names))
    return list(zip(names, sheets, strict=True))


class _CellBudget:
    """The cells a workbook's sheets may hold, in all (limits.MAX_WORKBOOK_CELLS),
    counted as each sheet's grid is known and before it becomes Python objects
    (which is where the memory goes). For .xls and .ods, which are not measured
    beforehand, this is also the per-sheet check; sheets read in parallel may
    overrun the total by the ones in flight, each within the sheet limits.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.used = 0
        self._lock = threading.Lock()

    def take(self, sheet: str, rows: int, columns: int) -> None:
        check_grid(self.file, sheet, rows, columns)
        with self._lock:
            self.used += rows * columns
            used = self.used
        check_workbook(self.file, used)


def _calamine_sheet(
    data: bytes, name: str, budget: _CellBudget, plan: WorkbookPlan | None
) -> Cells:
    """One sheet's cells. An .xlsx sheet is measured first (extent.py): calamine
    only ever sees a sheet within the limits, trimmed to its real extent."""
    if plan is not None:
        data = bounded_sheet(plan, name)
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    try:
        sheet = workbook.get_sheet_by_name(name)
        # to_python starts at A1 (skip_empty_area=False): the grid is end + 1
        end_row, end_column = (sheet.end or (-1, -1)) if sheet.height else (-1, -1)
        budget.take(name, end_row + 1, end_column + 1)
        return cast(Cells, sheet.to_python(skip_empty_area=False))
    finally:
        workbook.close()


def _pandas_grids(
    data: bytes, engine: Literal["xlrd", "odf"], file: str
) -> list[tuple[str, Cells]]:
    """The slow fallback through pandas, shaped like calamine's output."""
    with warnings.catch_warnings():
        # pandas deprecates its xlrd engine in favour of calamine, which was tried first
        warnings.simplefilter("ignore")
        frames = pd.read_excel(io.BytesIO(data), sheet_name=None, header=None, engine=engine)
    grids: list[tuple[str, Cells]] = []
    budget = _CellBudget(file)
    for name, frame in frames.items():
        budget.take(str(name), *frame.shape)
        cells = frame.astype(object).where(frame.notna(), None)
        grids.append((str(name), cells.to_numpy().tolist()))
    return grids


def _grid_body(rows: Cells) -> Callable[[int], pd.DataFrame]:
    def body(header_row: int) -> pd.DataFrame:
        frame = pd.DataFrame(rows[header_row:], dtype=object)
        # row position + 1 is the Excel row number, since calamine starts at A1
        frame.index = pd.RangeIndex(header_row + 1, header_row + 1 + len(frame))
        return frame

    return body


# --- text files ----------------------------------------------------------------------


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM; UTF-16 when it has a BOM), else Windows-1252.

    Text holding NUL characters is binary data, not text in another encoding:
    that is said as such, naming the first line that holds one.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates: tuple[str, ...] = ("utf-16",)
    else:
        candidates = ("utf-8-sig", "cp1252")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        nul = text.find("\x00")
        if nul >= 0:
            raise fatal("csv_nul", file=name, line=text.count("\n", 0, nul) + 1)
        return text
    raise fatal("encoding", file=name)


def _check_text_size(data: bytes, text: str, name: str) -> None:
    """Refuse a text file with too many lines or fields, or a field beyond
    MAX_CSV_FIELD_CHARS, before anything parses it.

    Counting is str.count (C speed); the fields are bounded by the count of the
    most frequent separator, whichever it turns out to be. Line lengths are
    measured on the bytes with numpy (no loop over lines); only a line longer
    than the field limit is split, to name the field.
    """
    lines = text.count("\n") + 1
    if lines > limits.MAX_CSV_LINES:
        raise fatal(
            "csv_too_many_lines",
            file=name,
            lines=count_text(lines),
            limit=count_text(limits.MAX_CSV_LINES),
        )
    fields = max(text.count(separator) for separator in _SEPARATORS)
    if fields > limits.MAX_CSV_FIELDS:
        raise fatal(
            "csv_too_many_fields",
            file=name,
            fields=count_text(fields),
            limit=count_text(limits.MAX_CSV_FIELDS),
        )
    cap = limits.MAX_CSV_FIELD_CHARS
    if len(data) <= cap:
        return
    breaks = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == ord("\n"))
    lengths = np.diff(np.concatenate(([-1], breaks, [len(data)])))
    long_lines = np.flatnonzero(lengths > cap)
    if not len(long_lines):
        return
    all_lines = text.split("\n")
    header = next((line for line in all_lines if line.strip()), "")
    separator = max(_SEPARATORS, key=header.count)
    for index in long_lines.tolist():
        if index >= len(all_lines):
            break
        sizes = [len(field) for field in all_lines[index].split(separator)]
        widest = max(range(len(sizes)), key=sizes.__getitem__)
        if sizes[widest] > cap:
            raise _field_too_large(name, index + 1, widest + 1, sizes[widest])


def _field_too_large(name: str, line: int | str, column: int | str, size: int) -> PopError:
    return fatal(
        "csv_field_too_large",
        file=name,
        line=line,
        column=str(column),
        size=megabytes(size),
        limit=megabytes(limits.MAX_CSV_FIELD_CHARS),
    )


def _csv_sheet(source: SourceFile, data: bytes, score: HeaderScore) -> Sheet:
    text = decode_text(data, source.name)
    _check_text_size(data, text, source.name)
    try:
        separator = detect_separator(text, score)
        head = _head_rows(text, separator)
    except _LongQuotedField as exc:
        raise _field_too_large(source.name, exc.line, "?", limits.MAX_CSV_FIELD_CHARS) from exc

    def body(header_row: int) -> pd.DataFrame:
        return _read_csv_body(text, separator, header_row, source.name)

    return Sheet(file=source.name, sheet=None, head=head, body=body, alone=True)


def _head_rows(text: str, separator: str) -> Cells:
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    try:
        return [list(row) for row in itertools.islice(reader, HEAD_ROWS)]
    except csv.Error as exc:
        # a quoted field running over many lines past the field limit
        raise _LongQuotedField(reader.line_num) from exc


class _LongQuotedField(Exception):
    """A quoted field past the csv field limit, ending on physical line ``line``."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def detect_separator(text: str, score: HeaderScore) -> str:
    """``;``, ``,`` or tab: the one whose parse of the first lines holds the best header.

    csv.Sniffer is not used: on a Belgian ``;`` file with decimal commas it sees
    ``,`` just as consistent and prefers it. The header is the better witness; when
    nothing looks like a header, the separator most frequent in the first
    non-empty line is taken (``;`` on ties, the Belgian Excel default).
    """
    scores = {sep: score(_head_rows(text, sep)) for sep in _SEPARATORS}
    best = max(scores.values())
    if best > 0:
        return next(sep for sep in _SEPARATORS if scores[sep] == best)
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max(_SEPARATORS, key=first.count)


def _read_csv_body(text: str, separator: str, header_row: int, name: str) -> pd.DataFrame:
    """Lines from ``header_row`` (0-based) on, as strings, indexed by line number."""
    options: dict[str, object] = {
        "sep": separator,
        "header": None,
        "skiprows": header_row,
        "dtype": str,
        "keep_default_na": False,
        "skip_blank_lines": False,
    }
    try:
        try:
            frame = pd.read_csv(io.StringIO(text), **options)  # type: ignore[call-overload]
        except pd.errors.ParserError:
            # A later line has more fields than the header line: give pandas the
            # widest line's width (this scan runs only on such malformed files).
            lines = io.StringIO(text)
            width = max(map(len, csv.reader(lines, delimiter=separator)), default=0)
            frame = pd.read_csv(io.StringIO(text), names=list(range(width)), **options)  # type: ignore[call-overload]
    except pd.errors.EmptyDataError:
        return pd.DataFrame(dtype=object)
    except (pd.errors.ParserError, csv.Error, ValueError) as exc:
        raise fatal("csv_parse", file=name, line=_line_of(exc)) from exc
    frame = frame.astype(object)
    frame.index = pd.RangeIndex(header_row + 1, header_row + 1 + len(frame))
    return frame


def _line_of(exc: Exception) -> str:
    """The line pandas complains about, as far as its message says.

    Its parser counts in the whole text, whatever ``skiprows``: "line N" is the
    line number, "row N" (an unclosed quote) counts from 0.
    """
    words = str(exc).replace(",", " ").split()
    for before, word in itertools.pairwise(words):
        if before in ("line", "row") and word.isdigit():
            return str(int(word) + (before == "row"))
    return "?"
