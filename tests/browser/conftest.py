"""A real `popanalytics serve` and one Chromium page shared by the browser tests.

Every Voilà page view starts a kernel (~10 s on 2 cores), so the tests share
one server and one page, in file order.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
REFERENCE_DATE = "2026-11-15"  # the demo organisation's "today": figures do not move with the clock
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FIRST_LOAD_MS = 120_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"popanalytics serve exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port}")


def popanalytics_command() -> list[str]:
    script = Path(sys.executable).parent / "popanalytics"
    return [str(script)] if script.exists() else [sys.executable, "-m", "popanalytics.cli"]


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    port = free_port()
    (ROOT / "artifacts").mkdir(exist_ok=True)
    log = open(ROOT / "artifacts" / "voila.log", "w")  # noqa: SIM115 - open for the server's lifetime
    proc = subprocess.Popen(
        [*popanalytics_command(), "serve", "--port", str(port), "--reference-date", REFERENCE_DATE],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


@pytest.fixture(scope="session")
def reference_date() -> dt.date:
    return dt.date.fromisoformat(REFERENCE_DATE)


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


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
