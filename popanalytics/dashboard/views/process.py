"""Procesindicatoren: how well the conversations are done, per group."""

from __future__ import annotations

from popanalytics import charts
from popanalytics.dashboard.components import ChartOutput, KpiTile, grid
from popanalytics.dashboard.state import DashboardState
from popanalytics.dashboard.views import View
from popanalytics.presentation import metric_label, total_row

# Tiles here complement the overview's process row (tile classes stay unique per page).
TILES: tuple[str, ...] = (
    "report_filed",
    "out_of_cycle_development",
    "conversations_missed",
    "conversations_cancelled",
)


class ProcessView(View):
    name = "procesindicatoren"

    def __init__(self) -> None:
        self.tiles = {m: KpiTile(m) for m in TILES}
        tiles = grid(
            [tile.widget for tile in self.tiles.values()], "210px", gap="14px", css="pop-kpi-grid"
        )
        self.heatmap = ChartOutput("process_heatmap")
        super().__init__(tiles, self.heatmap.widget)

    def render(self, state: DashboardState) -> None:
        super().render(state)
        lang, k = state.lang, state.k
        frame = state.chart_figures()
        for metric, tile in self.tiles.items():
            tile.update(metric_label(metric, lang), total_row(frame, metric), lang, k)
        self.heatmap.show(charts.process_heatmap(frame, lang, k))
