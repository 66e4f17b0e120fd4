"""A role's scope applied to the data: a pure function, nothing outside the scope survives."""

from __future__ import annotations

import pandas as pd
from access_helpers import organisation
from hypothesis import given, settings
from hypothesis import strategies as st

from popanalytics.access import Access, apply_scope, reports, restrict


def ids(frame: pd.DataFrame) -> set[str]:
    return set(frame["employee_id"].astype("str"))


def test_a_manager_gets_direct_reports_in_every_table_and_indirect_ones_as_people():
    scoped = apply_scope(organisation(), Access("mia", "manager", manager_id="M1"))
    direct = {"E1", "E2", "M3"}
    for table in ("employees", "conversations", "agreements", "training_needs"):
        assert ids(getattr(scoped.dataset, table)) == direct
    assert scoped.indirect is not None
    assert ids(scoped.indirect.employees) == {"E3"}
    # no agreement text or training need of an indirect report is kept
    assert scoped.indirect.agreements.empty and scoped.indirect.training_needs.empty
    assert scoped.audience == "hr" and scoped.audience_fixed


def test_management_keeps_everyone_at_the_management_audience():
    scoped = apply_scope(organisation(), Access("bert", "management"))
    assert len(scoped.dataset.employees) == len(organisation().employees)
    assert scoped.audience == "management" and scoped.audience_fixed
    assert scoped.indirect is None and scoped.organisation is None


def test_departments_and_locations_narrow_hr_to_their_intersection():
    scoped = apply_scope(
        organisation(), Access("hb", "hr", departments=("Zorg",), locations=("Campus A",))
    )
    assert ids(scoped.dataset.employees) == {"M1", "M3", "E1", "E3"}
    assert ids(scoped.dataset.agreements) == {"M1", "M3", "E1", "E3"}
    assert not scoped.audience_fixed


def test_a_cycle_in_the_manager_chain_ends():
    employees = pd.DataFrame(
        {"employee_id": ["A", "B", "C"], "manager_id": ["C", "A", "B"]}
    ).astype("str")
    direct, indirect = reports(employees, "A")
    assert list(direct) == ["B"] and list(indirect) == ["C"]


@st.composite
def hierarchies(draw: st.DrawFn) -> pd.DataFrame:
    """Random forests: employee i's manager is an earlier employee (or none)."""
    n = draw(st.integers(1, 40))
    bosses = [None] + [draw(st.one_of(st.none(), st.integers(0, i - 1))) for i in range(1, n)]
    return pd.DataFrame(
        {
            "employee_id": [f"P{i}" for i in range(n)],
            "manager_id": [None if b is None else f"P{b}" for b in bosses],
        }
    ).astype({"employee_id": "str", "manager_id": "str"})


@settings(deadline=None, max_examples=60)
@given(hierarchies(), st.data())
def test_direct_and_indirect_reports_are_exactly_those_below_the_manager(employees, data):
    manager = data.draw(st.sampled_from(list(employees["employee_id"])))
    direct, indirect = reports(employees, manager)
    boss = dict(zip(employees["employee_id"], employees["manager_id"], strict=True))

    def chain(person: str) -> list[str]:
        up, seen = [], set()
        while (person := boss.get(person)) not in (None, "nan", "None") and person not in seen:
            seen.add(person)
            up.append(person)
        return up

    expected_direct = {p for p in boss if boss[p] == manager}
    expected_indirect = {p for p in boss if manager in chain(p)} - expected_direct
    assert set(direct) == expected_direct
    assert set(indirect) == expected_indirect
    assert not set(direct) & set(indirect)


def test_restrict_keeps_the_tables_columns():
    data = organisation()
    small = restrict(data, pd.Index(["E1"]))
    assert list(small.agreements.columns) == list(data.agreements.columns)
    assert list(small.agreements["description"]) == ["text of E1"]
