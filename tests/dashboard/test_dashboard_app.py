"""The dashboard's wiring without a browser: what a filter, language or upload change does."""

from __future__ import annotations

import datetime as dt

import pytest
from dashboard_fakes import FakeEngine

from popanalytics.dashboard.app import Dashboard
from popanalytics.dashboard.state import DashboardState, Filters
from popanalytics.dataset import Loaded
from popanalytics.demo import demo_dataset
from popanalytics.i18n import t
from popanalytics.schema.quality import QualityReport


@pytest.fixture(scope="module")
def dataset():
    return demo_dataset(employees=60)


@pytest.fixture
def app(dataset) -> Dashboard:
    state = DashboardState(
        loaded=Loaded(dataset, QualityReport()),
        source="",
        filters=Filters(reference_date=dt.date(2026, 11, 15)),
        engine=FakeEngine(),
    )
    return Dashboard(state)


def tile_html(app: Dashboard, metric: str) -> str:
    return str(app.views["overzicht"].tiles[metric].widget.value)


def test_opening_draws_only_the_overview(app):
    assert app.active == "overzicht"
    assert app._stale == set(app.views) - {"overzicht"}
    assert "pop-kpi-value" in tile_html(app, "coverage_any")


def test_a_filter_change_redraws_the_visible_view_and_marks_the_others_stale(app):
    before = tile_html(app, "coverage_any")
    app.filters["department"].value = app.state.options("department")[0]
    assert app.state.filters.department == app.state.options("department")[0]
    assert tile_html(app, "coverage_any") != before
    assert app._stale == set(app.views) - {"overzicht"}
    assert app.state.engine.calls["prepare"] == 1


def test_choosing_a_department_narrows_the_team_dropdown(app):
    all_teams = len(app.filters["team"].options)
    department = app.state.options("department")[0]
    app.filters["department"].value = department
    teams = [value for _, value in app.filters["team"].options][1:]
    assert 0 < len(teams) < all_teams - 1
    employees = app.state.dataset.employees
    assert set(teams) == set(employees.loc[employees["department"] == department, "team"].dropna())


def test_a_team_outside_the_new_department_is_dropped(app):
    employees = app.state.dataset.employees
    first, second = app.state.options("department")[:2]
    team = employees.loc[employees["department"] == first, "team"].dropna().iloc[0]
    app.filters["team"].value = team
    app.filters["department"].value = second
    assert app.state.filters.team is None
    assert app.filters["team"].value == ""
    assert app.state.filters.department == second


def test_choosing_all_again_clears_the_filter(app):
    app.filters["department"].value = app.state.options("department")[0]
    app.filters["department"].value = ""
    assert app.state.filters.department is None


def test_language_switch_relabels_navigation_filters_and_tiles(app):
    app.lang_toggle.value = "en"
    assert app.nav_buttons["overzicht"].description == "Overview"
    assert app.filters["department"].description == "Department"
    assert t("metric.coverage_any", "en") in tile_html(app, "coverage_any")
    assert "vs" in tile_html(app, "coverage_any")


def test_management_hides_the_list_of_people(app):
    app.filters["audience"].value = "management"
    app.show("opvolging")
    view = app.views["opvolging"]
    assert view.list_card.layout.display == "none"
    assert view.table.rows == []
    assert app.state.engine.calls["overdue"] == 0


def test_management_cannot_group_per_manager(app):
    app.filters["group_by"].value = "manager_id"
    app.filters["audience"].value = "management"
    assert app.state.filters.group_by == "department"
    assert "manager_id" not in [value for _, value in app.filters["group_by"].options]
    app.filters["audience"].value = "hr"
    assert "manager_id" in [value for _, value in app.filters["group_by"].options]


def days_column(view) -> list[float]:
    keys = [column["key"] for column in view.table.columns]
    at = keys.index("days_overdue")
    return [float(row[at].replace(".", "")) for row in view.table.rows]


def test_hr_sees_the_overdue_list_sorted_by_the_chosen_column(app):
    app.show("opvolging")
    view = app.views["opvolging"]
    assert view.table.sort_by == "days_overdue"
    first_desc = view.table.rows
    assert days_column(view) == sorted(days_column(view), reverse=True)
    # a second click on the header (from the page) reverses the order
    view.table.descending = False
    assert view.table.rows != first_desc
    assert days_column(view) == sorted(days_column(view))
    # another header sorts on that column
    view.table.sort_by = "employee_id"
    keys = [column["key"] for column in view.table.columns]
    ids = [row[keys.index("employee_id")] for row in view.table.rows]
    assert ids == sorted(ids)


def test_a_corrupt_upload_shows_the_fatal_message_and_keeps_the_data(app):
    source = app.state.loaded
    app.upload.value = (
        {
            "name": "kapot.xlsx",
            "type": "",
            "size": 5,
            "content": memoryview(b"kapot"),
            "last_modified": dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        },
    )
    assert "pop-error" in app.error.value
    assert "Traceback" not in app.error.value
    assert app.state.loaded is source
    # the message follows the language
    dutch = app.error.value
    app.lang_toggle.value = "en"
    assert app.error.value != dutch


def test_a_fatal_start_shows_the_message_and_no_views(monkeypatch):
    app = Dashboard.from_environment({"POPANALYTICS_DATA": '["/does/not/exist.xlsx"]'})
    assert app.state is None
    assert "pop-error" in app.error.value
    assert app.main.layout.display == "none"


def test_serve_language_opens_the_page_in_english():
    app = Dashboard.from_environment(
        {"POPANALYTICS_LANG": "en", "POPANALYTICS_REFERENCE_DATE": "2026-11-15"}
    )
    assert app.state is not None
    assert app.nav_buttons["overzicht"].description == "Overview"
    assert app.state.filters.reference_date == dt.date(2026, 11, 15)
    assert "15 Nov 2026" in app.header.value


def test_management_with_a_narrow_job_title_is_told_why_nothing_is_shown(dataset):
    # the real engine: the refusal comes from the metrics layer (one rule for
    # the CLI, Excel and the dashboard), the page says it in the user's language
    state = DashboardState(
        loaded=Loaded(dataset, QualityReport()),
        source="",
        filters=Filters(reference_date=dt.date(2026, 6, 30)),
    )
    app = Dashboard(state)
    titles = dataset.employees["job_title"].value_counts()
    narrow = str(titles[titles < 5].index[0])
    app.filters["job_title"].value = narrow
    assert "pop-error" not in app.error.value  # hr may
    app.filters["audience"].value = "management"
    assert "minder dan 5 medewerkers" in app.error.value
    assert "Traceback" not in app.error.value
    app.filters["job_title"].value = app.filters["job_title"].options[0][1]  # all titles
    assert "pop-error" not in app.error.value
