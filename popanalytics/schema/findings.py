"""Findings of the quality report: issues with their place and a message in nl and en.

Internally, each step of validation records *issues*: a frame with ``pos``
(position of the row in the combined table), ``field``, ``code``, ``severity``,
``action``, ``msg`` (message key) and ``fallback``. This module turns them into
the FINDING_COLUMNS frame of `QualityReport`, wording every message from the
label catalogue without a loop over rows: a template per message kind, with
the row number and the cell value spliced in as columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from popanalytics.i18n import field_label, has_label, t
from popanalytics.io.raw import RawTable
from popanalytics.model import TABLE_NAMES
from popanalytics.schema.coerce import cell_text
from popanalytics.schema.quality import FINDING_COLUMNS

# the code of the warning that text was cleaned of control characters
CONTROLS_CODE = "control_characters"

_ROW, _VALUE = "\x01", "\x02"


def issues_frame(
    pos: pd.Index | pd.Series | list[int],
    field: str,
    code: str,
    severity: str,
    action: str,
    msg: str | None = None,
    fallback: str | None = None,
) -> pd.DataFrame:
    """Issues of one kind for the rows at ``pos``."""
    positions = pd.Series(pd.Index(pos), dtype="int64").reset_index(drop=True)
    return pd.DataFrame(
        {
            "pos": positions,
            "field": field,
            "code": code,
            "severity": severity,
            "action": action,
            "msg": msg or code,
            "fallback": fallback,
        },
        index=range(len(positions)),
    )


def empty_issues() -> pd.DataFrame:
    return issues_frame([], "", "", "", "")


def empty_findings() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series([], dtype="str") for c in FINDING_COLUMNS})
    frame["row"] = frame["row"].astype("int64")
    return frame


def build_findings(
    table: str, issues: pd.DataFrame, meta: pd.DataFrame, raw: pd.DataFrame
) -> pd.DataFrame:
    """The findings of one table.

    ``meta`` (file, sheet, row) and ``raw`` (the cells as read, one column per
    field) are indexed by position in the combined table.
    """
    if issues.empty:
        return empty_findings()
    issues = issues.reset_index(drop=True)
    values = pd.Series(pd.NA, index=issues.index, dtype="str")
    for field, group in issues.groupby("field", sort=False):
        if field in raw.columns:
            cells = raw[str(field)].iloc[group["pos"].to_numpy()]
            values[group.index] = cell_text(cells).to_numpy()
    pos = issues["pos"].to_numpy()
    found = pd.DataFrame(
        {
            "table": table,
            "file": meta["file"].to_numpy()[pos],
            "sheet": meta["sheet"].to_numpy()[pos],
            "row": meta["row"].to_numpy()[pos].astype("int64"),
            "field": issues["field"],
            "value": values,
            "severity": issues["severity"],
            "code": issues["code"],
        }
    )
    for lang, column in (("nl", "message_nl"), ("en", "message_en")):
        found[column] = _messages(issues, found["row"], values, lang)
    return found[list(FINDING_COLUMNS)]


def _messages(issues: pd.DataFrame, rows: pd.Series, values: pd.Series, lang: str) -> pd.Series:
    out = pd.Series("", index=issues.index, dtype="str")
    kinds = issues[["msg", "field", "action", "fallback"]].fillna({"fallback": ""})
    for (msg, field, action, fallback), group in kinds.groupby(list(kinds.columns), sort=False):
        template = _template(str(msg), str(field), str(action), str(fallback), lang)
        out[group.index] = _render(template, rows[group.index], values[group.index])
    return out


def _template(msg: str, field: str, action: str, fallback: str, lang: str) -> str:
    label = field_label(field, lang)
    what = t(f"quality.msg.{msg}", lang, row=_ROW, field=label, value=_VALUE)
    then = t(f"quality.then.{action}", lang, fallback=_enum_label(field, fallback, lang))
    return f"{what} {then}".strip()


def _enum_label(field: str, value: str, lang: str) -> str:
    key = f"{field}.{value}"
    return t(key, lang) if value and has_label(key) else value


def _render(template: str, rows: pd.Series, values: pd.Series) -> pd.Series:
    """Splice row numbers and values into ``template`` column-wise.

    Works on numpy object arrays: ``+`` concatenates element-wise in one call
    per template piece, with far less overhead than string Series.
    """
    row_text = rows.to_numpy().astype(str).astype(object)
    value_text = values.fillna("").to_numpy().astype(str).astype(object)
    out = np.full(len(rows), "", dtype=object)
    for token in re.split(f"({_ROW}|{_VALUE})", template):
        if token == _ROW:
            out = out + row_text
        elif token == _VALUE:
            out = out + value_text
        elif token:
            out = out + token
    return pd.Series(out, index=rows.index, dtype="str")


def controls_findings(table: str, raws: Sequence[RawTable]) -> pd.DataFrame:
    """One warning per source and field whose text lost control characters on
    import (io/controls.py): how many cells, and the first row as an example."""
    rows = [
        {
            "table": table,
            "file": raw.file,
            "sheet": raw.sheet,
            "row": found.first_row,
            "field": name,
            "value": str(found.cells),
            "severity": "warning",
            "code": CONTROLS_CODE,
            **{
                f"message_{lang}": t(
                    f"quality.msg.{CONTROLS_CODE}",
                    lang,
                    value=found.cells,
                    field=field_label(name, lang),
                    row=found.first_row,
                )
                for lang in ("nl", "en")
            },
        }
        for raw in raws
        for name, found in raw.controls.items()
    ]
    if not rows:
        return empty_findings()
    found = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    return found.astype({"row": "int64"})


def sort_findings(findings: pd.DataFrame) -> pd.DataFrame:
    """Tables in model order, then file, sheet and row."""
    order = findings["table"].map({name: i for i, name in enumerate(TABLE_NAMES)})
    keyed = findings.assign(_t=order, _s=findings["sheet"].fillna(""))
    keyed = keyed.sort_values(["_t", "file", "_s", "row"], kind="stable")
    return keyed.drop(columns=["_t", "_s"]).reset_index(drop=True)
