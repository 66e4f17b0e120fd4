"""The command line: documented, helpful, and never a traceback."""

from __future__ import annotations

import json
import re

import pytest
from cli_runner import DEMO, ROOT, run_cli

from popanalytics.cli import COMMANDS, build_parser, main


def parser_commands() -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return set(sub.choices)  # type: ignore[arg-type]


def test_every_command_is_declared():
    assert parser_commands() == set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"`popanalytics {command}\b", readme), (
        f"README lacks `popanalytics {command}`"
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: popanalytics " + command in capsys.readouterr().out


def test_validate_on_a_missing_file_exits_2_with_a_dutch_message_and_no_traceback(tmp_path):
    missing = tmp_path / "bestaat-niet.xlsx"
    result = run_cli("validate", str(missing))
    assert result.returncode == 2
    assert "bestaat-niet.xlsx" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_validate_speaks_english_on_request(tmp_path):
    result = run_cli("validate", str(tmp_path / "missing.csv"), "--lang", "en")
    assert result.returncode == 2
    assert "missing.csv" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_parameter_is_a_message_not_a_traceback():
    result = run_cli("metrics", str(DEMO), "--group-by", "shoe_size")
    assert result.returncode == 2
    assert "shoe_size" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_json_on_the_demo_balances_every_table():
    result = run_cli("validate", str(DEMO), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report["tables"]) == {"employees", "conversations", "agreements", "training_needs"}
    for counts in report["tables"].values():
        assert counts["read"] == counts["used"] + counts["quarantined"]
        assert counts["read"] > 0


def test_demo_writes_a_workbook_that_validates(tmp_path):
    out = tmp_path / "demo.xlsx"
    result = run_cli("demo", str(out), "--employees", "40", "--seed", "7")
    assert result.returncode == 0, result.stderr
    assert out.exists()
    checked = run_cli("validate", str(out), "--json")
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout)["tables"]["employees"]["used"] == 40


def test_serve_refuses_a_missing_file_before_starting_the_server(tmp_path):
    result = run_cli("serve", str(tmp_path / "weg.xlsx"), "--port", "1")
    assert result.returncode == 2
    assert "weg.xlsx" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_refuses_a_broken_mapping_file_before_starting_the_server(tmp_path):
    mapping = tmp_path / "koppen.toml"
    mapping.write_text("[medewerkers\nkapot", encoding="utf-8")
    result = run_cli("serve", str(DEMO), "--mapping", str(mapping), "--port", "1")
    assert result.returncode == 2
    assert "koppen.toml" in result.stderr
