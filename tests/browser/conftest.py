"""A real `popanalytics serve` and one Chromium page shared by the browser tests.

Every Voilà page view starts a kernel (~10 s on 2 cores), so the tests share
one server and one page, in file order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from support.launch import (
    CHROMIUM,
    CHROMIUM_ARGS,
    free_port,
    running,
    serve_command,
)

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
REFERENCE_DATE = "2026-11-15"  # the demo organisation's "today": figures do not move with the clock
FIRST_LOAD_MS = 120_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": list(CHROMIUM_ARGS),
    }


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """`popanalytics serve` on the demo data; its log in artifacts/voila.log."""
    port = free_port()
    (ROOT / "artifacts").mkdir(exist_ok=True)
    with (
        open(ROOT / "artifacts" / "voila.log", "wb") as log,
        running(serve_command(port, reference_date=REFERENCE_DATE), port, output=log, timeout=60),
    ):
        yield f"http://127.0.0.1:{port}/"


@pytest.fixture(scope="session")
def reference_date() -> dt.date:
    return dt.date.fromisoformat(REFERENCE_DATE)


@pytest.fixture(scope="module")
def dashboard(browser: Browser, server: str) -> Iterator[Page]:
    """The dashboard page on the demo data, tiles visible."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1600}, locale="nl-BE")
    page = context.new_page()
    page.set_default_timeout(30_000)
    # not "load": the page template asks a CDN for an icon font, which may hang offline
    page.goto(server, timeout=FIRST_LOAD_MS, wait_until="commit")
    page.wait_for_selector(".pop-kpi-coverage_any .pop-kpi-value", timeout=FIRST_LOAD_MS)
    yield page
    context.close()
