"""Issue 8's differencing attack through the command line, on the demo data.

`metrics --audience management --group-by department` used to hide Pastorale
dienst and, as its complement, Animatie; filtering on Animatie's campus then
showed Animatie in full, and subtracting gave Pastorale dienst back. Now a
cell is shown only when its employees are a union of whole blocks, the same
blocks in every query: nothing hidden in one query is shown in another.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from cli_runner import DEMO, run_cli

from popanalytics.dataset import load
from popanalytics.metrics import TOTAL, Params, prepare
from popanalytics.metrics.context import make_context

BASE = ["--cycle", "2026", "--reference-date", "2026-06-30", "--audience", "management"]
ANIMATIE_CAMPUS = "Campus Berk"  # the one campus Animatie works at in the demo
QUERIES: list[list[str]] = [
    ["--group-by", "department"],
    ["--filter", f"location={ANIMATIE_CAMPUS}", "--group-by", "department"],
    ["--filter", "department=Pastorale dienst"],
    ["--filter", "department=Animatie"],
    ["--filter", f"location={ANIMATIE_CAMPUS}"],
]


def management(*args: str) -> dict[str, Any]:
    result = run_cli("metrics", str(DEMO), *BASE, "--json", *args)
    assert result.returncode == 0, result.stderr
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def cell(out: dict[str, Any], metric: str, group: str = TOTAL) -> dict[str, Any]:
    (row,) = [
        f
        for f in out["figures"]
        if f["metric"] == metric and f["group"] == group and f["breakdown"] is None
    ]
    return row


@pytest.fixture(scope="module")
def answers() -> list[dict[str, Any]]:
    return [management(*q) for q in QUERIES]


def test_the_attack_of_the_issue_recovers_nothing(answers: list[dict[str, Any]]) -> None:
    by_department, on_campus, pastorale, animatie, campus = answers
    for metric in ("population", "coverage_any", "agreements_total", "training_needs"):
        # hidden when grouped by department...
        assert cell(by_department, metric, "Pastorale dienst")["suppressed"]
        assert cell(by_department, metric, "Animatie")["suppressed"]
        # ...and in every other query that would give them back
        assert cell(on_campus, metric, "Animatie")["suppressed"]
        assert cell(on_campus, metric)["suppressed"]  # the campus holds part of a block
        assert cell(campus, metric)["suppressed"]
        assert cell(pastorale, metric)["suppressed"]
        assert cell(animatie, metric)["suppressed"]
        assert cell(by_department, metric)["numerator"] is not None  # the total stays
    hidden = cell(pastorale, "population")
    assert hidden["numerator"] is None and hidden["employees"] is None


def test_no_cell_hidden_in_one_query_is_shown_in_another_or_their_difference(
    answers: list[dict[str, Any]],
) -> None:
    # the employees of every cell, from the library: shown and hidden sets per figure
    data = prepare(load([str(DEMO)]).dataset)
    import datetime as dt

    params = Params(cycle_year=2026, reference_date=dt.date(2026, 6, 30))
    population = make_context(data, params).in_pop
    shown: dict[str, list[np.ndarray]] = {}
    hidden: dict[str, list[np.ndarray]] = {}
    for query, out in zip(QUERIES, answers, strict=True):
        filters: dict[str, list[str]] = {}
        args = iter(query)
        group_by = None
        for arg in args:
            if arg == "--filter":
                name, _, value = next(args).partition("=")
                filters.setdefault(name, []).append(value)
            elif arg == "--group-by":
                group_by = next(args)
        ctx = make_context(
            data,
            params.with_(
                filters=tuple((k, tuple(v)) for k, v in filters.items()), group_by=group_by
            ),
        )
        labels = ctx.group_labels[ctx.group].astype(str)
        for f in out["figures"]:
            if f["breakdown"] is not None:
                continue
            inside = ctx.in_pop if f["group"] == TOTAL else ctx.in_pop & (labels == f["group"])
            target = hidden if f["suppressed"] else shown
            target.setdefault(f["metric"], []).append(inside[population].astype(float))
    for metric, sets in hidden.items():
        basis = np.array(shown.get(metric, []))
        for members in sets:
            if not len(basis):
                continue
            # is the hidden set a sum or difference of shown ones? (least squares)
            coef, *_ = np.linalg.lstsq(basis.T, members, rcond=None)
            assert np.linalg.norm(basis.T @ coef - members) > 1e-6, metric


def test_grouping_by_manager_is_refused_for_management_in_nl_and_en() -> None:
    for lang, word in (("nl", "management"), ("en", "management")):
        result = run_cli("metrics", str(DEMO), *BASE, "--group-by", "manager_id", "--lang", lang)
        assert result.returncode == 2
        assert word in result.stderr and "Traceback" not in result.stderr


def test_a_narrow_job_title_filter_is_refused_in_the_cli_and_the_excel_overview(tmp_path) -> None:  # type: ignore[no-untyped-def]
    employees = load([str(DEMO)]).dataset.employees
    sizes = employees["job_title"].value_counts()
    narrow = str(sizes[sizes < 5].index[0])
    for command in (["metrics"], ["report", "-o", str(tmp_path / "out.xlsx")]):
        result = run_cli(
            *command, str(DEMO), *BASE, "--filter", f"job_title={narrow}", "--lang", "en"
        )
        assert result.returncode == 2, result.stdout
        assert "fewer than 5 employees" in result.stderr
    assert not (tmp_path / "out.xlsx").exists()
