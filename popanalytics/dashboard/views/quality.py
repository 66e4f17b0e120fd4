"""Datakwaliteit: rows read, used and not used per table, and every finding."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from popanalytics import charts
from popanalytics.dashboard.components import (
    ChartOutput,
    card,
    heading,
    html_table,
    paragraph,
    set_heading,
)
from popanalytics.dashboard.state import DashboardState
from popanalytics.dashboard.views import View
from popanalytics.i18n import fmt_number, t
from popanalytics.schema.quality import QualityReport

MAX_FINDINGS = 500


class QualityView(View):
    name = "datakwaliteit"

    def __init__(self) -> None:
        self.counts = w.HTML()
        self.counts.add_class("pop-quality-counts")
        self.chart = ChartOutput("quality_counts")
        self.findings_title = heading(level=3)
        self.findings_note = w.HTML()
        self.findings = w.HTML()
        self.findings.add_class("pop-findings")
        super().__init__(
            card(self.counts),
            self.chart.widget,
            card(self.findings_title, self.findings_note, self.findings),
        )

    def render(self, state: DashboardState) -> None:
        super().render(state)
        lang = state.lang
        report = state.report
        labelled = report.labelled(lang)
        counts = labelled.counts
        counts_shown = counts.assign(
            read=[fmt_number(v, lang) for v in counts["read"]],
            used=[fmt_number(v, lang) for v in counts["used"]],
            quarantined=[fmt_number(v, lang) for v in counts["quarantined"]],
        )
        self.counts.value = html_table(
            counts_shown,
            [
                ("table", t("dash.quality.table", lang)),
                ("read", t("dash.quality.read", lang)),
                ("used", t("dash.quality.used", lang)),
                ("quarantined", t("dash.quality.quarantined", lang)),
            ],
            numeric=("read", "used", "quarantined"),
            css="pop-counts",
        )
        self.chart.show(charts.quality_counts(report.table_counts(), lang))
        set_heading(self.findings_title, t("dash.quality.findings", lang), level=3)
        findings = labelled.findings
        if findings.empty:
            self.findings_note.value = paragraph(
                t("dash.quality.no_findings", lang)
            ) + _unrecognised_note(report, lang)
            self.findings.value = ""
            return
        # hr reads the rows (up to a limit); management every finding, counted per kind
        hr = state.filters.audience == "hr"
        shown = min(len(findings), MAX_FINDINGS) if hr else len(findings)
        self.findings_note.value = paragraph(
            t(
                "dash.quality.summary",
                lang,
                errors=fmt_number(labelled.errors, lang),
                warnings=fmt_number(labelled.warnings, lang),
                shown=fmt_number(shown, lang),
            )
        ) + _unrecognised_note(report, lang)
        if not hr:
            self.findings.value = _findings_per_kind(labelled.kinds, lang)
            return
        table = findings.head(MAX_FINDINGS)
        table = table.assign(
            table=table["table"].fillna(""),
            field=table["field"].fillna(""),
            row=table["row"].astype("str").replace("<NA>", ""),
        )
        columns = [
            ("severity", t("dash.quality.severity", lang)),
            ("table", t("dash.quality.table", lang)),
            ("file", t("dash.quality.file", lang)),
            ("sheet", t("dash.quality.sheet", lang)),
            ("row", t("dash.quality.row", lang)),
            ("field", t("dash.quality.field", lang)),
            ("value", t("dash.quality.value", lang)),
            ("message", t("dash.quality.message", lang)),
        ]
        self.findings.value = html_table(table, columns, css="pop-findings-table", numeric=("row",))


def _findings_per_kind(kinds: pd.DataFrame, lang: str) -> str:
    """Management's findings: counted per table, field and kind, as the management
    workbook shows them; a row's message quotes its value, which may be personal data."""
    table = kinds.assign(
        table=kinds["table"].fillna(""),
        field=kinds["field"].fillna(""),
        rows=[fmt_number(n, lang) for n in kinds["rows"]],
    )
    columns = [
        ("severity", t("dash.quality.severity", lang)),
        ("table", t("dash.quality.table", lang)),
        ("field", t("dash.quality.field", lang)),
        ("message", t("dash.quality.message", lang)),
        ("rows", t("dash.quality.rows", lang)),
    ]
    return html_table(table, columns, css="pop-findings-table", numeric=("rows",))


def _unrecognised_note(report: QualityReport, lang: str) -> str:
    """Sheets that were read but matched no table: not data, yet the user should know."""
    if not report.unrecognised:
        return ""
    places = ", ".join(
        f"{file} ({sheet})" if sheet else file for file, sheet in report.unrecognised
    )
    return paragraph(t("dash.quality.unrecognised", lang, places=places))
