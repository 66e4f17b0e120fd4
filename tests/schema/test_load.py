"""dataset.load(): real files through io and validation, with progress."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook
from schema_builders import TODAY

from popanalytics.dataset import Loaded, load
from popanalytics.errors import PopError


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


EMPLOYEES: list[list[object]] = [
    ["Personeelsnummer", "Naam", "Afdeling", "Datum in dienst", "Tewerkstellingsbreuk"],
    ["00123", "An Peeters", "Zorg", "03/02/2019", "80%"],
    [124, "Bart Claes", "Keuken", dt.datetime(2020, 9, 1), 0.5],
    ["125", "Chris Maes", None, "01/01/2021", 1],
]
CONVERSATIONS: list[list[object]] = [
    ["Gesprek id", "Personeelsnummer", "Soort gesprek", "Datum gesprek", "Status"],
    ["C1", "00123", "POP-gesprek", "15/03/2026", "gehouden"],
    ["C2", "124", "Functioneringsgesprek", None, "gehouden"],
    ["C3", "125", "POP", "16/03/2026", "gehouden"],
]


def test_load_reads_an_excel_export_and_validates_it(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "hr.xlsx", {"Medewerkers": EMPLOYEES, "Gesprekken": CONVERSATIONS})
    steps: list[tuple[float, str]] = []
    loaded = load([path], today=TODAY, progress=lambda f, key: steps.append((f, key)))

    assert isinstance(loaded, Loaded)
    assert loaded.dataset.employees["employee_id"].tolist() == ["00123", "124"]
    assert loaded.dataset.employees["fte"].tolist() == [0.8, 0.5]
    assert loaded.dataset.conversations["conversation_id"].tolist() == ["C1"]
    assert loaded.dataset.sources == ("hr.xlsx",)

    findings = loaded.report.findings
    assert findings[["table", "sheet", "row", "code"]].values.tolist() == [
        ["employees", "Medewerkers", 4, "required_missing"],
        ["conversations", "Gesprekken", 3, "held_without_date"],
        ["conversations", "Gesprekken", 4, "unknown_employee"],
    ]
    assert {t: (c.read, c.used, c.quarantined) for t, c in loaded.report.counts.items()}[
        "conversations"
    ] == (3, 1, 2)

    fractions = [f for f, _ in steps]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert all(key.startswith("quality.progress.") for _, key in steps)


def test_load_concatenates_files_of_one_table(tmp_path: Path) -> None:
    first = write_xlsx(tmp_path / "a.xlsx", {"Medewerkers": EMPLOYEES[:2]})
    second = write_xlsx(tmp_path / "b.xlsx", {"Medewerkers": [EMPLOYEES[0], EMPLOYEES[2]]})
    loaded = load([first, second], today=TODAY)
    assert loaded.dataset.employees["employee_id"].tolist() == ["00123", "124"]
    assert loaded.dataset.sources == ("a.xlsx", "b.xlsx")
    assert loaded.report.findings.empty


def test_load_raises_a_fatal_error_for_a_missing_required_column(tmp_path: Path) -> None:
    rows = [[c for i, c in enumerate(r) if i != 2] for r in EMPLOYEES]  # drop Afdeling
    path = write_xlsx(tmp_path / "hr.xlsx", {"Medewerkers": rows})
    with pytest.raises(PopError) as caught:
        load(path, today=TODAY)
    assert "Afdeling (department)" in caught.value.message_nl
    assert "hr.xlsx" in caught.value.message_en and "Medewerkers" in caught.value.message_en


def test_load_accepts_an_uploaded_file(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "hr.xlsx", {"Medewerkers": EMPLOYEES})
    loaded = load([("upload.xlsx", path.read_bytes())], today=TODAY)
    assert loaded.dataset.sources == ("upload.xlsx",)
    assert len(loaded.dataset.employees) == 2
    assert pd.api.types.is_datetime64_dtype(loaded.dataset.employees["start_date"])


def test_load_of_an_empty_csv_names_the_file_it_could_not_use(tmp_path: Path) -> None:
    path = tmp_path / "medewerkers.csv"
    path.write_bytes(b"")
    with pytest.raises(PopError) as caught:
        load(path, today=TODAY)
    error = caught.value
    assert error.file == "medewerkers.csv"
    assert "bestand 'medewerkers.csv'" in error.message_nl and "–" not in error.message_nl
    assert "file 'medewerkers.csv'" in error.message_en


def test_load_names_the_sheet_that_was_not_recognised_when_no_employee_table_is_found(
    tmp_path: Path,
) -> None:
    title_rows: list[list[object]] = [[f"titel {i}"] for i in range(25)]
    path = write_xlsx(tmp_path / "hr.xlsx", {"Blad1": [*title_rows, *EMPLOYEES]})
    with pytest.raises(PopError) as caught:
        load(path, today=TODAY)
    assert "bestand 'hr.xlsx', blad 'Blad1'" in caught.value.message_nl
    assert "file 'hr.xlsx', sheet 'Blad1'" in caught.value.message_en


def test_load_of_an_employee_sheet_with_only_a_header_says_it_holds_no_rows(
    tmp_path: Path,
) -> None:
    path = write_xlsx(tmp_path / "hr.xlsx", {"Medewerkers": EMPLOYEES[:1]})
    with pytest.raises(PopError) as caught:
        load(path, today=TODAY)
    error = caught.value
    assert error.code == "quality.empty_employee_table"
    assert (error.file, error.sheet) == ("hr.xlsx", "Medewerkers")
    assert "geen gegevens" in error.message_nl and "Medewerkers" in error.message_nl
    assert "holds no data" in error.message_en and "Medewerkers" in error.message_en


def test_load_reports_a_sheet_that_matched_no_table(tmp_path: Path) -> None:
    notes: list[list[object]] = [["Opmerking", "Door"], ["Export van maart", "HR"]]
    path = write_xlsx(tmp_path / "hr.xlsx", {"Medewerkers": EMPLOYEES, "Notities": notes})
    report = load(path, today=TODAY).report
    assert report.unrecognised == (("hr.xlsx", "Notities"),)
    assert report.to_json()["unrecognised"] == [{"file": "hr.xlsx", "sheet": "Notities"}]
