"""Large tables as worksheet XML built column-wise with vectorised string operations.

openpyxl spends ~10 µs per cell (a Cell object, an lxml element, its
attributes); a detail sheet of 70,000 rows × 12 columns then takes ~10 s.
For tables past a size, ``sheet.write_sheet`` streams only the heading and
the header row through openpyxl and this module renders the data rows as
``<row>`` XML, one pandas string operation per column, which
``inject_rows`` places into the saved file before ``</sheetData>``.

The cells are the same as openpyxl's: inline strings (``t="inlineStr"``, so
text is never a formula) with the quotePrefix style on formula-like text,
numbers and Excel serial dates with the column's style id. Tests compare both
paths cell by cell.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from itertools import chain

import numpy as np
import pandas as pd

from popanalytics.export.cells import FORMULA_TRIGGERS, ILLEGAL_XML_RE

_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_STR = np.dtypes.StringDType()
# XML escapes, applied only when a column holds the character at all
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))


def _text_array(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(text as a cell holds it, the same XML-escaped), as numpy string arrays.

    ``cells.cell_text``'s rules column-wise: one regex search over the joined
    column decides whether the rare per-value clean-up is needed at all.
    """
    joined = "".join(texts)
    if ILLEGAL_XML_RE.search(joined):
        texts = [ILLEGAL_XML_RE.sub("", t) for t in texts]
    text = np.array(texts, dtype=_STR)
    if "\r" in joined:
        text = np.strings.replace(np.strings.replace(text, "\r\n", "\n"), "\r", "\n")
    escaped = text
    for char, entity in _ESCAPES:
        if char in joined:
            escaped = np.strings.replace(escaped, char, entity)
    return text, escaped


def _number_text(numbers: np.ndarray) -> np.ndarray:
    """Numbers as XML values: whole numbers without ".0", others in their shortest exact form."""
    finite = np.isfinite(numbers)
    safe = np.where(finite, numbers, 0.0)
    integral = (safe % 1 == 0) & (np.abs(safe) < 2**53)
    as_int = np.where(integral, safe, 0).astype(np.int64).astype(_STR)
    return np.where(integral, as_int, safe.astype(_STR))


def column_xml(
    values: pd.Series, prefix: np.ndarray, style_id: int, quoted_id: int
) -> np.ndarray | None:
    """The ``<c>`` elements of one column ("" for an empty cell), or None when the
    column holds mixed types (the caller then writes the table through openpyxl).

    ``prefix`` holds ``<c r="B7`` per row.
    """
    missing = values.isna().to_numpy()
    if pd.api.types.is_bool_dtype(values.dtype):
        return None
    if pd.api.types.is_datetime64_any_dtype(values.dtype) or pd.api.types.is_numeric_dtype(
        values.dtype
    ):
        if pd.api.types.is_datetime64_any_dtype(values.dtype):
            if isinstance(values.dtype, pd.DatetimeTZDtype):
                values = values.dt.tz_localize(None)
            values = (values - _EXCEL_EPOCH) / pd.Timedelta(days=1)
        numbers = values.to_numpy(dtype="float64", na_value=np.nan)
        missing = missing | ~np.isfinite(numbers)
        cells = np.strings.add(
            np.strings.add(prefix, f'" s="{style_id}"><v>'), _number_text(numbers)
        )
        cells = np.strings.add(cells, "</v></c>")
    else:
        kind = pd.api.types.infer_dtype(values[~missing], skipna=True)
        if kind not in ("string", "empty"):
            return None
        texts = values.astype(object).where(~missing, "").tolist()
        text, escaped = _text_array(texts)
        quoted = np.zeros(len(text), dtype=bool)
        for trigger in FORMULA_TRIGGERS:
            quoted |= np.strings.startswith(text, trigger)
        sid = np.where(quoted, str(quoted_id), str(style_id)).astype(_STR)
        cells = np.strings.add(np.strings.add(prefix, '" s="'), sid)
        cells = np.strings.add(cells, '" t="inlineStr"><is><t xml:space="preserve">')
        cells = np.strings.add(np.strings.add(cells, escaped), "</t></is></c>")
    cells[missing] = ""
    return cells


CHUNK_ROWS = 5000  # rows rendered at a time: bounds the memory of the string arrays


def rows_xml(
    columns: Sequence[pd.Series],
    letters: Sequence[str],
    style_ids: Sequence[int],
    quoted_ids: Sequence[int],
    first_row: int,
    heights: np.ndarray | None = None,
) -> list[bytes] | None:
    """``<row>`` XML (UTF-8, in chunks of rows) for the frame given as columns;
    None when a column can't be rendered. ``heights`` (points, 0 = default)
    gives rows with wrapped text their height."""
    n = len(columns[0]) if columns else 0
    columns = [c.reset_index(drop=True) for c in columns]
    chunks: list[bytes] = []
    for start in range(0, n, CHUNK_ROWS):
        stop = min(start + CHUNK_ROWS, n)
        numbers = np.arange(first_row + start, first_row + stop).astype(_STR)
        opening = np.strings.add('<row r="', numbers)
        if heights is not None:
            chunk_heights = heights[start:stop]
            tall = np.strings.add(
                np.strings.add('" ht="', _number_text(chunk_heights)), '" customHeight="1'
            )
            opening = np.strings.add(opening, np.where(chunk_heights > 0, tall, "").astype(_STR))
        parts: list[list[str]] = [np.strings.add(opening, '">').tolist()]
        for values, letter, sid, qid in zip(columns, letters, style_ids, quoted_ids, strict=True):
            prefix = np.strings.add(f'<c r="{letter}', numbers)
            cells = column_xml(values.iloc[start:stop], prefix, sid, qid)
            if cells is None:
                return None
            parts.append(cells.tolist())
        parts.append(["</row>"] * (stop - start))
        # row by row, column by column, in one C-level pass (no growing row strings)
        chunks.append("".join(chain.from_iterable(zip(*parts, strict=True))).encode("utf-8"))
    return chunks


def inject_rows(xlsx: bytes, rows_by_path: Mapping[str, Sequence[bytes]]) -> bytes:
    """The workbook with each sheet's extra ``<row>`` XML placed before ``</sheetData>``.

    ``rows_by_path`` maps a sheet's part name (``xl/worksheets/sheet9.xml``) to
    its chunks, which are streamed into the new archive as they are.
    """
    if not rows_by_path:
        return xlsx
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            extra = rows_by_path.get(info.filename)
            if not extra:
                dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                continue
            end = data.rindex(b"</sheetData>")
            target = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            target.compress_type = zipfile.ZIP_DEFLATED
            # the large sheets dominate the time: the fastest deflate level (~20 % larger)
            target._compresslevel = 1  # type: ignore[attr-defined]
            with dst.open(target, "w", force_zip64=True) as part:
                part.write(data[:end])
                for chunk in extra:
                    part.write(chunk)
                part.write(data[end:])
    return out.getvalue()
