"""A hostile upload (issue 8) gives a message in the page, never a dead kernel.

The upload goes through the same bounded reader as the CLI (dataset.load →
io.read_sources): the workbook whose stray value at XFD1048576 used to abort
the kernel is refused with the message naming file, sheet and cell, and the
data on screen stays.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from dashboard_fakes import FakeEngine

from popanalytics.dashboard.app import Dashboard
from popanalytics.dashboard.state import DashboardState, Filters
from popanalytics.dataset import Loaded
from popanalytics.demo import demo_dataset
from popanalytics.schema.quality import QualityReport

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared builders
import hostile_files as hf


@pytest.fixture
def app() -> Dashboard:
    state = DashboardState(
        loaded=Loaded(demo_dataset(employees=60), QualityReport()),
        source="",
        filters=Filters(reference_date=dt.date(2026, 11, 15)),
        engine=FakeEngine(),
    )
    return Dashboard(state)


def _upload(app: Dashboard, path: Path) -> None:
    content = path.read_bytes()
    app.upload.value = (
        {
            "name": path.name,
            "type": "",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        },
    )


def test_a_workbook_with_a_value_at_xfd1048576_gives_the_message_in_the_page(
    app: Dashboard, tmp_path: Path
) -> None:
    before = app.state.loaded
    _upload(app, hf.stray_value(tmp_path / "export.xlsx", "XFD1048576"))
    assert "pop-error" in app.error.value
    assert "XFD1048576" in app.error.value
    assert hf.SHEET in app.error.value
    assert app.state.loaded is before
    assert app.progress.layout.display == "none"  # no "Bestanden inlezen…" left behind


def test_a_csv_with_escape_codes_loads_cleaned(app: Dashboard, tmp_path: Path) -> None:
    _upload(app, hf.control_csv(tmp_path / "medewerkers.csv"))
    assert app.error.value == ""
    loaded = app.state.loaded
    assert len(loaded.dataset.employees) == hf.EMPLOYEES + 2
    assert not loaded.dataset.employees["department"].str.contains("\x1b").any()
    assert "control_characters" in set(loaded.report.findings["code"])
