"""`popanalytics progress` and `--target`: the JSON shape, the agreement with
`metrics`, and bad input (exit 2, a message in the user's language)."""

from __future__ import annotations

import json

import pytest
from cli_runner import DEMO, run_cli
from openpyxl import load_workbook

POINT_KEYS = {
    "date",
    "week",
    "numerator",
    "denominator",
    "rate",
    "previous_date",
    "previous_numerator",
    "previous_denominator",
    "previous_rate",
}


@pytest.fixture(scope="module")
def progress_json() -> dict:
    result = run_cli(
        "progress", str(DEMO), "--cycle", "2026", "--reference-date", "2026-06-30", "--json"
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_progress_json_has_the_documented_shape(progress_json: dict) -> None:
    assert set(progress_json) == {"parameters", "points", "projection"}
    assert progress_json["parameters"]["conversation_type"] == "development"
    points = progress_json["points"]
    assert all(set(p) == POINT_KEYS for p in points)
    assert [p["week"] for p in points] == list(range(1, 27))
    assert points[0]["date"] == "2026-01-07" and points[0]["previous_date"] == "2025-01-07"
    assert points[-1]["date"] == "2026-06-30" and points[-1]["previous_date"] == "2025-06-30"
    assert set(progress_json["projection"]) == {"numerator", "denominator", "rate"}


def test_progress_last_point_and_projection_agree_with_metrics(progress_json: dict) -> None:
    result = run_cli(
        "metrics", str(DEMO), "--cycle", "2026", "--reference-date", "2026-06-30", "--json"
    )
    figure = next(
        f
        for f in json.loads(result.stdout)["figures"]
        if f["metric"] == "coverage_development" and f["group"] == "all"
    )
    last = progress_json["points"][-1]
    assert (last["numerator"], last["denominator"]) == (figure["numerator"], figure["denominator"])
    projection = progress_json["projection"]
    assert projection["denominator"] == figure["denominator"]
    assert projection["numerator"] >= figure["numerator"]


@pytest.mark.parametrize(
    ("args", "nl", "en"),
    [
        (("--conversation-type", "interview"), "Onbekend gesprekstype", "Unknown conversation"),
        (("--reference-date", "2025-12-31"), "voor het begin van cyclus", "before the start"),
        (("--target", "coverage_development=1.5"), "tussen 0 en 1", "between 0 and 1"),
        (("--target", "coverage_nothing=0.5"), "Onbekend cijfer", "Unknown figure"),
    ],
)
def test_bad_progress_input_is_a_clear_message_and_exit_2(args, nl: str, en: str) -> None:
    for lang, text in (("nl", nl), ("en", en)):
        result = run_cli("progress", str(DEMO), "--cycle", "2026", *args, "--lang", lang)
        assert result.returncode == 2, result.stderr
        assert text in result.stderr and "Traceback" not in result.stderr


def test_metrics_target_says_whether_it_is_reached() -> None:
    base = ("metrics", str(DEMO), "--cycle", "2026", "--reference-date", "2026-06-30")
    result = run_cli(*base, "--json", "--target", "coverage_development=90%")
    out = json.loads(result.stdout)
    assert out["parameters"]["targets"] == {"coverage_development": 0.9}
    [status] = out["targets"]
    assert status["metric"] == "coverage_development" and status["reached"] is False
    text = run_cli(*base, "--lang", "en", "--target", "coverage_any=0.5").stdout
    assert "50.0% (reached)" in text
    bad = run_cli(*base, "--target", "agreements_overdue=-1")
    assert bad.returncode == 2 and "negatief" in bad.stderr


def test_report_target_adds_a_targets_sheet(tmp_path) -> None:
    out = tmp_path / "report.xlsx"
    result = run_cli(
        "report", str(DEMO), "--reference-date", "2026-06-30", "-o", str(out),
        "--target", "coverage_development=0.3", "--lang", "en",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    wb = load_workbook(out)
    assert wb.sheetnames[-1] == "Targets" and len(wb.sheetnames) > 1
    ws = wb["Targets"]
    ref = ws.tables["tbl_targets"].ref
    rows = [[c.value for c in row] for row in ws[ref]]
    assert rows[0] == ["Figure", "Target", "Value", "Target reached?"]
    assert rows[1][1:] == ["30.0%", "35.5%", "reached"]


def test_serve_refuses_a_bad_target_before_starting() -> None:
    result = run_cli("serve", "--target", "coverage_development=2", "--lang", "en")
    assert result.returncode == 2
    assert "between 0 and 1" in result.stderr and "Traceback" not in result.stderr
