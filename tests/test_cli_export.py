"""`popanalytics report` and `popanalytics followup` write what they say, where they say."""

from __future__ import annotations

import openpyxl
import pandas as pd
from cli_runner import DEMO, run_cli


def test_report_writes_the_dutch_overview_sheets(tmp_path):
    out = tmp_path / "overzicht.xlsx"
    result = run_cli("report", str(DEMO), "-o", str(out), "--reference-date", "2026-11-15")
    assert result.returncode == 0, result.stderr
    sheets = openpyxl.load_workbook(out, read_only=True).sheetnames
    for name in ("Samenvatting", "Gespreksdekking", "Afspraken", "Opvolging", "Opleidingsnoden"):
        assert name in sheets
    assert {"Procesindicatoren", "Datakwaliteit", "Definities"} <= set(sheets)


def test_management_report_names_nobody_from_the_export(tmp_path):
    out = tmp_path / "board.xlsx"
    result = run_cli(
        "report", str(DEMO), "-o", str(out), "--audience", "management", "--lang", "en"
    )
    assert result.returncode == 0, result.stderr
    names = set(pd.read_excel(DEMO, sheet_name="Medewerkers", engine="calamine")["Naam"])
    book = openpyxl.load_workbook(out, read_only=True)
    cells = {
        str(value)
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
        for value in row
        if value is not None
    }
    assert not (cells & names)
    assert "Summary" in book.sheetnames


def test_followup_writes_one_workbook_per_manager(tmp_path):
    result = run_cli("followup", str(DEMO), "-o", str(tmp_path / "lijsten"))
    assert result.returncode == 0, result.stderr
    files = sorted((tmp_path / "lijsten").glob("*.xlsx"))
    managers = pd.read_excel(DEMO, sheet_name="Medewerkers", engine="calamine", dtype=str)[
        "Leidinggevende"
    ].dropna()
    ids = {f.stem.rsplit("(", 1)[1].rstrip(")") for f in files if "(" in f.stem}
    assert ids and ids <= set(managers)
    # employees without a manager get a list of their own rather than none at all
    assert len(files) == len(ids) + 1
    assert any("zonder leidinggevende" in f.stem for f in files)


def test_followup_refuses_the_management_audience_with_a_message(tmp_path):
    result = run_cli("followup", str(DEMO), "-o", str(tmp_path), "--audience", "management")
    assert result.returncode == 2
    assert "hr" in result.stderr
    assert "Traceback" not in result.stderr
