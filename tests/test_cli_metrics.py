"""`popanalytics metrics --json` agrees with a count done by hand on the raw demo workbook.

The hand count reads data/demo.xlsx with plain pandas (Dutch headers and values as
exported) and follows docs/metrics.md literally, without popanalytics'
metrics code, for two departments.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from cli_runner import DEMO, run_cli

CYCLE_START = pd.Timestamp("2026-01-01")
R = pd.Timestamp("2026-06-30")
DEPARTMENTS = ("Keuken", "Verpleging")


def metrics_json(*extra: str) -> dict:
    """`popanalytics metrics` on the demo for cycle 2026 at 30 June, by department."""
    result = run_cli(
        "metrics",
        str(DEMO),
        "--cycle",
        "2026",
        "--reference-date",
        "2026-06-30",
        "--group-by",
        "department",
        "--json",
        *extra,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def cli_figures() -> dict[tuple[str, str], dict]:
    out = metrics_json()
    assert out["parameters"]["reference_date"] == "2026-06-30"
    return {(f["metric"], f["group"]): f for f in out["figures"] if f["breakdown_field"] is None}


@pytest.fixture(scope="module")
def raw() -> dict[str, pd.DataFrame]:
    sheets = pd.read_excel(DEMO, sheet_name=None, engine="calamine", dtype=object)
    for frame in sheets.values():
        for column in frame.columns:
            if "datum" in column.lower() or column in ("Afgerond op", "Deadline", "Opvolgdatum"):
                frame[column] = pd.to_datetime(frame[column], errors="coerce")
    ids = ["Personeelsnummer", "Leidinggevende", "Gevoerd door"]
    for frame in sheets.values():
        for column in ids:
            if column in frame:
                frame[column] = frame[column].map(_text_id)
    return sheets


def _text_id(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None if pd.isna(value) else str(value).strip()


def hand_population(emp: pd.DataFrame, department: str) -> pd.DataFrame:
    e = emp[emp["Afdeling"] == department]
    start = pd.to_datetime(e["Datum in dienst"])
    end = pd.to_datetime(e["Datum uit dienst"])
    employed = (start <= R) & (end.isna() | (end >= CYCLE_START))
    return e[employed]


@pytest.mark.parametrize("department", DEPARTMENTS)
def test_development_coverage_matches_a_hand_count(raw, cli_figures, department):
    pop = hand_population(raw["Medewerkers"], department)
    new = (R - pd.to_datetime(pop["Datum in dienst"])).dt.days < 90
    absent = pd.to_datetime(pop["Afwezig sinds"]) <= R
    eligible = set(pop.loc[~new & ~absent.fillna(False), "Personeelsnummer"])
    conv = raw["Gesprekken"]
    held = conv[
        (conv["Soort gesprek"] == "POP-gesprek")
        & (conv["Status"] == "gehouden")
        & (conv["Datum gesprek"] >= CYCLE_START)
        & (conv["Datum gesprek"] <= R)
    ]
    covered = eligible & set(held["Personeelsnummer"])
    figure = cli_figures[("coverage_development", department)]
    assert (figure["numerator"], figure["denominator"]) == (len(covered), len(eligible))
    assert figure["rate"] == pytest.approx(len(covered) / len(eligible))


@pytest.mark.parametrize("department", DEPARTMENTS)
def test_overdue_agreements_match_a_hand_count(raw, cli_figures, department):
    pop = hand_population(raw["Medewerkers"], department)
    agr = raw["Afspraken"]
    agr = agr[agr["Personeelsnummer"].isin(set(pop["Personeelsnummer"]))]
    done_at_r = (agr["Status"] == "afgerond") & (
        agr["Afgerond op"].isna() | (agr["Afgerond op"] <= R)
    )
    cancelled = agr["Status"] == "geannuleerd"
    followup = agr["Opvolgdatum"].fillna(agr["Deadline"])
    known_at_r = agr["Datum afspraak"].isna() | (agr["Datum afspraak"] <= R)
    overdue = ~done_at_r & ~cancelled & (followup < R) & known_at_r
    assert cli_figures[("agreements_overdue", department)]["numerator"] == int(overdue.sum())


def test_the_total_row_is_the_sum_of_the_departments(cli_figures):
    groups = [g for (m, g) in cli_figures if m == "coverage_development" and g != "all"]
    total = cli_figures[("coverage_development", "all")]
    assert (
        sum(cli_figures[("coverage_development", g)]["denominator"] for g in groups)
        == (total["denominator"])
    )


def test_management_json_hides_the_size_of_suppressed_groups():
    figures = metrics_json("--audience", "management")["figures"]
    suppressed = [f for f in figures if f["suppressed"]]
    assert suppressed, "the demo has a department under 5 people"
    for f in suppressed:
        assert f["numerator"] is None and f["denominator"] is None and f["rate"] is None
        assert f["employees"] is None
