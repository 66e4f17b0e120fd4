"""The steering views in headless Chromium against the real `popanalytics serve`:
coverage rates, heat map and progress curve (Gespreksdekking), targets, the
Acties view and the dd/mm/yyyy date field, in both audiences and languages.

Shares conftest's server; this module gets a page (a kernel) of its own and
runs in file order. Screenshots land in artifacts/screenshots/steering-*.png.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from test_dashboard_browser import REFERENCE, SCREENSHOTS, show, wait_for_charts, wait_for_tile

from popanalytics.dashboard import sources
from popanalytics.dashboard.state import Filters, params_from
from popanalytics.i18n import fmt_percent, t
from popanalytics.metrics.actions import manager_actions

pytestmark = pytest.mark.browser

PARTS = (
    ".pop-chart-progress",
    ".pop-projection-table",
    ".pop-chart-coverage_heatmap",
)
CHART_TITLES_JS = """view => [...document.querySelectorAll(`.pop-view-${view} .gtitle`)]
    .map(e => e.textContent)"""


def titles(page: Page, view: str) -> list[str]:
    return page.evaluate(CHART_TITLES_JS, view)


def wait_for_title(page: Page, view: str, prefix: str) -> None:
    page.wait_for_function(
        f"([view, prefix]) => ({CHART_TITLES_JS})(view).some(x => x.startsWith(prefix))",
        arg=[view, prefix],
        timeout=60_000,
    )


def shot(page: Page, name: str, *parts: str) -> None:
    """The page, and each of ``parts`` (selectors) on its own: the page scrolls
    inside Voilà's container, so a full-page shot stops at the viewport."""
    page.wait_for_timeout(400)
    page.screenshot(path=str(SCREENSHOTS / f"steering-{name}.png"), full_page=True)
    for i, selector in enumerate(parts):
        page.locator(selector).first.screenshot(
            path=str(SCREENSHOTS / f"steering-{name}-{i + 1}.png")
        )


@pytest.fixture(scope="module", autouse=True)
def patient(dashboard: Page) -> None:
    """Shared 2-core machines: a redraw may take far longer than on a laptop."""
    dashboard.set_default_timeout(90_000)


@pytest.fixture(scope="module")
def demo():
    loaded, _ = sources.load_initial(sources.Settings())
    return loaded


def test_date_field_shows_day_month_year_not_the_browsers_format(dashboard: Page):
    field = ".pop-filter-reference_date input.pop-datefield-input"
    assert dashboard.input_value(field) == REFERENCE.strftime("%d/%m/%Y")
    assert dashboard.get_attribute(field, "placeholder") == "dd/mm/jjjj"
    # a typed date in dd/mm/jjjj moves the whole page
    dashboard.fill(field, "30/06/2026")
    dashboard.press(field, "Enter")
    dashboard.wait_for_function(
        "() => document.querySelector('.pop-header').textContent.includes('30/06/2026')"
    )
    # a date that does not exist: a message under the field, the date stays
    dashboard.fill(field, "31/02/2026")
    dashboard.press(field, "Enter")
    dashboard.wait_for_selector(".pop-datefield-error:has-text('Geen geldige datum')")
    assert "30/06/2026" in dashboard.inner_text(".pop-header")
    dashboard.fill(field, REFERENCE.strftime("%d/%m/%Y"))
    dashboard.press(field, "Enter")
    dashboard.wait_for_function(
        "text => document.querySelector('.pop-header').textContent.includes(text)",
        arg=REFERENCE.strftime("%d/%m/%Y"),
    )
    assert dashboard.inner_text(".pop-datefield-error") == ""


def test_coverage_view_shows_rates_heatmap_and_progress_with_projection(dashboard: Page, demo):
    show(dashboard, "gespreksdekking")
    widths = wait_for_charts(dashboard, "gespreksdekking")
    assert all(w > 100 for w in widths)
    assert len(dashboard.query_selector_all(".pop-view-gespreksdekking .pop-chart")) == 5
    shown = titles(dashboard, "gespreksdekking")
    assert any(x.startswith("Elk gesprek: dekking per afdeling") for x in shown)
    assert any(x.startswith("POP-gesprek: dekking week na week") for x in shown)
    # the organisation line and the projection's end point carry their labels
    svg = dashboard.inner_text(".pop-view-gespreksdekking")
    assert "Organisatie" in dashboard.eval_on_selector_all(
        ".pop-chart-coverage_rates .annotation-text", "els => els.map(e => e.textContent).join()"
    )
    legend = dashboard.eval_on_selector_all(
        ".pop-chart-progress .legendtext", "els => els.map(e => e.textContent)"
    )
    assert legend == ["Vorige cyclus (2025)", "Deze cyclus (2026)", "Projectie (wat gepland is)"]
    assert "Projectie" in svg  # the per-group projection table
    assert dashboard.query_selector_all(".pop-projection-table tbody tr.pop-lag")
    shot(dashboard, "gespreksdekking-nl-hr", *PARTS)


def test_a_target_shows_on_tiles_and_on_the_curve(dashboard: Page, demo):
    dashboard.click(
        ".pop-targets-box .jupyter-widget-Collapse-header, .pop-targets-box .p-Collapse-header, .pop-targets-box .lm-Collapse-header"
    )
    dashboard.select_option(".pop-target-metric select", label=t("metric.coverage_development"))
    dashboard.fill(".pop-target-value input", "90")
    dashboard.click(".pop-target-set button, button.pop-target-set")
    show(dashboard, "overzicht")
    dashboard.wait_for_selector(".pop-kpi-coverage_development .pop-target-missed")
    assert "Doel 90,0 %" in dashboard.inner_text(".pop-kpi-coverage_development")
    show(dashboard, "gespreksdekking")
    wait_for_charts(dashboard, "gespreksdekking")
    dashboard.wait_for_function(
        """() => [...document.querySelectorAll('.pop-chart-progress .annotation-text')]
            .some(e => e.textContent === 'Doel 90,0 %')""",
        timeout=60_000,
    )
    assert "niet gehaald" in dashboard.inner_text(".pop-projection-table")
    shot(dashboard, "gespreksdekking-target-nl-hr", *PARTS)
    show(dashboard, "overzicht")
    shot(dashboard, "overzicht-target-nl-hr")


def test_acties_lists_each_managers_next_steps_for_hr(dashboard: Page, demo):
    show(dashboard, "acties")
    dashboard.wait_for_selector(".pop-actions-table tbody tr")
    params = params_from(Filters(reference_date=REFERENCE))
    expected = manager_actions(demo.dataset, params, "development")
    first = dashboard.eval_on_selector_all(
        ".pop-actions-table tbody tr:first-child td", "els => els.map(e => e.textContent)"
    )
    assert first[4] == expected["name"].iloc[0]
    assert first[1] == t(f"action.{expected['action'].iloc[0]}", "nl")
    summary = dashboard.inner_text(".pop-action-counts")
    assert t("action.no_conversation", "nl") in summary
    shot(dashboard, "acties-nl-hr", ".pop-actions-table")


def test_management_sees_suppressed_rates_and_counts_without_names(dashboard: Page, demo):
    dashboard.click(".pop-filter-audience button:has-text('Management')")
    show(dashboard, "acties")
    dashboard.wait_for_selector(".pop-action-counts-table")
    assert not dashboard.is_visible(".pop-actions-table")
    counts = dashboard.inner_text(".pop-action-counts")
    assert "< 5" in counts
    names = demo.dataset.employees["name"].dropna().tolist()
    body = dashboard.inner_text(".pop-view-acties")
    assert not any(name in body for name in names)
    shot(dashboard, "acties-nl-management")
    show(dashboard, "gespreksdekking")
    wait_for_charts(dashboard, "gespreksdekking")
    dashboard.wait_for_function(
        """() => [...document.querySelectorAll('.pop-chart-coverage_rates text')]
            .some(e => e.textContent === '< 5')""",
        timeout=60_000,
    )
    assert "< 5" in dashboard.inner_text(".pop-projection-table")
    shot(dashboard, "gespreksdekking-nl-management", *PARTS)


def test_english_labels_and_the_same_date_format(dashboard: Page, demo):
    dashboard.click(".pop-filter-lang button:has-text('EN')")
    dashboard.wait_for_function(
        "() => document.querySelector('.pop-nav-acties').textContent.trim() === 'Actions'",
        timeout=30_000,
    )
    field = ".pop-filter-reference_date input.pop-datefield-input"
    assert dashboard.input_value(field) == REFERENCE.strftime("%d/%m/%Y")
    assert dashboard.get_attribute(field, "placeholder") == "dd/mm/yyyy"
    show(dashboard, "gespreksdekking")
    kind = t("conversation_type.development", "en")
    wait_for_title(dashboard, "gespreksdekking", f"{kind}: coverage week by week")
    shot(dashboard, "gespreksdekking-en-management", *PARTS)
    show(dashboard, "acties")
    dashboard.wait_for_selector(".pop-action-counts-table th:has-text('Agreement overdue')")
    shot(dashboard, "acties-en-management")
    dashboard.click(".pop-filter-audience button:has-text('HR')")
    show(dashboard, "acties")
    dashboard.wait_for_selector(".pop-actions-table tbody tr")
    assert "Agreement overdue" in dashboard.inner_text(
        ".pop-actions-table"
    ) or "No conversation" in dashboard.inner_text(".pop-actions-table")
    shot(dashboard, "acties-en-hr", ".pop-actions-table")
    show(dashboard, "gespreksdekking")
    wait_for_title(
        dashboard, "gespreksdekking", f"{t('conversation_type.any', 'en')}: coverage per department"
    )
    shot(dashboard, "gespreksdekking-en-hr", *PARTS)
    overall = fmt_percent(0.9, "en")
    show(dashboard, "overzicht")
    wait_for_tile(
        dashboard,
        "coverage_any",
        dashboard.inner_text(".pop-kpi-coverage_any .pop-kpi-value").strip(),
    )
    assert f"Target {overall}" in dashboard.inner_text(".pop-kpi-coverage_development")
    shot(dashboard, "overzicht-en-hr")
