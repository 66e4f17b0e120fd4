"""Datakwaliteit: rows read, used and not used per table, and every finding."""

from __future__ import annotations

import ipywidgets as w

from popanalytics import charts
from popanalytics.dashboard.components import (
    ChartOutput,
    card,
    esc,
    heading,
    html_table,
    set_heading,
)
from popanalytics.dashboard.state import DashboardState
from popanalytics.dashboard.views import View
from popanalytics.i18n import fmt_number, t

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
        counts = report.table_counts()
        shown = counts.assign(
            table=[t(f"table.{name}", lang) for name in counts["table"]],
            read=[fmt_number(v, lang) for v in counts["read"]],
            used=[fmt_number(v, lang) for v in counts["used"]],
            quarantined=[fmt_number(v, lang) for v in counts["quarantined"]],
        )
        self.counts.value = html_table(
            shown,
            [
                ("table", t("dash.quality.table", lang)),
                ("read", t("dash.quality.read", lang)),
                ("used", t("dash.quality.used", lang)),
                ("quarantined", t("dash.quality.quarantined", lang)),
            ],
            numeric=("read", "used", "quarantined"),
            css="pop-counts",
        )
        self.chart.show(charts.quality_counts(counts, lang))
        set_heading(self.findings_title, t("dash.quality.findings", lang), level=3)
        findings = report.findings
        if findings.empty:
            self.findings_note.value = f"<p>{esc(t('dash.quality.no_findings', lang))}</p>"
            self.findings.value = ""
            return
        errors = int((findings["severity"] == "error").sum())
        self.findings_note.value = (
            "<p>"
            + esc(
                t(
                    "dash.quality.summary",
                    lang,
                    errors=fmt_number(errors, lang),
                    warnings=fmt_number(len(findings) - errors, lang),
                    shown=fmt_number(min(len(findings), MAX_FINDINGS), lang),
                )
            )
            + "</p>"
        )
        table = findings.head(MAX_FINDINGS).assign(
            table=lambda f: [t(f"table.{x}", lang) if x else "" for x in f["table"]],
            severity=lambda f: [t(f"severity.{x}", lang) for x in f["severity"]],
            field=lambda f: [charts.field_label(x, lang) for x in f["field"]],
            message=lambda f: f["message_en" if lang == "en" else "message_nl"],
            row=lambda f: f["row"].astype("Int64").astype("str").replace("<NA>", ""),
        )
        columns = [
            ("severity", t("dash.quality.severity", lang)),
            ("table", t("dash.quality.table", lang)),
            ("file", t("dash.quality.file", lang)),
            ("sheet", t("dash.quality.sheet", lang)),
            ("row", t("dash.quality.row", lang)),
            ("field", t("dash.quality.field", lang)),
        ]
        if state.filters.audience == "hr":
            # a rejected value may be personal data: only hr sees it
            columns.append(("value", t("dash.quality.value", lang)))
        columns.append(("message", t("dash.quality.message", lang)))
        self.findings.value = html_table(table, columns, css="pop-findings-table", numeric=("row",))
