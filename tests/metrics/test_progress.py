"""The progress curve, its previous-cycle alignment, the projection and targets,
worked out by hand on a small organisation (cycle 2026 starts Thursday 1 January)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from metrics_builders import dataset, emp, held, nd
from test_metric_properties import SETTINGS, datasets

from popanalytics.errors import PopError
from popanalytics.metrics import Params, figures
from popanalytics.metrics.params import Cycle
from popanalytics.metrics.progress import point_dates, progress, projection
from popanalytics.metrics.targets import TargetError, Targets, parse_target, parse_targets, reached

R = dt.date(2026, 1, 31)
PARAMS = Params(cycle_year=2026, reference_date=R)


def planned(eid: str, day: str, kind: str = "development", status: str = "planned") -> dict:
    return {"employee_id": eid, "conversation_type": kind, "status": status, "planned_date": day}


def organisation():
    """a: POP held on D_2 itself (14/1); b: starts 10/10/2025, so new (< 90 days)
    until 7/1 and not new from 8/1, POP held 5/1 while new; c: absent from 20/1
    (mid-cycle); d: POP planned 1/3; e: only a performance conversation.
    Previous cycle: a's POP on 7/1/2025 (its D_1), d's on 20/1/2025."""
    return dataset(
        [
            emp("a"),
            emp("b", start_date="2025-10-10"),
            emp("c", absent_since="2026-01-20"),
            emp("d"),
            emp("e"),
        ],
        [
            held("a", "2026-01-14"),
            held("b", "2026-01-05"),
            planned("d", "2026-03-01"),
            held("e", "2026-01-10", kind="performance"),
            held("a", "2025-01-07"),
            held("d", "2025-01-20"),
            # not in the projection: cancelled, of another type, planned before R and missed
            planned("c", "2026-04-01", status="cancelled"),
            planned("e", "2026-04-01", kind="appraisal"),
            planned("e", "2026-01-20"),
        ],
    )


def test_points_are_the_ends_of_the_weeks_then_r_itself_in_its_week() -> None:
    cycle = Cycle(2026)
    assert point_dates(cycle, R) == [
        (1, dt.date(2026, 1, 7)),
        (2, dt.date(2026, 1, 14)),
        (3, dt.date(2026, 1, 21)),
        (4, dt.date(2026, 1, 28)),
        (5, dt.date(2026, 1, 31)),
    ]
    # R on the grid: no extra point
    assert point_dates(cycle, dt.date(2026, 1, 14))[-1] == (2, dt.date(2026, 1, 14))
    assert len(point_dates(cycle, dt.date(2026, 1, 14))) == 2
    # R on the cycle's first day: one point, week 1
    assert point_dates(cycle, dt.date(2026, 1, 1)) == [(1, dt.date(2026, 1, 1))]
    # a past cycle ends at its end: 52 weeks (D_52 = 30/12) and 31/12 in week 53
    past = point_dates(Cycle(2025), dt.date(2026, 6, 30))
    assert past[-2:] == [(52, dt.date(2025, 12, 30)), (53, dt.date(2025, 12, 31))]


def test_progress_points_worked_out_by_hand() -> None:
    points = progress(organisation(), PARAMS).points
    got = list(zip(points["week"], points["numerator"], points["denominator"], strict=True))
    assert got == [
        (1, 0, 4),  # b new (89 days), a's POP is a week later: a, c, d, e eligible
        (2, 2, 5),  # held on D_2 itself counts; b crossed 90 days and counts with its POP
        (3, 2, 4),  # c long-term absent since 20/1: out of both
        (4, 2, 4),
        (5, 2, 4),  # R
    ]
    assert points["rate"].iloc[1] == pytest.approx(0.4)


def test_previous_cycle_point_is_the_same_day_one_cycle_earlier() -> None:
    points = progress(organisation(), PARAMS).points
    assert [d.isoformat() for d in points["previous_date"]] == [
        "2025-01-07",
        "2025-01-14",
        "2025-01-21",
        "2025-01-28",
        "2025-01-31",
    ]
    got = list(zip(points["previous_numerator"], points["previous_denominator"], strict=True))
    # b not yet employed; a's POP on D_1 itself, d's from week 3
    assert got == [(1, 4), (1, 4), (2, 4), (2, 4), (2, 4)]


def test_each_point_equals_metrics_at_its_date() -> None:
    data = organisation()
    points = progress(data, PARAMS, conversation_type="any").points
    for row in points.itertuples():
        figs = figures(data, PARAMS.with_(reference_date=row.date))
        assert (row.numerator, row.denominator) == nd(figs, "coverage_any")


def test_projection_adds_the_eligible_not_covered_with_a_planned_conversation() -> None:
    total = projection(organisation(), PARAMS).iloc[0]
    # covered at R: a, b; planned ahead: d (c is absent, its plan cancelled; e's
    # plans are of another type or missed before R)
    assert (total["numerator"], total["denominator"]) == (3, 4)
    assert (total["covered"], total["planned"]) == (2, 1)
    assert total["rate"] == pytest.approx(0.75)
    assert total["current_rate"] == pytest.approx(0.5)


def test_projection_per_group_sums_to_the_total() -> None:
    data = dataset(
        [emp("a"), emp("b", department="B"), emp("c", department="B")],
        [held("a", "2026-01-10"), planned("b", "2026-05-01")],
    )
    frame = projection(data, PARAMS.with_(group_by="department")).set_index("group")
    assert frame.loc["all", ["numerator", "denominator"]].tolist() == [2, 3]
    assert frame.loc["A", ["numerator", "denominator"]].tolist() == [1, 1]
    assert frame.loc["B", ["numerator", "denominator"]].tolist() == [1, 2]


def test_management_sees_small_projection_cells_suppressed_as_the_coverage() -> None:
    data = dataset([emp(f"e{i}", department="A" if i < 6 else "B") for i in range(8)])
    params = PARAMS.with_(group_by="department", audience="management")
    frame = projection(data, params).set_index("group")
    figs = figures(data, params).query("metric == 'coverage_development'").set_index("group")
    assert frame["suppressed"].to_dict() == figs["suppressed"].to_dict()
    assert frame.loc["B"].isna()["rate"]


def test_bad_conversation_type_and_reference_before_the_cycle_are_refused() -> None:
    with pytest.raises(PopError, match="interview"):
        progress(organisation(), PARAMS, conversation_type="interview")
    with pytest.raises(PopError) as info:
        progress(organisation(), PARAMS.with_(reference_date=dt.date(2025, 12, 31)))
    assert "2026" in info.value.message("en") and "before the start" in info.value.message("en")


@given(data=datasets(), r=st.integers(min_value=0, max_value=364))
@SETTINGS
def test_last_point_equals_metrics_at_r(data, r: int) -> None:
    reference = dt.date(2026, 1, 1) + dt.timedelta(days=r)
    params = Params(cycle_year=2026, reference_date=reference)
    for kind in ("development", "any"):
        last = progress(data, params, conversation_type=kind).points.iloc[-1]
        figs = figures(data, params)
        assert last["date"] == reference
        assert (last["numerator"], last["denominator"]) == nd(figs, f"coverage_{kind}")
    # management: the same point, hidden exactly when metrics hides it
    managed = params.with_(audience="management")
    last = progress(data, managed).points.iloc[-1]
    row = figures(data, managed).query(
        "metric == 'coverage_development' and group == 'all' and breakdown_field.isna()"
    )
    assert bool(last["suppressed"]) == bool(row["suppressed"].iloc[0])
    if not last["suppressed"]:
        assert last["numerator"] == row["numerator"].iloc[0]


# ---------------------------------------------------------------- targets


def test_targets_parse_shares_and_percentages_and_refuse_bad_ones() -> None:
    assert parse_target("coverage_development=0.9") == ("coverage_development", 0.9)
    assert parse_target("coverage_development=90%") == ("coverage_development", 0.9)
    assert parse_target("agreements_overdue=10") == ("agreements_overdue", 10.0)
    assert parse_targets(["coverage_any=0,8"]).get("coverage_any") == 0.8
    with pytest.raises(TargetError, match="between 0 and 1") as bad:
        parse_target("coverage_development=1.5")
    assert "tussen 0 en 1" in bad.value.message("nl")
    with pytest.raises(TargetError, match="Unknown figure"):
        parse_target("coverage_interviews=0.5")
    with pytest.raises(TargetError, match="METRIC=VALUE"):
        parse_target("coverage_development")
    with pytest.raises(TargetError, match="not a number"):
        parse_target("coverage_development=high")


def test_a_target_is_a_floor_except_where_lower_is_better() -> None:
    assert reached("coverage_development", 0.9, 0.9) is True
    assert reached("coverage_development", 0.89, 0.9) is False
    assert reached("agreements_overdue", 3, 5) is True
    assert reached("agreements_overdue", 6, 5) is False
    assert reached("coverage_development", float("nan"), 0.9) is None
    targets = Targets().with_target("coverage_any", 0.5)
    assert targets.as_dict() == {"coverage_any": 0.5}
    assert not targets.with_target("coverage_any", None)
