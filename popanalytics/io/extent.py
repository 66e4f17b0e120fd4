"""Measure a workbook before a library materialises it (limits in limits.py).

calamine builds a dense grid from A1 to the last cell it sees: one stray value at
XFD1048576 asks for 17 billion cells and aborts the process from Rust, where no
``except`` reaches. So an .xlsx is measured here first, from its XML, in a
streaming way (the sheet is inflated in chunks, never held whole):

* the archive itself: declared sizes, compression ratio and the total of all
  members (a zip bomb is refused before anything is inflated);
* each work sheet's *real extent*: the last row and the last column that hold
  a value. The declared ``<dimension ref>`` is ignored, and so are formatted
  empty cells (calamine skips them too). A sheet beyond the limits is refused,
  naming the file, the sheet and the farthest cell.
* cells calamine would count but that hold nothing (an empty inline string, a
  blank shared string, an empty cached formula result) beyond the real extent
  are cut from an in-memory copy of the sheet, so the grid calamine allocates is
  the real extent, never a declared or accidental one.

Finding the extent costs one inflate of the sheet XML plus two C-level regex
scans that match (almost) nothing in a normal export: cells beyond the widest
value column seen so far, and cells in rows past 999,999. Only the last cell of
each chunk and those rare matches are looked at in Python.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from xml.etree import ElementTree

from popanalytics.io import limits
from popanalytics.io.controls import strip_controls
from popanalytics.io.problems import count_text, fatal, megabytes

_CHUNK = 8 * 1024 * 1024
# a small XML part (workbook.xml, its relations, the shared strings) read whole
_SMALL_PART_BYTES = 64 * 1024 * 1024

# ` r="AB12"`: the reference attribute of a cell (a row's r="12" has no letters)
# (a literal start lets the regex engine skip ahead: ~1 GB/s instead of ~150 MB/s)
_CELL_REF = re.compile(rb' r="([A-Z]{1,3})([0-9]{1,10})"')
# a row past 999,999 (7+ digits): rare, so looked for everywhere
_FAR_ROW = re.compile(rb'row r="[0-9]{7,10}"')
_FAR_ROW_FROM = 1_000_000
# a <v> or <t> element with something in it: the cell holds a value
_HAS_VALUE = re.compile(rb"<(?:[\w.-]+:)?[vt](?:\s[^>]*)?>\s*[^<\s]")
_SHARED_INDEX = re.compile(rb"<(?:[\w.-]+:)?v(?:\s[^>]*)?>\s*([0-9]+)")
_SHARED_TYPE = re.compile(rb'\st="s"')
_CELL_END = re.compile(rb"</(?:[\w.-]+:)?c>")
_CELL_WITHOUT_REF = re.compile(rb"<(?:[\w.-]+:)?c[\s>/]")
_ROW_START = re.compile(rb"<(?:[\w.-]+:)?row[\s>/]")

_WORKSHEET_PART = re.compile(r"(?:^|/)worksheets/[^/]+\.xml$")

_EMPTY, _BLANK, _VALUE = 0, 1, 2

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class Extent:
    """The real extent of one sheet: 1-based last row and column holding a value."""

    rows: int
    columns: int

    @property
    def cells(self) -> int:
        return self.rows * self.columns


# --- the archive ---------------------------------------------------------------------


def is_zip(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04")


def check_archive(archive: zipfile.ZipFile, file: str) -> None:
    """Refuse a zip bomb from its directory alone: declared sizes and ratios.

    The declared sizes are then enforced while reading: zipfile stops at the
    declared size and checks the CRC, so an archive that lies is corrupt.
    """
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        bomb = (
            info.file_size > limits.MAX_MEMBER_BYTES
            or total > limits.MAX_ARCHIVE_BYTES
            or (
                info.file_size > limits.MIN_RATIO_CHECK_BYTES
                and ratio > limits.MAX_COMPRESSION_RATIO
            )
        )
        if bomb:
            raise fatal(
                "zip_bomb",
                file=file,
                part=strip_controls(info.filename)[:200],
                size=megabytes(info.file_size),
                compressed=megabytes(info.compress_size),
                limit=megabytes(limits.MAX_ARCHIVE_BYTES),
            )


# --- an .xlsx ----------------------------------------------------------------------


@dataclass
class _SheetScan:
    """What one pass over a sheet's cells found."""

    rows: int = 0
    columns: int = 0
    farthest: str = ""  # the reference of the value cell that set the extent
    needs_trim: bool = False
    unreferenced_cells: int = 0
    unreferenced_rows: int = 0
    has_refs: bool = False
    blank_rows: int = 0  # the last row holding a blank-but-visible cell


@dataclass
class _Context:
    archive: zipfile.ZipFile
    file: str
    sheet: str
    shared_path: str | None
    _blank_shared: frozenset[int] | None = field(default=None)

    def blank_shared(self) -> frozenset[int]:
        """Indexes of the shared strings that are blank (parsed on first need only)."""
        if self._blank_shared is None:
            self._blank_shared = _blank_shared_strings(self.archive, self.shared_path)
        return self._blank_shared


@dataclass(frozen=True)
class WorkbookPlan:
    """A zipped OOXML workbook whose archive passed `check_archive`, with the XML
    part of each work sheet: what `bounded_sheet` needs to measure one sheet."""

    data: bytes
    file: str
    kind: str  # XLSX, XLSM: as messages name the format
    sheets: tuple[tuple[str, str], ...]  # (sheet name, part path)
    shared: str | None  # the shared-strings part

    def part(self, sheet: str) -> str | None:
        return next((part for name, part in self.sheets if name == sheet), None)


def plan_workbook(data: bytes, file: str) -> WorkbookPlan | None:
    """Check a zipped workbook's archive (a zip bomb is refused, .ods too) and map
    its sheets to their parts; None when it is no OOXML package (nothing to measure
    here) or no zip at all (calamine then says what it is)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    with archive:
        check_archive(archive, file)
        kind = posixpath.splitext(file)[1].lstrip(".").upper() or "XLSX"
        try:
            sheets = _sheet_parts(archive)
        except ValueError as exc:  # a workbook part beyond any real size
            raise fatal("unreadable", file=file, kind=kind) from exc
        if sheets is None:
            return None
        return WorkbookPlan(data, file, kind, tuple(sheets), _shared_strings_part(archive))


def bounded_sheet(plan: WorkbookPlan, sheet: str) -> bytes:
    """The workbook to read ``sheet`` from: ``plan.data`` when the sheet is within
    the limits, a copy with that sheet trimmed when stray blank cells lie beyond
    its real extent. Raises `PopError` naming file, sheet and cell beyond a limit.

    Measuring one sheet at a time lets the reader overlap it with reading the
    sheet before (readers.py reads sheets in parallel threads).
    """
    part = plan.part(sheet)
    if part is None:
        return plan.data
    found = _scan_part(plan, sheet, part)
    extent = _checked(found, plan.file, sheet)
    if not (found.needs_trim or found.blank_rows > extent.rows):
        return plan.data
    with zipfile.ZipFile(io.BytesIO(plan.data)) as archive:
        return _trimmed_copy(archive, {part: extent})


def bounded_xlsx(data: bytes, file: str) -> bytes:
    """Every sheet of a zipped workbook measured at once (see `bounded_sheet`):
    ``data``, or a copy with the sheets that need it trimmed. Also checks the
    cells of all sheets together (MAX_WORKBOOK_CELLS)."""
    plan = plan_workbook(data, file)
    if plan is None:
        return data
    workers = min(len(plan.sheets), os.cpu_count() or 1) or 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        scans = list(pool.map(lambda sheet: _scan_part(plan, *sheet), plan.sheets))
    total = 0
    trims: dict[str, Extent] = {}
    for (name, part), found in zip(plan.sheets, scans, strict=True):
        extent = _checked(found, file, name)
        total += extent.cells
        check_workbook(file, total)
        if found.needs_trim or found.blank_rows > extent.rows:
            trims[part] = extent
    if not trims:
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return _trimmed_copy(archive, trims)


def _scan_part(plan: WorkbookPlan, sheet: str, part: str) -> _SheetScan:
    # each call its own archive handle (threads); inflating releases the GIL
    with zipfile.ZipFile(io.BytesIO(plan.data)) as archive:
        try:
            return _scan_sheet(_Context(archive, plan.file, sheet, plan.shared), part)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError) as exc:
            raise fatal("unreadable_sheet", file=plan.file, sheet=sheet, kind=plan.kind) from exc


def check_grid(file: str, sheet: str, rows: int, columns: int, cell: str = "") -> None:
    """Refuse a sheet whose grid (from A1: ``rows`` x ``columns``) is beyond a limit;
    ``cell`` is the farthest value cell, to name (its corner by default)."""
    values = {
        "file": file,
        "sheet": sheet,
        "cell": cell or f"{column_letters(columns)}{rows}",
        "rows": count_text(rows),
        "columns": count_text(columns),
        "cells": count_text(rows * columns),
    }
    if columns > limits.MAX_SHEET_COLUMNS:
        raise fatal("sheet_too_wide", limit=count_text(limits.MAX_SHEET_COLUMNS), **values)
    if rows > limits.MAX_SHEET_ROWS:
        raise fatal("sheet_too_long", limit=count_text(limits.MAX_SHEET_ROWS), **values)
    if rows * columns > limits.MAX_SHEET_CELLS:
        raise fatal("sheet_too_many_cells", limit=count_text(limits.MAX_SHEET_CELLS), **values)


def check_workbook(file: str, cells: int) -> None:
    """Refuse a workbook whose sheets hold more than MAX_WORKBOOK_CELLS together."""
    if cells > limits.MAX_WORKBOOK_CELLS:
        raise fatal(
            "workbook_too_large",
            file=file,
            cells=count_text(cells),
            limit=count_text(limits.MAX_WORKBOOK_CELLS),
        )


def _checked(scan: _SheetScan, file: str, sheet: str) -> Extent:
    """The sheet's extent, or `PopError` when it is beyond a limit."""
    if not scan.has_refs and scan.unreferenced_cells:
        # no cell references (allowed by the format, rare): the width is not
        # known, so the rows and the number of cells are what is bounded
        check_grid(file, sheet, scan.unreferenced_rows, 1, "?")
        if scan.unreferenced_cells > limits.MAX_SHEET_CELLS:
            raise fatal(
                "sheet_too_many_cells",
                file=file,
                sheet=sheet,
                cell="?",
                rows=count_text(scan.unreferenced_rows),
                columns="?",
                cells=count_text(scan.unreferenced_cells),
                limit=count_text(limits.MAX_SHEET_CELLS),
            )
        return Extent(scan.unreferenced_rows, 1)
    check_grid(file, sheet, scan.rows, scan.columns, scan.farthest)
    return Extent(scan.rows, scan.columns)


def _sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]] | None:
    """(sheet name, part path) of every work sheet, in workbook order; None when
    the archive is no spreadsheet package (an .ods: calamine's checks apply).

    When the workbook part cannot be parsed here, every ``worksheets/*.xml``
    part is measured under its own path: a malformed workbook.xml that calamine
    still reads must not skip the measuring.
    """
    workbook = _main_part(archive)
    names = archive.namelist()
    loose = [(posixpath.basename(n), n) for n in names if _WORKSHEET_PART.search(n)]
    if workbook is None:
        return loose or None
    try:
        root = ElementTree.fromstring(_read_small(archive, workbook))
        rels_path = posixpath.join(
            posixpath.dirname(workbook), "_rels", posixpath.basename(workbook) + ".rels"
        )
        rels = ElementTree.fromstring(_read_small(archive, rels_path))
    except (KeyError, ElementTree.ParseError):
        return loose or None
    targets = {
        r.get("Id"): _resolve(workbook, r.get("Target", ""))
        for r in rels.iter(f"{_PKG_REL_NS}Relationship")
        if r.get("Type", "").endswith("/worksheet")
    }
    found: list[tuple[str, str]] = []
    for sheet in root.iter(f"{_MAIN_NS}sheet"):
        target = targets.get(sheet.get(f"{_REL_NS}id"))
        if target is not None and target in names:
            found.append((sheet.get("name", ""), target))
    listed = {part for _name, part in found}
    # a worksheet part the workbook does not list is measured too
    return found + [(name, part) for name, part in loose if part not in listed]


def _main_part(archive: zipfile.ZipFile) -> str | None:
    try:
        rels = ElementTree.fromstring(_read_small(archive, "_rels/.rels"))
    except (KeyError, ElementTree.ParseError):
        return "xl/workbook.xml" if "xl/workbook.xml" in archive.namelist() else None
    for rel in rels.iter(f"{_PKG_REL_NS}Relationship"):
        if rel.get("Type", "").endswith("/officeDocument"):
            return _resolve("", rel.get("Target", ""))
    return None


def _shared_strings_part(archive: zipfile.ZipFile) -> str | None:
    names = archive.namelist()
    return next((n for n in names if n.lower().endswith("sharedstrings.xml")), None)


def _resolve(base_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as part:
        data = part.read(_SMALL_PART_BYTES + 1)
    if len(data) > _SMALL_PART_BYTES:
        raise ValueError(f"{name} is too large")
    return data


def _blank_shared_strings(archive: zipfile.ZipFile, part: str | None) -> frozenset[int]:
    if part is None:
        return frozenset()
    blank: set[int] = set()
    with archive.open(part) as stream:
        index = 0
        for _event, element in ElementTree.iterparse(stream):
            if element.tag == f"{_MAIN_NS}si":
                if not "".join(element.itertext()).strip():
                    blank.add(index)
                index += 1
                element.clear()
    return frozenset(blank)


def _chunks(archive: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            yield chunk


def _scan_sheet(context: _Context, part: str) -> _SheetScan:
    """One streaming pass over a sheet's XML; see the module docstring."""
    scan = _SheetScan()
    carry = b""
    for chunk in _chunks(context.archive, part):
        buf = carry + chunk
        end = _sheet_data_end(buf)
        if end >= 0:  # the cells are over: what follows is layout
            carry = buf[:end]
            break
        cut = _last_cell_start(buf)
        if cut < 0 and not scan.has_refs and _CELL_WITHOUT_REF.search(buf):
            # cells without references (the format allows it): count them
            cut = buf.rfind(b"<")
            _count_unreferenced(buf[:cut], scan)
            carry = buf[cut:]
            continue
        if cut <= 0:  # no complete cell yet (the sheet's head, or inside one long text)
            carry = buf
            continue
        _scan_block(context, buf, cut, scan)
        carry = buf[cut:]
    _scan_block(context, carry, len(carry), scan)
    return scan


def _sheet_data_end(buf: bytes) -> int:
    """Where ``</sheetData>`` (any prefix) starts in ``buf``; -1 when not there.
    (bytes.find: a regex starting with ``</`` would stop at every closing tag.)"""
    position = buf.find(b"sheetData>")
    while position >= 0:
        start = buf.rfind(b"<", 0, position)
        if buf[start + 1 : start + 2] == b"/":
            return start
        position = buf.find(b"sheetData>", position + 1)
    return -1


def _last_cell_start(buf: bytes) -> int:
    """Where the last cell (``<c r="..."``) in ``buf`` starts; -1 when none."""
    position = len(buf)
    while True:
        position = buf.rfind(b' r="', 0, position)
        if position < 0:
            return -1
        after = buf[position + 4 : position + 5]
        if after.isalpha():
            return buf.rfind(b"<", 0, position)


def _scan_block(context: _Context, buf: bytes, cut: int, scan: _SheetScan) -> None:
    """Update ``scan`` with the complete cells in ``buf[:cut]``."""
    if cut <= 0:
        return
    if not scan.has_refs and _CELL_REF.search(buf, 0, cut):
        scan.has_refs = True
    if not scan.has_refs:
        _count_unreferenced(buf[:cut], scan)
        return
    # 1. cells beyond the widest value column so far: a scan that matches nothing
    #    in a normal export
    position = 0
    while True:
        match = _beyond(scan.columns).search(buf, position, cut)
        if match is None:
            break
        position = match.end()
        _note(context, buf, match, cut, scan)
    # 2. rows: the last cell holding a value, walking back from the end of the block
    for match in _refs_backwards(buf, cut):
        if _note(context, buf, match, cut, scan) == _VALUE:
            break
    # 3. rows past 999,999 written out of order (before the last row)
    for row in _FAR_ROW.finditer(buf, 0, cut):
        row_end = buf.find(b"row>", row.end(), cut)
        for match in _CELL_REF.finditer(buf, row.end(), row_end if row_end >= 0 else cut):
            _note(context, buf, match, cut, scan)


def _refs_backwards(buf: bytes, cut: int) -> Iterator[re.Match[bytes]]:
    position = cut
    while True:
        position = buf.rfind(b' r="', 0, position)
        if position < 0:
            return
        match = _CELL_REF.match(buf, position)
        if match is not None:
            yield match


def _note(context: _Context, buf: bytes, match: re.Match[bytes], cut: int, scan: _SheetScan) -> int:
    """Classify the cell of a reference match and widen the extent by it."""
    column = column_number(match.group(1))
    row = int(match.group(2))
    far = column > limits.MAX_SHEET_COLUMNS or row >= _FAR_ROW_FROM
    kind = _cell_kind(context, buf, match.start(), cut, resolve_shared=far)
    if kind == _VALUE:
        if column > scan.columns:
            scan.columns = column
            scan.farthest = (match.group(1) + match.group(2)).decode("ascii")
        if row > scan.rows:
            scan.rows = row
            scan.farthest = (match.group(1) + match.group(2)).decode("ascii")
    elif kind == _BLANK:
        scan.blank_rows = max(scan.blank_rows, row)
        if column > scan.columns:
            scan.needs_trim = True
    return kind


def _cell_kind(
    context: _Context, buf: bytes, ref_at: int, cut: int, *, resolve_shared: bool
) -> int:
    """Empty (no content: calamine skips it), blank (content without a value) or value.

    A shared string is looked up (which parses the shared-string table once)
    only for a cell beyond the limits (``resolve_shared``): elsewhere it counts
    as a value, which at worst keeps a blank cell in the extent.
    """
    tag_end = buf.find(b">", ref_at, cut)
    if tag_end < 0 or buf[tag_end - 1 : tag_end] == b"/":
        return _EMPTY
    start = buf.rfind(b"<", 0, ref_at)
    end_match = _CELL_END.search(buf, tag_end, cut)
    end = end_match.start() if end_match else cut
    inner = buf[tag_end + 1 : end]
    if not _HAS_VALUE.search(inner):
        return _BLANK
    if resolve_shared and _SHARED_TYPE.search(buf, start, tag_end):
        index = _SHARED_INDEX.search(inner)
        if index is not None and int(index.group(1)) in context.blank_shared():
            return _BLANK
    return _VALUE


def _count_unreferenced(buf: bytes, scan: _SheetScan) -> None:
    scan.unreferenced_cells += len(_CELL_WITHOUT_REF.findall(buf))
    scan.unreferenced_rows += len(_ROW_START.findall(buf))


_BEYOND_CACHE: dict[int, re.Pattern[bytes]] = {}


def _beyond(columns: int) -> re.Pattern[bytes]:
    """A pattern matching cell references in a column after ``columns`` (1-based);
    group 1 is the column, group 2 the row."""
    pattern = _BEYOND_CACHE.get(columns)
    if pattern is None:
        after = _letters_after(columns).encode()
        pattern = re.compile(rb' r="(' + after + rb')([0-9]{1,10})"')
        _BEYOND_CACHE[columns] = pattern
    return pattern


def _letters_after(columns: int) -> str:
    """A regex for column letters (1 to 3) naming a column after ``columns``."""
    if columns <= 0:
        return "[A-Z]{1,3}"
    letters = column_letters(columns)
    options = [f"[A-Z]{{{n}}}" for n in range(len(letters) + 1, 4)]
    for i, letter in enumerate(letters):
        if letter < "Z":
            rest = len(letters) - i - 1
            tail = f"[A-Z]{{{rest}}}" if rest else ""
            options.append(f"{letters[:i]}[{chr(ord(letter) + 1)}-Z]{tail}")
    return "|".join(options) if options else "(?!)"


def column_number(letters: bytes | str) -> int:
    """``A`` → 1, ``AA`` → 27, ``XFD`` → 16384."""
    text = letters.decode("ascii") if isinstance(letters, bytes) else letters
    number = 0
    for letter in text:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def column_letters(number: int) -> str:
    """1 → ``A``, 27 → ``AA``."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --- the trimmed copy -----------------------------------------------------------------


def _trimmed_copy(archive: zipfile.ZipFile, trims: dict[str, Extent]) -> bytes:
    """The archive with, in each trimmed sheet, every cell outside its extent removed."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as copy:
        for info in archive.infolist():
            with archive.open(info) as part:
                content = part.read()
            if info.filename in trims:
                content = _trim_sheet(content, trims[info.filename])
            copy.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    return out.getvalue()


def _trim_sheet(xml: bytes, extent: Extent) -> bytes:
    pieces: list[bytes] = []
    kept_from = 0
    for match in _CELL_REF.finditer(xml):
        if column_number(match.group(1)) <= extent.columns and int(match.group(2)) <= extent.rows:
            continue
        start = xml.rfind(b"<", 0, match.start())
        tag_end = xml.find(b">", match.end())
        if xml[tag_end - 1 : tag_end] == b"/":
            end = tag_end + 1
        else:
            close = _CELL_END.search(xml, tag_end)
            end = close.end() if close is not None else tag_end + 1
        if start < kept_from:  # a nested match of a removed cell
            continue
        pieces.append(xml[kept_from:start])
        kept_from = end
    pieces.append(xml[kept_from:])
    return b"".join(pieces)
