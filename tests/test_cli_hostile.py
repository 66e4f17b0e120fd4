"""Hostile files through the real command (issue 8): a clear message, the right exit
code, nothing lost, and never more than 60 s and 3 GiB (RLIMIT_AS in the child).

Every file is built in tmp_path by tests/hostile_files.py; the 5 KB workbooks
here crashed the process (Rust "memory allocation of 549755813888 bytes
failed") or cost 13 s and 1.2 GB before the importer measured sheets first.
"""

from __future__ import annotations

import json
from pathlib import Path

import hostile_files as hf
import pytest
from cli_runner import EXIT_FATAL_CODE, BoundedRun, run_cli_bounded
from openpyxl import load_workbook

from popanalytics.io.controls import CONTROL_RE

EXIT_OK = 0


def _validate(path: Path, *extra: str) -> BoundedRun:
    return run_cli_bounded("validate", str(path), *extra)


def _report(run: BoundedRun) -> dict:
    assert run.returncode == EXIT_OK, run.stderr
    return json.loads(run.stdout)


def _no_row_lost(report: dict, employees: int) -> None:
    counts = report["tables"]["employees"]
    assert counts["read"] == employees
    assert counts["read"] == counts["used"] + counts["quarantined"]


def _fatal_in_both_languages(path: Path, *fragments: str, nl: str, en: str) -> None:
    """Exit 2, one message naming the file and ``fragments``, worded per language."""
    for lang, wording in (("nl", nl), ("en", en)):
        run = _validate(path, "--lang", lang)
        assert run.returncode == EXIT_FATAL_CODE, (run.returncode, run.stderr)
        assert "Traceback" not in run.stderr
        assert path.name in run.stderr
        assert wording in run.stderr
        for fragment in fragments:
            assert fragment in run.stderr
        assert run.stdout == ""


# --- workbooks: the real extent, not the declared one --------------------------------


def test_a_declared_dimension_of_the_whole_grid_reads_the_small_data(tmp_path: Path) -> None:
    run = _validate(hf.declared_dimension(tmp_path / "dimension.xlsx"), "--json")
    _no_row_lost(_report(run), hf.EMPLOYEES)


def test_a_value_at_xfd1048576_is_refused_naming_file_sheet_and_cell(tmp_path: Path) -> None:
    path = hf.stray_value(tmp_path / "stray.xlsx", "XFD1048576")
    _fatal_in_both_languages(
        path, hf.SHEET, "XFD1048576", "16.384", "200", nl="te breed", en="too wide"
    )


def test_a_value_at_z1048576_is_refused_by_the_cell_limit(tmp_path: Path) -> None:
    path = hf.stray_value(tmp_path / "stray.xlsx", "Z1048576")
    _fatal_in_both_languages(
        path, hf.SHEET, "Z1048576", "27.262.976", "5.000.000", nl="te groot", en="too large"
    )


def test_a_blank_string_far_away_is_trimmed_not_allocated(tmp_path: Path) -> None:
    # calamine alone builds the 1,048,576 x 26 grid for it: 1.1 GB and 13 s
    run = _validate(hf.stray_blank(tmp_path / "blank.xlsx", "Z1048576"), "--json")
    _no_row_lost(_report(run), hf.EMPLOYEES)
    assert run.peak_mb < 600


def test_a_formatted_empty_cell_at_the_end_of_the_grid_is_no_data(tmp_path: Path) -> None:
    run = _validate(hf.formatted_empty(tmp_path / "formatted.xlsx"), "--json")
    _no_row_lost(_report(run), hf.EMPLOYEES)


def test_a_zip_declaring_gigabytes_is_refused_before_anything_is_inflated(tmp_path: Path) -> None:
    path = hf.lying_zip(tmp_path / "lying.xlsx")
    _fatal_in_both_languages(path, "sheet1.xml", nl="pakt uit tot", en="unpacks to")


def test_a_part_compressed_a_thousand_times_is_a_zip_bomb(tmp_path: Path) -> None:
    path = hf.compression_bomb(tmp_path / "bomb.xlsx")
    _fatal_in_both_languages(path, "image1.bin", nl="kwaadwillig", en="malicious")


def test_an_ods_value_after_a_million_repeated_rows_is_refused_as_too_far(tmp_path: Path) -> None:
    path = hf.ods_far_value(tmp_path / "verre.ods")
    _fatal_in_both_languages(path, "5.000.000", nl="verdwaalde waarde", en="stray value")


def test_an_ods_with_a_million_repeated_empty_rows_reads_the_data(tmp_path: Path) -> None:
    run = _validate(hf.ods_repeated_empty(tmp_path / "leeg.ods"), "--json")
    _no_row_lost(_report(run), hf.EMPLOYEES)


# --- text files ----------------------------------------------------------------------------


def test_a_10_mb_csv_field_is_named_with_its_size_line_and_column(tmp_path: Path) -> None:
    path = hf.big_field_csv(tmp_path / "medewerkers.csv")
    _fatal_in_both_languages(path, "10 MB", nl="regel 7, kolom 2", en="line 7, column 2")


def test_a_nul_byte_is_binary_data_not_an_encoding_problem(tmp_path: Path) -> None:
    path = hf.nul_csv(tmp_path / "medewerkers.csv")
    _fatal_in_both_languages(path, "NUL", nl="regel 7", en="line 7")
    run = _validate(path)
    assert "UTF-8" not in run.stderr


# --- text cells: control characters --------------------------------------------------------


def test_escape_codes_in_cells_are_removed_and_reported_never_printed(tmp_path: Path) -> None:
    path = hf.control_csv(tmp_path / "medewerkers.csv")
    printed = _validate(path, "--lang", "en")
    assert printed.returncode == EXIT_OK
    assert not CONTROL_RE.search(printed.stdout)
    assert "control characters were removed from 2 cells of 'Department'" in printed.stdout

    report = _report(_validate(path, "--json"))
    _no_row_lost(report, hf.EMPLOYEES + 2)
    cleaned = {f["field"]: f for f in report["findings"] if f["code"] == "control_characters"}
    assert cleaned["department"]["value"] == "2"
    assert cleaned["department"]["row"] == 7
    assert cleaned["department"]["severity"] == "warning"
    assert cleaned["employee_id"]["value"] == "1"


def test_an_export_of_text_that_held_u_fffe_opens_in_openpyxl(tmp_path: Path) -> None:
    path = hf.control_csv(tmp_path / "medewerkers.csv")
    out = tmp_path / "overzicht.xlsx"
    run = run_cli_bounded("report", str(path), "-o", str(out))
    assert run.returncode == EXIT_OK, run.stderr
    workbook = load_workbook(out, read_only=True)
    texts = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    ]
    assert texts
    assert not any("\ufffe" in text or "\uffff" in text for text in texts)


def test_a_file_name_with_escape_codes_is_printed_without_them(tmp_path: Path) -> None:
    path = hf.control_csv(tmp_path / f"medewerkers{hf.ESCAPE}.csv")
    printed = _validate(path)
    assert printed.returncode == EXIT_OK
    assert "\x1b" not in printed.stdout
    missing = _validate(tmp_path / f"weg{hf.ESCAPE}.csv")
    assert missing.returncode == EXIT_FATAL_CODE
    assert "\x1b" not in missing.stderr
    assert "weg[31m.csv" not in missing.stderr  # the whole sequence goes, not only ESC


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "field", "code"),
    [
        (lambda p: hf.training_workbook(p, cost=1e308), "cost", "value_out_of_range"),
        (lambda p: hf.number_cell(p, "1e309"), "cost", "unparseable_number"),
        (lambda p: hf.training_workbook(p, hours=20_000), "hours", "value_out_of_range"),
    ],
    ids=["cost 1e308", "cost overflowing to inf", "hours 20000"],
)
def test_an_absurd_number_is_an_invalid_value_and_never_reaches_the_sums(
    tmp_path: Path, build, field: str, code: str
) -> None:
    path = build(tmp_path / "opleidingen.xlsx")
    report = _report(_validate(path, "--json"))
    _no_row_lost(report, hf.EMPLOYEES)
    needs = report["tables"]["training_needs"]
    assert needs["read"] == needs["used"] == hf.EMPLOYEES  # the value goes, the need stays
    (finding,) = [f for f in report["findings"] if f["field"] == field]
    assert finding["code"] == code
    assert finding["severity"] == "warning"

    metrics = run_cli_bounded("metrics", str(path), "--json", "--reference-date", "2026-06-30")
    assert metrics.returncode == EXIT_OK, metrics.stderr
    assert "Infinity" not in metrics.stdout
    assert "NaN" not in metrics.stdout
    json.loads(metrics.stdout)
