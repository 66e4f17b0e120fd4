"""fastrows: large tables rendered as XML give the same cells as openpyxl's path."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from export_helpers import INJECTIONS
from openpyxl import load_workbook

from popanalytics.export import fastrows
from popanalytics.export.sheet import Book, Column, TableBlock, write_sheet


def sample() -> tuple[tuple[Column, ...], pd.DataFrame]:
    texts = [
        *INJECTIONS,
        "A & B <c>",
        "  spaces  ",
        "ctrl\x01char",
        "regel\r\nnieuw",
        "00123",
        None,
        "é ü ß €",
    ]
    n = len(texts)
    frame = pd.DataFrame(
        {
            "text": pd.Series(texts, dtype="str"),
            "long": pd.Series(
                [f"omschrijving {i}\nmet twee regels" for i in range(n)], dtype="str"
            ),
            "int": pd.Series(range(n), dtype="int64") * 1000,
            "days": pd.Series(
                [1.0, np.nan, 2.5, 1e6, -3.0, 0.0, 7.0, np.inf, 12.0, 3.25, 1.0, 2.0, 99.0][:n]
            ),
            "cost": pd.Series(np.linspace(0, 1234.5, n)),
            "date": pd.to_datetime(["2026-06-30", None, "1999-12-31", "2026-01-01"] * 4)[:n],
            "rate": pd.Series(np.linspace(0, 1, n)),
        }
    )
    columns = (
        Column("text", "Tekst"),
        Column("long", "Lang", "longtext"),
        Column("int", "Aantal", "int"),
        Column("days", "Dagen", "number"),
        Column("cost", "Kost", "eur"),
        Column("date", "Datum", "date"),
        Column("rate", "Graad", "percent", "rate"),
    )
    return columns, frame


def write(tmp_path: Path, fast_rows: int, frame: pd.DataFrame, columns: tuple[Column, ...]) -> Path:
    book = Book()
    write_sheet(
        book,
        "Lijst",
        ["Titel", "Sub"],
        [TableBlock("tbl_list", columns, frame)],
        fast_rows=fast_rows,
    )
    path = tmp_path / f"fast{fast_rows}.xlsx"
    book.save(path)
    return path


def cells(path: Path) -> list[tuple[object, ...]]:
    """Every cell; floats to 12 digits (openpyxl writes 16 significant digits,
    fastrows the shortest exact form)."""
    ws = load_workbook(path)["Lijst"]

    def value(v: object) -> object:
        return round(v, 12) if isinstance(v, float) else v

    return [
        (
            c.coordinate,
            value(c.value),
            c.data_type,
            c.number_format,
            c.quotePrefix,
            c.alignment.wrap_text,
        )
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]


@pytest.mark.parametrize("chunk", [4, 5000])
def test_fast_rows_equal_openpyxl_cells(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(fastrows, "CHUNK_ROWS", chunk)  # rows rendered in several chunks
    columns, frame = sample()
    slow = write(tmp_path, 10**9, frame, columns)
    fast = write(tmp_path, 0, frame, columns)
    assert cells(fast) == cells(slow)
    slow_frame = pd.read_excel(slow, engine="calamine", header=3)
    fast_frame = pd.read_excel(fast, engine="calamine", header=3)
    pd.testing.assert_frame_equal(fast_frame, slow_frame, rtol=1e-12)


def test_fast_rows_keep_the_table_and_its_formats(tmp_path):
    columns, frame = sample()
    ws = load_workbook(write(tmp_path, 0, frame, columns))["Lijst"]
    assert ws.tables["tbl_list"].ref == f"A4:G{4 + len(frame)}"
    assert ws.freeze_panes == "A5"
    assert ws["F5"].number_format == "dd/mm/yyyy" and ws["F5"].value.year == 2026
    assert ws["A5"].quotePrefix and ws["A5"].value == INJECTIONS[0]


def test_a_mixed_column_falls_back_to_openpyxl(tmp_path):
    frame = pd.DataFrame({"mixed": pd.Series([1.5, "< 5", None, "=1"], dtype=object)})
    columns = (Column("mixed", "Gemengd", "int"),)
    slow = write(tmp_path, 10**9, frame, columns)
    fast = write(tmp_path, 0, frame, columns)
    assert cells(fast) == cells(slow)
    assert [c[1] for c in cells(fast)][-4:] == ["Gemengd", 1.5, "< 5", "=1"]


@pytest.mark.parametrize("rows", [1, 2500])
def test_table_longer_than_the_threshold_is_complete(tmp_path, rows):
    frame = pd.DataFrame(
        {"id": pd.Series([f"{i:05d}" for i in range(rows)], dtype="str"), "n": range(rows)}
    )
    columns = (Column("id", "Nummer"), Column("n", "N", "int"))
    book = Book()
    write_sheet(book, "Lijst", ["Titel"], [TableBlock("tbl_list", columns, frame)])
    path = tmp_path / "long.xlsx"
    book.save(path)
    read = pd.read_excel(path, engine="calamine", header=2, dtype={"Nummer": str})
    assert list(read["Nummer"]) == list(frame["id"])
    assert list(read["N"]) == list(range(rows))


def test_rows_with_wrapped_text_get_the_same_height_on_both_paths(tmp_path):
    columns, frame = sample()
    heights = []
    for fast_rows in (10**9, 0):
        ws = load_workbook(write(tmp_path, fast_rows, frame, columns))["Lijst"]
        heights.append([ws.row_dimensions[r].height for r in range(5, 5 + len(frame))])
    assert heights[0] == heights[1]
    assert all(h is not None and h >= 30 for h in heights[0])  # two lines each


def test_headers_equal_but_for_case_are_made_unique(tmp_path):
    frame = pd.DataFrame({"a": ["x"], "b": ["y"], "c": ["z"]})
    columns = (Column("a", "Status"), Column("b", "status"), Column("c", "STATUS"))
    ws = load_workbook(write(tmp_path, 10**9, frame, columns))["Lijst"]
    names = [c.name for c in ws.tables["tbl_list"].tableColumns]
    assert names == ["Status", "status (2)", "STATUS (3)"]
    assert [c.value for c in ws[4]] == names
