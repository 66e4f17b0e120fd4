"""20 users logging in at once through JupyterHub on a 5,000-employee data set.

Starts `popanalytics hub` (dummy authenticator, 127.0.0.1) on a store imported
from a cached demo workbook of 5,000 employees (bench/.cache/; `--files` serves
the workbook itself) with 20 users in a roles file — a mix of hr, management
and managers. One user logs in alone first (the floor: one page on an idle
hub), then all the others at the same time through the hub's log-in form, one
Chromium context each. Prints the seconds
from submitting the form until the user's KPI tiles are visible (median, max)
and the memory of all server processes together (hub, proxy, culler, every
user's Voilà and kernel; resident set, MiB) once every user sees their tiles.
Goal on a 2-core machine: all 20 within 60 s, under 8 GB.

Run: .venv/bin/python bench/hub.py [--users 20] [--employees 5000] [--files]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import suppress
from pathlib import Path

import psutil
from _common import ROOT, demo_workbook
from playwright.async_api import Browser, async_playwright

sys.path.insert(0, str(ROOT / "tests"))  # the server launcher the browser tests use
from support.launch import CHROMIUM, CHROMIUM_ARGS, free_port

from popanalytics.dataset import load

TILE = ".pop-kpi-coverage_any .pop-kpi-value"
PASSWORD = "bench-password-1"
REFERENCE_DATE = "2026-11-15"
ROOT = Path(__file__).resolve().parents[1]


def roles_file(data: Path, users: int, target: Path) -> list[str]:
    """hr, management and (most of the users) managers with the largest teams."""
    employees = load([data]).dataset.employees
    managers = employees["manager_id"].value_counts().index.tolist()
    names, lines = [], []
    for i in range(users):
        name = f"user{i:02d}"
        if i % 5 == 0:
            lines.append(f'[[users]]\nname = "{name}"\nrole = "hr"\n')
        elif i % 5 == 1:
            lines.append(f'[[users]]\nname = "{name}"\nrole = "management"\n')
        else:
            manager = managers[i % len(managers)]
            lines.append(
                f'[[users]]\nname = "{name}"\nrole = "manager"\nmanager_id = "{manager}"\n'
            )
        names.append(name)
    target.write_text("\n".join(lines), encoding="utf-8")
    return names


async def one_user(browser: Browser, url: str, user: str) -> float:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(600_000)  # 20 servers starting at once on 2 cores
    await page.goto(f"{url}/hub/login", wait_until="commit")
    await page.fill("#username_input", user)
    await page.fill("#password_input", PASSWORD)
    start = time.perf_counter()
    await page.click("#login_submit", no_wait_after=True)
    # the hub's "server starting" page moves on by itself through an event stream,
    # which 20 starts at once on 2 cores sometimes lose: reload it, as a user would
    deadline = time.monotonic() + 600
    while f"/user/{user}/" not in page.url and time.monotonic() < deadline:
        await asyncio.sleep(5)
        if "spawn-pending" in page.url:
            await page.goto(f"{url}/hub/spawn-pending/{user}", wait_until="commit")
    await page.wait_for_selector(TILE, timeout=600_000)
    seconds = time.perf_counter() - start
    return seconds


def server_memory_mib(pid: int) -> float:
    procs = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
    total = 0
    for p in procs:
        with suppress(psutil.NoSuchProcess):
            total += p.memory_info().rss
    return total / 2**20


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--files", action="store_true", help="serve the workbook, not a store")
    args = parser.parse_args()

    data = demo_workbook(args.employees)
    work = Path(tempfile.mkdtemp(prefix="bench-hub-"))
    users = roles_file(data, args.users + 1, work / "roles.toml")
    source = [str(data)]
    if not args.files:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "popanalytics.cli", "import", str(data), "--store",
             str(work / "store")], cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        print(f"import into the store: {time.perf_counter() - start:.1f} s")
        source = ["--store", str(work / "store")]
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ, POPANALYTICS_HUB_PASSWORD=PASSWORD)
    log = open(work / "hub.log", "wb")  # noqa: SIM115
    command = [sys.executable, "-m", "popanalytics.cli", "hub", *source, "--roles",
               str(work / "roles.toml"), "--authenticator", "dummy", "--port", str(port),
               "--state", str(work / "state"), "--reference-date", REFERENCE_DATE]  # fmt: skip
    hub = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    try:
        import requests

        for _ in range(240):
            with suppress(requests.ConnectionError):
                if requests.get(f"{url}/hub/login", timeout=5).status_code == 200:
                    break
            await asyncio.sleep(0.5)
        load_start = os.getloadavg()[0]
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
            alone = await one_user(browser, url, users[0])
            start = time.perf_counter()
            seconds = await asyncio.gather(*(one_user(browser, url, u) for u in users[1:]))
            wall = time.perf_counter() - start
            memory = server_memory_mib(hub.pid)
            await browser.close()
        print(
            f"{args.employees} employees from {'the workbook' if args.files else 'a store'},"
            f" {os.cpu_count()} cores, load average at the start {load_start:.1f}"
        )
        print(f"  one user alone (floor): log-in to tiles {alone:.1f} s")
        print(f"  {args.users} users at once:")
        print(f"    log-in to tiles: median {statistics.median(seconds):.1f} s, max {max(seconds):.1f} s"
              f" (all within {wall:.1f} s)")  # fmt: skip
        print(f"    memory of the hub, proxy and every user's server and kernel: {memory:.0f} MiB")
        print(f"  load average at the end: {os.getloadavg()[0]:.1f}")
    finally:
        spawned = [p.pid for p in psutil.Process(hub.pid).children(recursive=True)]
        hub.send_signal(signal.SIGTERM)
        try:
            hub.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(hub.pid, signal.SIGKILL)
        for pid in spawned:
            with suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        log.close()


if __name__ == "__main__":
    asyncio.run(main())
