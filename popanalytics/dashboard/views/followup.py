"""Opvolging: overdue agreements per group; for hr, the list of overdue agreements,
sorted by clicking a column header."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from popanalytics import charts
from popanalytics.dashboard.components import (
    ChartOutput,
    SortableTable,
    card,
    heading,
    paragraph,
    set_heading,
)
from popanalytics.dashboard.state import DashboardState
from popanalytics.dashboard.views import View
from popanalytics.i18n import fmt_number, t
from popanalytics.presentation import breakdown_label

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
        self.table = SortableTable(sort_by="days_overdue", descending=True)
        self.table.add_class("pop-overdue-table")
        self.note = w.HTML()
        self.list_card = card(self.list_title, self.note, self.table)
        self.private = w.HTML()
        self.private.add_class("pop-note")
        super().__init__(self.chart.widget, self.list_card, self.private)
        self._state: DashboardState | None = None
        self.table.observe(self._resort, names=["sort_by", "descending"])

    def render(self, state: DashboardState) -> None:
        super().render(state)
        self._state = state
        lang, k = state.lang, state.k
        self.chart.show(charts.overdue_buckets(state.chart_figures(), lang, k))
        if state.filters.audience != "hr":
            # management sees aggregates only: no list of people, not even hidden in the page
            self.list_card.layout.display = "none"
            self.table.clear()
            self.note.value = ""
            self.private.value = paragraph(t("dash.followup.management_note", lang, k=k))
            return
        self.private.value = ""
        self.list_card.layout.display = ""
        set_heading(self.list_title, t("dash.followup.list", lang), level=3)
        self.table.hint = t("dash.followup.sort_hint", lang)
        self._draw_table()

    def _resort(self, _change: object = None) -> None:
        if self._state is None or self._state.filters.audience != "hr":
            return
        self._draw_table()

    def _draw_table(self) -> None:
        """The overdue list in the table's order: the whole list sorted, the first rows shown."""
        assert self._state is not None
        lang = self._state.lang
        frame = self._state.overdue()
        if frame.empty:
            self.note.value = paragraph(t("dash.followup.none", lang))
            self.table.clear()
            return
        present = [c for c in COLUMNS if c in frame.columns]
        column = self.table.sort_by if self.table.sort_by in present else "days_overdue"
        if column not in present:
            column = present[0]
        ordered = frame.sort_values(
            column, ascending=not self.table.descending, na_position="last", kind="stable"
        )
        shown = ordered[present].head(MAX_ROWS).copy()
        for name in present:
            if pd.api.types.is_datetime64_any_dtype(shown[name]):
                shown[name] = shown[name].dt.strftime("%d/%m/%Y")
        if "days_overdue" in shown:
            shown["days_overdue"] = [fmt_number(v, lang) for v in shown["days_overdue"]]
        if "category" in shown:
            shown["category"] = [breakdown_label("category", v, lang) for v in shown["category"]]
        total = len(frame)
        count = t(
            "dash.followup.count",
            lang,
            n=fmt_number(total, lang),
            shown=fmt_number(min(total, MAX_ROWS), lang),
        )
        self.note.value = paragraph(f"{count} {t('dash.followup.sort_hint', lang)}")
        self.table.show(
            shown, [(c, t(f"dash.column.{c}", lang)) for c in present], numeric=("days_overdue",)
        )
