"""Training needs and process quality."""

from __future__ import annotations

import math

import pandas as pd
from metrics_builders import PARAMS, dataset, emp, held, nd, need, value

from popanalytics.metrics import figures
from popanalytics.metrics.prepare import theme_codes


def test_training_counts_hours_cost_and_missing_cost_include_rejected() -> None:
    data = dataset(
        [emp("a"), emp("b"), emp("c")],
        training_needs=[
            need("a", hours=4, cost=100),
            need("a", "rejected", hours=2, cost=50),
            need("b", hours=None, cost=None),
            need("b", requested_date="2025-12-31", hours=10, cost=10),  # other cycle
        ],
    )
    figs = figures(data, PARAMS)
    assert value(figs, "training_needs")["numerator"] == 3
    assert value(figs, "training_hours")["numerator"] == 6
    assert value(figs, "training_cost")["numerator"] == 150
    assert value(figs, "training_cost_missing")["numerator"] == 1
    assert value(figs, "training_employees")["numerator"] == 2
    assert nd(figs, "training_share_employees") == (2, 3)


def test_requested_date_falls_back_to_the_source_conversation() -> None:
    data = dataset(
        [emp("a")],
        [
            held("a", "2026-03-01", conversation_id="G1"),
            held("a", "2025-03-01", conversation_id="G0"),
        ],
        training_needs=[
            need(requested_date=None, conversation_id="G1"),
            need(requested_date=None, conversation_id="G0"),
        ],
    )
    assert value(figures(data, PARAMS), "training_needs")["numerator"] == 1


def test_fulfilment_and_open_demand() -> None:
    data = dataset(
        [emp("a")],
        training_needs=[
            need(status="completed", completed_date="2026-05-01"),
            need(status="completed", completed_date="2026-08-01"),  # after R: still open on R
            need(status="completed"),  # no date: completed
            need(status="approved"),
            need(status="planned"),
            need(status="rejected"),
        ],
    )
    figs = figures(data, PARAMS)
    assert nd(figs, "training_fulfilment") == (2, 5)
    assert value(figs, "training_open_demand")["numerator"] == 3


def test_themes_grouped_case_accent_space_insensitively_in_most_frequent_spelling() -> None:
    codes = theme_codes(
        pd.Series(["Hygiëne", "hygiene", "Hygiëne", "HYGIËNE ", "Valpreventie", "val preventie"])
    )
    labels = list(codes.labels[codes.codes])
    assert labels == ["Hygiëne"] * 4 + ["Valpreventie"] * 2  # tie → alphabetical first


def test_theme_breakdown_in_figures() -> None:
    data = dataset(
        [emp("a")],
        training_needs=[
            need(theme="Wondzorg", hours=1),
            need(theme="wondzorg", hours=2),
            need(theme="Ethiek", hours=3),
        ],
    )
    figs = figures(data, PARAMS)
    assert value(figs, "training_needs", field="theme", breakdown="Wondzorg")["numerator"] == 2
    assert value(figs, "training_hours", field="theme", breakdown="Ethiek")["numerator"] == 3
    assert value(figs, "training_needs", field="status", breakdown="requested")["numerator"] == 3
    assert value(figs, "training_needs", field="priority", breakdown="(none)")["numerator"] == 3


def test_notice_given_needs_14_days_between_invitation_and_conversation() -> None:
    data = dataset(
        [emp("a")],
        [
            held("a", "2026-03-15", invited_date="2026-03-01"),  # 14 days
            held("a", "2026-03-15", invited_date="2026-03-02"),  # 13 days
            held("a", "2026-03-15"),  # no invitation date
        ],
    )
    assert nd(figures(data, PARAMS), "notice_given") == (1, 2)


def test_report_signed_by_both_and_median_days_to_second_signature() -> None:
    data = dataset(
        [emp("a")],
        [
            held(
                "a",
                "2026-03-01",
                signed_by_employee=True,
                signed_by_employee_date="2026-03-03",
                signed_by_manager=True,
                signed_by_manager_date="2026-03-05",
            ),  # 4 days
            held(
                "a",
                "2026-03-01",
                signed_by_employee=True,
                signed_by_employee_date="2026-03-11",
                signed_by_manager=True,
                signed_by_manager_date="2026-03-02",
            ),  # 10 days
            held("a", "2026-03-01", signed_by_employee=True, signed_by_manager=True),  # no dates
            held("a", "2026-03-01", signed_by_employee=True),
        ],
    )
    figs = figures(data, PARAMS)
    assert nd(figs, "report_signed") == (3, 4)
    assert nd(figs, "signature_days_median") == (7, 2)


def test_report_filed_only_when_the_column_exists() -> None:
    rows = [held("a", "2026-03-01", report_filed=True), held("a", "2026-03-02", report_filed=False)]
    assert nd(figures(dataset([emp("a")], rows), PARAMS), "report_filed") == (1, 2)
    without = dataset([emp("a")], rows, without={"conversations": ["report_filed"]})
    row = value(figures(without, PARAMS), "report_filed")
    assert row["denominator"] == 0
    assert math.isnan(row["rate"])
