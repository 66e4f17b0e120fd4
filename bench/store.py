"""Import once, serve many: the snapshot store against reading the workbook.

Prints, side by side in one run, at 5,000 and 50,000 employees (demo exports
made once and cached under bench/.cache/): import seconds; opening the
snapshot vs reading and validating the xlsx; first paint (server start to the
KPI tiles) from the store vs from the xlsx vs a bare Voilà notebook; the
page's kernel RSS after first paint; and N simultaneous page opens on the
5,000-employee store (seconds until the last page shows its tiles, total
memory of Voilà and its kernels), plain and with preheated kernels.

Goals on a 2-core machine: opening a 50k snapshot ≤ 5 % of the xlsx read;
first paint at 50k ≤ 1.3 × the bare notebook; kernel RSS at 50k ≤ 350 MiB;
20 simultaneous opens at 5k all showing tiles within 45 s.

Run: .venv/bin/python bench/store.py [--sizes 5000 50000] [--crowds 10 20] [--pool 4]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import CACHE, ROOT, demo_workbook
from dashboard import BARE_TEXT, TILE, bare_notebook, measure
from playwright.async_api import TimeoutError as PlaywrightTimeout
from playwright.async_api import async_playwright
from playwright.sync_api import Browser, sync_playwright

sys.path.insert(0, str(ROOT / "tests"))  # the server launcher the browser tests use
from support.launch import CHROMIUM, CHROMIUM_ARGS, free_port, running, serve_command

from popanalytics.dashboard.server import notebook_path, serve_environment, voila_command

BIN = Path(sys.executable).parent
REFERENCE_DATE = "2026-11-15"

# Opening a snapshot and reading the workbook, in a fresh interpreter each, so
# that neither profits from the other's imports or caches.
OPEN_SNIPPET = """
import json, sys, time
t0 = time.perf_counter()
from popanalytics.dataset import load_snapshot
t1 = time.perf_counter()
load_snapshot(sys.argv[1])
cold = time.perf_counter() - t1
warm = []
for _ in range(3):
    t = time.perf_counter(); load_snapshot(sys.argv[1]); warm.append(time.perf_counter() - t)
print(json.dumps({"import": t1 - t0, "cold": cold, "warm": sorted(warm)[1]}))
"""
READ_SNIPPET = """
import json, sys, time
from popanalytics.dataset import load
t = time.perf_counter(); load([sys.argv[1]]); print(json.dumps({"read": time.perf_counter() - t}))
"""


def python_json(snippet: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", snippet, *args], capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def import_store(workbook: Path, store: Path) -> float:
    """Seconds for `popanalytics import` into a new store (a fresh process)."""
    shutil.rmtree(store, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "popanalytics.cli", "import", str(workbook), "--store", str(store)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


# --- processes and memory -------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def descendants(pid: int) -> list[int]:
    tree, out, todo = _children(), [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo.extend(tree.get(current, []))
    return out


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def is_kernel(pid: int) -> bool:
    try:
        return b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def kernels(server: int) -> list[int]:
    return [p for p in descendants(server) if is_kernel(p)]


def total_rss(server: int) -> float:
    return sum(rss_mib(p) for p in descendants(server))


# --- pages -----------------------------------------------------------------------------


Command = Callable[[int], list[str]]


def first_paint(command: Command, browser: Browser, selector: str = TILE) -> tuple[float, float]:
    """Seconds from server start to ``selector`` in a new page, and the page's kernel RSS."""
    port = free_port()
    start = time.perf_counter()
    with running(command(port), port) as proc:
        seconds, page = measure(f"http://127.0.0.1:{port}/", selector, start, browser, keep=True)
        time.sleep(1.0)  # let the kernel finish what the page asked for
        rss = max((rss_mib(k) for k in kernels(proc.pid)), default=0.0)
        assert page is not None
        page.close()
    return seconds, rss


async def open_pages(url: str, count: int, timeout_ms: int = 180_000) -> list[float | None]:
    """Open ``count`` pages at once; seconds until each shows its tiles (None: not
    within ``timeout_ms``, e.g. Voilà's error page when a kernel did not start)."""
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        start = time.perf_counter()

        async def one() -> float | None:
            page = await browser.new_page(viewport={"width": 1400, "height": 1000})
            try:
                await page.goto(url, wait_until="commit", timeout=timeout_ms)
                await page.wait_for_selector(TILE, timeout=timeout_ms)
            except PlaywrightTimeout:
                return None
            return time.perf_counter() - start

        times = await asyncio.gather(*(one() for _ in range(count)))
        await browser.close()
    return list(times)


def crowd(command: Command, count: int, pool: int = 0) -> str:
    """``count`` simultaneous opens on a fresh server: how many showed their tiles,
    seconds until the last and the median of those, and the MiB of Voilà and its
    kernels right after."""
    port = free_port()
    with running(command(port), port) as proc:
        if pool:
            # the pool fills in the background after start: wait for it, as a
            # server that has been up a while would have it
            deadline = time.monotonic() + 240
            while len(kernels(proc.pid)) < pool and time.monotonic() < deadline:
                time.sleep(0.5)
            time.sleep(20)  # its kernels run the notebook before they are handed out
        times = asyncio.run(open_pages(f"http://127.0.0.1:{port}/", count))
        memory = total_rss(proc.pid)
    shown = sorted(t for t in times if t is not None)
    if not shown:
        return f"0/{count} showed tiles within 180 s, {memory:.0f} MiB"
    return (
        f"{len(shown)}/{count} showed tiles; last {shown[-1]:.1f} s, "
        f"median {shown[len(shown) // 2]:.1f} s, {memory:.0f} MiB"
    )


def serve_store(store: Path, max_kernels: int = 24) -> Command:
    """`popanalytics serve --store` as a user runs it (room for a crowd of pages)."""
    return lambda port: [
        *serve_command(port, reference_date=REFERENCE_DATE),
        "--store",
        str(store),
        "--max-kernels",
        str(max_kernels),
    ]


def serve_preheated(store: Path, pool: int, max_kernels: int = 24) -> Command:
    """Voilà as `popanalytics serve --store` runs it (same command line and
    environment), plus a pool of preheated kernels: the notebook reads nothing
    per user, so a pooled kernel can open the snapshot before any request."""
    env = serve_environment(
        [], mapping=None, cycle=None, reference_date=None, lang="nl", store=str(store)
    )
    env["POPANALYTICS_REFERENCE_DATE"] = REFERENCE_DATE
    assignments = [f"{k}={v}" for k, v in env.items()]
    return lambda port: [
        "/usr/bin/env",
        "-C",
        str(notebook_path().parent),
        *assignments,
        *voila_command(port, "127.0.0.1", max_kernels=max_kernels),
        "--preheat_kernel=True",
        f"--pool_size={pool}",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 50_000])
    parser.add_argument("--crowds", type=int, nargs="*", default=[10, 20])
    parser.add_argument("--pool", type=int, default=4, help="preheated kernels (0: skip)")
    parser.add_argument("--skip-xlsx-paint", action="store_true", help="no first paint from xlsx")
    parser.add_argument(
        "--crowds-only", action="store_true", help="only the simultaneous opens (stores kept)"
    )
    args = parser.parse_args()
    rows: list[tuple[str, str]] = []
    stores: dict[int, Path] = {}

    def row(name: str, value: str) -> None:
        rows.append((name, value))
        print(f"{name}: {value}", file=sys.stderr, flush=True)

    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        notebook = bare_notebook(Path(tmp))

        def bare_paint() -> tuple[float, float]:
            return first_paint(
                lambda port: [
                    str(BIN / "voila"),
                    str(notebook),
                    "--no-browser",
                    f"--port={port}",
                    "--Voila.ip=127.0.0.1",
                ],
                browser,
                f"text={BARE_TEXT}",
            )

        for size in args.sizes:
            workbook = demo_workbook(size)
            store = CACHE / f"bench-store-{size}"
            stores[size] = store
            if args.crowds_only and store.exists():
                continue
            seconds = import_store(workbook, store)
            row(f"{size:,}: import (xlsx → snapshot, whole command)", f"{seconds:.1f} s")
            opened = python_json(OPEN_SNIPPET, str(store))
            read = python_json(READ_SNIPPET, str(workbook))["read"]
            row(
                f"{size:,}: open snapshot cold / warm vs read+validate xlsx",
                f"{opened['cold']:.2f} / {opened['warm']:.2f} s vs {read:.1f} s "
                f"({opened['cold'] / read:.1%} / {opened['warm'] / read:.1%})",
            )
            # the floor measured right before, so that both see the same machine load
            bare, bare_rss = bare_paint()
            row(
                f"{size:,}: bare Voilà notebook: first paint, kernel RSS",
                f"{bare:.1f} s, {bare_rss:.0f} MiB",
            )
            paint, rss = first_paint(serve_store(store), browser)
            row(
                f"{size:,}: first paint from the store (× bare), kernel RSS",
                f"{paint:.1f} s ({paint / bare:.2f} ×), {rss:.0f} MiB",
            )
            if not args.skip_xlsx_paint:
                paint_x, rss_x = first_paint(
                    lambda port, w=workbook: serve_command(port, w, reference_date=REFERENCE_DATE),
                    browser,
                )
                row(
                    f"{size:,}: first paint from the xlsx (× bare), kernel RSS",
                    f"{paint_x:.1f} s ({paint_x / bare:.2f} ×), {rss_x:.0f} MiB",
                )
        browser.close()
    crowd_size = min(args.sizes)
    store = stores[crowd_size]
    for count in args.crowds:
        row(
            f"{count} simultaneous opens, {crowd_size:,} store",
            crowd(serve_store(store), count),
        )
        if args.pool > 0:
            row(
                f"{count} simultaneous opens, {crowd_size:,} store, preheated pool of {args.pool}",
                crowd(serve_preheated(store, args.pool), count, args.pool),
            )
    width = max(len(name) for name, _ in rows)
    print(f"{'measure'.ljust(width)}  value")
    print(f"{'-' * width}  {'-' * 40}")
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
