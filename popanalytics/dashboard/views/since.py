"""Sinds vorige import: what changed since the previous snapshot, per group (table + chart)."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from popanalytics import charts
from popanalytics.dashboard.components import ChartOutput, card, esc, html_table, paragraph
from popanalytics.dashboard.state import DashboardState
from popanalytics.dashboard.views import View
from popanalytics.i18n import fmt_number, t
from popanalytics.metrics.since import SINCE_METRICS
from popanalytics.presentation import group_label, metric_label, suppressed_text


class SinceView(View):
    name = "sinds"

    def __init__(self) -> None:
        self.table = w.HTML()
        self.table.add_class("pop-since-table")
        self.chart = ChartOutput("since")
        super().__init__(card(self.table), self.chart.widget)

    def render(self, state: DashboardState) -> None:
        super().render(state)
        lang, k = state.lang, state.k
        before = state.previous_snapshot()
        frame = state.since()
        if before is None or frame is None:
            self.intro.value = paragraph(t("dash.intro.sinds.none", lang))
            self.table.value = ""
            self.chart.widget.layout.display = "none"
            return
        self.intro.value = paragraph(t("dash.intro.sinds", lang, previous=esc(before.title)))
        self.chart.widget.layout.display = ""
        frame = state.named_groups(frame)
        self.table.value = html_table(
            since_table(frame, lang, k),
            [("group", t("cli.metrics.group", lang))]
            + [(m, metric_label(m, lang)) for m in SINCE_METRICS],
            css="pop-since",
            numeric=SINCE_METRICS,
        )
        self.chart.show(charts.since_per_group(frame, SINCE_METRICS, lang, k))


def since_table(frame: pd.DataFrame, lang: str, k: int) -> pd.DataFrame:
    """One row per group (the total first), one column per metric, as shown text."""
    shown = frame.assign(
        text=[
            suppressed_text(k, lang) if hidden else fmt_number(value, lang)
            for value, hidden in zip(frame["numerator"], frame["suppressed"], strict=True)
        ],
        label=[group_label(g, lang) for g in frame["group"]],
    )
    order = list(dict.fromkeys(shown["label"]))
    table = shown.pivot(index="label", columns="metric", values="text").reindex(order)
    return table.reindex(columns=list(SINCE_METRICS)).rename_axis(None).reset_index(names="group")
