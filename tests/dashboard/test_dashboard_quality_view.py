"""The data-quality view: hr reads every finding with its value; management only counts."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from dashboard_fakes import FakeEngine

from popanalytics.dashboard.components import esc
from popanalytics.dashboard.state import DashboardState, Filters
from popanalytics.dashboard.views.quality import QualityView
from popanalytics.dataset import Loaded
from popanalytics.demo import demo_dataset
from popanalytics.i18n import t
from popanalytics.schema.quality import FINDING_COLUMNS, QualityReport

SECRET = "E-4242"


def finding(row: int, value: str) -> dict[str, object]:
    return {
        "table": "conversations",
        "file": "export.xlsx",
        "sheet": "Gesprekken",
        "row": row,
        "field": "employee_id",
        "value": value,
        "severity": "error",
        "code": "unknown_employee",
        "message_nl": t("quality.msg.unknown_employee", "nl", row=row, value=value),
        "message_en": t("quality.msg.unknown_employee", "en", row=row, value=value),
    }


@pytest.fixture
def state() -> DashboardState:
    findings = pd.DataFrame([finding(3, SECRET), finding(7, "E-9")], columns=FINDING_COLUMNS)
    return DashboardState(
        loaded=Loaded(demo_dataset(employees=20), QualityReport(findings=findings)),
        source="export.xlsx",
        filters=Filters(reference_date=dt.date(2026, 11, 15)),
        engine=FakeEngine(),
    )


def test_hr_sees_each_finding_with_its_value(state):
    view = QualityView()
    view.render(state)
    assert SECRET in view.findings.value
    assert view.findings.value.count("<tr>") == 3  # header and two findings


def test_management_sees_findings_counted_per_kind_without_any_value(state):
    state.set_filters(audience="management")
    view = QualityView()
    view.render(state)
    table = view.findings.value
    assert SECRET not in table
    assert "E-9" not in table
    assert table.count("<tr>") == 2  # header and one kind of finding
    assert '<td class="pop-num">2</td>' in table
    assert esc("Personeelsnummer '…' komt niet voor bij de medewerkers.") in table


def test_sheets_that_matched_no_table_are_named(state):
    state.loaded.report.unrecognised = (("export.xlsx", "Info"),)
    view = QualityView()
    view.render(state)
    assert "export.xlsx (Info)" in view.findings_note.value
