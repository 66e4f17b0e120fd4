"""The dashboard state: filters become Params, figures are computed once per Params."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import pytest
from dashboard_fakes import FakeEngine
from hypothesis import given, settings
from hypothesis import strategies as st

from popanalytics.dashboard.state import FILTER_FIELDS, DashboardState, Filters, params_from
from popanalytics.dataset import Loaded
from popanalytics.model import TABLE_NAMES, Dataset, empty_frame
from popanalytics.schema.quality import QualityReport

REFERENCE = dt.date(2026, 6, 30)


def total(frame: pd.DataFrame, metric: str = "coverage_any") -> float:
    rows = frame[(frame["group"] == "all") & (frame["metric"] == metric)]
    return float(rows["denominator"].iloc[0])


def small_dataset() -> Dataset:
    tables = {name: empty_frame(name) for name in TABLE_NAMES}
    employees = pd.DataFrame(
        {
            "employee_id": ["1", "2", "3", "4"],
            "department": ["Keuken", "Keuken", "Zorg", "Zorg"],
            "team": ["K1", "K1", "Z1", "Z2"],
            "location": ["Eik", "Eik", "Linde", None],
            "job_title": ["Kok", "Kok", "Verpleegkundige", "Zorgkundige"],
            "name": ["An", "Bert", "Cas", "Bert"],
            "manager_id": ["2", None, "4", "9"],
            "start_date": pd.to_datetime(["2020-01-01"] * 4),
        }
    )
    tables["employees"] = pd.concat([tables["employees"], employees], ignore_index=True)
    tables["conversations"] = pd.DataFrame({"planned_date": pd.to_datetime(["2025-03-01"])})
    return Dataset(**tables)


@pytest.fixture
def state() -> DashboardState:
    return DashboardState(
        loaded=Loaded(small_dataset(), QualityReport()),
        source="test.xlsx",
        filters=Filters(reference_date=REFERENCE),
        engine=FakeEngine(),
    )


def test_params_from_filters_keeps_only_chosen_fields_as_single_value_filters():
    filters = Filters(
        cycle_year=2025,
        reference_date=REFERENCE,
        department="Zorg",
        location="Linde",
        conversation_type="development",
        audience="management",
        group_by="team",
    )
    params = params_from(filters, k=6)
    assert params.filters == (("department", ("Zorg",)), ("location", ("Linde",)))
    assert params.cycle_year == 2025
    assert params.reference_date == REFERENCE
    assert params.audience == "management"
    assert params.group_by == "team"
    assert params.conversation_type == "development"
    assert params.k == 6


def test_params_without_filters_have_no_filter_pairs():
    assert params_from(Filters()).filters == ()


def test_filter_change_recomputes_figures_without_reloading_or_repreparing(state):
    engine = state.engine
    loaded = state.loaded
    before = state.figures()
    state.set_filters(department="Zorg")
    after = state.figures()
    assert engine.calls["figures"] == 2
    assert engine.calls["prepare"] == 1
    assert state.loaded is loaded
    assert total(before) == 4
    assert total(after) == 2


def test_going_back_to_earlier_filters_uses_the_cache(state):
    engine = state.engine
    state.figures()
    state.set_filters(department="Zorg")
    state.figures()
    state.set_filters(department=None)
    state.figures()
    assert engine.calls["figures"] == 2


def test_language_change_does_not_recompute(state):
    state.figures()
    state.lang = "en"
    state.figures()
    assert state.engine.calls["figures"] == 1


def test_previous_figures_are_the_previous_cycle_as_of_its_end(state):
    state.set_filters(cycle_year=2026)
    state.previous_figures()
    (key,) = [params for kind, params in state._cache if kind == "figures"]
    assert key.cycle_year == 2025
    assert key.reference_date == dt.date(2025, 12, 31)


def test_new_data_clears_cache_and_stale_filter_values(state):
    state.set_filters(department="Zorg", audience="management")
    state.figures()
    state.replace_data(Loaded(small_dataset(), QualityReport()), "upload.csv")
    assert state.filters.department is None
    assert state.filters.audience == "management"
    state.figures()
    assert state.engine.calls["figures"] == 2
    assert state.engine.calls["prepare"] == 2
    assert state.source == "upload.csv"


def test_options_are_sorted_distinct_non_empty_values(state):
    assert state.options("department") == ["Keuken", "Zorg"]
    assert state.options("location") == ["Eik", "Linde"]
    assert state.options("not_a_field") == []


def test_team_options_narrow_to_the_chosen_department_and_nothing_else_narrows(state):
    state.set_filters(department="Zorg", team="Z1")
    assert state.options("team") == ["Z1", "Z2"]
    assert state.options("department") == ["Keuken", "Zorg"]
    assert state.options("location") == ["Eik", "Linde"]


def test_cycle_years_include_data_years_and_the_current_cycle(state):
    assert state.cycle_years() == [2026, 2025]


def test_overdue_is_cached_without_grouping(state):
    state.overdue()
    state.set_filters(group_by="team")
    state.overdue()
    assert state.engine.calls["overdue"] == 1


names = st.sampled_from(["Keuken", "Zorg", "Z1", "Eik", "Kok", "(none)", "é ü"])


@settings(max_examples=40, deadline=None)
@given(
    department=st.none() | names,
    team=st.none() | names,
    location=st.none() | names,
    job_title=st.none() | names,
)
def test_params_filter_exactly_the_chosen_fields_and_stay_hashable(
    department, team, location, job_title
):
    filters = Filters(department=department, team=team, location=location, job_title=job_title)
    params = params_from(filters)
    chosen = {k: v for k, v in vars(filters).items() if k in FILTER_FIELDS and v is not None}
    assert params.filter_dict() == {k: (v,) for k, v in chosen.items()}
    assert hash(params) == hash(params_from(filters))


def test_charts_per_manager_show_names_for_hr_and_keep_unknown_ids(state):
    state.set_filters(group_by="manager_id")
    groups = set(state.chart_figures()["group"])
    assert {"Bert (2)", "Bert (4)", "9", "(none)", "all"} <= groups
    assert "2" not in groups


def test_charts_per_department_are_the_figures_themselves(state):
    assert state.chart_figures() is state.figures()


def test_dropdown_values_and_manager_names_follow_new_data(state):
    assert state.options("department") == ["Keuken", "Zorg"]
    state.set_filters(group_by="manager_id")
    assert "Bert (2)" in set(state.chart_figures()["group"])
    other = small_dataset()
    employees = other.employees.assign(
        department=["Onthaal"] * 4, name=["Dirk", "Els", "Fien", "Gust"]
    )
    state.replace_data(Loaded(replace(other, employees=employees), QualityReport()), "new.xlsx")
    state.set_filters(group_by="manager_id")
    assert state.options("department") == ["Onthaal"]
    groups = set(state.chart_figures()["group"])
    assert {"Els", "Gust"} <= groups
    assert "Bert (2)" not in groups


def test_an_upload_replacing_the_demo_is_read_as_of_today():
    demo = DashboardState(
        loaded=Loaded(small_dataset(), QualityReport()),
        source="",
        filters=Filters(reference_date=dt.date(2026, 11, 15)),
        engine=FakeEngine(),
    )
    demo.replace_data(Loaded(small_dataset(), QualityReport()), "eigen-export.xlsx")
    assert demo.filters.reference_date == dt.date.today()


def test_an_upload_replacing_an_upload_keeps_the_chosen_reference_date(state):
    state.set_filters(reference_date=dt.date(2025, 6, 30))
    state.replace_data(Loaded(small_dataset(), QualityReport()), "tweede.xlsx")
    assert state.filters.reference_date == dt.date(2025, 6, 30)
