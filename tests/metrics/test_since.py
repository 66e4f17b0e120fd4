"""Since the previous import: counts per group on two hand-built snapshots."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from metrics_builders import dataset, emp, held

from popanalytics.metrics import Params
from popanalytics.metrics.since import SINCE_METRICS, since_previous

PREVIOUS_DAY = dt.date(2026, 3, 31)
R = dt.date(2026, 4, 30)

EMPLOYEES = [
    emp("a", department="A"),
    emp("b", department="A"),
    emp("c", department="B"),
    emp("d", department="B"),
    emp("e", department="B"),
]


def agr(agreement_id: str, eid: str, status: str = "open", **fields: object) -> dict:
    return {
        "agreement_id": agreement_id,
        "employee_id": eid,
        "category": "training",
        "status": status,
        "agreed_date": "2026-02-01",
        **fields,
    }


def need(need_id: str, eid: str) -> dict:
    return {"need_id": need_id, "employee_id": eid, "theme": "Excel", "status": "requested"}


PREVIOUS = dataset(
    EMPLOYEES,
    conversations=[
        held("a", "2026-03-01", conversation_id="C1"),
        {
            "conversation_id": "C2",
            "employee_id": "c",
            "conversation_type": "development",
            "status": "planned",
            "planned_date": "2026-04-10",
        },
    ],
    agreements=[
        agr("A1", "a", "done", done_date="2026-03-15"),  # done before: not new
        agr("A2", "b", due_date="2026-05-31"),  # becomes done now
        agr("A3", "c", due_date="2026-04-15"),  # not yet overdue then, overdue now
        agr("A4", "d", due_date="2026-03-01"),  # overdue then and now: not new
    ],
    training_needs=[need("N1", "a")],
)

CURRENT = dataset(
    EMPLOYEES,
    conversations=[
        held("a", "2026-03-01", conversation_id="C1"),  # held before
        held("c", "2026-04-10", conversation_id="C2"),  # planned then, held now
        held("e", "2026-04-20", conversation_id="C3"),  # new and held
    ],
    agreements=[
        agr("A1", "a", "done", done_date="2026-03-15"),
        agr("A2", "b", "done", done_date="2026-04-20"),
        agr("A3", "c", due_date="2026-04-15"),
        agr("A4", "d", due_date="2026-03-01"),
        agr("A5", "e", due_date="2026-04-01"),  # new and overdue now
    ],
    training_needs=[need("N1", "a"), need("N2", "c"), need("N3", "e")],
)


def counts(frame: pd.DataFrame) -> dict[tuple[str, str], float]:
    return {(r.metric, r.group): r.numerator for r in frame.itertuples()}


def test_since_the_previous_import_counts_what_changed_per_department():
    frame = since_previous(
        CURRENT, PREVIOUS, Params(reference_date=R, group_by="department"), PREVIOUS_DAY
    )
    assert counts(frame) == {
        ("since_conversations_held", "all"): 2,
        ("since_conversations_held", "A"): 0,
        ("since_conversations_held", "B"): 2,
        ("since_agreements_done", "all"): 1,
        ("since_agreements_done", "A"): 1,
        ("since_agreements_done", "B"): 0,
        ("since_agreements_overdue", "all"): 2,
        ("since_agreements_overdue", "A"): 0,
        ("since_agreements_overdue", "B"): 2,
        ("since_training_needs", "all"): 2,
        ("since_training_needs", "A"): 0,
        ("since_training_needs", "B"): 2,
    }
    assert set(frame["metric"]) == set(SINCE_METRICS)
    # the base of each count is the group's population, as for agreements_overdue
    assert frame.loc[frame["group"] == "B", "employees"].eq(3).all()


def test_an_import_compared_with_itself_has_nothing_new():
    frame = since_previous(CURRENT, CURRENT, Params(reference_date=R, group_by="department"), R)
    assert frame["numerator"].eq(0).all()


def test_filters_apply_to_the_current_import():
    params = Params(reference_date=R, filters=(("department", ("A",)),))
    frame = since_previous(CURRENT, PREVIOUS, params, PREVIOUS_DAY)
    assert counts(frame) == {
        ("since_conversations_held", "all"): 0,
        ("since_agreements_done", "all"): 1,
        ("since_agreements_overdue", "all"): 0,
        ("since_training_needs", "all"): 0,
    }


def test_management_sees_small_groups_suppressed_as_every_figure():
    params = Params(reference_date=R, group_by="department", audience="management", k=3)
    frame = since_previous(CURRENT, PREVIOUS, params, PREVIOUS_DAY)
    small = frame[frame["group"] == "A"]  # 2 employees < k
    assert small["suppressed"].all() and small["numerator"].isna().all()
    # with only two groups the other one is hidden too (complementary
    # suppression), or A would follow from the total
    assert frame.loc[frame["group"] == "B", "suppressed"].all()
    total = frame[frame["group"] == "all"]
    assert not total["suppressed"].any()
    assert total["numerator"].tolist() == [2, 1, 2, 2]
