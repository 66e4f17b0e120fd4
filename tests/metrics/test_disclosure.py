"""Suppression that holds across every query management can make (disclosure.py).

The property test plays an attacker: it runs a random sequence of management
queries on a random organisation, writes every shown figure as a linear
combination of unknowns (one per population employee; for a breakdown one
per employee and value), and tries to express every suppressed figure as a
linear combination of the shown ones (subtraction, generalised).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from metrics_builders import PARAMS, agreement, dataset, emp, held, need, value

from popanalytics.errors import PopError
from popanalytics.metrics import TOTAL, Params, figures, prepare, suppress
from popanalytics.metrics.context import make_context
from popanalytics.metrics.disclosure import coarsen
from popanalytics.metrics.prepare import Prepared
from popanalytics.model import Dataset

MANAGEMENT = PARAMS.with_(audience="management")
FIELDS = ("department", "team", "location", "contract_type", "job_title")
# the headline figure a breakdown family adds up to (its "total" for subtraction)
FAMILY_TOTAL = {"agreements_mix": "agreements_total"}
# weighted training figures share the breakdown of the count of needs
SAME_ROWS_AS = {"training_hours": "training_needs", "training_cost": "training_needs"}


def people(prefix: str, n: int, **fields: object) -> list[dict]:
    return [emp(f"{prefix}{i}", **fields) for i in range(n)]


# -- blocks on hand-built organisations ------------------------------------------


def test_a_department_of_3_is_merged_with_its_smallest_sibling() -> None:
    data = dataset(
        [
            *people("a", 10, department="A"),
            *people("b", 3, department="B"),
            *people("c", 6, department="C"),
            *people("d", 7, department="D"),
        ]
    )
    figs = figures(data, MANAGEMENT.with_(group_by="department"))
    hidden = {g: bool(value(figs, "population", g)["suppressed"]) for g in "ABCD"}
    assert hidden == {"A": False, "B": True, "C": True, "D": False}
    assert value(figs, "population")["numerator"] == 26  # the total stays shown
    # the merged block is shown as a whole: B and C together
    both = figures(data, MANAGEMENT.with_(filters=(("department", ("B", "C")),)))
    assert value(both, "population")["numerator"] == 9
    for alone in ("B", "C"):
        one = figures(data, MANAGEMENT.with_(filters=(("department", (alone,)),)))
        assert one["suppressed"].all()


def test_a_location_of_2_inside_a_team_hides_the_team_split_by_location() -> None:
    data = dataset(
        [
            *people("x", 8, team="T", location="L1"),
            *people("y", 2, team="T", location="L2"),
            *people("z", 6, department="B", location="L3"),
        ]
    )
    by_location = figures(data, MANAGEMENT.with_(group_by="location"))
    assert value(by_location, "population", "L1")["suppressed"]  # 8 of the block of 10
    assert value(by_location, "population", "L2")["suppressed"]
    assert value(by_location, "population", "L3")["numerator"] == 6
    by_team = figures(data, MANAGEMENT.with_(group_by="team"))
    assert value(by_team, "population", "T")["numerator"] == 10


def test_an_organisation_smaller_than_k_shows_nothing() -> None:
    data = dataset(people("a", 4), [held("a0", "2026-02-01")])
    figs = figures(data, MANAGEMENT.with_(group_by="department"))
    assert figs["suppressed"].all()
    assert figs[["numerator", "denominator", "rate", "employees"]].isna().all().all()


def test_a_cycle_without_population_shows_nothing_and_raises_nothing() -> None:
    data = dataset([emp("a", start_date="2027-01-01")])  # hired after the cycle
    for params in (MANAGEMENT, MANAGEMENT.with_(filters=(("department", ("A",)),))):
        figs = figures(data, params)
        assert len(figs) == len(figures(data, params.with_(audience="hr")))
        assert figs["suppressed"].all()


def test_coarsen_merges_small_children_then_the_smallest_sibling_then_goes_up() -> None:
    # items: (top, department, team); weights: employees
    paths = np.array([[0, 1, 1], [0, 1, 2], [0, 1, 3], [0, 2, 1], [0, 3, 1], [0, 3, 2]])
    weights = np.array([[6.0], [2.0], [1.0], [9.0], [1.0], [1.0]])
    unit = coarsen(paths, weights, 5)
    # dept 1: teams 2 and 3 (3 together) join team 1; dept 3 (2 in all) goes up
    # to the organisation and joins the smallest department that is not small
    assert unit[1] == unit[2] == unit[0]
    assert unit[4] == unit[5]
    assert unit[4] in (unit[0], unit[3])
    assert len(set(unit.tolist())) == 2
    assert (coarsen(paths[:2], np.array([[2.0], [1.0]]), 5) == -1).all()


def test_a_metric_covering_few_employees_of_a_block_is_hidden_wherever_that_block_is() -> None:
    # Coverage covers the eligible employees: in department B only 2 of 6 are
    # (4 are new), so B's coverage would tell about 2 people. B joins A for
    # coverage, wherever coverage is asked: by department, or filtered on B.
    a = people("a", 7, department="A")
    b = [*people("b", 2, department="B"), *people("n", 4, department="B", start_date="2026-06-01")]
    c = people("c", 9, department="C")
    talks = [held("b0", "2026-02-01"), held("a0", "2026-02-01"), held("c0", "2026-02-01")]
    data = dataset([*a, *b, *c], talks)
    figs = figures(data, MANAGEMENT.with_(group_by="department"))
    assert value(figs, "population", "B")["numerator"] == 6  # 6 people: shown
    assert value(figs, "coverage_any", "B")["suppressed"]
    assert value(figs, "coverage_any", "A")["suppressed"]  # its complement, in every query
    assert value(figs, "coverage_any", "C")["numerator"] == 1
    assert value(figs, "coverage_any")["denominator"] == 18
    alone = figures(data, MANAGEMENT.with_(filters=(("department", ("B",)),)))
    assert value(alone, "coverage_any")["suppressed"]


def test_one_need_in_a_department_of_20_is_hidden_in_the_theme_breakdown() -> None:
    staff = people("a", 20, department="A")
    needs = [need("a0", theme="Ethiek", hours=4, cost=55, requested_date="2026-03-01")]
    needs += [need(f"a{i}", theme="Wondzorg", requested_date="2026-03-01") for i in range(1, 7)]
    data = dataset(staff, training_needs=needs)
    figs = figures(data, MANAGEMENT.with_(group_by="department"))
    for metric in ("training_needs", "training_hours", "training_cost"):
        for group in (TOTAL, "A"):
            row = value(figs, metric, group, field="theme", breakdown="Ethiek")
            assert row["suppressed"] and np.isnan(row["numerator"])
            # the only other theme is hidden too: Ethiek is not the total minus it
            row = value(figs, metric, group, field="theme", breakdown="Wondzorg")
            assert row["suppressed"]
    assert value(figs, "training_needs", "A")["numerator"] == 7  # the headline count stays


def test_a_value_covering_k_employees_of_every_block_is_shown() -> None:
    staff = people("a", 12, department="A")
    needs = [need(f"a{i}", theme="Wondzorg", requested_date="2026-03-01") for i in range(6)]
    needs += [need(f"a{i}", theme="Ethiek", requested_date="2026-03-01") for i in range(6, 12)]
    figs = figures(dataset(staff, training_needs=needs), MANAGEMENT.with_(group_by="department"))
    row = value(figs, "training_needs", "A", field="theme", breakdown="Ethiek")
    assert not row["suppressed"] and row["numerator"] == 6


def test_a_job_title_filter_narrower_than_k_is_refused_for_management() -> None:
    data = dataset([*people("a", 3, job_title="Arts"), *people("v", 9, job_title="Verpleger")])
    narrow = MANAGEMENT.with_(filters=(("job_title", ("Arts",)),))
    with pytest.raises(PopError) as refused:
        figures(data, narrow)
    assert refused.value.code == "refused" and "5" in refused.value.message("nl")
    figures(data, narrow.with_(audience="hr"))  # hr may
    # several titles together reach k: not refused (the cells follow the block rule)
    figures(data, MANAGEMENT.with_(filters=(("job_title", ("Arts", "Verpleger")),)))


def test_trend_uses_the_blocks_of_each_cycles_own_population() -> None:
    # B had 6 people in 2025 and has 3 left in 2026
    staff = [
        *people("a", 8, department="A"),
        *people("b", 3, department="B"),
        *people("c", 3, department="B", end_date="2025-12-31"),
    ]
    data = dataset(staff)
    params = MANAGEMENT.with_(filters=(("department", ("B",)),), trend_cycles=2)
    from popanalytics.metrics import trend

    out = trend(data, params)
    pop = out[out["metric"] == "population"].set_index("cycle")
    assert pop.loc["2025", "numerator"] == 6
    assert pop.loc["2026", "suppressed"]


# -- the attacker ----------------------------------------------------------------


@dataclass
class Cell:
    """One figure of one query: what it covers and whether it was shown."""

    metric: str
    field: str | None
    value: str | None
    members: np.ndarray  # bool per population employee
    shown: bool
    employees: float  # distinct employees the figure covers (hr value)
    about_someone: bool  # covers at least one employee (a hidden 0 tells nothing)


def observe(
    p: Prepared, queries: Sequence[Params], management: Callable[[Params], pd.DataFrame]
) -> list[Cell]:
    """Every cell of every query management was allowed to make."""
    cells: list[Cell] = []
    for params in queries:
        try:
            frame = management(params)
        except PopError as refused:
            assert refused.code == "refused"
            continue
        hr_params = params.with_(audience="hr")
        hr = figures(p, hr_params)
        population = make_context(p, hr_params.with_(filters=(), group_by=None)).in_pop
        ctx = make_context(p, hr_params)
        labels = ctx.group_labels[ctx.group].astype(str)
        # hr rows by key; a breakdown value counts someone when its count of rows
        # does (management also lists the values a query does not have, as 0)
        key = ["metric", "group", "breakdown_field", "breakdown"]
        hr = hr.assign(**{c: hr[c].astype(object).where(hr[c].notna(), "-") for c in key[2:]})
        hr_rows = hr.assign(metric=hr["metric"].map(lambda m: SAME_ROWS_AS.get(m, m)))
        counts = hr_rows.set_index(key)["numerator"]
        counts = counts[~counts.index.duplicated()].to_dict()
        employees = hr.set_index(key)["employees"].to_dict()
        for m in frame.to_dict("records"):
            inside = ctx.in_pop if m["group"] == TOTAL else ctx.in_pop & (labels == m["group"])
            field = m["breakdown_field"] if isinstance(m["breakdown_field"], str) else None
            row = (m["metric"], m["group"], field or "-", m["breakdown"] if field else "-")
            if field is None:
                covered = float(employees[row])
                about = covered > 0
            else:
                covered = float(employees.get(row, 0.0))
                count_row = (SAME_ROWS_AS.get(m["metric"], m["metric"]), *row[1:])
                about = counts.get(count_row, 0) > 0
            cells.append(
                Cell(
                    metric=m["metric"],
                    field=field,
                    value=m["breakdown"] if field else None,
                    members=inside[population],
                    shown=not m["suppressed"],
                    employees=covered,
                    about_someone=bool(about),
                )
            )
    return cells


def _basis(rows: list[np.ndarray], width: int) -> np.ndarray:
    if not rows:
        return np.zeros((0, width))
    matrix = np.array(rows, dtype=float)
    _, s, vt = np.linalg.svd(matrix, full_matrices=False)
    return vt[s > 1e-9 * max(s.max(), 1.0)]


def _in_span(basis: np.ndarray, vector: np.ndarray) -> bool:
    residual = vector - basis.T @ (basis @ vector)
    return bool(np.linalg.norm(residual) < 1e-6)


def recoveries(cells: list[Cell]) -> list[Cell]:
    """The suppressed cells about someone that shown cells of the same figure
    (and, for a breakdown, its family total) give back by linear combination."""
    found = []
    headline = [c for c in cells if c.field is None]
    for metric in {c.metric for c in headline}:
        mine = [c for c in headline if c.metric == metric]
        width = len(mine[0].members)
        basis = _basis([c.members.astype(float) for c in mine if c.shown], width)
        found += [
            c
            for c in mine
            if not c.shown and c.about_someone and _in_span(basis, c.members.astype(float))
        ]
    breakdown = [c for c in cells if c.field is not None]
    for metric, field in {(c.metric, c.field) for c in breakdown}:
        mine = [c for c in breakdown if c.metric == metric and c.field == field]
        vocab = sorted({str(c.value) for c in mine})
        if len(vocab) == 1:
            # a breakdown with one value in the whole population is its total:
            # shown as the headline figure, there is nothing for it to hide
            continue
        total = FAMILY_TOTAL.get(metric, metric)
        ones = np.ones(len(vocab))

        def pairs(c: Cell, vocab: list[str] = vocab) -> np.ndarray:
            return np.kron(c.members.astype(float), np.eye(len(vocab))[vocab.index(str(c.value))])

        shown = [pairs(c) for c in mine if c.shown] + [
            np.kron(c.members.astype(float), ones)
            for c in headline
            if c.metric == total and c.shown
        ]
        basis = _basis(shown, len(mine[0].members) * len(vocab))
        found += [c for c in mine if not c.shown and c.about_someone and _in_span(basis, pairs(c))]
    return found


def nested_differences(cells: list[Cell], k: int) -> list[tuple[Cell, Cell]]:
    """Shown cells of one figure whose employee sets are nested and differ by 1..k-1."""
    bad = []
    shown = [c for c in cells if c.shown and c.field is None]
    for a in shown:
        for b in shown:
            if a.metric != b.metric or not (a.members <= b.members).all():
                continue
            people = int(b.members.sum() - a.members.sum())
            covered = b.employees - a.employees
            if 0 < people < k or 0 < covered < k:
                bad.append((a, b))
    return bad


def new_rule(p: Prepared) -> Callable[[Params], pd.DataFrame]:
    return lambda params: figures(p, params)


def old_rule(p: Prepared) -> Callable[[Params], pd.DataFrame]:
    """The per-query complementary suppression this module replaced."""
    return lambda params: suppress(figures(p, params.with_(audience="hr")), params.k)


@st.composite
def organisations(draw: st.DrawFn) -> Dataset:
    n = draw(st.integers(min_value=8, max_value=60))
    ids = [f"e{i}" for i in range(n)]
    pick = st.sampled_from
    staff = [
        emp(
            eid,
            department=draw(pick(["D1", "D2", "D3", "D4"])),
            team=draw(pick(["T1", "T2", "T3", None])),
            location=draw(pick(["L1", "L2", "L3"])),
            contract_type=draw(pick(["C1", "C2"])),
            job_title=draw(pick(["J1", "J2", "J3", "J4"])),
            start_date=draw(pick(["2020-01-01"] * 5 + ["2026-05-01"])),
            absent_since=draw(pick([None] * 8 + ["2026-01-15"])),
        )
        for eid in ids
    ]
    some = st.lists(pick(ids), max_size=n)
    talks = [held(e, "2026-03-01", draw(pick(["development", "appraisal"]))) for e in draw(some)]
    deals = [
        agreement(
            e, draw(pick(["open", "done", "cancelled"])), category=draw(pick(["a", "b", "c"]))
        )
        for e in draw(some)
    ]
    needs = [
        need(
            e,
            theme=draw(pick(["W", "E", "Z"])),
            hours=draw(st.integers(0, 8)),
            requested_date="2026-03-01",
        )
        for e in draw(some)
    ]
    return dataset(staff, talks, deals, needs)


@st.composite
def query_sequences(draw: st.DrawFn) -> list[Params]:
    k = draw(st.integers(min_value=3, max_value=6))
    values = {
        "department": ["D1", "D2", "D3", "D4"],
        "team": ["T1", "T2", "T3", "(none)"],
        "location": ["L1", "L2", "L3"],
        "contract_type": ["C1", "C2"],
        "job_title": ["J1", "J2", "J3", "J4"],
    }
    queries = []
    for _ in range(draw(st.integers(min_value=2, max_value=6))):
        chosen = draw(st.lists(st.sampled_from(FIELDS), max_size=2, unique=True))
        filters = tuple(
            (
                f,
                tuple(
                    sorted(
                        draw(
                            st.lists(
                                st.sampled_from(values[f]), min_size=1, max_size=2, unique=True
                            )
                        )
                    )
                ),
            )
            for f in sorted(chosen)
        )
        group_by = draw(st.sampled_from([None, *FIELDS]))
        queries.append(MANAGEMENT.with_(k=k, filters=filters, group_by=group_by))
    return queries


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations(), query_sequences())
def test_no_sequence_of_management_queries_recovers_a_suppressed_cell(
    data: Dataset, queries: list[Params]
) -> None:
    p = prepare(data)
    cells = observe(p, queries, new_rule(p))
    assert recoveries(cells) == []
    assert nested_differences(cells, queries[0].k) == []
    # the suppressed cells keep the output contract
    for params in queries:
        try:
            frame = figures(p, params)
        except PopError:
            continue
        hidden = frame.loc[frame["suppressed"], ["numerator", "denominator", "rate", "employees"]]
        assert hidden.isna().all().all()


def test_the_old_per_query_suppression_fails_the_same_attacker() -> None:
    # The attack in miniature: B (3 people) is hidden by department with
    # its complement C; filtering on C's location shows C in full.
    staff = [
        *people("a", 10, department="A", location="L1"),
        *people("b", 3, department="B", location="L2"),
        *people("c", 6, department="C", location="L3"),
        *people("d", 9, department="D", location="L3"),
    ]
    data = dataset(staff, [held(f"c{i}", "2026-03-01") for i in range(4)])
    p = prepare(data)
    queries = [
        MANAGEMENT.with_(group_by="department"),
        MANAGEMENT.with_(group_by="department", filters=(("location", ("L3",)),)),
    ]
    old = recoveries(observe(p, queries, old_rule(p)))
    assert {(c.metric, int(c.members.sum())) for c in old} >= {("population", 6)}
    assert recoveries(observe(p, queries, new_rule(p))) == []
    assert nested_differences(observe(p, queries, new_rule(p)), 5) == []


def test_the_attacker_finds_a_recovery_when_a_single_hidden_value_is_the_total_minus_the_rest() -> (
    None
):
    # the checker itself: a breakdown with one hidden value and a shown total is
    # recovered, so the property test above can fail
    staff = people("a", 12)
    needs = [need("a0", theme="E", requested_date="2026-03-01")]
    needs += [need(f"a{i}", theme="W", requested_date="2026-03-01") for i in range(1, 8)]
    p = prepare(dataset(staff, training_needs=needs))

    def hide_e(params: Params) -> pd.DataFrame:
        frame = figures(p, params.with_(audience="hr"))
        return frame.assign(suppressed=frame["breakdown"].eq("E"))

    cells = observe(p, [MANAGEMENT.with_(k=5)], hide_e)
    assert any(c.field == "theme" and c.value == "E" for c in recoveries(cells))
    assert not recoveries(observe(p, [MANAGEMENT.with_(k=5)], new_rule(p)))
