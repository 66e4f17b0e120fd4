"""cells.py: user text never becomes a formula, and reads back as written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from export_helpers import INJECTIONS
from openpyxl import Workbook, load_workbook

from popanalytics.export.cells import (
    FORMULA_TRIGGERS,
    column_values,
    is_formula_like,
    make_cell,
    safe_text,
    stream_cells,
)


def _write(tmp_path: Path, values: list[object]) -> Path:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("s")
    stream_cells(ws)
    for value in values:
        ws.append([make_cell(ws, value)])  # type: ignore[arg-type]
    path = tmp_path / "cells.xlsx"
    wb.save(path)
    return path


def as_read(payload: str) -> str:
    """The documented change: a carriage return is stored as a line feed."""
    return payload.replace("\r", "\n")


@pytest.mark.parametrize("payload", INJECTIONS)
def test_formula_payload_is_a_string_cell_with_the_text_unchanged(tmp_path, payload):
    path = _write(tmp_path, [payload])
    cell = load_workbook(path)["s"]["A1"]
    assert cell.data_type == "s"
    assert cell.value == as_read(payload)
    # Excel's own "typed with a leading apostrophe" flag: stays text when edited
    assert cell.quotePrefix is True


@pytest.mark.parametrize("payload", INJECTIONS)
def test_formula_payload_reads_back_unchanged_with_calamine(tmp_path, payload):
    path = _write(tmp_path, [payload])
    frame = pd.read_excel(path, engine="calamine", header=None, dtype=str)
    assert frame.iloc[0, 0] == as_read(payload)


def test_control_characters_are_dropped_and_line_breaks_kept(tmp_path):
    ws = load_workbook(_write(tmp_path, ["a\x01b\x1fc", "regel 1\r\nregel 2", "\x02=1"]))["s"]
    assert [c.value for c in ws["A"]] == ["abc", "regel 1\nregel 2", "=1"]
    assert ws["A3"].quotePrefix  # formula-like once the control character is gone


def test_plain_text_gets_no_quote_prefix(tmp_path):
    cell = load_workbook(_write(tmp_path, ["Verpleging"]))["s"]["A1"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("Verpleging", "s", False)


def test_number_like_and_date_like_text_stays_text(tmp_path):
    ws = load_workbook(_write(tmp_path, ["00123", "30/06/2026", "1e3"]))["s"]
    assert [(c.value, c.data_type) for c in ws["A"]] == [
        ("00123", "s"),
        ("30/06/2026", "s"),
        ("1e3", "s"),
    ]


def test_numbers_dates_and_booleans_keep_their_type(tmp_path):
    ws = load_workbook(_write(tmp_path, [42, 0.5, dt.datetime(2026, 6, 30), True]))["s"]
    assert [c.value for c in ws["A"]] == [42, 0.5, dt.datetime(2026, 6, 30), True]
    assert [c.data_type for c in ws["A"]] == ["n", "n", "d", "b"]


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_every_trigger_is_formula_like(trigger):
    assert is_formula_like(f"{trigger}x")
    assert not is_formula_like(f"x{trigger}")


def test_safe_text_never_uses_the_formula_setter():
    ws = Workbook(write_only=True).create_sheet("s")
    cell = safe_text(ws, "=1+1")
    assert cell.data_type == "s" and cell.value == "=1+1"


def test_column_values_gives_plain_python_values_and_none_for_missing():
    assert column_values(pd.Series([1, None], dtype="Int64")) == [1, None]
    assert column_values(pd.Series([1.5, float("nan")])) == [1.5, None]
    assert column_values(pd.Series(pd.to_datetime(["2026-01-02", None]))) == [
        dt.datetime(2026, 1, 2),
        None,
    ]
    assert column_values(pd.Series(["a", None], dtype="str")) == ["a", None]
    assert column_values(pd.Series([True, None], dtype="boolean")) == [True, None]
    assert column_values(pd.Series([3.0, "< 5", None], dtype=object)) == [3.0, "< 5", None]
