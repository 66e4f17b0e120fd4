"""The dashboard on a snapshot store, without a browser: header, picking a snapshot,
"since the previous import", and an upload that is written only on request."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from popanalytics.dashboard.app import Dashboard
from popanalytics.demo import demo_dataset, write_demo_workbook
from popanalytics.demo.history import as_known_on
from popanalytics.schema.quality import QualityReport
from popanalytics.store import list_snapshots, write_snapshot
from popanalytics.store.manifest import SourceInfo

OCTOBER = dt.datetime(2026, 10, 15, 8, 0, tzinfo=dt.UTC)
NOVEMBER = dt.datetime(2026, 11, 15, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dash") / "store"
    dataset = demo_dataset(employees=120)
    for data, label, when, sha in (
        (as_known_on(dataset, OCTOBER.date()), "oktober", OCTOBER, "1"),
        (dataset, "november", NOVEMBER, "2"),
    ):
        write_snapshot(
            folder,
            data,
            QualityReport(),
            sources=[SourceInfo(f"{label}.xlsx", 1, sha * 64)],
            label=label,
            now=when,
        )
    return folder


@pytest.fixture
def app(store: Path) -> Dashboard:
    return Dashboard.from_environment({"POPANALYTICS_STORE": str(store)})


def tile(app: Dashboard, metric: str) -> str:
    return str(app.views["overzicht"].tiles[metric].widget.value)


def test_header_names_the_newest_snapshot_and_its_import_time(app):
    assert app.state is not None, app.error.value
    assert "Momentopname <b>november</b>" in app.header.value
    assert "15/11/2026" in app.header.value
    # figures as of the day the snapshot was imported
    assert app.state.filters.reference_date == dt.date(2026, 11, 15)


def test_picking_an_earlier_snapshot_changes_header_and_tiles(app):
    before = tile(app, "coverage_any"), tile(app, "agreements_completion")
    october = next(v for label, v in app.snapshot_pick.options if label.startswith("oktober"))
    app.snapshot_pick.value = october
    assert "Momentopname <b>oktober</b>" in app.header.value
    assert (tile(app, "coverage_any"), tile(app, "agreements_completion")) != before
    assert app.state.filters.reference_date == dt.date(2026, 10, 15)


def test_since_the_previous_import_shows_a_table_and_a_chart(app):
    app.show("sinds")
    view = app.views["sinds"]
    assert "oktober" in view.intro.value
    assert "Nieuw gehouden gesprekken" in view.table.value
    assert view.chart.widget.layout.display == ""
    # management: the same figures, suppressed where groups are small
    app.filters["audience"].value = "management"
    assert app.error.value == ""
    frame = app.state.since()
    assert frame is not None and "suppressed" in frame


def test_since_per_manager_names_the_managers_for_hr(app):
    app.filters["group_by"].value = "manager_id"
    app.show("sinds")
    table = app.views["sinds"].table.value
    names = app.state.manager_names()
    some_manager = app.state.since()["group"].iloc[1]  # the organisation is first
    assert names[some_manager] in table
    assert f">{some_manager}<" not in table


def test_the_oldest_snapshot_has_nothing_to_compare_with(app):
    app.snapshot_pick.value = app.snapshot_pick.options[-1][1]
    app.show("sinds")
    assert "geen vorige momentopname" in app.views["sinds"].intro.value


def test_without_a_store_there_is_no_snapshot_picker_nor_since_view():
    app = Dashboard.from_environment({})
    assert app.snapshot_pick.layout.display == "none"
    assert app.nav_buttons["sinds"].layout.display == "none"


def test_an_upload_stays_in_memory_until_hr_saves_it(store, tmp_path):
    store = Path(shutil.copytree(store, tmp_path / "store"))
    app = Dashboard.from_environment({"POPANALYTICS_STORE": str(store)})
    workbook = write_demo_workbook(tmp_path / "upload.xlsx", employees=15, seed=3)
    count = len(list_snapshots(store))
    app.upload.value = (
        {
            "name": "upload.xlsx",
            "type": "",
            "size": workbook.stat().st_size,
            "content": memoryview(workbook.read_bytes()),
            "last_modified": dt.datetime(2026, 11, 20, tzinfo=dt.UTC),
        },
    )
    assert app.error.value == "", app.error.value
    assert len(list_snapshots(store)) == count  # nothing written by the upload
    assert app.save_button.layout.display == ""
    app.filters["audience"].value = "management"
    assert app.save_button.layout.display == "none"  # hr only
    app.filters["audience"].value = "hr"
    app.save_button.click()
    assert len(list_snapshots(store)) == count + 1
    assert app.state.snapshots.current == list_snapshots(store)[0].id
    assert "upload.xlsx" not in app.error.value
    assert app.save_button.layout.display == "none"


def test_serve_passes_the_store_and_snapshot_to_the_kernel(tmp_path):
    from popanalytics.dashboard import sources
    from popanalytics.dashboard.server import serve_environment

    env = serve_environment(
        [],
        mapping=None,
        cycle=None,
        reference_date=None,
        lang="nl",
        base={"POPANALYTICS_SNAPSHOT": "old"},
        store=str(tmp_path / "store"),
    )
    settings = sources.settings_from(env)
    assert settings.store == str((tmp_path / "store").resolve())
    assert settings.snapshot is None  # an inherited choice does not leak in
    assert env["ARROW_DEFAULT_MEMORY_POOL"] == "system"
