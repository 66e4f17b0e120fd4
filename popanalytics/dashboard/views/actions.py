"""Acties: what each manager must do next, most urgent first (hr: the lists per
manager; management: the same as counts per group, small groups suppressed)."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from popanalytics.dashboard.components import card, heading, html_table, paragraph, set_heading
from popanalytics.dashboard.state import DashboardState
from popanalytics.dashboard.steering import actions_type, state_action_counts, state_actions
from popanalytics.dashboard.views import View
from popanalytics.i18n import fmt_number, t
from popanalytics.metrics.actions import ACTIONS
from popanalytics.metrics.params import NO_GROUP, TOTAL
from popanalytics.presentation import group_label, suppressed_text

MAX_ROWS = 300
ALL = ""  # the manager dropdown's "all managers"
LIST_COLUMNS = ("manager", "action", "action_due", "days", "name", "employee_id", "item_date")


class ActionsView(View):
    name = "acties"

    def __init__(self) -> None:
        self.counts_title = heading(level=3)
        self.counts = w.HTML()
        self.counts.add_class("pop-action-counts")
        self.manager = w.Dropdown(layout=w.Layout(width="360px"))
        self.manager.add_class("pop-actions-manager")
        self.list_note = w.HTML()
        self.list = w.HTML()
        self.list.add_class("pop-actions-table")
        self.list_card = card(self.manager, self.list_note, self.list)
        self.private = w.HTML()
        self.private.add_class("pop-note")
        super().__init__(card(self.counts_title, self.counts), self.list_card, self.private)
        self._state: DashboardState | None = None
        self._quiet = False
        self.manager.observe(self._on_manager, names="value")

    def render(self, state: DashboardState) -> None:
        super().render(state)
        self._state = state
        lang, k = state.lang, state.k
        kind = t(f"conversation_type.{actions_type(state)}", lang)
        if state.filters.audience != "hr":
            # management: counts per group only, no names, not even hidden in the page
            self.list_card.layout.display = "none"
            self.list.value = ""
            self._quiet = True
            try:
                self.manager.options = []
            finally:
                self._quiet = False
            set_heading(self.counts_title, t("dash.actions.per_group", lang, type=kind), level=3)
            self.counts.value = counts_table(state_action_counts(state), lang, k)
            self.private.value = paragraph(t("dash.actions.management_note", lang, k=k))
            return
        self.private.value = ""
        self.list_card.layout.display = ""
        actions = state_actions(state)
        set_heading(self.counts_title, t("dash.actions.per_manager", lang, type=kind), level=3)
        self.counts.value = per_manager_table(actions, lang)
        managers = actions.drop_duplicates("manager_id")
        options = [(t("dash.actions.all_managers", lang), ALL)] + [
            (manager_text(m, n, lang), m)
            for m, n in zip(managers["manager_id"], managers["manager_name"], strict=True)
        ]
        self._quiet = True
        try:
            current = self.manager.value
            self.manager.description = t("dash.actions.manager", lang)
            self.manager.options = options
            self.manager.value = current if current in dict(options).values() else ALL
        finally:
            self._quiet = False
        self._draw_list()

    def _on_manager(self, _change: object) -> None:
        if not self._quiet and self._state is not None and self._state.filters.audience == "hr":
            self._draw_list()

    def _draw_list(self) -> None:
        assert self._state is not None
        lang = self._state.lang
        actions = state_actions(self._state)
        if self.manager.value:
            actions = actions[actions["manager_id"] == self.manager.value]
        if actions.empty:
            self.list_note.value = paragraph(t("dash.actions.none", lang))
            self.list.value = ""
            return
        self.list_note.value = paragraph(
            t(
                "dash.actions.count",
                lang,
                n=fmt_number(len(actions), lang),
                shown=fmt_number(min(len(actions), MAX_ROWS), lang),
            )
        )
        shown = actions.head(MAX_ROWS)
        table = pd.DataFrame(
            {
                "manager": [
                    manager_text(m, n, lang)
                    for m, n in zip(shown["manager_id"], shown["manager_name"], strict=True)
                ],
                "action": shown["action"].map({a: t(f"action.{a}", lang) for a in ACTIONS}),
                "action_due": shown["due_date"],
                "days": [fmt_number(v, lang) for v in shown["days"]],
                "name": shown["name"],
                "employee_id": shown["employee_id"],
                "item_date": shown["item_date"],
            }
        )
        headers = {
            "manager": t("dash.actions.manager", lang),
            "action": t("dash.column.action", lang),
            "action_due": t("dash.column.action_due", lang),
            "days": t("dash.column.days", lang),
            "name": t("dash.column.name", lang),
            "employee_id": t("dash.column.employee_id", lang),
            "item_date": t("dash.column.item_date", lang),
        }
        self.list.value = html_table(
            table, [(c, headers[c]) for c in LIST_COLUMNS], numeric=("days",), css="pop-actions"
        )


def manager_text(manager_id: str, name: object, lang: str) -> str:
    if manager_id == NO_GROUP:
        return t("group.none", lang)
    return f"{name} ({manager_id})" if isinstance(name, str) and name else str(manager_id)


def per_manager_table(actions: pd.DataFrame, lang: str) -> str:
    """Actions per manager (rows) and kind (columns), with a total column."""
    counts = pd.crosstab(actions["manager_id"], actions["action"]).reindex(
        columns=list(ACTIONS), fill_value=0
    )
    names = actions.drop_duplicates("manager_id").set_index("manager_id")["manager_name"]
    counts["total"] = counts.sum(axis=1)
    counts = counts.sort_values("total", ascending=False, kind="stable")
    table = pd.DataFrame(
        {"manager": [manager_text(m, names.get(m), lang) for m in counts.index]}
        | {c: [fmt_number(v, lang) for v in counts[c]] for c in [*ACTIONS, "total"]}
    )
    columns = [("manager", t("dash.actions.manager", lang))]
    columns += [(a, t(f"action.{a}", lang)) for a in ACTIONS]
    columns += [("total", t("dash.column.total", lang))]
    return html_table(table, columns, numeric=(*ACTIONS, "total"), css="pop-action-summary")


def counts_table(counts: pd.DataFrame, lang: str, k: int) -> str:
    """Action counts per group (the organisation first); hidden cells read "< k"."""
    shown = suppressed_text(k, lang)
    text = [
        shown if hidden else fmt_number(v, lang)
        for v, hidden in zip(counts["count"], counts["suppressed"], strict=True)
    ]
    wide = counts.assign(text=text).pivot(index="group", columns="action", values="text")
    groups = [TOTAL, *[g for g in counts["group"].drop_duplicates() if g != TOTAL]]
    wide = wide.reindex(index=groups, columns=list(ACTIONS))
    table = pd.DataFrame({"group": [group_label(g, lang) for g in groups]}).assign(
        **{a: wide[a].to_numpy() for a in ACTIONS}
    )
    columns = [("group", t("dash.column.group", lang))]
    columns += [(a, t(f"action.{a}", lang)) for a in ACTIONS]
    return html_table(table, columns, numeric=ACTIONS, css="pop-action-counts-table")
