"""Managers, trend over cycles and small-group suppression."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from metrics_builders import PARAMS, dataset, emp, held, nd, value

from popanalytics.errors import PopError
from popanalytics.metrics import TOTAL, Params, figures, manager_overview, suppress, trend


def team(manager: str, size: int, covered: int, prefix: str) -> tuple[list[dict], list[dict]]:
    people = [emp(f"{prefix}{i}", manager_id=manager) for i in range(size)]
    talks = [held(f"{prefix}{i}", "2026-03-01") for i in range(covered)]
    return people, talks


def test_grouping_by_manager_puts_employees_without_manager_in_none() -> None:
    data = dataset(
        [emp("m", name="Mia"), emp("a", manager_id="m"), emp("b")], [held("a", "2026-02-01")]
    )
    figs = figures(data, PARAMS.with_(group_by="manager_id"))
    assert nd(figs, "coverage_any", "m") == (1, 1)
    assert nd(figs, "coverage_any", "(none)") == (0, 2)


def test_manager_overview_team_coverage_lags_more_than_10_points_below() -> None:
    p1, t1 = team("m1", 10, 9, "x")  # 90 %
    p2, t2 = team("m2", 10, 7, "y")  # 70 %
    p3, t3 = team("m3", 10, 8, "z")  # 80 %: exactly 10 points below 90? org is 80 %
    data = dataset([emp("m1", name="Mo"), *p1, *p2, *p3], t1 + t2 + t3)
    out = manager_overview(data, PARAMS).set_index("manager_id")
    # organisation: 24 of 31 (the managers themselves have no conversation)
    assert out.loc["m1", "organisation_rate"] == 24 / 31
    assert out.loc["m1", "manager_name"] == "Mo"
    assert out.loc["m2", "manager_name"] is None or pd.isna(out.loc["m2", "manager_name"])
    assert (out.loc["m2", "numerator"], out.loc["m2", "denominator"]) == (7, 10)
    assert bool(out.loc["m2", "lags"]) is False  # 77.4 % - 70 % = 7.4 points
    assert bool(out.loc["(none)", "lags"]) is True  # m1 himself: 0 of 1


def test_exactly_ten_points_below_does_not_lag() -> None:
    p1, t1 = team("m1", 10, 9, "x")  # 90 %
    p2, t2 = team("m2", 10, 7, "y")  # 70 %
    p3, t3 = team("m3", 20, 16, "z")  # 80 %
    data = dataset([*p1, *p2, *p3], t1 + t2 + t3)
    out = manager_overview(data, PARAMS).set_index("manager_id")
    assert out.loc["m1", "organisation_rate"] == 0.8
    assert not out.loc["m2", "lags"]  # 10 points below: not more than 10


def test_conversations_held_counted_by_who_held_them() -> None:
    data = dataset(
        [emp("a", manager_id="m1"), emp("b", manager_id="m1")],
        [held("a", "2026-02-01", manager_id="m2"), held("b", "2026-02-01")],
    )
    out = manager_overview(data, PARAMS).set_index("manager_id")
    assert out.loc["m1", "conversations_held"] == 1
    assert out.loc["m2", "conversations_held"] == 1
    assert out.loc["m2", "denominator"] == 0


def test_trend_uses_each_past_cycle_end_as_reference_date() -> None:
    data = dataset(
        [emp("a"), emp("b")],
        [
            held("a", "2024-05-01"),
            held("a", "2025-05-01"),
            held("b", "2025-12-31"),
            held("b", "2026-07-01"),
        ],
    )
    out = trend(data, PARAMS)
    rows = out[(out["metric"] == "coverage_any") & (out["group"] == TOTAL)]
    assert list(rows["cycle"]) == ["2024", "2025", "2026"]
    assert list(rows["reference_date"]) == [
        pd.Timestamp(d) for d in ("2024-12-31", "2025-12-31", "2026-06-30")
    ]
    assert list(rows["numerator"]) == [1, 2, 0]
    assert out["breakdown_field"].isna().all()


def test_trend_with_september_cycles() -> None:
    params = Params(cycle_start_month=9, reference_date=dt.date(2026, 6, 30), trend_cycles=2)
    out = trend(dataset([emp("a")], [held("a", "2025-08-31")]), params)
    rows = out[out["metric"] == "coverage_any"]
    assert list(rows["cycle"]) == ["2024-2025", "2025-2026"]
    assert list(rows["numerator"]) == [1, 0]


def figures_frame(cells: dict[str, int], total: int) -> pd.DataFrame:
    groups = [TOTAL, *cells]
    employees = [total, *cells.values()]
    return pd.DataFrame(
        {
            "metric": "m",
            "group": groups,
            "breakdown_field": None,
            "breakdown": None,
            "numerator": [float(e) for e in employees],
            "denominator": [float(e) for e in employees],
            "rate": 1.0,
            "employees": employees,
            "suppressed": False,
        }
    )


def test_suppress_hides_cells_below_k_and_zero_counts_as_fewer() -> None:
    out = suppress(figures_frame({"A": 10, "B": 4, "C": 0, "D": 12}, 26), 5)
    assert list(out["suppressed"]) == [False, False, True, True, False]
    assert math.isnan(out.loc[2, "numerator"])
    assert out.loc[0, "numerator"] == 26  # the total stays correct


def test_complementary_suppression_hides_the_next_smallest_cell_ties_by_name() -> None:
    out = suppress(figures_frame({"D": 7, "A": 3, "C": 6, "B": 6}, 22), 5)
    assert dict(zip(out["group"], out["suppressed"], strict=True)) == {
        TOTAL: False,
        "D": False,
        "A": True,
        "C": False,
        "B": True,
    }


def test_no_complementary_suppression_when_the_total_is_hidden() -> None:
    out = suppress(figures_frame({"A": 1, "B": 2}, 3), 5)
    assert list(out["suppressed"]) == [True, True, True]


def in_team(name: str, size: int, covered: int, prefix: str) -> tuple[list[dict], list[dict]]:
    people = [emp(f"{prefix}{i}", team=name) for i in range(size)]
    talks = [held(f"{prefix}{i}", "2026-03-01") for i in range(covered)]
    return people, talks


def test_management_figures_are_suppressed_hr_sees_everything() -> None:
    # Grouping by manager is refused for management (below), so the same three
    # groups are teams here: team 2 (3 people) is merged into a block with the
    # smallest other team of its department, team 1: both are hidden.
    p1, t1 = in_team("t1", 8, 4, "x")
    p2, t2 = in_team("t2", 3, 1, "y")
    p3, t3 = in_team("t3", 9, 9, "z")
    data = dataset([*p1, *p2, *p3], t1 + t2 + t3)
    hr = figures(data, PARAMS.with_(group_by="team"))
    assert not hr["suppressed"].any()
    mgmt = figures(data, PARAMS.with_(group_by="team", audience="management"))
    row = value(mgmt, "coverage_any", "t2")
    assert row["suppressed"] and np.isnan(row["rate"])
    assert value(mgmt, "coverage_any", "t1")["suppressed"]  # in one block with t2
    assert not value(mgmt, "coverage_any", "t3")["suppressed"]
    assert nd(mgmt, "coverage_any") == (14, 20)


def test_grouping_or_filtering_by_manager_is_refused_for_management() -> None:
    p1, t1 = team("m1", 8, 4, "x")
    data = dataset([*p1, emp("m1", name="Mo")], t1)
    management = PARAMS.with_(audience="management")
    for params in (
        management.with_(group_by="manager_id"),
        management.with_(filters=(("manager_id", ("m1",)),)),
    ):
        with pytest.raises(PopError) as refused:
            figures(data, params)
        assert refused.value.code == "refused"
        assert "manager" in refused.value.message("en").lower()


def test_manager_overview_is_refused_for_management_and_names_managers_for_hr() -> None:
    p1, t1 = team("m1", 8, 4, "x")
    data = dataset([*p1, emp("m1", name="Mo")], t1)
    hr = manager_overview(data, PARAMS).set_index("manager_id")
    assert hr.loc["m1", "manager_name"] == "Mo"
    with pytest.raises(PopError):  # teams are named after a person: never for management
        manager_overview(data, PARAMS.with_(audience="management"))


def test_management_figures_do_not_tell_the_size_of_a_suppressed_group() -> None:
    p1, t1 = in_team("t1", 2, 1, "x")
    p2, t2 = in_team("t2", 9, 9, "z")
    p3, t3 = in_team("t3", 8, 8, "y")
    data = dataset([*p1, *p2, *p3], t1 + t2 + t3)
    figs = figures(data, PARAMS.with_(group_by="team", audience="management"))
    small = value(figs, "population", "t1")
    assert small["suppressed"] and np.isnan(small["employees"])
    assert value(figs, "population", "t2")["employees"] == 9
