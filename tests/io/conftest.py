"""Fixtures for the importer tests: the data-file folder and tiny workbooks built on the fly."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook

from popanalytics.io import RawTable

DATA = Path(__file__).resolve().parents[1] / "data" / "io"

Sheets = dict[str, Sequence[Sequence[object]]]


@pytest.fixture
def data_dir() -> Path:
    """tests/data/io: files written by its make_fixtures.py."""
    return DATA


@pytest.fixture
def make_xlsx(tmp_path: Path) -> Callable[..., Path]:
    """Write a workbook into tmp_path: one sheet per entry, rows from A1 down."""

    def make(sheets: Sheets, name: str = "export.xlsx") -> Path:
        wb = Workbook()
        wb.remove(wb.active)
        for sheet, rows in sheets.items():
            ws = wb.create_sheet(sheet)
            for row in rows:
                ws.append(list(row))
        path = tmp_path / name
        wb.save(path)
        return path

    return make


@pytest.fixture
def by_table() -> Callable[[Sequence[RawTable]], dict[str, RawTable]]:
    """The tables by name; fails when one occurs twice, which a test did not expect."""

    def index(tables: Sequence[RawTable]) -> dict[str, RawTable]:
        names = [t.table for t in tables]
        assert len(names) == len(set(names)), names
        return {t.table: t for t in tables}

    return index
