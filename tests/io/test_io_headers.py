"""Header recognition in real files: alias classes, title rows, tables known by their headers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from popanalytics.io import read_sources, read_sources_with_skipped
from popanalytics.model import TABLES

# table, field, a header text an export may use for it
VARIANTS = [
    ("employees", "start_date", "Datum in dienst"),
    ("employees", "start_date", "datum_in_dienst"),
    ("employees", "start_date", "DATUM IN DIENST"),
    ("employees", "start_date", "Datum in dienst:"),
    ("employees", "start_date", "Hire date"),
    ("employees", "start_date", "start_date"),
    ("employees", "employee_id", "Personeelsnr."),
    ("employees", "employee_id", "STAMNUMMER"),
    ("employees", "employee_id", "Werknemer-ID"),
    ("employees", "location", "Locatie"),
    ("employees", "fte", "V.T.E."),
    ("employees", "department", "Département"),
    ("conversations", "conversation_type", "Type gesprek"),
    ("conversations", "held_date", "Gehouden op"),
    ("conversations", "signed_by_employee", "Handtekening medewerker"),
    ("agreements", "owner", "Verantwoordelijke"),
    ("agreements", "due_date", "Uiterlijk"),
    ("training_needs", "hours", "Duur (uren)"),
    ("training_needs", "cost", "KOSTPRIJS"),
]


def _header_row(table: str, field: str, header: str) -> list[str]:
    """The required fields by canonical name, with ``field`` written as ``header``."""
    names = list(dict.fromkeys([*TABLES[table].required, field]))
    return [header if name == field else name for name in names]


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join(";".join(row) for row in rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize(("table", "field", "header"), VARIANTS)
def test_header_variant_is_recognised_as_its_field(
    make_xlsx: Callable[..., Path],
    tmp_path: Path,
    fmt: str,
    table: str,
    field: str,
    header: str,
) -> None:
    header_row = _header_row(table, field, header)
    data_row = [f"v{i}" for i in range(len(header_row))]
    if fmt == "xlsx":
        path = make_xlsx({table: [header_row, data_row]})
    else:
        path = _write_csv(tmp_path / f"{table}.csv", [header_row, data_row])
    (raw,) = read_sources([path])
    assert raw.table == table
    assert raw.headers[field] == header
    assert raw.frame.loc[2, field] == data_row[header_row.index(header)]
    assert raw.ignored_columns == ()


def test_title_rows_above_the_header_keep_excel_row_numbers(make_xlsx: Callable[..., Path]) -> None:
    path = make_xlsx(
        {
            "Medewerkers": [
                ["Overzicht medewerkers 2026"],
                ["Bron: HR-systeem", None, "Datum: 01/03/2026"],
                [],
                ["Personeelsnummer", "Afdeling", "Datum in dienst"],
                ["00123", "Zorg", "01/02/2015"],
                [],
                ["00124", "Keuken", "15/09/2019"],
            ]
        }
    )
    (raw,) = read_sources([path])
    assert list(raw.frame.index) == [5, 7]
    assert raw.frame["employee_id"].tolist() == ["00123", "00124"]


def test_sheet_with_a_neutral_name_is_known_by_its_headers(make_xlsx: Callable[..., Path]) -> None:
    path = make_xlsx(
        {
            "Blad1": [
                ["Personeelsnummer", "Categorie", "Status", "Omschrijving"],
                ["1", "x", "open", "y"],
            ],
            "Blad2": [
                ["Personeelsnummer", "Soort gesprek", "Datum gesprek"],
                ["1", "POP", "1/2/2026"],
            ],
        }
    )
    assert [t.table for t in read_sources([path])] == ["agreements", "conversations"]


def test_neutral_sheet_without_the_required_headers_of_any_table_is_skipped(
    make_xlsx: Callable[..., Path],
) -> None:
    path = make_xlsx({"Blad1": [["Personeelsnummer", "Kleur"], ["1", "blauw"]]})
    tables, skipped = read_sources_with_skipped([path])
    assert tables == []
    assert skipped == [("export.xlsx", "Blad1")]


def test_sheet_named_as_a_table_is_kept_even_when_a_required_header_is_missing(
    make_xlsx: Callable[..., Path],
) -> None:
    # the schema, not the importer, names the missing column to the user
    path = make_xlsx({"Medewerkers": [["Personeelsnummer", "Naam"], ["1", "Persoon A"]]})
    (raw,) = read_sources([path])
    assert raw.table == "employees"
    assert list(raw.frame.columns) == ["employee_id", "name"]


def test_name_found_inside_a_sheet_name_needs_a_matching_header(
    make_xlsx: Callable[..., Path],
) -> None:
    path = make_xlsx(
        {
            "Info medewerkers": [["Deze map bevat de export van 1 maart"]],
            "Export medewerkers": [["Personeelsnummer", "Afdeling"], ["1", "Zorg"]],
        }
    )
    tables, skipped = read_sources_with_skipped([path])
    assert [(t.sheet, t.table) for t in tables] == [("Export medewerkers", "employees")]
    assert skipped == [("export.xlsx", "Info medewerkers")]


def test_only_sheet_of_a_workbook_is_named_by_the_file_name(make_xlsx: Callable[..., Path]) -> None:
    path = make_xlsx({"Blad1": [["Personeelsnummer", "Naam"], ["1", "A"]]}, name="Medewerkers.xlsx")
    (raw,) = read_sources([path])
    assert raw.table == "employees"


def test_two_headers_of_one_field_keep_the_first_and_list_the_other(
    make_xlsx: Callable[..., Path],
) -> None:
    path = make_xlsx(
        {"Medewerkers": [["Personeelsnummer", "Afdeling", "Dienst"], ["1", "Zorg", "Nacht"]]}
    )
    (raw,) = read_sources([path])
    assert raw.frame.loc[2, "department"] == "Zorg"
    assert raw.ignored_columns == ("Dienst",)


def test_column_with_data_but_no_header_is_listed_by_its_letter(
    make_xlsx: Callable[..., Path],
) -> None:
    path = make_xlsx(
        {"Medewerkers": [["Personeelsnummer", None, "Afdeling", None], ["1", "?", "Zorg", None]]}
    )
    (raw,) = read_sources([path])
    assert raw.ignored_columns == ("B",)
    assert list(raw.frame.columns) == ["employee_id", "department"]
