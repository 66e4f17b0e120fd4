"""`popanalytics validate` on a messy export built by hand: every planted problem is reported."""

from __future__ import annotations

import json

import pandas as pd
from cli_runner import ROOT, run_cli

MESSY = ROOT / "tests" / "data" / "messy"

# (file, line as the user sees it, field, severity): each row planted in tests/data/messy.
PLANTED = {
    ("medewerkers.csv", 5, "department", "error"),  # department empty
    ("medewerkers.csv", 6, "employee_id", "error"),  # 00102 a second time
    ("medewerkers.csv", 7, "start_date", "error"),  # "gisteren"
    ("medewerkers.csv", 8, "absent_since", "warning"),  # 31/02/2026
    ("gesprekken.csv", 4, "employee_id", "error"),  # 00999 does not exist
    ("gesprekken.csv", 5, "conversation_type", "error"),  # Exitgesprek
    ("gesprekken.csv", 6, "held_date", "error"),  # held without a date
    ("gesprekken.csv", 7, "conversation_id", "error"),  # G1 a second time
    ("gesprekken.csv", 8, "followup_date", "warning"),  # 01/01/1900
    ("afspraken.csv", 3, "category", "warning"),  # "Vliegen" becomes other
    ("afspraken.csv", 4, "done_date", "warning"),  # done without a done date
    ("afspraken.csv", 5, "category", "error"),  # category empty
    ("opleidingsnoden.csv", 3, "hours", "warning"),  # -4 hours
    ("opleidingsnoden.csv", 4, "theme", "error"),  # theme empty
}


def validate_json(*args: str) -> dict:
    result = run_cli("validate", str(MESSY), "--json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_validate_reports_every_planted_problem_with_its_row_and_severity():
    report = validate_json()
    found = {(f["file"], f["row"], f["field"], f["severity"]) for f in report["findings"]}
    assert found >= PLANTED, f"missing: {sorted(PLANTED - found)}"


def test_validate_reports_nothing_that_was_not_planted():
    report = validate_json()
    found = {(f["file"], f["row"], f["field"], f["severity"]) for f in report["findings"]}
    assert found - PLANTED == set()


def test_validate_counts_balance_on_the_messy_export():
    tables = validate_json()["tables"]
    assert tables["employees"] == {"read": 7, "used": 4, "quarantined": 3}
    assert tables["conversations"] == {"read": 7, "used": 3, "quarantined": 4}
    assert tables["agreements"] == {"read": 4, "used": 3, "quarantined": 1}
    assert tables["training_needs"] == {"read": 3, "used": 2, "quarantined": 1}


def test_validate_messages_are_dutch_by_default_and_english_on_request():
    dutch = validate_json()["findings"]
    english = validate_json("--lang", "en")["findings"]
    assert len(dutch) == len(english)
    assert all(d["message"] and e["message"] for d, e in zip(dutch, english, strict=True))
    assert any(d["message"] != e["message"] for d, e in zip(dutch, english, strict=True))


def test_validate_prints_a_readable_table_naming_file_and_row():
    result = run_cli("validate", str(MESSY))
    assert result.returncode == 0, result.stderr
    assert "gesprekken.csv:5" in result.stdout
    assert "Gelezen" in result.stdout


def test_validate_names_sheets_it_did_not_recognise(tmp_path):
    book = tmp_path / "export.xlsx"
    with pd.ExcelWriter(book) as writer:
        pd.DataFrame(
            {"Personeelsnummer": ["001"], "Afdeling": ["Keuken"], "Datum in dienst": ["01/02/2020"]}
        ).to_excel(writer, sheet_name="Medewerkers", index=False)
        pd.DataFrame({"Opmerking": ["geëxporteerd door het HR-systeem"]}).to_excel(
            writer, sheet_name="Info", index=False
        )
    result = run_cli("validate", str(book))
    assert result.returncode == 0, result.stderr
    assert "export.xlsx:Info" in result.stdout
