"""Gespreksdekking: coverage rates per group against the organisation, the group ×
type heat map, progress through the cycle with its projection, held / planned /
missed per group and coverage over the cycles."""

from __future__ import annotations

from popanalytics import charts
from popanalytics.dashboard.components import ChartOutput
from popanalytics.dashboard.state import DashboardState
from popanalytics.dashboard.views import View
from popanalytics.dashboard.views.coverage_steering import CoverageSteering


class CoverageView(View):
    name = "gespreksdekking"

    def __init__(self) -> None:
        self.status = ChartOutput("coverage_status")
        self.trend = ChartOutput("coverage_trend")
        self.steering = CoverageSteering()
        super().__init__(*self.steering.widgets, self.status.widget, self.trend.widget)

    def render(self, state: DashboardState) -> None:
        super().render(state)
        lang, k = state.lang, state.k
        self.steering.render(state)  # on top: drawn first
        self.status.show(
            charts.coverage_status(state.chart_figures(), state.filters.conversation_type, lang, k)
        )
        self.trend.show(charts.coverage_trend(state.trend(), lang, k))
