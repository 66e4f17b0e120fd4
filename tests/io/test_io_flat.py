"""A flat export (one row per conversation, employee columns repeated) splits in two."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from popanalytics.io import RawTable, read_sources

ByTable = Callable[[Sequence[RawTable]], dict[str, RawTable]]


@pytest.fixture
def flat(data_dir: Path, by_table: ByTable) -> dict[str, RawTable]:
    return by_table(read_sources([data_dir / "flat_export.xlsx"]))


def test_flat_sheet_splits_into_employees_and_conversations(flat: dict[str, RawTable]) -> None:
    assert set(flat) == {"employees", "conversations"}
    assert flat["employees"].sheet == flat["conversations"].sheet == "Export"
    assert "conversation_type" not in flat["employees"].frame.columns
    assert "department" not in flat["conversations"].frame.columns


def test_flat_employees_are_deduplicated_keeping_the_first_row_number(
    flat: dict[str, RawTable],
) -> None:
    employees = flat["employees"].frame
    assert employees.loc[3, "employee_id"] == "00123"
    assert 4 not in employees.index  # same employee values as row 3


def test_flat_employee_rows_that_conflict_stay_apart_for_the_schema_to_report(
    flat: dict[str, RawTable],
) -> None:
    employees = flat["employees"].frame
    rows = employees[employees["employee_id"] == "00125"]
    assert list(rows.index) == [6, 7]
    assert rows["department"].tolist() == ["Zorg", "Onthaal"]


def test_flat_row_without_conversation_values_is_an_employee_only(
    flat: dict[str, RawTable],
) -> None:
    assert 5 in flat["employees"].frame.index
    assert 5 not in flat["conversations"].frame.index
    assert list(flat["conversations"].frame.index) == [3, 4, 6, 7]


def test_flat_manager_columns_go_to_their_own_table(flat: dict[str, RawTable]) -> None:
    # "Leidinggevende" is the employee's manager; "Gevoerd door" who held the conversation
    assert flat["employees"].headers["manager_id"] == "Leidinggevende"
    assert flat["conversations"].headers["manager_id"] == "Gevoerd door"
    assert flat["conversations"].frame.loc[4, "manager_id"] == "M02"
    assert flat["employees"].frame.loc[3, "manager_id"] == "M01"


def test_flat_status_belongs_to_the_conversation(flat: dict[str, RawTable]) -> None:
    assert flat["conversations"].frame["status"].tolist() == [
        "gehouden",
        "gepland",
        "gehouden",
        "gepland",
    ]
    assert flat["employees"].ignored_columns == ()
    assert flat["conversations"].ignored_columns == ()


FLAT_HEADER = ["Stamnummer", "Afdeling", "Datum in dienst", "Soort gesprek", "Datum gesprek"]


def test_flat_csv_with_a_neutral_name_splits_too(tmp_path: Path, by_table: ByTable) -> None:
    path = tmp_path / "export_hr.csv"
    path.write_text(
        ";".join(FLAT_HEADER) + "\n"
        "001;Zorg;1/1/2020;POP;2/2/2026\n"
        "001;Zorg;1/1/2020;Functionering;\n"
        "002;Keuken;1/6/2021;;\n",
        encoding="utf-8",
    )
    tables = by_table(read_sources([path]))
    assert list(tables["employees"].frame.index) == [2, 4]
    assert list(tables["conversations"].frame.index) == [2, 3]


def test_conversations_with_employee_columns_are_not_split_when_employees_come_elsewhere(
    make_xlsx: Callable[..., Path], by_table: ByTable
) -> None:
    path = make_xlsx(
        {
            "Gesprekken": [FLAT_HEADER, ["001", "Zorg", "1/1/2020", "POP", "2/2/2026"]],
            "Medewerkers": [FLAT_HEADER[:3], ["001", "Zorg", "1/1/2020"]],
        }
    )
    tables = by_table(read_sources([path]))
    assert tables["employees"].sheet == "Medewerkers"
    assert tables["conversations"].ignored_columns == ("Afdeling", "Datum in dienst")


def test_flat_sheet_with_mostly_employee_columns_gives_its_conversations_when_employees_come_elsewhere(
    make_xlsx: Callable[..., Path], by_table: ByTable
) -> None:
    wide = [*FLAT_HEADER, "Naam", "Team", "Functie", "Vestiging"]
    path = make_xlsx(
        {
            "Medewerkers": [FLAT_HEADER[:3], ["001", "Zorg", "1/1/2020"]],
            "Blad1": [wide, ["001", "Zorg", "1/1/2020", "POP", "2/2/2026", "A", "T", "F", "V"]],
        }
    )
    tables = by_table(read_sources([path]))
    assert tables["employees"].sheet == "Medewerkers"
    assert tables["conversations"].sheet == "Blad1"
    assert tables["conversations"].frame.loc[2, "conversation_type"] == "POP"
