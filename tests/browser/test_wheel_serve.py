"""`pip install popanalytics` gives a `serve` that starts: the wheel, installed into a
fresh virtual environment outside the checkout, serves the dashboard on the demo
workbook it ships (notebook and workbook are package data).

Slow (~1 min: the fresh environment installs every dependency with constraints.txt).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from support.launch import ROOT, free_port, running

from popanalytics.dashboard.sources import demo_path
from popanalytics.dataset import load
from popanalytics.i18n import fmt_percent
from popanalytics.metrics import figures
from popanalytics.metrics.params import Params

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REFERENCE_DATE = "2026-11-15"
TILE = ".pop-kpi-coverage_any .pop-kpi-value"
SHIPPED = ("popanalytics/dashboard/notebook/dashboard.ipynb", "popanalytics/demo/demo.xlsx")


def _run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(c) for c in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _outside_env() -> dict[str, str]:
    """The environment without anything pointing back at the checkout or its venv."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the sources (no stale build/ of the checkout)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "popanalytics",
        source / "popanalytics",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    dist = work / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", dist, source, cwd=work)
    (built,) = dist.glob("popanalytics-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment in tmp with the wheel installed; its bin folder."""
    venv = tmp_path_factory.mktemp("venv") / "venv"
    env = _outside_env()
    _run(sys.executable, "-m", "venv", venv, cwd=venv.parent, env=env)
    bin_dir = venv / "bin"
    _run(
        bin_dir / "python",
        "-m",
        "pip",
        "install",
        "-q",
        "-c",
        ROOT / "constraints.txt",
        wheel,
        cwd=venv.parent,
        env=env,
    )
    return bin_dir


def test_the_wheel_ships_the_notebook_and_the_demo_workbook_but_no_test_harness(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for shipped in SHIPPED:
        assert shipped in names
    # the tests' server launcher (tests/support/launch.py) stays out; `popanalytics hub`'s
    # own popanalytics/hub/launch.py is product code and ships
    harness = [n for n in names if n.endswith("launch.py") and n != "popanalytics/hub/launch.py"]
    assert not harness
    assert not [n for n in names if n.startswith("support/")]


def test_the_installed_package_finds_its_files_outside_the_checkout(installed):
    code = (
        "import json; from popanalytics.dashboard.server import notebook_path; "
        "from popanalytics.demo import demo_workbook_path; "
        "print(json.dumps([str(notebook_path()), str(demo_workbook_path())]))"
    )
    paths = json.loads(
        _run(installed / "python", "-c", code, cwd=installed.parent, env=_outside_env())
    )
    for path in map(Path, paths):
        assert path.is_file()
        assert path.is_relative_to(installed.parent)
        assert not path.resolve().is_relative_to(ROOT)


@pytest.fixture(scope="module")
def installed_server(installed: Path) -> Iterator[str]:
    port = free_port()
    command = [
        str(installed / "popanalytics"),
        "serve",
        "--port",
        str(port),
        "--reference-date",
        REFERENCE_DATE,
    ]
    log_path = installed.parent / "voila.log"
    with (
        open(log_path, "wb") as log,
        running(command, port, cwd=installed.parent, env=_outside_env(), output=log, timeout=60),
    ):
        yield f"http://127.0.0.1:{port}/"


def test_serve_from_the_installed_wheel_shows_the_tiles_of_the_shipped_demo(
    installed_server: str, browser: Browser
):
    loaded = load([demo_path()])
    frame = figures(loaded.dataset, Params(reference_date=dt.date.fromisoformat(REFERENCE_DATE)))
    row = frame[
        (frame["metric"] == "coverage_any")
        & (frame["group"] == "all")
        & frame["breakdown_field"].isna()
    ].iloc[0]
    context = browser.new_context(viewport={"width": 1400, "height": 1600}, locale="nl-BE")
    try:
        page = context.new_page()
        page.goto(installed_server, timeout=120_000, wait_until="commit")
        page.wait_for_selector(TILE, state="visible", timeout=120_000)
        assert page.inner_text(TILE).strip() == fmt_percent(row["rate"], "nl")
    finally:
        context.close()
