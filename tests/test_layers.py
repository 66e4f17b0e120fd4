"""The layer contract in pyproject.toml holds, and it does catch a back-edge.

`make lint` runs import-linter on the package; this test proves the contract is
not one that can't fail: a copy of the package with one import pointing up a
layer (io importing metrics) breaks it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=package_parent,
        env=env,
        timeout=120,
        check=False,
    )


def test_the_package_keeps_its_layer_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_import_up_a_layer_breaks_the_contract(tmp_path):
    copy = tmp_path / "popanalytics"
    shutil.copytree(ROOT / "popanalytics", copy, ignore=shutil.ignore_patterns("__pycache__"))
    with (copy / "io" / "raw.py").open("a", encoding="utf-8") as f:
        f.write("\nfrom popanalytics.metrics import params  # noqa: E402,F401\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "popanalytics.io.raw -> popanalytics.metrics.params" in result.stdout
