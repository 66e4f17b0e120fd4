"""Dashboard timings in headless Chromium: first paint and filter round trip.

Prints, in seconds from server start to visible content: a bare one-cell Voilà
notebook (the floor), `popanalytics serve` on the demo data, and on a
50,000-employee workbook (made once, cached under bench/.cache/); then the
median milliseconds from a department change to the updated KPI tile at
50,000 employees. Goals: first paint ≤ 2 × the bare notebook; filter → tile
≤ 300 ms.

Run: .venv/bin/python bench/dashboard.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, demo_workbook
from playwright.sync_api import Browser, Page, sync_playwright

sys.path.insert(0, str(ROOT / "tests"))  # the server launcher the browser tests use
from support.launch import (
    CHROMIUM,
    CHROMIUM_ARGS,
    free_port,
    running,
    serve_command,
)

BIN = Path(sys.executable).parent
TILE = ".pop-kpi-coverage_any .pop-kpi-value"
REFERENCE_DATE = "2026-11-15"
BARE_TEXT = "bare notebook ready"

# In the page: change the department <select>, resolve with the milliseconds
# until the coverage tile's text changes (null after 20 s).
ROUND_TRIP_JS = """
([label]) => new Promise(resolve => {
    const select = document.querySelector('.pop-filter-department select');
    // the tile's inner HTML is replaced on update: watch the tile, re-read its value
    const tile = document.querySelector('.pop-kpi-coverage_any');
    const value = () => tile.querySelector('.pop-kpi-value').textContent;
    const before = value();
    const option = [...select.options].find(o => o.textContent === label);
    const start = performance.now();
    const observer = new MutationObserver(() => {
        if (value() !== before) { observer.disconnect(); resolve(performance.now() - start); }
    });
    observer.observe(tile, {childList: true, subtree: true, characterData: true});
    setTimeout(() => { observer.disconnect(); resolve(null); }, 20000);
    select.value = option.value;
    select.dispatchEvent(new Event('change', {bubbles: true}));
})
"""


def first_paint(page: Page, url: str, selector: str, start: float) -> float:
    page.goto(url, wait_until="commit", timeout=300_000)
    try:
        page.wait_for_selector(selector, timeout=180_000)
    except Exception:
        print(
            "page never showed",
            selector,
            "- it shows:",
            page.inner_text("body")[:800],
            file=sys.stderr,
        )
        raise
    return time.perf_counter() - start


def bare_notebook(folder: Path) -> Path:
    path = folder / "bare.ipynb"
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": "bare",
                "metadata": {},
                "outputs": [],
                "source": [f"print({BARE_TEXT!r})"],
            }
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(notebook))
    return path


def round_trips(page: Page, rounds: int) -> tuple[list[float], list[float]]:
    """Milliseconds per department change: to a department not shown before (figures
    computed) and back to "all" (figures from the state's cache)."""
    labels = page.eval_on_selector_all(
        ".pop-filter-department select option", "els => els.map(e => e.textContent)"
    )
    departments = labels[1:]
    fresh: list[float] = []
    cached: list[float] = []
    for i in range(rounds):
        new = i % 2 == 0
        label = departments[(i // 2) % len(departments)] if new else labels[0]
        elapsed = page.evaluate(ROUND_TRIP_JS, [label])
        if elapsed is not None:
            (fresh if new and i // 2 < len(departments) else cached).append(float(elapsed))
        page.wait_for_timeout(300)  # let the rest of the view (deltas, chart) settle
    return fresh, cached


def measure(
    url: str, selector: str, start: float, browser: Browser, keep: bool = False
) -> tuple[float, Page | None]:
    """Seconds from ``start`` until ``selector`` shows in a fresh page (closed unless ``keep``)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    seconds = first_paint(page, url, selector, start)
    if keep:
        return seconds, page
    page.close()
    return seconds, None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds", type=int, default=12, help="filter changes to time (default 12)"
    )
    parser.add_argument("--employees", type=int, default=50_000, help="size of the large workbook")
    args = parser.parse_args()
    big = demo_workbook(args.employees)
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        port = free_port()
        start = time.perf_counter()
        with running(serve_command(port, reference_date=REFERENCE_DATE), port):
            demo, _ = measure(f"http://127.0.0.1:{port}/", TILE, start, browser)
        port = free_port()
        start = time.perf_counter()
        with running(serve_command(port, big, reference_date=REFERENCE_DATE), port):
            large, tab = measure(f"http://127.0.0.1:{port}/", TILE, start, browser, keep=True)
            assert tab is not None
            fresh, cached = round_trips(tab, args.rounds)
            tab.close()
        port = free_port()
        bare_command = [
            str(BIN / "voila"),
            str(bare_notebook(Path(tmp))),
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
        ]
        start = time.perf_counter()
        with running(bare_command, port):
            bare, _ = measure(f"http://127.0.0.1:{port}/", f"text={BARE_TEXT}", start, browser)
        browser.close()
    rows = [
        ("bare Voilà notebook (floor)", f"{bare:.1f} s"),
        ("popanalytics serve, demo (300)", f"{demo:.1f} s  ({demo / bare:.1f} × floor)"),
        (
            f"popanalytics serve, {args.employees:,} employees",
            f"{large:.1f} s  ({large / bare:.1f} × floor)",
        ),
    ]
    for name, times in (
        ("new filter, figures computed", fresh),
        ("earlier filter, from cache", cached),
    ):
        if times:
            rows.append(
                (
                    f"filter → tile at {args.employees:,}: {name} (median of {len(times)})",
                    f"{statistics.median(times):.0f} ms  (min {min(times):.0f}, max {max(times):.0f})",
                )
            )
    width = max(len(name) for name, _ in rows)
    print(f"{'measure'.ljust(width)}  value")
    print(f"{'-' * width}  {'-' * 30}")
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
