"""The data-quality report: every input row is used or listed, with its reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from popanalytics.i18n import field_label, has_label, t
from popanalytics.model import TABLE_NAMES

Severity = Literal["error", "warning"]

FINDING_COLUMNS = (
    "table",
    "file",
    "sheet",
    "row",
    "field",
    "value",
    "severity",
    "code",
    "message_nl",
    "message_en",
)


@dataclass(frozen=True)
class TableCounts:
    read: int
    used: int
    quarantined: int


@dataclass
class QualityReport:
    """Row accounting per table plus one finding per problem.

    ``findings`` is a DataFrame with FINDING_COLUMNS: ``row`` is the row number as
    the user sees it in Excel (header row included; CSV: the line number),
    severity ``error`` means the row was quarantined, ``warning`` that it was
    used with the value repaired or left empty.
    """

    counts: dict[str, TableCounts] = field(default_factory=dict)
    findings: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(
            {c: pd.Series([], dtype=object) for c in FINDING_COLUMNS}
        )
    )
    # (file, sheet) read but matched to no table (empty, or no known headers);
    # sheet is None for a CSV file
    unrecognised: tuple[tuple[str, str | None], ...] = ()

    def table_counts(self) -> pd.DataFrame:
        """One row per table: read, used, quarantined."""
        rows = [
            {"table": t, "read": c.read, "used": c.used, "quarantined": c.quarantined}
            for t, c in ((t, self.counts.get(t, TableCounts(0, 0, 0))) for t in TABLE_NAMES)
        ]
        return pd.DataFrame(rows)

    def to_json(self, lang: str = "nl") -> dict[str, object]:
        """The shape `popanalytics validate --json` prints."""
        msg = "message_en" if lang == "en" else "message_nl"
        findings = [
            {
                "table": r["table"],
                "file": r["file"],
                "sheet": r["sheet"],
                "row": None if pd.isna(r["row"]) else int(r["row"]),
                "field": r["field"],
                "value": None if pd.isna(r["value"]) else str(r["value"]),
                "severity": r["severity"],
                "code": r["code"],
                "message": r[msg],
            }
            for r in self.findings.to_dict("records")
        ]
        return {
            "tables": {
                table: {"read": c.read, "used": c.used, "quarantined": c.quarantined}
                for table, c in self.counts.items()
            },
            "findings": findings,
            "unrecognised": [{"file": file, "sheet": sheet} for file, sheet in self.unrecognised],
        }

    def per_kind(self, lang: str = "nl") -> pd.DataFrame:
        """Findings counted per table, field, severity and kind, each with a message
        that quotes no row and no value: a finding's own message can quote personal
        data, so this is what an audience that sees no individuals gets."""
        kinds = (
            self.findings.groupby(["table", "field", "severity", "code"], dropna=False, sort=True)
            .size()
            .reset_index(name="rows")
        )
        kinds["message"] = [
            kind_message(code, field_label(name, lang), lang)
            for code, name in zip(kinds["code"], kinds["field"], strict=True)
        ]
        return kinds


def kind_message(code: object, field: str, lang: str) -> str:
    """The message of a kind of finding, without row or value."""
    if pd.isna(code):  # type: ignore[call-overload]
        return ""
    key = f"quality.msg.{code}"
    if not has_label(key):
        return str(code)
    try:
        text = t(key, lang, row=_ROW, field=field, value="…", fallback="…")
    except (KeyError, IndexError):
        return str(code)
    # messages open with "Rij 7: …"; a kind of finding has no row, so drop that part
    head, sep, rest = text.partition(f"{_ROW}: ")
    text = rest[:1].upper() + rest[1:] if sep and len(head) < 12 else text
    return text.replace(_ROW, "…")


_ROW = "\x00"
