"""Bounded reading (issue 8) in-process: the limits of io/limits.py, the extent
scanner of io/extent.py, the CSV guards and control-character cleaning.

The CLI-level cases, under a memory limit, are in tests/test_cli_hostile.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from popanalytics.errors import PopError
from popanalytics.io import limits, read_sources
from popanalytics.io.controls import CONTROL_RE, strip_controls, strip_controls_column
from popanalytics.io.extent import _letters_after, bounded_xlsx, column_letters, column_number

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared builders
import hostile_files as hf


def _employees(path: Path) -> int:
    (table,) = read_sources([path])
    return len(table.frame)


# --- the extent scanner -----------------------------------------------------------------


@given(st.integers(1, 16_384), st.integers(1, 16_384))
@settings(max_examples=300, deadline=None)
def test_the_beyond_pattern_matches_exactly_the_columns_after_the_width(
    width: int, column: int
) -> None:
    import re

    pattern = re.compile(f"(?:{_letters_after(width)})$")
    assert bool(pattern.match(column_letters(column))) == (column > width)


@given(st.integers(1, 16_384))
def test_column_letters_and_numbers_are_inverse(number: int) -> None:
    assert column_number(column_letters(number)) == number


def test_a_normal_workbook_is_passed_on_unchanged(tmp_path: Path) -> None:
    data = hf.employees_workbook(tmp_path / "export.xlsx").read_bytes()
    assert bounded_xlsx(data, "export.xlsx") is data


def test_a_stray_blank_cell_is_cut_from_a_copy_and_every_value_kept(tmp_path: Path) -> None:
    path = hf.stray_blank(tmp_path / "export.xlsx", "Z1048576")
    trimmed = bounded_xlsx(path.read_bytes(), path.name)
    assert trimmed != path.read_bytes()
    (table,) = read_sources([("export.xlsx", trimmed)])
    assert table.frame["employee_id"].tolist() == [e for e, _d, _s in hf.employee_rows()]
    assert table.frame.index.tolist() == list(range(2, 2 + hf.EMPLOYEES))


def test_the_sheet_cell_limit_names_file_sheet_and_farthest_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_SHEET_CELLS", 10)
    path = hf.employees_workbook(tmp_path / "export.xlsx")
    with pytest.raises(PopError) as caught:
        read_sources([path])
    error = caught.value
    assert error.code == "io.sheet_too_many_cells"
    for lang in ("nl", "en"):
        assert "export.xlsx" in error.message(lang)
        assert hf.SHEET in error.message(lang)
        assert "C6" in error.message(lang)  # 6 rows x 3 columns = 18 cells


def test_a_value_in_a_far_row_written_out_of_order_still_counts(tmp_path: Path) -> None:
    path = hf.employees_workbook(tmp_path / "export.xlsx")
    far = b'<row r="1048576"><c r="Z1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    hf.patch_sheet(path, lambda xml: xml.replace(b'<row r="2"', far + b'<row r="2"', 1))
    with pytest.raises(PopError) as caught:
        read_sources([path])
    assert caught.value.code == "io.sheet_too_many_cells"
    assert "Z1048576" in caught.value.message("en")


def test_the_workbook_cell_limit_counts_all_sheets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_WORKBOOK_CELLS", 30)
    rows = [hf.EMPLOYEE_HEADER, *hf.employee_rows()]
    path = hf.workbook(tmp_path / "export.xlsx", {"Medewerkers": rows, "Blad2": rows})
    with pytest.raises(PopError) as caught:
        read_sources([path])
    assert caught.value.code == "io.workbook_too_large"
    assert "36" in caught.value.message("nl")


def test_an_ods_sheet_is_measured_before_it_becomes_python_objects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # .ods is not pre-scanned: the grid calamine built is checked before to_python
    monkeypatch.setattr(limits, "MAX_SHEET_CELLS", 10)
    with pytest.raises(PopError) as caught:
        read_sources([hf.ods_workbook(tmp_path / "export.ods")])
    assert caught.value.code == "io.sheet_too_many_cells"
    assert hf.SHEET in caught.value.message("en")


# --- any file, text files -----------------------------------------------------------------


@pytest.mark.parametrize("upload", [False, True], ids=["path", "upload"])
def test_a_file_beyond_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, upload: bool
) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    path = hf.employees_workbook(tmp_path / "export.xlsx")
    source = ("export.xlsx", path.read_bytes()) if upload else path
    with pytest.raises(PopError) as caught:
        read_sources([source])  # type: ignore[list-item]
    assert caught.value.code == "io.file_too_large"
    assert "export.xlsx" in caught.value.message("nl")


def test_a_csv_beyond_the_line_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_CSV_LINES", 100)
    with pytest.raises(PopError) as caught:
        read_sources([hf.long_csv(tmp_path / "medewerkers.csv", 200)])
    assert caught.value.code == "io.csv_too_many_lines"
    assert "207" in caught.value.message("en")


def test_a_csv_of_separators_beyond_the_field_limit_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_CSV_FIELDS", 1000)
    path = tmp_path / "medewerkers.csv"
    path.write_text(";".join(hf.EMPLOYEE_HEADER) + "\n" + ";" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(PopError) as caught:
        read_sources([path])
    assert caught.value.code == "io.csv_too_many_fields"
    assert "5.002" in caught.value.message("en")


def test_a_csv_field_up_to_the_limit_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "medewerkers.csv"
    text = ";".join(hf.EMPLOYEE_HEADER) + "\nE001;" + "x" * 500_000 + ";01/02/2020\n"
    path.write_text(text, encoding="utf-8")
    (table,) = read_sources([path])
    assert len(table.frame.loc[2, "department"]) == 500_000


def test_a_quoted_field_running_over_many_lines_past_the_limit_is_named(tmp_path: Path) -> None:
    path = tmp_path / "medewerkers.csv"
    # a quote that never closes: the field swallows every following (short) line
    line = "E002;" + "x" * 3000 + "\n"
    lines = ";".join(hf.EMPLOYEE_HEADER) + '\nE001;"Zorg;01/02/2020\n' + line * 400
    path.write_text(lines, encoding="utf-8")
    with pytest.raises(PopError) as caught:
        read_sources([path])
    assert caught.value.code == "io.csv_field_too_large"


def test_nul_in_utf16_text_is_binary_data_too() -> None:
    text = ";".join(hf.EMPLOYEE_HEADER) + "\nE001;Zo\x00rg;01/02/2020\n"
    with pytest.raises(PopError) as caught:
        read_sources([("medewerkers.csv", text.encode("utf-16"))])
    assert caught.value.code == "io.csv_nul"
    assert "2" in caught.value.message("en")


# --- control characters -------------------------------------------------------------------


@given(st.lists(st.text(max_size=12), max_size=20))
@settings(deadline=None)
def test_cleaning_removes_every_control_and_keeps_everything_else(texts: list[str]) -> None:
    strings = np.array(texts, dtype=object)
    cleaned, changed = strip_controls_column(strings)
    for before, after, flagged in zip(texts, cleaned.tolist(), changed.tolist(), strict=True):
        assert not CONTROL_RE.search(after)
        assert after == strip_controls(before)
        assert flagged == (after != before.replace("\r\n", "\n"))


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Zorg\x1b[31mROOD\x1b[0m", "ZorgROOD"),
        ("titel\x1b]0;pwned\x07", "titel"),
        ("Keu\ufffeken\uffff", "Keuken"),
        ("a\x85b\x9bc\x7fd", "abcd"),
        ("regel 1\r\nregel 2\tx", "regel 1\nregel 2\tx"),
        ("bel\x07", "bel"),
    ],
    ids=["CSI", "OSC title", "non-characters", "C1 and DEL", "layout kept", "BEL"],
)
def test_each_kind_of_control_goes_and_layout_stays(raw: str, clean: str) -> None:
    assert strip_controls(raw) == clean


def test_cleaned_cells_are_counted_per_field_with_the_first_row(tmp_path: Path) -> None:
    (table,) = read_sources([hf.control_csv(tmp_path / "medewerkers.csv")])
    assert table.controls["department"].cells == 2
    assert table.controls["department"].first_row == 7
    assert table.controls["employee_id"].first_row == 8
    assert table.frame.loc[8, "employee_id"] == "E101"
    assert "start_date" not in table.controls


def test_a_sheet_is_measured_even_when_the_workbook_part_cannot_be_parsed(
    tmp_path: Path,
) -> None:
    path = hf.stray_value(tmp_path / "export.xlsx", "XFD1048576")
    hf.patch_sheet(path, lambda xml: xml.replace(b"<sheets>", b"<sheets><<"), "xl/workbook.xml")
    with pytest.raises(PopError) as caught:
        bounded_xlsx(path.read_bytes(), path.name)
    assert caught.value.code == "io.sheet_too_wide"
    assert "sheet1.xml" in caught.value.message("en")
