"""Opleidingsnoden: department × theme heat map, hours and cost, and the status funnel."""

from __future__ import annotations

from popanalytics import charts
from popanalytics.dashboard.components import ChartOutput, grid
from popanalytics.dashboard.state import DashboardState
from popanalytics.dashboard.views import View


class TrainingView(View):
    name = "opleidingsnoden"

    def __init__(self) -> None:
        self.heatmap = ChartOutput("training_heatmap")
        self.hours_cost = ChartOutput("training_hours_cost")
        self.funnel = ChartOutput("training_funnel")
        pair = grid([self.hours_cost.widget, self.funnel.widget], "420px")
        super().__init__(self.heatmap.widget, pair)

    def render(self, state: DashboardState) -> None:
        super().render(state)
        lang, k = state.lang, state.k
        frame = state.figures()
        # the heat map is always per department, whatever the group-by choice
        self.heatmap.show(charts.training_heatmap(state.grouped_figures("department"), lang, k))
        self.hours_cost.show(charts.training_hours_cost(frame, lang, k))
        self.funnel.show(charts.training_funnel(frame, lang, k))
