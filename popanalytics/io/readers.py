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
import warnings
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal, cast

import pandas as pd
from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum

from popanalytics.errors import PopError
from popanalytics.io.problems import fatal
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
    try:
        grids = _calamine_grids(data)
    except PasswordError as exc:
        raise fatal("encrypted", file=source.name) from exc
    except Exception as exc:  # calamine raises several types; none may escape raw
        if source.extension == ".ods" and is_encrypted_opendocument(data):
            raise fatal("encrypted", file=source.name) from exc
        engine = _FALLBACK_ENGINES.get(source.extension)
        if engine is None:
            raise fatal("unreadable", file=source.name, kind=source.kind) from exc
        try:
            grids = _pandas_grids(data, engine)
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


def _calamine_grids(data: bytes) -> list[tuple[str, Cells]]:
    """Every work sheet as rows of cells starting at A1 (chart and macro sheets skipped)."""
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    try:
        names = [m.name for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    finally:
        workbook.close()
    if len(names) == 1:
        return [(names[0], _calamine_sheet(data, names[0]))]
    # calamine parses without holding the GIL, so sheets read in parallel threads
    # (each with its own workbook handle): a 4-sheet export loads ~1.7x faster on 2 cores
    with ThreadPoolExecutor(max_workers=min(len(names), os.cpu_count() or 1)) as pool:
        sheets = list(pool.map(lambda name: _calamine_sheet(data, name), names))
    return list(zip(names, sheets, strict=True))


def _calamine_sheet(data: bytes, name: str) -> Cells:
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    try:
        return cast(Cells, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
    finally:
        workbook.close()


def _pandas_grids(data: bytes, engine: Literal["xlrd", "odf"]) -> list[tuple[str, Cells]]:
    """The slow fallback through pandas, shaped like calamine's output."""
    with warnings.catch_warnings():
        # pandas deprecates its xlrd engine in favour of calamine, which was tried first
        warnings.simplefilter("ignore")
        frames = pd.read_excel(io.BytesIO(data), sheet_name=None, header=None, engine=engine)
    grids: list[tuple[str, Cells]] = []
    for name, frame in frames.items():
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
    """UTF-8 (with or without BOM; UTF-16 when it has a BOM), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates: tuple[str, ...] = ("utf-16",)
    else:
        candidates = ("utf-8-sig", "cp1252")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # NUL characters mean a binary file (a workbook renamed to .csv), not text
        if "\x00" not in text:
            return text
    raise fatal("encoding", file=name)


def _csv_sheet(source: SourceFile, data: bytes, score: HeaderScore) -> Sheet:
    text = decode_text(data, source.name)
    separator = detect_separator(text, score)
    head = _head_rows(text, separator)

    def body(header_row: int) -> pd.DataFrame:
        return _read_csv_body(text, separator, header_row, source.name)

    return Sheet(file=source.name, sheet=None, head=head, body=body, alone=True)


def _head_rows(text: str, separator: str) -> Cells:
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    return [list(row) for row in itertools.islice(reader, HEAD_ROWS)]


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
