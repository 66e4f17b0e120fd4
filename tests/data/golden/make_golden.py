"""Regenerate the golden files that pin what the refactors must not change.

Run ``python tests/data/golden/make_golden.py`` from the repository root when a
figure or a workbook cell changes *on purpose* (a new metric, a changed
definition, different suppression), and commit the new files with that change.
A refactor must leave them byte-identical: ``tests/test_golden.py`` fails
otherwise.

What is pinned, on data/demo.xlsx, cycle 2026, reference date 2026-06-30,
grouped by department, for the hr and the management audience:

- ``metrics_<audience>.json``: the JSON of ``popanalytics metrics --json``
  (figures as a header row and one array per figure, to keep the file compact);
- ``overview_<audience>.json``: the cell values of every sheet of the overview
  workbook (``popanalytics report``), the "generated on" date masked.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
DEMO = ROOT / "data" / "demo.xlsx"
AUDIENCES = ("hr", "management")
ARGS = ("--cycle", "2026", "--reference-date", "2026-06-30", "--group-by", "department")
GENERATED_MASK = "<generated>"


def metrics_golden(audience: str) -> dict[str, Any]:
    """`popanalytics metrics --json` on the demo, figures in a compact layout."""
    from popanalytics.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["metrics", str(DEMO), *ARGS, "--audience", audience, "--json"])
    if code != 0:
        raise RuntimeError(f"popanalytics metrics exited {code}")
    result = json.loads(out.getvalue())
    result["parameters"]["data"] = [Path(p).name for p in result["parameters"]["data"]]
    rows = result.pop("figures")
    columns = list(rows[0]) if rows else []
    result["columns"] = columns
    result["figures"] = [[row[c] for c in columns] for row in rows]
    return result


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def overview_golden(audience: str) -> dict[str, list[list[Any]]]:
    """The cell values of the overview workbook, sheet by sheet (trailing empties cut)."""
    from openpyxl import load_workbook

    from popanalytics.cli import main
    from popanalytics.i18n import t

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "overview.xlsx"
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["report", str(DEMO), *ARGS, "--audience", audience, "-o", str(path)])
        if code != 0:
            raise RuntimeError(f"popanalytics report exited {code}")
        book = load_workbook(path, read_only=True, data_only=True)
        generated = t("export.param.generated", "nl")
        sheets: dict[str, list[list[Any]]] = {}
        for ws in book.worksheets:
            rows = []
            for row in ws.iter_rows(values_only=True):
                cells = [_cell(v) for v in row]
                while cells and cells[-1] is None:
                    cells.pop()
                if len(cells) >= 3 and cells[1] == generated:
                    cells[2] = GENERATED_MASK
                rows.append(cells)
            while rows and not rows[-1]:
                rows.pop()
            sheets[ws.title] = rows
        book.close()
    return sheets


def dumps(value: Any) -> str:
    """The on-disk form: one line per figure or sheet row, so a diff reads well."""
    if isinstance(value, dict) and "figures" in value:
        head = {k: v for k, v in value.items() if k != "figures"}
        lines = [json.dumps(r, ensure_ascii=False) for r in value["figures"]]
        text = json.dumps(head, ensure_ascii=False, sort_keys=True)[:-1]
        return text + ', "figures": [\n' + ",\n".join(lines) + "\n]}\n"
    parts = []
    for sheet, rows in value.items():
        body = ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
        parts.append(f"{json.dumps(sheet, ensure_ascii=False)}: [\n{body}\n]")
    return "{" + ",\n".join(parts) + "}\n"


def expected() -> dict[str, str]:
    """File name -> the text it should hold, computed now."""
    files = {}
    for audience in AUDIENCES:
        files[f"metrics_{audience}.json"] = dumps(metrics_golden(audience))
        files[f"overview_{audience}.json"] = dumps(overview_golden(audience))
    return files


def main() -> int:
    for name, text in expected().items():
        (HERE / name).write_text(text, encoding="utf-8")
        print(f"wrote {HERE / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
