"""Agreements of the cycle, overdue agreements, follow-up and out of cycle."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from metrics_builders import PARAMS, agreement, dataset, emp, held, nd, value

from popanalytics.metrics import (
    conversations_lacking_followup,
    figures,
    open_agreements,
    out_of_cycle_employees,
    overdue_agreements,
)


def test_completion_is_done_over_all_but_cancelled() -> None:
    data = dataset(
        [emp("a")],
        agreements=[
            agreement(status="done", done_date="2026-03-01"),
            agreement(status="done"),  # done without date stays done
            agreement(status="done", done_date="2026-08-01"),  # done after R: not yet at R
            agreement(status="open"),
            agreement(status="cancelled"),
        ],
    )
    assert nd(figures(data, PARAMS), "agreements_completion") == (2, 4)


def test_on_time_needs_a_due_date_and_a_done_date() -> None:
    data = dataset(
        [emp("a")],
        agreements=[
            agreement(status="done", done_date="2026-03-01", due_date="2026-03-01"),  # on time
            agreement(status="done", done_date="2026-03-02", due_date="2026-03-01"),  # late
            agreement(status="done", done_date="2026-03-02"),  # no due date
            agreement(status="done", due_date="2026-03-01"),  # no done date
        ],
    )
    assert nd(figures(data, PARAMS), "agreements_on_time") == (1, 2)


def test_median_days_to_done_over_done_with_dates() -> None:
    data = dataset(
        [emp("a")],
        agreements=[
            agreement(status="done", done_date="2026-02-11"),  # 10
            agreement(status="done", done_date="2026-02-21"),  # 20
            agreement(status="done", done_date="2026-03-03"),  # 30
            agreement(status="done", done_date="2026-04-12"),  # 70
            agreement(status="open"),
        ],
    )
    row = value(figures(data, PARAMS), "agreements_days_to_done_median")
    assert (row["numerator"], row["denominator"]) == (25, 4)


def test_agreed_date_falls_back_to_the_conversations_held_date() -> None:
    data = dataset(
        [emp("a")],
        [
            held("a", "2026-02-01", conversation_id="G1"),
            held("a", "2025-06-01", conversation_id="G0"),
        ],
        [
            agreement(agreed_date=None, conversation_id="G1"),  # agreed 2026-02-01: in the cycle
            agreement(agreed_date=None, conversation_id="G0"),  # agreed 2025: not in the cycle
            agreement(agreed_date="2026-01-15", conversation_id="G0"),  # its own date wins
        ],
    )
    assert value(figures(data, PARAMS), "agreements_total")["numerator"] == 2


def test_agreement_mix_by_category_owner_and_focus() -> None:
    data = dataset(
        [emp("a")],
        agreements=[
            agreement(category="training", owner="employee", focus="strength"),
            agreement(category="training", owner="manager", focus="improvement"),
            agreement(category="coaching", owner="employee"),
            agreement(category="coaching", owner="employee", status="cancelled", focus="strength"),
        ],
    )
    figs = figures(data, PARAMS)
    assert nd(figs, "agreements_mix", field="category", breakdown="training") == (2, 4)
    assert nd(figs, "agreements_mix", field="owner", breakdown="employee") == (3, 4)
    assert nd(figs, "agreements_mix", field="focus", breakdown="(none)") == (1, 4)
    assert nd(figs, "strength_focus") == (2, 3)


def test_overdue_uses_due_date_when_no_followup_date() -> None:
    data = dataset(
        [emp("a")],
        agreements=[
            agreement(due_date="2026-06-01"),  # overdue by due date
            agreement(
                due_date="2026-06-01", followup_date="2026-07-10"
            ),  # follow-up later: not overdue
            agreement(followup_date="2026-06-20", due_date="2026-09-01"),  # follow-up wins: overdue
        ],
    )
    assert value(figures(data, PARAMS), "agreements_overdue")["numerator"] == 2


def test_a_followup_date_equal_to_r_is_not_overdue() -> None:
    data = dataset(
        [emp("a")],
        agreements=[agreement(followup_date="2026-06-30"), agreement(followup_date="2026-06-29")],
    )
    listed = overdue_agreements(data, PARAMS)
    assert list(listed["days_overdue"]) == [1]
    assert value(figures(data, PARAMS), "agreements_overdue")["numerator"] == 1


def test_done_or_cancelled_agreements_are_not_overdue_but_done_after_r_is() -> None:
    data = dataset(
        [emp("a")],
        agreements=[
            agreement(status="done", due_date="2026-01-01"),
            agreement(status="cancelled", due_date="2026-01-01"),
            agreement(status="done", done_date="2026-07-05", due_date="2026-01-01"),
            agreement(
                status="in_progress", due_date="2026-01-01", agreed_date="2024-05-01"
            ),  # any cycle
        ],
    )
    assert value(figures(data, PARAMS), "agreements_overdue")["numerator"] == 2


def test_overdue_buckets_and_sorting_by_days_overdue() -> None:
    days = {"b1": 1, "b30": 30, "b31": 31, "b90": 90, "b91": 91, "b180": 180, "b181": 181}
    r = pd.Timestamp(PARAMS.reference)
    data = dataset(
        [emp("a", name="Ann")],
        agreements=[
            agreement(
                agreement_id=k,
                due_date=(r - pd.Timedelta(days=d)).date().isoformat(),
                agreed_date="2025-01-01",
            )
            for k, d in days.items()
        ],
    )
    listed = overdue_agreements(data, PARAMS)
    assert list(listed["agreement_id"]) == ["b181", "b180", "b91", "b90", "b31", "b30", "b1"]
    assert list(listed["bucket"]) == [">180", "91-180", "91-180", "31-90", "31-90", "1-30", "1-30"]
    assert set(listed["name"]) == {"Ann"}
    figs = figures(data, PARAMS)
    assert value(figs, "agreements_overdue", field="bucket", breakdown="1-30")["numerator"] == 2
    assert value(figs, "agreements_overdue", field="bucket", breakdown=">180")["numerator"] == 1


def test_open_agreements_lists_not_done_not_cancelled_with_overdue_flag() -> None:
    data = dataset(
        [emp("a")],
        agreements=[
            agreement(agreement_id="late", due_date="2026-06-01"),
            agreement(agreement_id="fine", due_date="2026-12-01"),
            agreement(agreement_id="undated"),
            agreement(agreement_id="done", status="done"),
        ],
    )
    listed = open_agreements(data, PARAMS)
    assert list(listed["agreement_id"]) == ["late", "fine", "undated"]
    assert list(listed["overdue"]) == [True, False, False]
    assert math.isnan(listed["days_overdue"].iloc[1])


def test_detail_lists_are_for_hr_only() -> None:
    data = dataset([emp("a")])
    management = PARAMS.with_(audience="management")
    for func in (
        overdue_agreements,
        open_agreements,
        conversations_lacking_followup,
        out_of_cycle_employees,
    ):
        with pytest.raises(PermissionError):
            func(data, management)


def test_conversation_lacks_followup_without_any_followup_or_due_date() -> None:
    data = dataset(
        [emp("a")],
        [
            held("a", "2026-02-01", conversation_id="none"),
            held("a", "2026-02-02", conversation_id="own", followup_date="2026-09-01"),
            held("a", "2026-02-03", conversation_id="due"),
            held("a", "2026-02-04", conversation_id="fu"),
        ],
        [
            agreement(conversation_id="due", due_date="2026-08-01"),
            agreement(conversation_id="fu", followup_date="2026-08-01"),
        ],
    )
    figs = figures(data, PARAMS)
    assert value(figs, "followup_missing")["numerator"] == 1
    assert list(conversations_lacking_followup(data, PARAMS)["conversation_id"]) == ["none"]
    # follow-up planned needs a follow-up date: the due date alone is not enough
    assert nd(figs, "followup_planned") == (2, 4)


def test_out_of_cycle_after_cycle_days_plus_grace_or_never() -> None:
    # 2026 has 365 days, grace 60: more than 425 days before R is out of cycle.
    data = dataset(
        [
            emp("recent"),
            emp("exactly_425"),
            emp("426"),
            emp("never"),
            emp("new", start_date="2026-06-01"),
            emp("absent", absent_since="2026-01-01"),
            emp("left", end_date="2026-05-01"),
        ],
        [
            held("recent", "2026-01-10"),
            held("exactly_425", "2025-05-01"),
            held("426", "2025-04-30"),
        ],
    )
    figs = figures(data, PARAMS)
    assert nd(figs, "out_of_cycle_development") == (2, 4)
    listed = out_of_cycle_employees(data, PARAMS, "development")
    assert list(listed["employee_id"]) == ["never", "426"]
    assert listed["days_since"].iloc[1] == 426
    assert pd.isna(listed["last_held_date"].iloc[0])
    assert (
        value(figures(data, PARAMS.with_(grace_days=0)), "out_of_cycle_development")["numerator"]
        == 3
    )
