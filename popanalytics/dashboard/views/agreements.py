"""Afspraken: completion and on-time rate per group; mix by category and focus."""

from __future__ import annotations

from popanalytics import charts
from popanalytics.dashboard.components import ChartOutput, grid
from popanalytics.dashboard.state import DashboardState
from popanalytics.dashboard.views import View
from popanalytics.i18n import t


class AgreementsView(View):
    name = "afspraken"

    def __init__(self) -> None:
        self.rates = ChartOutput("agreements_rates")
        self.category = ChartOutput("agreements_category")
        self.focus = ChartOutput("agreements_focus")
        pair = grid([self.category.widget, self.focus.widget], "420px")
        super().__init__(self.rates.widget, pair)

    def render(self, state: DashboardState) -> None:
        super().render(state)
        lang, k = state.lang, state.k
        frame = state.chart_figures()
        self.rates.show(
            charts.rates_per_group(
                frame,
                ("agreements_completion", "agreements_on_time"),
                lang,
                t("dash.chart.agreements_rates", lang),
                k,
            )
        )
        self.category.show(
            charts.mix(
                frame, "agreements_mix", "category", lang, t("dash.chart.mix_category", lang), k
            )
        )
        self.focus.show(
            charts.mix(frame, "agreements_mix", "focus", lang, t("dash.chart.mix_focus", lang), k)
        )
