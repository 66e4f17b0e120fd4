"""Steering in the dashboard without a browser: the date field, targets, the
coverage steering charts and the Acties view in both audiences."""

from __future__ import annotations

import datetime as dt

import pytest

from popanalytics.dashboard.app import Dashboard
from popanalytics.dashboard.datefield import DateField, parse_date
from popanalytics.dashboard.state import DashboardState, Filters
from popanalytics.dashboard.steering_env import ENV_TARGETS, targets_from_env, targets_to_env
from popanalytics.dataset import Loaded
from popanalytics.demo import demo_dataset
from popanalytics.i18n import t
from popanalytics.metrics.targets import TargetError, Targets
from popanalytics.schema.quality import QualityReport


@pytest.fixture(scope="module")
def dataset():
    return demo_dataset(employees=80)


@pytest.fixture
def app(dataset) -> Dashboard:
    state = DashboardState(
        loaded=Loaded(dataset, QualityReport()),
        source="",
        filters=Filters(reference_date=dt.date(2026, 6, 30)),
    )
    return Dashboard(state)


def test_dates_are_read_as_day_month_year() -> None:
    assert parse_date("03/04/2026") == dt.date(2026, 4, 3)
    assert parse_date("3-4-2026") == dt.date(2026, 4, 3)
    assert parse_date("2026-04-03") == dt.date(2026, 4, 3)
    assert parse_date("31/02/2026") is None
    assert parse_date("04/03") is None


def test_the_date_field_shows_dd_mm_yyyy_and_refuses_a_bad_date_in_the_users_language() -> None:
    field = DateField(lang="en")
    field.value = dt.date(2026, 6, 30)
    assert field.text == "30/06/2026" and field.iso == "2026-06-30"
    field.typed = "15/11/2026"
    assert field.value == dt.date(2026, 11, 15) and field.text == "15/11/2026"
    field.typed = "31/02/2026"
    assert field.value == dt.date(2026, 11, 15)
    assert "Not a valid date" in field.error
    field.lang = "nl"
    assert "Geen geldige datum" in field.error and field.placeholder == "dd/mm/jjjj"


def test_typing_a_date_changes_the_dashboards_reference_date(app) -> None:
    app.filters["reference_date"].typed = "31/03/2026"
    assert app.state.filters.reference_date == dt.date(2026, 3, 31)
    assert "31/03/2026" in app.header.value


def test_targets_travel_from_serve_to_the_page() -> None:
    targets = Targets().with_target("coverage_development", 0.9)
    env = {ENV_TARGETS: targets_to_env(targets)}
    assert targets_from_env(env) == targets
    assert not targets_from_env({})
    with pytest.raises(TargetError):
        targets_from_env({ENV_TARGETS: "coverage_development=2"})


def test_a_bad_serve_target_is_a_message_in_the_page(monkeypatch) -> None:
    page = Dashboard.from_environment({ENV_TARGETS: "coverage_development=150%"})
    assert page.state is None
    assert "tussen 0 en 1" in page.error.value


def test_setting_a_target_shows_it_on_the_tile_reached_or_not(app) -> None:
    editor = app.targets
    editor.metric.value = "coverage_development"
    editor.value.value = "90"
    editor.set_button.click()
    assert app.state.targets.get("coverage_development") == pytest.approx(0.9)
    tile = app.views["overzicht"].tiles["coverage_development"].widget.value
    assert "Doel 90,0 %" in tile and "niet gehaald" in tile
    editor.value.value = "150"
    editor.set_button.click()
    assert "tussen 0 en 1" in editor.message.value
    assert app.state.targets.get("coverage_development") == pytest.approx(0.9)
    editor.clear_button.click()
    assert not app.state.targets
    assert "Doel" not in app.views["overzicht"].tiles["coverage_development"].widget.value


def test_coverage_view_draws_rates_heatmap_progress_and_projection(app) -> None:
    app.state.targets = Targets().with_target("coverage_development", 0.5)
    app.show("gespreksdekking")
    steering = app.views["gespreksdekking"].steering
    assert app.error.value == ""
    table = steering.projection_table.value
    assert t("dash.column.projection", "nl") in table and "Doel" in table
    assert t("group.all", "nl") in table


def test_acties_lists_names_for_hr_and_only_counts_for_management(app) -> None:
    app.show("acties")
    view = app.views["acties"]
    assert app.error.value == ""
    assert "<td" in view.list.value and view.list_card.layout.display == ""
    assert len(view.manager.options) > 2
    view.manager.value = view.manager.options[1][1]
    assert view.list.value.count("<tr>") >= 2
    app.filters["audience"].value = "management"
    assert view.list.value == "" and view.list_card.layout.display == "none"
    names = app.state.dataset.employees["name"].dropna().tolist()
    assert not any(name in view.counts.value for name in names)
    assert "&lt; 5" in view.counts.value


def test_a_reference_date_before_the_chosen_cycle_is_a_message_in_the_page(app) -> None:
    app.show("gespreksdekking")
    app.filters["cycle"].value = "2026"
    app.filters["reference_date"].typed = "15/12/2025"
    table = app.views["gespreksdekking"].steering.projection_table.value
    assert "pop-error" in table and "voor het begin van cyclus 2026" in table
