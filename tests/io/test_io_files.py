"""Each export shape in tests/data/io reads into the right table, rows and values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from popanalytics.io import RawTable, read_sources, read_sources_with_skipped

D = dt.date

# file, sheet, table, row numbers as seen in Excel / the text editor, some values
CASES = [
    (
        "medewerkers_puntkomma_cp1252.csv",
        None,
        "employees",
        [2, 3],
        {
            "employee_id": ["00123", "00124"],
            "location": ["Campus Sint-André", "Campus Hélène"],
            "fte": ["0,8", "1"],
        },
    ),
    (
        "employees_comma_bom.csv",
        None,
        "employees",
        [2, 3],
        {
            "employee_id": ["00201", "00202"],
            "location": ["Campus Noord, gebouw B", "Campus Zuid"],
            "start_date": ["2018-03-01", "2020-11-16"],
        },
    ),
    (
        "gesprekken_titelrijen.csv",
        None,
        "conversations",
        [5, 6, 8],
        {
            "employee_id": ["00123", "00124", "00201"],
            "held_date": ["12/01/2026", None, "03/02/2026"],
        },
    ),
    (
        "pop_export.xlsx",
        "Gesprekken",
        "conversations",
        [4, 5],
        {"conversation_type": ["POP-gesprek", "Beoordeling"], "held_date": [D(2026, 1, 12), None]},
    ),
    (
        "pop_export.xlsx",
        "Medewerkers",
        "employees",
        [2, 3],
        {
            "employee_id": ["00123", 124],
            "fte": [0.8, 1],
            "start_date": [D(2015, 2, 1), D(2019, 9, 15)],
        },
    ),
    (
        "pop_export.xlsx",
        "Actiepunten",
        "agreements",
        [2],
        {"category": ["Opleiding"], "due_date": [D(2026, 6, 30)]},
    ),
    (
        "pop_export.xlsx",
        "Blad1",
        "training_needs",
        [2],
        {"theme": ["Veiligheid"], "hours": [8], "cost": ["€ 250,00"]},
    ),
    (
        "pop_export.xls",
        "Gesprekken",
        "conversations",
        [4, 5],
        {"conversation_type": ["POP-gesprek", "Beoordeling"], "held_date": [D(2026, 1, 12), None]},
    ),
    (
        "pop_export.xls",
        "Medewerkers",
        "employees",
        [2, 3],
        {"employee_id": ["00123", 124], "fte": [0.8, 1]},
    ),
    (
        "pop_export.ods",
        "Gesprekken",
        "conversations",
        [4, 5],
        {"conversation_type": ["POP-gesprek", "Beoordeling"], "held_date": [D(2026, 1, 12), None]},
    ),
    (
        "medewerkers.ods",
        "Blad1",
        "employees",
        [2, 3],
        {"employee_id": ["00501", "00502"], "department": ["Zorg", "Onthaal"]},
    ),
]


def _cell(value: object) -> object:
    """Dates compare as days, whether read as date or datetime."""
    if isinstance(value, dt.date):
        return pd.Timestamp(value).normalize()
    return value


def _the(tables: list[RawTable], sheet: str | None, table: str) -> RawTable:
    found = [t for t in tables if t.sheet == sheet and t.table == table]
    assert len(found) == 1, [(t.sheet, t.table) for t in tables]
    return found[0]


@pytest.mark.parametrize(
    ("file", "sheet", "table", "rows", "values"),
    CASES,
    ids=[f"{c[0]}:{c[1]}" for c in CASES],
)
def test_export_file_reads_into_table_with_source_row_numbers(
    data_dir: Path,
    file: str,
    sheet: str | None,
    table: str,
    rows: list[int],
    values: dict[str, list[object]],
) -> None:
    raw = _the(read_sources([data_dir / file]), sheet, table)
    assert raw.file == file
    assert list(raw.frame.index) == rows
    for field, expected in values.items():
        assert [_cell(v) for v in raw.frame[field]] == [_cell(v) for v in expected], field


@pytest.mark.parametrize("file", ["pop_export.xlsx", "pop_export.xls", "pop_export.ods"])
def test_workbook_with_several_sheets_gives_every_table_and_skips_the_info_sheet(
    data_dir: Path, file: str
) -> None:
    tables, skipped = read_sources_with_skipped([data_dir / file])
    assert sorted(t.table for t in tables) == [
        "agreements",
        "conversations",
        "employees",
        "training_needs",
    ]
    assert skipped == [(file, "Info")]


def test_unrecognised_column_is_ignored_and_listed(data_dir: Path) -> None:
    raw = _the(read_sources([data_dir / "pop_export.xlsx"]), "Gesprekken", "conversations")
    assert "Opmerking" in raw.ignored_columns
    assert "Opmerking" not in raw.frame.columns
    assert raw.headers["conversation_type"] == "Soort gesprek"


def test_cells_keep_leading_zeros_and_text_as_written(data_dir: Path) -> None:
    raw = read_sources([data_dir / "medewerkers_puntkomma_cp1252.csv"])[0]
    assert all(isinstance(v, str) for v in raw.frame["employee_id"])
    assert raw.frame["start_date"].tolist() == ["01/02/2015", "15/09/2019"]


def test_formatted_empty_rows_at_the_end_of_a_sheet_are_not_data(data_dir: Path) -> None:
    raw = _the(read_sources([data_dir / "pop_export.xlsx"]), "Gesprekken", "conversations")
    assert raw.frame.index.max() == 5
    assert raw.frame.notna().any(axis=1).all()


def test_frames_hold_object_cells_with_canonical_columns(data_dir: Path) -> None:
    for raw in read_sources([data_dir / "pop_export.xlsx"]):
        assert all(dtype.kind == "O" for dtype in raw.frame.dtypes)
        assert set(raw.frame.columns) <= set(raw.headers)
