"""Files the command line writes hold HR data: only their owner may read them (0600, folders 0700)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cli_runner import DEMO, run_cli

from popanalytics.cli import main


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_report_is_written_owner_only_even_over_a_world_readable_file(tmp_path: Path):
    out = tmp_path / "overzicht.xlsx"
    out.write_bytes(b"old")
    out.chmod(0o644)  # rewriting a file in place keeps its mode: the CLI sets it back
    result = run_cli("report", str(DEMO), "-o", str(out), "--reference-date", "2026-11-15")
    assert result.returncode == 0, result.stderr
    assert mode(out) == 0o600


def test_followup_workbooks_and_their_new_folder_are_owner_only(tmp_path: Path):
    out = tmp_path / "opvolging" / "per-leidinggevende"
    result = run_cli("followup", str(DEMO), "-o", str(out), "--reference-date", "2026-11-15")
    assert result.returncode == 0, result.stderr
    files = list(out.glob("*.xlsx"))
    assert files
    assert {mode(f) for f in files} == {0o600}
    assert mode(out) == 0o700 and mode(out.parent) == 0o700


def test_demo_workbook_and_csv_folder_are_owner_only(tmp_path: Path):
    workbook = tmp_path / "demo.xlsx"
    assert run_cli("demo", str(workbook), "--employees", "20").returncode == 0
    assert mode(workbook) == 0o600
    folder = tmp_path / "csv"
    assert run_cli("demo", str(folder), "--employees", "20").returncode == 0
    assert {mode(f) for f in folder.iterdir()} == {0o600}
    assert mode(folder) == 0o700


def test_main_leaves_the_callers_umask_as_it_was(tmp_path: Path):
    before = os.umask(0o022)
    try:
        assert main(["demo", str(tmp_path / "d.xlsx"), "--employees", "5"]) == 0
        assert os.umask(0o022) == 0o022
    finally:
        os.umask(before)
