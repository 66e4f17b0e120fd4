"""Overzicht: the KPI tiles with their change against the previous cycle."""

from __future__ import annotations

import ipywidgets as w

from popanalytics import charts
from popanalytics.dashboard.components import ChartOutput, KpiTile, grid, heading, set_heading
from popanalytics.dashboard.state import DashboardState
from popanalytics.dashboard.steering import target_line
from popanalytics.dashboard.views import View
from popanalytics.i18n import t
from popanalytics.metrics.targets import reached
from popanalytics.presentation import METRICS, metric_label, total_row

# Tile sections: (label key, metrics). Process quality gets its own row.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "dash.section.coverage",
        ("coverage_development", "coverage_performance", "coverage_appraisal", "coverage_any"),
    ),
    (
        "dash.section.agreements",
        ("agreements_completion", "agreements_on_time", "agreements_overdue", "followup_missing"),
    ),
    (
        "dash.section.training",
        ("training_needs", "training_hours", "training_cost", "training_fulfilment"),
    ),
    (
        "dash.section.process",
        ("notice_given", "report_signed", "followup_planned", "strength_focus"),
    ),
)
TILE_METRICS: tuple[str, ...] = tuple(m for _, metrics in SECTIONS for m in metrics)


class OverviewView(View):
    name = "overzicht"

    def __init__(self) -> None:
        self.tiles = {m: KpiTile(m) for m in TILE_METRICS}
        self.section_titles = [heading(level=3) for _ in SECTIONS]
        rows: list[w.Widget] = []
        for title, (_, metrics) in zip(self.section_titles, SECTIONS, strict=True):
            tiles = grid(
                [self.tiles[m].widget for m in metrics], "210px", gap="14px", css="pop-kpi-grid"
            )
            rows.extend([title, tiles])
        self.chart = ChartOutput("coverage_by_type")
        super().__init__(*rows, self.chart.widget)

    def render(self, state: DashboardState) -> None:
        super().render(state)
        lang, k = state.lang, state.k
        frame = state.figures()
        # values first: they are what the user waits for after a filter change
        for metric, tile in self.tiles.items():
            tile.update(metric_label(metric, lang), total_row(frame, metric), lang, k)
        for title, (key, _) in zip(self.section_titles, SECTIONS, strict=True):
            set_heading(title, t(key, lang), level=3)
        previous = state.previous_figures()
        label = state.params.cycle.previous().label
        for metric, tile in self.tiles.items():
            tile.update_delta(total_row(frame, metric), total_row(previous, metric), label, lang)
        for metric, tile in self.tiles.items():
            target = state.targets.get(metric)
            row = total_row(frame, metric)
            verdict = None
            if target is not None and row is not None and not bool(row["suppressed"]):
                value = row["rate"] if METRICS[metric].kind == "rate" else row["numerator"]
                verdict = reached(metric, float(value), target)
            tile.update_target(target_line(metric, target, verdict, lang))
        self.chart.show(charts.coverage_by_type(frame, previous, lang, k))
