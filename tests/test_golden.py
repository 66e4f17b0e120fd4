"""Refactors leave every figure and every workbook cell as they were.

The golden files under tests/data/golden/ hold the JSON of `popanalytics metrics`
and the cell values of the overview workbook on the demo data (hr and management).
When a change of figures is intended, regenerate them with
``python tests/data/golden/make_golden.py`` and commit them with that change.
"""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"


def _make_golden() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_golden", GOLDEN / "make_golden.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_golden = _make_golden()


def _first_difference(expected: str, actual: str) -> str:
    diff = difflib.unified_diff(
        expected.splitlines(), actual.splitlines(), "golden", "now", n=1, lineterm=""
    )
    return "\n".join(list(diff)[:40])


GOLDEN_OF = {
    "metrics": make_golden.metrics_golden,  # the JSON of `popanalytics metrics --json`
    "overview": make_golden.overview_golden,  # the cells of the overview workbook
}


@pytest.mark.parametrize("audience", make_golden.AUDIENCES)
@pytest.mark.parametrize("kind", list(GOLDEN_OF))
def test_figures_and_workbook_cells_on_the_demo_are_unchanged(kind, audience):
    name = f"{kind}_{audience}.json"
    actual = make_golden.dumps(GOLDEN_OF[kind](audience))
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert actual == expected, f"{name} changed:\n{_first_difference(expected, actual)}"
