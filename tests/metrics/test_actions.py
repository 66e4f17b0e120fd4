"""What each manager must do next, on a hand-built team (R = 30/06/2026)."""

from __future__ import annotations

import pytest
from metrics_builders import PARAMS, agreement, dataset, emp, held

from popanalytics.metrics.actions import ACTIONS, action_counts, manager_actions


def team():
    """m1 leads a, b, c, d; e has no manager."""
    return dataset(
        [
            emp("m1", name="Mia"),
            emp("a", manager_id="m1", name="An"),
            emp("b", manager_id="m1", name="Bo"),
            emp("c", manager_id="m1", name="Cas"),
            emp("d", manager_id="m1", name="Dirk"),
            emp("e", name="Eva"),
        ],
        [
            # a: held, signed, follow-up date: nothing to do
            held(
                "a",
                "2026-03-01",
                conversation_id="g1",
                signed_by_employee=True,
                signed_by_manager=True,
                followup_date="2026-09-01",
            ),
            # b: held, not signed, no follow-up date: two actions
            held("b", "2026-04-01", conversation_id="g2", signed_by_employee=True),
            # c: planned in 10 days, invited 5 days ahead: late invitation
            {
                "conversation_id": "g3",
                "employee_id": "c",
                "conversation_type": "development",
                "status": "planned",
                "planned_date": "2026-07-10",
                "invited_date": "2026-07-05",
            },
            # d: planned in 20 days, no invitation yet: not within the next 14 days
            {
                "conversation_id": "g4",
                "employee_id": "d",
                "conversation_type": "development",
                "status": "planned",
                "planned_date": "2026-07-20",
            },
            # e: planned in 3 days, invited 3 weeks ahead: fine
            {
                "conversation_id": "g5",
                "employee_id": "e",
                "conversation_type": "development",
                "status": "planned",
                "planned_date": "2026-07-03",
                "invited_date": "2026-06-12",
            },
        ],
        [agreement("a", agreement_id="x1", due_date="2026-06-10")],
    )


def test_each_manager_gets_their_actions_most_urgent_first() -> None:
    frame = manager_actions(team(), PARAMS)
    got = frame[["manager_id", "action", "employee_id", "days"]].values.tolist()
    assert got == [
        ["m1", "report_unsigned", "b", 90.0],  # due on the held date, 1/4
        ["m1", "followup_date_missing", "b", 90.0],
        ["m1", "agreement_overdue", "a", 20.0],
        ["m1", "invitation", "c", 4.0],  # due 26/6 = 10/7 - 14 days
        # m1 herself has no manager: her list comes last; due 17/12 = cycle end - 14 days
        ["(none)", "no_conversation", "m1", -170.0],
    ]
    assert set(frame["action"]) <= set(ACTIONS)


def test_no_conversation_lists_the_eligible_without_one_held_or_planned() -> None:
    frame = manager_actions(team(), PARAMS)
    missing = frame[frame["action"] == "no_conversation"]
    # a and b held one, c, d and e have one planned: only the manager herself
    assert missing["employee_id"].tolist() == ["m1"]
    assert missing["manager_id"].tolist() == ["(none)"]


def test_management_gets_counts_per_group_suppressed_as_the_population() -> None:
    params = PARAMS.with_(group_by="department", audience="management")
    counts = action_counts(team(), params)
    total = counts[counts["group"] == "all"].set_index("action")["count"]
    assert total.to_dict() == {
        "agreement_overdue": 1,
        "invitation": 1,
        "no_conversation": 1,
        "report_unsigned": 1,
        "followup_date_missing": 1,
    }
    # one department "A" of 6: shown; with k = 7 everything is hidden
    hidden = action_counts(team(), params.with_(k=7))
    assert hidden["suppressed"].all() and hidden["count"].isna().all()


def test_action_lists_are_for_hr_only() -> None:
    with pytest.raises(PermissionError):
        manager_actions(team(), PARAMS.with_(audience="management"))
