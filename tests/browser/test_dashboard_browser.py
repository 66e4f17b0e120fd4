"""The dashboard in headless Chromium against a real `popanalytics serve` on the demo data.

The tests share one page and run in file order: load, figures, filters,
audience, language, uploads. Screenshots of every view land in
artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import Page

from popanalytics.dashboard import sources
from popanalytics.dashboard.state import Filters, params_from
from popanalytics.dataset import load
from popanalytics.demo import write_demo_workbook
from popanalytics.errors import PopError
from popanalytics.i18n import fmt_number, fmt_percent, t
from popanalytics.metrics import figures

pytestmark = pytest.mark.browser

VIEWS = (
    "overzicht",
    "gespreksdekking",
    "afspraken",
    "opvolging",
    "opleidingsnoden",
    "procesindicatoren",
    "datakwaliteit",
    "export",
)
CHART_VIEWS = VIEWS[:-1]
TILES = (
    "coverage_development",
    "coverage_any",
    "agreements_completion",
    "agreements_overdue",
    "training_needs",
    "notice_given",
)
# the server runs with --reference-date 2026-11-15 (conftest); the expected figures use the same
REFERENCE = dt.date(2026, 11, 15)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def demo():
    loaded, _ = sources.load_initial(sources.Settings())
    return loaded


def expected_text(frame: pd.DataFrame, metric: str, lang: str = "nl", k: int = 5) -> str:
    row = frame[
        (frame["metric"] == metric) & (frame["group"] == "all") & frame["breakdown_field"].isna()
    ].iloc[0]
    if row["suppressed"]:
        return f"< {k}"
    if not math.isnan(row["rate"]):
        return fmt_percent(row["rate"], lang)
    return fmt_number(row["numerator"], lang)


def tile(page: Page, metric: str) -> str:
    return page.inner_text(f".pop-kpi-{metric} .pop-kpi-value").strip()


def wait_for_tile(page: Page, metric: str, text: str) -> None:
    page.wait_for_function(
        "([sel, text]) => { const e = document.querySelector(sel); return e && e.textContent.trim() === text; }",
        arg=[f".pop-kpi-{metric} .pop-kpi-value", text],
        timeout=30_000,
    )


def show(page: Page, view: str) -> None:
    """Open a view and wait until its redraw has been sent (the app marks it busy meanwhile)."""
    page.click(f".pop-nav-{view}")
    page.wait_for_selector(f".pop-nav-{view}.pop-nav-active")
    page.wait_for_selector(f".pop-view-{view}:not(.pop-busy)", state="visible")


def wait_for_charts(page: Page, view: str) -> list[float]:
    """Every chart of the view drawn: a plotly SVG wider than 100 px in each chart output
    (a collapsed container would still hold an SVG, a few pixels wide)."""
    page.wait_for_function(
        """view => {
            const charts = [...document.querySelectorAll(`.pop-view-${view} .pop-chart`)];
            return charts.length > 0 && charts.every(c => {
                const svg = c.querySelector('.main-svg');
                return svg && svg.getBoundingClientRect().width > 100;
            });
        }""",
        arg=view,
        timeout=60_000,
    )
    return page.eval_on_selector_all(
        f".pop-view-{view} .pop-chart .main-svg",
        "els => els.map(e => e.getBoundingClientRect().width)",
    )


def screenshots(page: Page, suffix: str) -> None:
    for view in VIEWS:
        show(page, view)
        if view in CHART_VIEWS:
            wait_for_charts(page, view)
        page.wait_for_timeout(300)
        page.screenshot(path=str(SCREENSHOTS / f"{view}-{suffix}.png"), full_page=True)
    show(page, "overzicht")


def select(page: Page, name: str, label: str) -> None:
    """Pick a filter value by its shown label ("" = the "all" entry, in Dutch)."""
    page.select_option(f".pop-filter-{name} select", label=label or t("dash.filter.all", "nl"))


def test_server_reference_date_is_the_one_expected_here(reference_date):
    assert reference_date == REFERENCE


def test_page_loads_on_demo_data_and_every_view_draws_a_chart(dashboard: Page):
    assert dashboard.query_selector_all(".pop-error") == []
    body = dashboard.inner_text("body")
    assert "Traceback" not in body
    for view in CHART_VIEWS:
        show(dashboard, view)
        widths = wait_for_charts(dashboard, view)
        assert widths and all(w > 100 for w in widths), view
    show(dashboard, "export")
    assert dashboard.is_visible(".pop-export-button")
    screenshots(dashboard, "nl-hr")
    assert dashboard.query_selector_all(".pop-error") == []
    # nothing printed to stderr in any output (a warning would show as a red block)
    assert dashboard.query_selector_all("[data-mime-type='application/vnd.jupyter.stderr']") == []


def test_kpi_tiles_equal_the_metrics_engine(dashboard: Page, demo):
    expected = figures(demo.dataset, params_from(Filters(reference_date=REFERENCE)))
    for metric in TILES:
        assert tile(dashboard, metric) == expected_text(expected, metric), metric


def test_department_filter_shows_that_departments_figures(dashboard: Page, demo):
    department = "Verpleging"
    expected = figures(
        demo.dataset, params_from(Filters(reference_date=REFERENCE, department=department))
    )
    overall = figures(demo.dataset, params_from(Filters(reference_date=REFERENCE)))
    assert expected_text(expected, "coverage_any") != expected_text(overall, "coverage_any")
    select(dashboard, "department", department)
    # tiles update one after the other: wait for each to show its new value
    for metric in TILES:
        wait_for_tile(dashboard, metric, expected_text(expected, metric))
        assert tile(dashboard, metric) == expected_text(expected, metric), metric
    select(dashboard, "department", "")
    wait_for_tile(dashboard, "coverage_any", expected_text(overall, "coverage_any"))


def test_management_audience_shows_less_than_k_where_the_engine_suppresses(dashboard: Page, demo):
    teams = sorted(demo.dataset.employees["team"].dropna().unique())
    small = None
    for team in teams:
        frame = figures(
            demo.dataset,
            params_from(Filters(reference_date=REFERENCE, team=team, audience="management")),
        )
        if expected_text(frame, "coverage_any") == "< 5":
            small = team
            break
    assert small is not None, "the demo has a team small enough to be suppressed"
    dashboard.click(".pop-filter-audience button:has-text('Management')")
    select(dashboard, "team", small)
    wait_for_tile(dashboard, "coverage_any", "< 5")
    hr_view = figures(demo.dataset, params_from(Filters(reference_date=REFERENCE, team=small)))
    assert expected_text(hr_view, "coverage_any") != "< 5"
    # never an individual: no list of people for management
    show(dashboard, "opvolging")
    wait_for_charts(dashboard, "opvolging")
    assert not dashboard.is_visible(".pop-overdue-table")
    show(dashboard, "overzicht")
    select(dashboard, "team", "")
    screenshots(dashboard, "nl-management")


def test_english_relabels_navigation_tiles_and_charts(dashboard: Page):
    dashboard.click(".pop-filter-lang button:has-text('EN')")
    dashboard.wait_for_function(
        "() => document.querySelector('.pop-nav-overzicht').textContent.trim() === 'Overview'",
        timeout=30_000,
    )
    # the tiles are redrawn after the labels around them: wait for their English titles
    dashboard.wait_for_function(
        "title => document.querySelector('.pop-kpi-coverage_any .pop-kpi-title').textContent === title",
        arg=t("metric.coverage_any", "en"),
        timeout=30_000,
    )
    dashboard.wait_for_function(
        "() => document.querySelector('.pop-kpi-coverage_any .pop-kpi-delta').textContent.includes(' vs ')",
        timeout=30_000,
    )
    assert dashboard.inner_text(".pop-filter-department label").strip() == "Department"
    show(dashboard, "gespreksdekking")
    # the view redraws on showing: wait for the English chart title (SVG text via textContent)
    dashboard.wait_for_function(
        """title => [...document.querySelectorAll('.pop-view-gespreksdekking .gtitle')]
            .some(e => e.textContent === title)""",
        arg=t("dash.chart.coverage_trend", "en"),
        timeout=30_000,
    )
    titles = dashboard.eval_on_selector_all(
        ".pop-view-gespreksdekking .gtitle", "els => els.map(e => e.textContent)"
    )
    assert t("dash.chart.coverage_trend", "nl") not in titles
    screenshots(dashboard, "en-management")
    dashboard.click(".pop-filter-audience button:has-text('HR')")
    screenshots(dashboard, "en-hr")


# The overdue list's days column as numbers (its only numeric column; any locale).
DAYS_SHOWN_JS = """() => [...document.querySelectorAll('.pop-overdue-table tbody td.pop-num')]
    .map(td => parseInt(td.textContent.replace(/[^0-9]/g, ''), 10))"""


def test_hr_sorts_the_overdue_list_by_clicking_a_column_header(dashboard: Page):
    show(dashboard, "opvolging")
    dashboard.wait_for_selector(".pop-overdue-table tbody tr")
    header = ".pop-overdue-table th[data-col='days_overdue']"
    assert dashboard.get_attribute(header, "aria-sort") == "descending"
    days = dashboard.evaluate(DAYS_SHOWN_JS)
    assert len(days) > 1 and days[0] > days[-1]
    assert days == sorted(days, reverse=True)
    dashboard.click(header)
    dashboard.wait_for_selector(f"{header}[aria-sort='ascending']")
    # the kernel sorts the whole list and sends the rows back: wait for them
    dashboard.wait_for_function(
        f"() => {{ const d = ({DAYS_SHOWN_JS})(); return d[0] < d[d.length - 1]; }}"
    )
    ascending = dashboard.evaluate(DAYS_SHOWN_JS)
    assert ascending == sorted(ascending)
    dashboard.screenshot(path=str(SCREENSHOTS / "opvolging-sorted-en-hr.png"), full_page=True)
    # another header sorts on that column, ascending first
    dashboard.click(".pop-overdue-table th[data-col='employee_id']")
    dashboard.wait_for_selector(
        ".pop-overdue-table th[data-col='employee_id'][aria-sort='ascending']"
    )
    assert dashboard.get_attribute(header, "aria-sort") == "none"


def test_export_offers_the_excel_overview_of_the_current_filters(dashboard: Page):
    show(dashboard, "export")
    dashboard.click(".pop-export-button")
    link = dashboard.wait_for_selector(".pop-download", timeout=120_000)
    assert link is not None
    href = link.get_attribute("href") or ""
    prefix = "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,"
    assert href.startswith(prefix)
    book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(href[len(prefix) :])))
    assert len(book.sheetnames) >= 5
    assert (link.get_attribute("download") or "").endswith(".xlsx")
    dashboard.screenshot(path=str(SCREENSHOTS / "export-link-en.png"), full_page=True)


def upload(page: Page, path: Path) -> None:
    """Pick a file through the upload button's file chooser, as a user does."""
    with page.expect_file_chooser() as chooser:
        page.click(".pop-upload")
    chooser.value.set_files(str(path))


def broken_export(folder: Path) -> Path:
    """A demo export with a few bad rows: a missing department, an unknown conversation type."""
    path = write_demo_workbook(folder / "broken.xlsx", employees=30)
    book = openpyxl.load_workbook(path)
    employees = book[book.sheetnames[0]]
    header = [c.value for c in employees[1]]
    # (cell(value=None) would leave the cell as it is)
    employees.cell(row=3, column=header.index("Afdeling") + 1).value = None
    conversations = book[book.sheetnames[1]]
    header = [c.value for c in conversations[1]]
    conversations.cell(row=2, column=header.index("Soort gesprek") + 1, value="Exitgesprek")
    book.save(path)
    return path


def test_uploading_a_broken_export_shows_its_data_quality(dashboard: Page, tmp_path: Path):
    path = broken_export(tmp_path)
    report = load([path]).report
    quarantined = report.table_counts().set_index("table")["quarantined"]
    assert quarantined["employees"] >= 1 and quarantined["conversations"] >= 1
    show(dashboard, "datakwaliteit")
    upload(dashboard, path)
    dashboard.wait_for_function(
        "() => document.querySelector('.pop-header').textContent.includes('broken.xlsx')",
        timeout=60_000,
    )
    # the findings are drawn after the header and the counts: wait for the new ones
    dashboard.wait_for_selector(".pop-findings-table >> text=Exitgesprek", timeout=60_000)
    wait_for_charts(dashboard, "datakwaliteit")
    counts = dashboard.inner_text(".pop-quality-counts")
    used = report.table_counts().set_index("table")["used"]
    assert fmt_number(used["employees"], "en") in counts
    rows = dashboard.query_selector_all(".pop-findings-table tbody tr")
    assert len(rows) == min(len(report.findings), 500)
    assert "Exitgesprek" in dashboard.inner_text(".pop-findings-table")
    assert dashboard.query_selector_all(".pop-error") == []


def test_uploading_a_corrupt_file_shows_the_clear_message(dashboard: Page, tmp_path: Path):
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(b"this is not a workbook at all")
    with pytest.raises(PopError) as caught:
        load([("kapot.xlsx", path.read_bytes())])
    upload(dashboard, path)
    dashboard.wait_for_selector(".pop-error", timeout=60_000)
    message = dashboard.inner_text(".pop-error").strip()
    assert message == caught.value.message("en")
    assert "Traceback" not in dashboard.inner_text("body")
    dashboard.screenshot(path=str(SCREENSHOTS / "upload-error-en.png"), full_page=True)
