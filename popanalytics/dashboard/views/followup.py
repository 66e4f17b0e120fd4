"""Opvolging: overdue agreements per group; for hr, the sortable list of overdue agreements."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

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

# The list's columns (when present in overdue_agreements' frame), in order.
COLUMNS: tuple[str, ...] = (
    "name",
    "employee_id",
    "manager_name",
    "department",
    "team",
    "category",
    "due_date",
    "followup_date",
    "days_overdue",
)
MAX_ROWS = 300


class FollowupView(View):
    name = "opvolging"

    def __init__(self) -> None:
        self.chart = ChartOutput("overdue_buckets")
        self.list_title = heading(level=3)
        self.sort_by = w.Dropdown(layout=w.Layout(width="220px"))
        self.sort_by.add_class("pop-sort-column")
        self.descending = w.ToggleButton(value=True, layout=w.Layout(width="140px"))
        self.descending.add_class("pop-sort-order")
        self.table = w.HTML()
        self.table.add_class("pop-overdue-table")
        self.note = w.HTML()
        controls = w.HBox([self.sort_by, self.descending])
        controls.add_class("pop-table-controls")
        self.list_card = card(self.list_title, controls, self.note, self.table)
        self.private = w.HTML()
        self.private.add_class("pop-note")
        super().__init__(self.chart.widget, self.list_card, self.private)
        self._state: DashboardState | None = None
        self._quiet = False
        self.sort_by.observe(self._resort, names="value")
        self.descending.observe(self._resort, names="value")

    def render(self, state: DashboardState) -> None:
        super().render(state)
        self._state = state
        lang, k = state.lang, state.k
        self.chart.show(charts.overdue_buckets(state.chart_figures(), lang, k))
        if state.filters.audience != "hr":
            # management sees aggregates only: no list of people, not even hidden in the page
            self.list_card.layout.display = "none"
            self.table.value = ""
            self.private.value = f"<p>{esc(t('dash.followup.management_note', lang, k=k))}</p>"
            return
        self.private.value = ""
        self.list_card.layout.display = ""
        set_heading(self.list_title, t("dash.followup.list", lang), level=3)
        frame = state.overdue()
        present = [c for c in COLUMNS if c in frame.columns]
        current = self.sort_by.value if self.sort_by.value in present else "days_overdue"
        options = [(t(f"dash.column.{c}", lang), c) for c in present]
        self._quiet = True
        try:
            self.sort_by.options = options
            self.sort_by.value = (
                current if current in present else (present[0] if present else None)
            )
        finally:
            self._quiet = False
        self.sort_by.description = t("dash.followup.sort_by", lang)
        self.descending.description = t(
            "dash.followup.descending" if self.descending.value else "dash.followup.ascending", lang
        )
        self._draw_table()

    def _resort(self, _change: object = None) -> None:
        if self._quiet or self._state is None or self._state.filters.audience != "hr":
            return
        self.descending.description = t(
            "dash.followup.descending" if self.descending.value else "dash.followup.ascending",
            self._state.lang,
        )
        self._draw_table()

    def _draw_table(self) -> None:
        assert self._state is not None
        lang = self._state.lang
        frame = self._state.overdue()
        present = [c for c in COLUMNS if c in frame.columns]
        if frame.empty:
            self.note.value = f"<p>{esc(t('dash.followup.none', lang))}</p>"
            self.table.value = ""
            return
        column = self.sort_by.value or "days_overdue"
        ordered = frame.sort_values(
            column, ascending=not self.descending.value, na_position="last", kind="stable"
        )
        shown = ordered[present].head(MAX_ROWS).copy()
        for name in present:
            if pd.api.types.is_datetime64_any_dtype(shown[name]):
                shown[name] = shown[name].dt.strftime("%d/%m/%Y")
        if "days_overdue" in shown:
            shown["days_overdue"] = [fmt_number(v, lang) for v in shown["days_overdue"]]
        if "category" in shown:
            shown["category"] = [
                charts.breakdown_label("category", v, lang) for v in shown["category"]
            ]
        total = len(frame)
        self.note.value = (
            "<p>"
            + esc(
                t(
                    "dash.followup.count",
                    lang,
                    n=fmt_number(total, lang),
                    shown=fmt_number(min(total, MAX_ROWS), lang),
                )
            )
            + "</p>"
        )
        self.table.value = html_table(
            shown,
            [(c, t(f"dash.column.{c}", lang)) for c in present],
            css="pop-sortable",
            numeric=("days_overdue",),
        )
