"""The dashboard served on a store with two snapshots, in Chromium: the header names
the snapshot, picking the other one changes the tiles, and "Sinds vorige import"
draws its table and chart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from support.launch import free_port, running, serve_command

from popanalytics.dataset import load
from popanalytics.demo.history import as_known_on
from popanalytics.store import write_snapshot
from popanalytics.store.manifest import SourceInfo

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
OCTOBER = dt.datetime(2026, 10, 15, 8, 0, tzinfo=dt.UTC)
NOVEMBER = dt.datetime(2026, 11, 15, 8, 0, tzinfo=dt.UTC)
FIRST_LOAD_MS = 120_000
TILE = ".pop-kpi-coverage_any .pop-kpi-value"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo as exported a month earlier, then as exported on its own "today"."""
    folder = tmp_path_factory.mktemp("browser") / "store"
    loaded = load([ROOT / "data" / "demo.xlsx"])
    earlier = as_known_on(loaded.dataset, OCTOBER.date())
    for data, label, when, sha in (
        (earlier, "oktober", OCTOBER, "1"),
        (loaded.dataset, "november", NOVEMBER, "2"),
    ):
        write_snapshot(
            folder,
            data,
            loaded.report,
            sources=[SourceInfo(f"export-{label}.xlsx", 1, sha * 64)],
            label=label,
            now=when,
        )
    return folder


@pytest.fixture(scope="module")
def page(browser: Browser, store: Path) -> Iterator[Page]:
    port = free_port()
    command = [*serve_command(port, reference_date="2026-11-15"), "--store", str(store)]
    (ROOT / "artifacts").mkdir(exist_ok=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with (
        open(ROOT / "artifacts" / "voila-store.log", "wb") as log,
        running(command, port, output=log, timeout=60),
    ):
        context = browser.new_context(viewport={"width": 1400, "height": 1400}, locale="nl-BE")
        tab = context.new_page()
        tab.set_default_timeout(30_000)
        tab.goto(f"http://127.0.0.1:{port}/", timeout=FIRST_LOAD_MS, wait_until="commit")
        tab.wait_for_selector(TILE, timeout=FIRST_LOAD_MS)
        yield tab
        context.close()


def test_header_names_the_snapshot_shown_and_its_import_time(page: Page):
    header = page.inner_text(".pop-header")
    assert "Momentopname november" in header
    assert "15/11/2026" in header
    assert page.query_selector_all(".pop-error") == []


def test_picking_the_earlier_snapshot_changes_header_and_tiles(page: Page):
    before = page.inner_text(TILE).strip()
    page.select_option(".pop-snapshot-pick select", label="oktober (15/10/2026)")
    page.wait_for_function(
        "() => document.querySelector('.pop-header').textContent.includes('oktober')",
        timeout=30_000,
    )
    page.wait_for_function(
        "([sel, old]) => document.querySelector(sel).textContent.trim() !== old",
        arg=[TILE, before],
        timeout=30_000,
    )
    assert page.inner_text(TILE).strip() != before
    page.select_option(".pop-snapshot-pick select", label="november (15/11/2026)")
    page.wait_for_function(
        "([sel, old]) => document.querySelector(sel).textContent.trim() === old",
        arg=[TILE, before],
        timeout=30_000,
    )


def test_since_the_previous_import_draws_a_table_and_a_chart(page: Page):
    page.click(".pop-nav-sinds")
    page.wait_for_selector(".pop-view-sinds:not(.pop-busy)", state="visible")
    page.wait_for_selector(".pop-since-table table", state="visible")
    assert "Nieuw gehouden gesprekken" in page.inner_text(".pop-since-table")
    page.wait_for_function(
        """() => {
            const svg = document.querySelector('.pop-view-sinds .pop-chart .main-svg');
            return svg && svg.getBoundingClientRect().width > 100;
        }""",
        timeout=60_000,
    )
    page.screenshot(path=str(SCREENSHOTS / "sinds-store.png"), full_page=True)
    assert page.query_selector_all(".pop-error") == []
