"""The user mapping file: extra sheet names and header aliases, and its mistakes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from popanalytics.errors import PopError
from popanalytics.io import RawTable, read_sources, read_sources_with_skipped
from popanalytics.io.mapping import load_mapping

ByTable = Callable[[Sequence[RawTable]], dict[str, RawTable]]


def test_mapping_file_makes_other_headers_and_sheet_names_known(
    data_dir: Path, by_table: ByTable
) -> None:
    tables = by_table(
        read_sources([data_dir / "andere_koppen.xlsx"], mapping=data_dir / "mapping.toml")
    )
    employees = tables["employees"]
    assert employees.sheet == "Blad1"
    assert employees.headers == {
        "employee_id": "Pers. nr.",
        "department": "Afdeling",
        "start_date": "In dienst vanaf",
    }
    assert employees.ignored_columns == ("Kleur",)
    assert tables["conversations"].headers["conversation_type"] == "Soort"
    assert tables["conversations"].frame.loc[2, "employee_id"] == "00401"


def test_without_the_mapping_file_those_sheets_are_skipped(data_dir: Path) -> None:
    tables, skipped = read_sources_with_skipped([data_dir / "andere_koppen.xlsx"])
    assert tables == []
    assert [sheet for _file, sheet in skipped] == ["Blad1", "Blad2"]


def test_mapping_accepts_one_name_as_text(data_dir: Path) -> None:
    mapping = load_mapping(data_dir / "mapping.toml")
    assert mapping.fields["conversations"]["employee_id"] == ("Pers. nr.",)
    assert mapping.sheets["employees"] == ("Blad1",)


@pytest.mark.parametrize(
    ("file", "code", "named"),
    [
        ("mapping_unknown_table.toml", "io.mapping_table", "medewerkerz"),
        ("mapping_unknown_field.toml", "io.mapping_field", "hire_day"),
        ("mapping_broken.toml", "io.mapping_syntax", "mapping_broken.toml"),
        ("mapping_bad_value.toml", "io.mapping_value", "employees.employee_id"),
        ("geen_mapping.toml", "io.mapping_missing", "geen_mapping.toml"),
    ],
)
def test_bad_mapping_file_is_fatal_naming_file_and_key_in_both_languages(
    data_dir: Path, file: str, code: str, named: str
) -> None:
    with pytest.raises(PopError) as caught:
        read_sources([data_dir / "pop_export.xlsx"], mapping=data_dir / file)
    error = caught.value
    assert error.code == code
    assert file in (error.file or "")
    for lang in ("nl", "en"):
        assert file in error.message(lang)
        assert named in error.message(lang)
    assert error.message("nl") != error.message("en")


def test_mapping_with_sheets_not_a_table_is_fatal(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text('sheets = ["Blad1"]\n', encoding="utf-8")
    with pytest.raises(PopError, match="sheets"):
        load_mapping(path)


def test_mapping_sheet_name_also_names_a_csv_file(tmp_path: Path) -> None:
    (tmp_path / "m.toml").write_text('[sheets]\nemployees = ["export_hr"]\n', encoding="utf-8")
    (tmp_path / "export_hr.csv").write_text("Personeelsnummer;Naam\n001;A\n", encoding="utf-8")
    (raw,) = read_sources([tmp_path / "export_hr.csv"], mapping=tmp_path / "m.toml")
    assert raw.table == "employees"
