"""The steering part of Gespreksdekking: coverage rates per group against the
organisation, the group × type heat map, the progress curve with the previous
cycle, the target and the projection, and the projection per group."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from popanalytics import charts_steering
from popanalytics.dashboard.components import (
    ChartOutput,
    card,
    error_box,
    heading,
    html_table,
    set_heading,
)
from popanalytics.dashboard.state import DashboardState
from popanalytics.dashboard.steering import state_progress
from popanalytics.errors import PopError
from popanalytics.i18n import field_label, fmt_number, fmt_percent, t
from popanalytics.metrics.managers import lagging
from popanalytics.metrics.params import CONVERSATION_TYPES_ANY, TOTAL
from popanalytics.metrics.targets import reached, value_text
from popanalytics.presentation import group_label, suppressed_text


class CoverageSteering:
    """Widgets of the steering charts; ``render`` redraws them in place."""

    def __init__(self) -> None:
        self.rates = ChartOutput("coverage_rates")
        self.heatmap = ChartOutput("coverage_heatmap")
        self.progress_type = w.Dropdown(layout=w.Layout(width="320px"))
        self.progress_type.add_class("pop-progress-type")
        self.progress = ChartOutput("progress")
        self.projection_title = heading(level=3)
        self.projection_table = w.HTML()
        self.projection_table.add_class("pop-projection-table")
        self.widgets: tuple[w.Widget, ...] = (
            self.rates.widget,
            self.heatmap.widget,
            card(self.progress_type, self.progress.output, css="pop-chart-card"),
            card(self.projection_title, self.projection_table),
        )
        self._state: DashboardState | None = None
        self._quiet = False
        self.progress_type.observe(self._on_type, names="value")

    def render(self, state: DashboardState) -> None:
        self._state = state
        lang, k = state.lang, state.k
        kind = state.filters.conversation_type
        frame = state.chart_figures()
        group_by = state.filters.group_by
        self.rates.show(
            charts_steering.coverage_rates(
                frame, kind, group_by, lang, k, state.targets.get(f"coverage_{kind}")
            )
        )
        self.heatmap.show(charts_steering.coverage_heatmap(frame, group_by, lang, k))
        self._quiet = True
        try:
            current = self.progress_type.value or "development"
            self.progress_type.description = t("dash.filter.conversation_type", lang)
            self.progress_type.options = [
                (t(f"conversation_type.{c}", lang), c) for c in CONVERSATION_TYPES_ANY
            ]
            self.progress_type.value = current
        finally:
            self._quiet = False
        self._draw_progress()

    def _on_type(self, _change: object) -> None:
        if not self._quiet and self._state is not None:
            self._draw_progress()

    def _draw_progress(self) -> None:
        state = self._state
        assert state is not None
        lang, k = state.lang, state.k
        kind = self.progress_type.value or "development"
        metric = f"coverage_{kind}"
        target = state.targets.get(metric)
        try:
            result = state_progress(state, kind)
        except PopError as exc:  # e.g. a reference date before the chosen cycle's start
            self.progress.output.clear_output()
            self.projection_table.value = error_box(exc.message(lang))
            return
        self.progress.show(charts_steering.progress_curve(result, lang, k, target))
        group_by = state.filters.group_by
        set_heading(
            self.projection_title,
            t(
                "dash.progress.projection_title",
                lang,
                group=field_label(group_by, lang).lower() if group_by else "",
            ),
            level=3,
        )
        self.projection_table.value = projection_table(
            state.named_groups(result.projection), metric, target, lang, k
        )


def projection_table(
    frame: pd.DataFrame,
    metric: str,
    target: float | None,
    lang: str,
    k: int,
) -> str:
    """The projection per group (the organisation first) next to the target;
    lagging groups (coverage now > 10 points below the organisation) marked."""
    hidden = frame["suppressed"].astype(bool)
    shown_k = suppressed_text(k, lang)
    org = frame.loc[frame["group"] == TOTAL, "current_rate"]
    lags = lagging(
        frame["current_rate"].to_numpy(dtype=float),
        float(org.iloc[0]) if len(org) else float("nan"),
    )

    groups = frame["group"]
    table = pd.DataFrame(
        {
            "group": [group_label(g, lang) for g in groups],
            "current_rate": [
                shown_k if h else fmt_percent(r, lang)
                for r, h in zip(frame["current_rate"], hidden, strict=True)
            ],
            "planned": [
                shown_k if h else fmt_number(v, lang)
                for v, h in zip(frame["planned"], hidden, strict=True)
            ],
            "projection": [
                charts_steering.share_text(n, d, r, h, lang, k)
                for n, d, r, h in zip(
                    frame["numerator"], frame["denominator"], frame["rate"], hidden, strict=True
                )
            ],
        }
    )
    columns = [
        ("group", t("dash.column.group", lang)),
        ("current_rate", t("dash.column.current_rate", lang)),
        ("planned", t("dash.column.planned", lang)),
        ("projection", t("dash.column.projection", lang)),
    ]
    if target is not None:
        table["target"] = value_text(metric, target, lang)
        verdicts = [
            None if h else reached(metric, r, target)
            for r, h in zip(frame["rate"], hidden, strict=True)
        ]
        table["target_status"] = [
            "–" if v is None else t("target.reached" if v else "target.not_reached", lang)
            for v in verdicts
        ]
        columns += [
            ("target", t("dash.column.target", lang)),
            ("target_status", t("dash.column.target_status", lang)),
        ]
    markup = html_table(
        table, columns, numeric=("current_rate", "planned", "projection"), css="pop-projection"
    )
    # mark lagging rows (one class per row, after the escaped table is built)
    rows = markup.split("<tr>")
    head, body = rows[:2], rows[2:]
    marked = [
        ('<tr class="pop-lag">' if lag else "<tr>") + row
        for row, lag in zip(body, lags, strict=True)
    ]
    return "<tr>".join(head) + "".join(marked)
