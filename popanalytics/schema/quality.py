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
class LabelledReport:
    """The report as every surface shows it (CLI, workbook, dashboard): values
    labelled in one language; each surface picks its columns and headers.

    ``counts``: table (label), read, used, quarantined, one row per table.
    ``findings``: table, file, sheet, row (Int64), field, value (text or None),
    severity, message; one row per finding (hr).
    ``kinds``: table, field, severity, message, rows; findings counted per kind
    with messages that quote no value (management).
    """

    counts: pd.DataFrame
    findings: pd.DataFrame
    kinds: pd.DataFrame
    errors: int
    warnings: int
    unrecognised: tuple[tuple[str, str | None], ...]


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

    def labelled(self, lang: str = "nl") -> LabelledReport:
        """The report with tables, fields, severities and messages in ``lang``."""
        counts = self.table_counts()
        counts["table"] = counts["table"].map(lambda name: label_of("table", name, lang))
        f = self.findings
        findings = pd.DataFrame(
            {
                "table": _labels(f["table"], "table", lang),
                "file": f["file"],
                "sheet": f["sheet"],
                "row": pd.to_numeric(f["row"], errors="coerce").astype("Int64"),
                "field": _field_labels(f["field"], lang),
                "value": f["value"].astype(str).astype(object).where(f["value"].notna(), None),
                "severity": _labels(f["severity"], "severity", lang),
                "message": f["message_en" if lang == "en" else "message_nl"],
            },
            index=f.index,
        )
        per_kind = self.per_kind(lang)
        kinds = pd.DataFrame(
            {
                "table": _labels(per_kind["table"], "table", lang),
                "field": _field_labels(per_kind["field"], lang),
                "severity": _labels(per_kind["severity"], "severity", lang),
                "message": per_kind["message"],
                "rows": per_kind["rows"].astype("int64"),
            }
        )
        errors = int((f["severity"] == "error").sum())
        return LabelledReport(
            counts, findings, kinds, errors, len(f) - errors, tuple(self.unrecognised)
        )

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


def label_of(prefix: str, value: object, lang: str) -> str:
    """The label of an enum value (``table.employees``), the value itself when it
    has none, "" for no value."""
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return ""
    key = f"{prefix}.{value}"
    return t(key, lang) if has_label(key) else str(value)


def _labels(values: pd.Series, prefix: str, lang: str) -> pd.Series:
    # each distinct value labelled once, then mapped onto the rows
    mapping = {v: label_of(prefix, v, lang) for v in values.dropna().unique().tolist()}
    return values.map(mapping).astype(object)


def _field_labels(values: pd.Series, lang: str) -> pd.Series:
    mapping = {v: field_label(v, lang) for v in values.dropna().unique().tolist()}
    return values.map(mapping).astype(object)


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
