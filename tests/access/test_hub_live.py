"""A real JupyterHub on the demo data: log in through the hub's form in Chromium as
each role and look at what each sees; the API, the kernel websocket and other
users' servers refused. Screenshots in artifacts/screenshots/hub-*.png."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import re
import uuid
from pathlib import Path

import openpyxl
import pandas as pd
import psutil
import pytest
from access_helpers import DEMO, REFERENCE_DATE, ROOT
from conftest import GUEST, PASSWORD, Hub
from playwright.sync_api import Browser, Page
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from popanalytics import charts
from popanalytics.access import apply_scope, read_roles
from popanalytics.dashboard.components import kpi_value_text
from popanalytics.dataset import load
from popanalytics.metrics.catalogue import HEADLINE_METRICS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
FIRST_LOAD_MS = 240_000
TILES = ("coverage_development", "coverage_any", "agreements_completion", "agreements_overdue")


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return load([DEMO]).dataset.employees


@pytest.fixture(scope="module")
def roles():
    return read_roles(ROOT / "deploy" / "demo" / "roles.toml")


def log_in(browser: Browser, hub: Hub, user: str) -> Page:
    """Chromium through the hub's own log-in form, until the user's page has drawn."""
    context = browser.new_context(viewport={"width": 1400, "height": 1600}, locale="nl-BE")
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{hub.url}/hub/login", wait_until="commit")
    page.fill("#username_input", user)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    page.wait_for_url(re.compile(rf".*/user/{user}/.*"), timeout=FIRST_LOAD_MS, wait_until="commit")
    page.wait_for_selector(".pop-app", timeout=FIRST_LOAD_MS)
    return page


def show(page: Page, view: str) -> None:
    page.click(f".pop-nav-{view}")
    page.wait_for_selector(f".pop-nav-{view}.pop-nav-active")
    page.wait_for_selector(f".pop-view-{view}:not(.pop-busy)", state="visible")
    page.wait_for_timeout(300)


# every text node on its own line (SVG chart labels, hidden elements and scripts included;
# adjacent cells' text would otherwise run together) and every attribute value
DOM_TEXT = """() => {
    const parts = [];
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) parts.push(walker.currentNode.nodeValue);
    for (const el of document.querySelectorAll('*'))
        for (const a of el.attributes) parts.push(a.value);
    return parts.join('\\n');
}"""


def visit_every_view(page: Page, views: tuple[str, ...], suffix: str) -> str:
    """Every view drawn once; the DOM's text and attributes of all of them together."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    seen = []
    for view in views:
        show(page, view)
        page.screenshot(path=str(SCREENSHOTS / f"hub-{suffix}-{view}.png"), full_page=True)
        seen.append(page.evaluate(DOM_TEXT))
    show(page, views[0])
    return "\n".join(seen)


NAV_VIEWS = """() => [...document.querySelectorAll('.pop-nav-button')]
    .filter(b => b.offsetParent !== null)
    .map(b => [...b.classList].find(c => c.startsWith('pop-nav-') && c !== 'pop-nav-button'
                                      && c !== 'pop-nav-active').slice('pop-nav-'.length))"""


def offered_views(page: Page) -> tuple[str, ...]:
    """The views the page offers (visible navigation buttons), in order."""
    return tuple(page.evaluate(NAV_VIEWS))


def found(tokens, text: str) -> set[str]:
    """The tokens that occur in ``text`` as whole words/numbers (an id 00104 is not
    part of 0.00104), in one pass over the text."""
    tokens = sorted({str(t) for t in tokens if str(t)}, key=len, reverse=True)
    if not tokens:
        return set()
    pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, tokens)) + r")(?!\w)")
    return set(pattern.findall(text))


def tile(page: Page, metric: str) -> str:
    return page.inner_text(f".pop-kpi-{metric} .pop-kpi-value").strip()


# --- the servers: loopback only, no Jupyter API, no code, no one else's server ----------


def test_every_process_of_the_hub_listens_on_loopback_only(hub: Hub, logged_in):
    logged_in("hr")  # a user's server is running too
    pids = {hub.proc.pid, *(p.pid for p in psutil.Process(hub.proc.pid).children(recursive=True))}
    listening = [
        c for c in psutil.net_connections("tcp") if c.status == psutil.CONN_LISTEN and c.pid in pids
    ]
    assert len(listening) >= 4  # proxy, proxy API, hub, a user's Voilà
    assert {c.laddr.ip for c in listening} <= {"127.0.0.1", "::1"}


@pytest.mark.parametrize(
    "path", ["api/contents", "api/kernels", "api/sessions", "tree", "terminals", "api/terminals",
             "api/kernelspecs", "lab", "files/etc/passwd", "voila/files/etc/passwd"],
)  # fmt: skip
def test_the_jupyter_api_is_refused_even_to_the_logged_in_owner(hub: Hub, logged_in, path: str):
    session, _ = logged_in("hr")
    answer = session.get(f"{hub.url}/user/hr/{path}", timeout=60)
    assert answer.status_code in (403, 404), (path, answer.status_code, answer.url)
    assert "application/json" not in answer.headers.get("content-type", "")


def test_one_user_cannot_open_another_users_server(hub: Hub, logged_in):
    logged_in("directie")
    hr, _ = logged_in("hr")
    # with hr's own cookies, the management user's running server refuses
    answer = hr.get(f"{hub.url}/user/directie/", timeout=60)
    assert answer.status_code == 403 or "/hub/" in answer.url, answer.url
    assert "pop-app" not in answer.text and "kernelId" not in answer.text


async def _websocket(hub: Hub, user: str, kernel: str, cookie: str | None):
    url = f"{hub.url.replace('http', 'ws')}/user/{user}/api/kernels/{kernel}/channels?session_id={uuid.uuid4()}"
    headers = {"Origin": hub.url} | ({"Cookie": cookie} if cookie else {})
    try:
        request = HTTPRequest(url, headers=headers, connect_timeout=30, request_timeout=60)
        return 101, await asyncio.wait_for(websocket_connect(request), 90)
    except HTTPClientError as exc:
        return exc.code, None


def _cookies(session) -> str:
    return "; ".join(f"{c.name}={c.value}" for c in session.cookies)


def test_the_kernel_websocket_needs_the_owners_cookie_and_executes_no_code(
    hub: Hub, logged_in, tmp_path: Path
):
    hr, page = logged_in("hr")
    kernel = re.search(r'"kernelId": "([0-9a-f-]+)"', page)
    assert kernel is not None
    other, _ = logged_in("directie")
    marker = tmp_path / "executed"

    async def probe():
        assert (await _websocket(hub, "hr", kernel.group(1), None))[0] in (302, 401, 403)
        assert (await _websocket(hub, "hr", kernel.group(1), _cookies(other)))[0] in (302, 401, 403)
        code, conn = await _websocket(hub, "hr", kernel.group(1), _cookies(hr))
        assert code == 101 and conn is not None
        header = {"msg_id": uuid.uuid4().hex, "msg_type": "execute_request", "session": uuid.uuid4().hex,
                  "username": "hr", "date": "2026-12-02T00:00:00Z", "version": "5.3"}  # fmt: skip
        content = {"code": f"open({str(marker)!r}, 'w').write('x')", "silent": False,
                   "store_history": False, "user_expressions": {}, "allow_stdin": False}  # fmt: skip
        await conn.write_message(json.dumps(
            {"header": header, "parent_header": {}, "metadata": {}, "content": content, "channel": "shell"}
        ))  # fmt: skip
        await asyncio.sleep(5)
        conn.close()

    asyncio.run(probe())
    assert not marker.exists()


# --- what each role sees, logged in through the hub's form in Chromium --------------------


def test_hr_sees_names_and_every_department(browser: Browser, hub: Hub, demo: pd.DataFrame):
    page = log_in(browser, hub, "hr")
    page.wait_for_selector(".pop-kpi-coverage_any .pop-kpi-value", timeout=FIRST_LOAD_MS)
    departments = page.eval_on_selector_all(
        ".pop-filter-department option", "els => els.map(e => e.textContent)"
    )
    # ipywidgets writes the spaces of an option as non-breaking ones
    assert set(demo["department"].unique()) <= {d.replace("\xa0", " ") for d in departments}
    assert page.is_visible(".pop-filter-audience")
    show(page, "opvolging")
    page.wait_for_selector(".pop-overdue-table tbody tr")
    text = page.inner_text(".pop-overdue-table")
    assert any(name in text for name in demo["name"])
    visit_every_view(page, ("overzicht", "opvolging", "datakwaliteit"), "hr")
    page.context.close()


def test_management_sees_no_name_or_id_anywhere_and_no_audience_switch(
    browser: Browser, hub: Hub, demo: pd.DataFrame
):
    page = log_in(browser, hub, "directie")
    page.wait_for_selector(".pop-kpi-coverage_any .pop-kpi-value", timeout=FIRST_LOAD_MS)
    assert not page.is_visible(".pop-filter-audience")
    assert not page.is_visible(".pop-nav-datakwaliteit")
    # a team small enough to be suppressed shows "< 5"
    small = sorted(demo["team"].value_counts()[lambda n: n < 5].index)
    if small:
        page.select_option(".pop-filter-team select", label=small[0])
        page.wait_for_function(
            "() => document.querySelector('.pop-kpi-coverage_any .pop-kpi-value').textContent.trim() === '< 5'",
            timeout=60_000,
        )
    else:
        pytest.fail("the demo data has no team under 5 people")
    page.select_option(".pop-filter-team select", index=0)
    views = offered_views(page)
    assert "datakwaliteit" not in views and "overzicht" in views
    dom = visit_every_view(page, views, "management")
    assert found(demo["name"].dropna(), dom) == set()
    assert found(demo["employee_id"], dom) == set()
    page.context.close()


def test_a_manager_sees_their_team_only_and_tiles_equal_the_cli(
    browser: Browser, hub: Hub, demo: pd.DataFrame, roles
):
    import subprocess
    import sys

    cli = subprocess.run(
        [sys.executable, "-m", "popanalytics.cli", "metrics", str(DEMO), "--filter",
         "manager_id=00104", "--reference-date", REFERENCE_DATE, "--json"],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    expected = pd.DataFrame(json.loads(cli.stdout)["figures"])
    scoped = apply_scope(load([DEMO]).dataset, roles["leidinggevende"])
    assert scoped.indirect is not None
    allowed = set(scoped.dataset.employees["name"]) | set(scoped.indirect.employees["name"])
    allowed |= set(demo.loc[demo["employee_id"] == "00104", "name"])  # the manager themself

    page = log_in(browser, hub, "leidinggevende")
    page.wait_for_selector(".pop-kpi-coverage_any .pop-kpi-value", timeout=FIRST_LOAD_MS)
    for metric in (m for m in HEADLINE_METRICS if m in TILES):
        assert tile(page, metric) == kpi_value_text(charts.total_row(expected, metric), "nl", 5)
    assert not page.is_visible(".pop-filter-audience")
    views = offered_views(page)
    assert "team" in views and "datakwaliteit" not in views
    dom = visit_every_view(page, views, "manager")
    assert found(set(demo["name"].dropna()) - allowed, dom) == set()
    assert found(scoped.indirect.employees["name"], dom)

    # the export from the page carries the same scope
    show(page, "export")
    page.click(".pop-export-button")
    link = page.wait_for_selector(".pop-export-link a.pop-download", timeout=120_000)
    assert link is not None
    href = link.get_attribute("href") or ""
    workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(href.split(",", 1)[1])))
    cells = {str(c.value) for ws in workbook for row in ws.iter_rows() for c in row if c.value}
    assert not [n for n in demo["name"].dropna() if n not in allowed and n in cells]
    assert set(scoped.dataset.employees["name"]) & cells  # the team's own names are there
    page.context.close()

    lines = [json.loads(line) for line in hub.audit_log.read_text().splitlines()]
    exports = [e for e in lines if e["action"] == "export"]
    assert exports and exports[-1]["user"] == "leidinggevende"
    assert exports[-1]["scope"] == {"manager_id": "00104"}
    assert {"login", "spawn", "open"} <= {e["action"] for e in lines}


def test_a_user_unknown_to_the_roles_file_sees_no_data(
    browser: Browser, hub: Hub, demo: pd.DataFrame
):
    page = log_in(browser, hub, GUEST)
    page.wait_for_selector(".pop-error", timeout=FIRST_LOAD_MS)
    assert "HR" in page.inner_text(".pop-error")
    assert page.query_selector(".pop-kpi") is None or not page.is_visible(".pop-kpi")
    dom = page.evaluate(DOM_TEXT)
    assert found(demo["name"].dropna(), dom) == set()
    page.screenshot(path=str(SCREENSHOTS / "hub-unknown-user.png"), full_page=True)
    page.context.close()
