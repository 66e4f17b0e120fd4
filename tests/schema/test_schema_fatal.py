"""Fatal problems: one PopError, in Dutch and English, naming file, sheet and column."""

from __future__ import annotations

import pytest
from schema_builders import TODAY, agreement, conversation, employee, raw_table

from popanalytics.errors import PopError
from popanalytics.schema import validate


def test_no_employee_table_is_fatal_and_names_the_files() -> None:
    sheets = [raw_table("conversations", [conversation()], file="gesprekken.xlsx")]
    with pytest.raises(PopError) as caught:
        validate(sheets, today=TODAY)
    error = caught.value
    assert "gesprekken.xlsx" in error.message_nl and "personeelstabel" in error.message_nl
    assert "gesprekken.xlsx" in error.message_en and "employee table" in error.message_en
    assert error.file == "gesprekken.xlsx"


def test_no_sources_at_all_is_fatal() -> None:
    with pytest.raises(PopError):
        validate([], today=TODAY)


def test_a_missing_required_column_names_field_file_and_sheet_in_both_languages() -> None:
    staff = raw_table(
        "employees",
        [{"employee_id": "E1", "start_date": "1/1/2020"}],
        file="hr.xlsx",
        sheet="Personeel",
    )
    with pytest.raises(PopError) as caught:
        validate([staff], today=TODAY)
    error = caught.value
    assert "Afdeling (department)" in error.message_nl
    assert "Department (department)" in error.message_en
    for message in (error.message_nl, error.message_en):
        assert "hr.xlsx" in message and "Personeel" in message
    assert "dienst" in error.message_nl  # an accepted header, to help the user rename
    assert (error.file, error.sheet, error.column) == ("hr.xlsx", "Personeel", "department")


def test_a_missing_required_column_in_a_csv_names_the_file() -> None:
    sheets = [
        raw_table("employees", [employee()]),
        raw_table(
            "agreements",
            [{"employee_id": "E1", "status": "open"}],
            file="afspraken.csv",
            sheet=None,
        ),
    ]
    with pytest.raises(PopError) as caught:
        validate(sheets, today=TODAY)
    assert "Soort afspraak (category)" in caught.value.message_nl
    assert "afspraken.csv" in caught.value.message_en
    assert caught.value.column == "category"


def test_a_missing_generated_id_column_is_not_fatal() -> None:
    sheets = [
        raw_table("employees", [employee()]),
        raw_table("agreements", [agreement(agr_id=None)]),
    ]
    dataset, _ = validate(sheets, today=TODAY)
    assert len(dataset.agreements) == 1


def test_an_employee_table_without_a_usable_row_is_fatal() -> None:
    staff = raw_table(
        "employees",
        [employee("E1", department=None), employee("E2", start_date="nooit")],
        file="hr.xlsx",
        sheet="Medewerkers",
    )
    with pytest.raises(PopError) as caught:
        validate([staff], today=TODAY)
    error = caught.value
    for message in (error.message_nl, error.message_en):
        assert "hr.xlsx" in message and "Medewerkers" in message
    assert (error.file, error.sheet) == ("hr.xlsx", "Medewerkers")
    # the report is not returned, so the message names the first problem
    assert "Rij 2: 'Afdeling' is leeg." in error.message_nl
    assert "Row 2: 'Department' is empty." in error.message_en


def test_no_employee_table_lists_the_sheets_that_matched_no_table() -> None:
    sheets = [raw_table("conversations", [conversation()], file="gesprekken.xlsx")]
    unrecognised = [("gesprekken.xlsx", "Info"), ("leeg.csv", None)]
    with pytest.raises(PopError) as caught:
        validate(sheets, today=TODAY, unrecognised=unrecognised)
    error = caught.value
    assert "'gesprekken.xlsx', 'leeg.csv'" in error.message_nl
    assert "bestand 'gesprekken.xlsx', blad 'Info', bestand 'leeg.csv'." in error.message_nl
    assert "file 'gesprekken.xlsx', sheet 'Info', file 'leeg.csv'." in error.message_en


def test_no_employee_table_without_unrecognised_sheets_adds_no_hint() -> None:
    sheets = [raw_table("conversations", [conversation()], file="gesprekken.xlsx")]
    with pytest.raises(PopError) as caught:
        validate(sheets, today=TODAY)
    assert caught.value.message_nl.endswith("Datum in dienst).")
    assert caught.value.message_en.endswith("Start date).")


def test_an_employee_table_without_any_row_is_fatal_and_says_it_is_empty() -> None:
    staff = raw_table(
        "employees",
        [],
        file="hr.xlsx",
        sheet="Medewerkers",
        columns=["employee_id", "department", "start_date"],
    )
    with pytest.raises(PopError) as caught:
        validate([staff], today=TODAY)
    error = caught.value
    assert error.code == "quality.empty_employee_table"
    assert (error.file, error.sheet) == ("hr.xlsx", "Medewerkers")
    for message in (error.message_nl, error.message_en):
        assert "'hr.xlsx'" in message and "'Medewerkers'" in message
        assert "–" not in message
