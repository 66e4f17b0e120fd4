"""Edge cases of the metric definitions (docs/metrics.md), checked line by line (hand-computed).

Each test names the spec rule it pins down; R = 2026-06-30, cycle 2026 unless
told otherwise (see metrics_builders).
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from metrics_builders import PARAMS, R, agreement, dataset, emp, held, nd, need, value

from popanalytics.metrics import (
    TOTAL,
    Params,
    conversations_lacking_followup,
    figures,
    out_of_cycle_employees,
    overdue_agreements,
    suppress,
    trend,
)

# ------------------------------------------------------------ as of R


def test_need_completed_without_date_is_fulfilled_but_completed_after_r_is_open() -> None:
    data = dataset(
        [emp("a")],
        training_needs=[
            need(status="completed"),  # no completed_date: completed at R
            need(status="completed", completed_date="2026-07-15"),  # after R: still open on R
            need(status="completed", completed_date="2026-06-30"),  # on R: completed
        ],
    )
    figs = figures(data, PARAMS)
    assert nd(figs, "training_fulfilment") == (2, 3)
    assert value(figs, "training_open_demand")["numerator"] == 1


def test_past_cycle_in_trend_sees_an_agreement_done_after_its_end_as_open() -> None:
    data = dataset(
        [emp("a", start_date="2020-01-01")],
        [held("a", "2025-03-01", conversation_id="G")],
        [agreement(status="done", agreed_date=None, conversation_id="G", done_date="2026-01-10")],
    )
    out = trend(data, PARAMS.with_(trend_cycles=2)).set_index(["cycle", "metric"])
    # 2025 at its own end (2025-12-31): agreed 2025-03-01 via G, done only in 2026
    assert out.loc[("2025", "agreements_completion"), "numerator"] == 0
    assert out.loc[("2025", "agreements_completion"), "denominator"] == 1
    assert set(out.loc["2025"]["reference_date"]) == {pd.Timestamp("2025-12-31")}
    assert set(out.loc["2026"]["reference_date"]) == {pd.Timestamp(R)}


# ------------------------------------------------------------ population, coverage


def test_new_employees_planned_conversations_count_in_status_counts_not_coverage() -> None:
    data = dataset(
        [emp("a"), emp("new", start_date="2026-05-01")],  # 60 days at R: new
        [
            held("new", "2026-06-01"),
            {
                "employee_id": "new",
                "conversation_type": "performance",
                "status": "planned",
                "planned_date": "2026-08-01",
            },
        ],
    )
    figs = figures(data, PARAMS)
    assert nd(figs, "coverage_any") == (0, 1)
    assert value(figs, "conversations_held")["numerator"] == 1
    assert value(figs, "conversations_planned")["numerator"] == 1
    assert nd(figs, "population_new") == (1, 2)


def test_employee_who_ended_before_the_cycle_is_not_in_the_population() -> None:
    data = dataset(
        [
            emp("gone", end_date="2025-12-31"),
            emp("last_day", end_date="2026-01-01"),  # employed on C.start: in
            emp("starts_on_r", start_date="2026-06-30"),  # start = R: in (and new)
            emp("future", start_date="2026-07-01"),
        ]
    )
    assert value(figures(data, PARAMS), "population")["numerator"] == 2


def test_window_months_takes_r_minus_n_months_inclusive() -> None:
    data = dataset(
        [emp("a"), emp("b")],
        [held("a", "2024-06-30"), held("b", "2024-06-29")],
    )
    figs = figures(data, PARAMS.with_(window_months=24))
    assert nd(figs, "coverage_any") == (1, 2)


# ------------------------------------------------------------ agreements, follow-up


def test_done_without_done_date_counts_for_completion_not_on_time() -> None:
    data = dataset(
        [emp("a")],
        agreements=[
            agreement(status="done", due_date="2026-05-01"),
            agreement(status="done", due_date="2026-05-01", done_date="2026-04-01"),
            agreement(status="done", due_date="2026-05-01", done_date="2026-05-02"),
        ],
    )
    figs = figures(data, PARAMS)
    assert nd(figs, "agreements_completion") == (3, 3)
    assert nd(figs, "agreements_on_time") == (1, 2)


def test_followup_date_takes_precedence_over_an_earlier_due_date() -> None:
    data = dataset(
        [emp("a")],
        agreements=[
            agreement(due_date="2026-01-31", followup_date="2026-07-15"),  # not overdue
            agreement(due_date="2026-12-31", followup_date="2026-06-29"),  # 1 day overdue
        ],
    )
    figs = figures(data, PARAMS)
    assert value(figs, "agreements_overdue")["numerator"] == 1
    assert value(figs, "agreements_overdue", breakdown="1-30", field="bucket")["numerator"] == 1
    listed = overdue_agreements(data, PARAMS)
    assert list(listed["days_overdue"]) == [1]


def test_bucket_edges_are_30_90_180_days() -> None:
    days = {"1-30": [1, 30], "31-90": [31, 90], "91-180": [91, 180], ">180": [181]}
    due = [(R - dt.timedelta(days=d)).isoformat() for bucket in days.values() for d in bucket]
    data = dataset([emp("a")], agreements=[agreement(due_date=d) for d in due])
    figs = figures(data, PARAMS)
    for bucket, members in days.items():
        row = value(figs, "agreements_overdue", breakdown=bucket, field="bucket")
        assert row["numerator"] == len(members), bucket


def test_due_date_only_is_enough_against_lacking_followup_but_not_planned() -> None:
    data = dataset(
        [emp("a")],
        [
            held("a", "2026-02-01", conversation_id="G1"),  # agreement with a due date
            held("a", "2026-03-01", conversation_id="G2"),  # agreement with a follow-up date
            held("a", "2026-04-01", conversation_id="G3"),  # nothing at all
        ],
        [
            agreement(conversation_id="G1", due_date="2026-09-01"),
            agreement(conversation_id="G2", followup_date="2026-09-01"),
        ],
    )
    figs = figures(data, PARAMS)
    assert value(figs, "followup_missing")["numerator"] == 1
    assert nd(figs, "followup_planned") == (1, 3)
    assert list(conversations_lacking_followup(data, PARAMS)["conversation_id"]) == ["G3"]


def test_out_of_cycle_exactly_cycle_days_plus_grace_is_not_out() -> None:
    limit = 365 + 60
    data = dataset(
        [emp("on_limit"), emp("past_limit"), emp("left", end_date="2026-06-29")],
        [
            held("on_limit", (R - dt.timedelta(days=limit)).isoformat()),
            held("past_limit", (R - dt.timedelta(days=limit + 1)).isoformat()),
        ],
    )
    figs = figures(data, PARAMS)
    # "left" is not employed on R: not checked
    assert nd(figs, "out_of_cycle_development") == (1, 2)
    assert list(out_of_cycle_employees(data, PARAMS)["employee_id"]) == ["past_limit"]


def test_out_of_cycle_uses_the_days_of_a_leap_cycle() -> None:
    r = dt.date(2024, 12, 31)
    day = (r - dt.timedelta(days=366 + 60)).isoformat()
    data = dataset([emp("a")], [held("a", day)])
    figs = figures(data, Params(cycle_year=2024, reference_date=r))
    assert nd(figs, "out_of_cycle_development") == (0, 1)


def test_new_and_absent_employee_is_not_checked_for_out_of_cycle() -> None:
    data = dataset(
        [
            emp("new_absent", start_date="2026-06-01", absent_since="2026-06-10"),
            emp("absent", absent_since="2026-01-01"),
            emp("a"),
        ]
    )
    figs = figures(data, PARAMS)
    assert nd(figs, "out_of_cycle_any") == (1, 1)
    assert value(figs, "population_new")["numerator"] == 1
    assert value(figs, "population_absent")["numerator"] == 1


# ------------------------------------------------------------ training, process


def test_rejected_need_without_cost_counts_everywhere_but_fulfilment() -> None:
    data = dataset(
        [emp("a"), emp("b")],
        training_needs=[need("a", "rejected", hours=3, cost=None), need("a", "approved", cost=20)],
    )
    figs = figures(data, PARAMS)
    assert value(figs, "training_needs")["numerator"] == 2
    assert value(figs, "training_hours")["numerator"] == 3
    assert value(figs, "training_cost")["numerator"] == 20
    assert value(figs, "training_cost_missing")["numerator"] == 1
    assert nd(figs, "training_fulfilment") == (0, 1)
    assert nd(figs, "training_share_employees") == (1, 2)


def test_notice_of_exactly_14_days_counts_13_does_not() -> None:
    data = dataset(
        [emp("a")],
        [
            held("a", "2026-03-15", invited_date="2026-03-01"),  # 14 days
            held("a", "2026-04-14", invited_date="2026-04-01"),  # 13 days
            held("a", "2026-05-01"),  # no invitation: not in the denominator
        ],
    )
    assert nd(figures(data, PARAMS), "notice_given") == (1, 2)


def test_strength_focus_over_agreements_of_the_cycle_with_a_focus() -> None:
    data = dataset(
        [emp("a")],
        agreements=[
            agreement(focus="strength"),
            agreement(focus="improvement"),
            agreement(focus=None),
            agreement(focus="strength", agreed_date="2025-06-01"),  # other cycle
        ],
    )
    assert nd(figures(data, PARAMS), "strength_focus") == (1, 2)


# ------------------------------------------------------------ suppression


def test_suppression_threshold_below_3_is_refused() -> None:
    frame = figures(dataset([emp("a")]), PARAMS)
    with pytest.raises(ValueError):
        suppress(frame, 2)
    with pytest.raises(ValueError):
        Params(k=2)


def test_complementary_suppression_in_figures_keeps_the_total_correct() -> None:
    people = [emp(f"x{i}", department="X") for i in range(6)]
    people += [emp(f"y{i}", department="Y") for i in range(7)]
    people += [emp("z0", department="Z"), emp("z1", department="Z")]
    talks = [held("x0", "2026-02-01"), held("y0", "2026-02-01"), held("z0", "2026-02-01")]
    params = PARAMS.with_(group_by="department", audience="management", k=5)
    figs = figures(dataset(people, talks), params)
    rows = figs[(figs["metric"] == "coverage_any") & figs["breakdown_field"].isna()]
    hidden = dict(zip(rows["group"], rows["suppressed"], strict=True))
    # Z (2 people) is small; X (6) is the next-smallest and hidden with it
    assert hidden == {TOTAL: False, "X": True, "Y": False, "Z": True}
    assert nd(figs, "coverage_any") == (3, 15)
    assert math.isnan(value(figs, "coverage_any", "X")["rate"])
