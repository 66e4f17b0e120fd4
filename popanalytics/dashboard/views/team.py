"""Mijn team (managers only): indirect reports as names and statuses, and the
organisation's headline figures as suppressed aggregates for comparison.

The data comes from access.Scoped: the indirect reports' person columns and
conversations (no agreements, no training needs) and the organisation, which
is read here at the management audience only (metrics/privacy.py suppresses).
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from popanalytics import charts, metrics
from popanalytics.access.scope import INDIRECT_COLUMNS, Scoped
from popanalytics.dashboard.components import (
    card,
    heading,
    html_table,
    kpi_value_text,
    paragraph,
    set_heading,
)
from popanalytics.dashboard.state import DashboardState
from popanalytics.dashboard.views import View
from popanalytics.i18n import field_label, t
from popanalytics.metrics.catalogue import metric_label
from popanalytics.model import Dataset

COMPARED: tuple[str, ...] = (
    "coverage_development",
    "coverage_any",
    "agreements_completion",
    "agreements_overdue",
    "training_needs",
)
MAX_ROWS = 500


class TeamView(View):
    name = "team"

    def __init__(self, scoped: Scoped) -> None:
        self.indirect_title = heading(level=3)
        self.indirect = w.HTML()
        self.indirect.add_class("pop-team-indirect")
        self.comparison_title = heading(level=3)
        self.comparison = w.HTML()
        self.comparison.add_class("pop-team-comparison")
        super().__init__(
            card(self.indirect_title, self.indirect),
            card(self.comparison_title, self.comparison),
        )
        self._indirect = scoped.indirect
        self._organisation = scoped.organisation
        self._prepared_indirect = (
            None if scoped.indirect is None else metrics.prepare(scoped.indirect)
        )
        self._prepared_org = (
            None if scoped.organisation is None else metrics.prepare(scoped.organisation)
        )

    def render(self, state: DashboardState) -> None:
        lang = state.lang
        set_heading(self.title, t("access.team.title", lang))
        self.intro.value = ""
        set_heading(self.indirect_title, t("access.team.indirect", lang), level=3)
        set_heading(self.comparison_title, t("access.team.comparison", lang), level=3)
        self.indirect.value = self._indirect_table(state)
        self.comparison.value = self._comparison_table(state)

    def _indirect_table(self, state: DashboardState) -> str:
        lang = state.lang
        if self._indirect is None or self._indirect.employees.empty:
            return paragraph(t("access.team.no_indirect", lang))
        people = indirect_status(
            self._indirect,
            self._prepared_indirect,
            state.params.with_(audience="hr", filters=(), group_by=None),
        )
        people = people.assign(
            status=people["status"].map(lambda s: t(f"access.team.status.{s}", lang))
        )
        columns = [(c, field_label(c, lang)) for c in INDIRECT_COLUMNS if c in people.columns]
        columns.append(("status", t("access.team.status", lang)))
        return html_table(people, columns, css="pop-team-table", max_rows=MAX_ROWS)

    def _comparison_table(self, state: DashboardState) -> str:
        """Team (direct reports, as the tiles) next to the organisation, suppressed."""
        lang, k = state.lang, state.k
        params = state.params.with_(audience="management", filters=(), group_by=None)
        assert self._prepared_org is not None
        org = metrics.figures(self._prepared_org, params)
        mine = state.figures(state.params.with_(filters=(), group_by=None))
        rows = [
            {
                "metric": metric_label(m, lang),
                "mine": kpi_value_text(charts.total_row(mine, m), lang, k),
                "organisation": kpi_value_text(charts.total_row(org, m), lang, k),
            }
            for m in COMPARED
        ]
        return html_table(
            pd.DataFrame(rows),
            [
                ("metric", ""),
                ("mine", t("access.team.mine", lang)),
                ("organisation", t("access.team.organisation", lang)),
            ],
            css="pop-team-comparison-table",
            numeric=("mine", "organisation"),
        )


def indirect_status(
    dataset: Dataset, prepared: metrics.Prepared | None, params: metrics.Params
) -> pd.DataFrame:
    """Indirect reports: name, department, team and ``ok``/``out`` (a development
    conversation within the cycle at R or not); nothing else about them."""
    employees = dataset.employees
    out = metrics.out_of_cycle_employees(prepared if prepared is not None else dataset, params)
    status = employees["employee_id"].isin(out["employee_id"]).map({True: "out", False: "ok"})
    shown = [c for c in INDIRECT_COLUMNS if c in employees.columns]
    return (
        employees.loc[:, shown]
        .assign(status=status.to_numpy())
        .sort_values([c for c in ("department", "name") if c in shown], kind="stable")
        .reset_index(drop=True)
    )
