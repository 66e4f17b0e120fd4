"""Serving defaults seen in the page: plotly's mode bar without cloud buttons, uploads past 10 MiB.

Its own `popanalytics serve` with a 15 MB upload limit, so an upload over the
limit is quick to build; one Chromium page shared by the tests, in file order.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from support.launch import free_port, running, serve_command

from popanalytics.charts import PLOTLY_CONFIG
from popanalytics.dashboard.limits import MB
from popanalytics.dashboard.upload import too_large_error
from popanalytics.demo import write_demo_workbook
from popanalytics.demo.write import demo_files

FIRST_LOAD_MS = 120_000
UPLOAD_LIMIT_MB = 15
REFERENCE_DATE = "2026-11-15"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def served(browser: Browser) -> Iterator[Page]:
    port = free_port()
    command = serve_command(port, reference_date=REFERENCE_DATE)
    command += ["--max-upload-mb", str(UPLOAD_LIMIT_MB), "--lang", "en"]
    (ROOT / "artifacts").mkdir(exist_ok=True)
    with (
        open(ROOT / "artifacts" / "voila-serving.log", "wb") as log,
        running(command, port, output=log, timeout=60),
    ):
        context = browser.new_context(viewport={"width": 1400, "height": 1400})
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"http://127.0.0.1:{port}/", timeout=FIRST_LOAD_MS, wait_until="commit")
        page.wait_for_selector(".pop-kpi-coverage_any .pop-kpi-value", timeout=FIRST_LOAD_MS)
        yield page
        context.close()


def pick(served: Page, *paths: Path) -> None:
    with served.expect_file_chooser() as chooser:
        served.click(".pop-upload")
    chooser.value.set_files([str(p) for p in paths])


def test_no_chart_offers_to_send_its_data_to_plotlys_cloud(served: Page):
    served.wait_for_function(
        "() => document.querySelectorAll('.pop-chart .js-plotly-plot').length > 0",
        timeout=60_000,
    )
    contexts = served.eval_on_selector_all(
        ".pop-chart .js-plotly-plot",
        """els => els.map(e => ({
            showSendToCloud: e._context.showSendToCloud,
            displaylogo: e._context.displaylogo,
            remove: e._context.modeBarButtonsToRemove,
        }))""",
    )
    assert contexts
    for context in contexts:
        assert context["showSendToCloud"] is False
        assert context["displaylogo"] is False
        assert set(PLOTLY_CONFIG["modeBarButtonsToRemove"]) <= set(context["remove"])  # type: ignore[call-overload]
    # the mode bar as drawn (plotly builds it with the chart, shown on hover): its
    # buttons, and no link out of the page
    titles = served.eval_on_selector_all(
        ".pop-chart .modebar-btn", "els => els.map(e => e.getAttribute('data-title') || '')"
    )
    assert titles, "the mode bar is drawn"
    assert not [t for t in titles if "Chart Studio" in t or "cloud" in t.lower()]
    links = served.eval_on_selector_all(".pop-chart a[href]", "els => els.map(e => e.href)")
    assert not [href for href in links if "plot.ly" in href or "plotly.com" in href]


def test_an_upload_over_ten_mib_arrives_and_replaces_the_data(served: Page, tmp_path: Path):
    # the demo export as CSV files, ~12 MB together: one websocket message of this size
    # was dropped before (tornado's 10 MiB limit), the page said nothing
    folder = write_demo_workbook(tmp_path / "groot", employees=10_000)
    files = demo_files(folder)
    total = sum(p.stat().st_size for p in files)
    assert 10 * MB < total < UPLOAD_LIMIT_MB * MB
    pick(served, *files)
    served.wait_for_function(
        "() => document.querySelector('.pop-header').textContent.includes('medewerkers.csv')",
        timeout=120_000,
    )
    assert served.query_selector_all(".pop-error") == []


def test_an_upload_over_the_limit_is_refused_in_the_page_naming_the_limit(
    served: Page, tmp_path: Path
):
    big = tmp_path / "te-groot.csv"
    with open(big, "wb") as out:
        out.truncate(UPLOAD_LIMIT_MB * MB + 1)
    header = served.inner_text(".pop-header")
    pick(served, big)
    served.wait_for_selector(".pop-error", timeout=30_000)
    message = served.inner_text(".pop-error").strip()
    expected = too_large_error(
        [{"name": big.name, "size": big.stat().st_size}], UPLOAD_LIMIT_MB * MB
    ).message("en")
    assert message == expected
    assert f"{UPLOAD_LIMIT_MB} MB" in message
    # nothing was loaded: the data shown is still the previous upload
    assert served.inner_text(".pop-header") == header
