"""What the dashboard currently shows: the loaded data, the filters, the language.

The state holds the loaded dataset once (a filter change never reloads files)
and caches every computed frame per ``Params`` (frozen, hashable), so going
back to an earlier filter combination is instant and each combination is
computed once. Widgets live in app.py and views/; this module has none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import pandas as pd

from popanalytics import metrics
from popanalytics.dashboard.snapshots import SnapshotSource, imported_on
from popanalytics.metrics.params import DEFAULT_K, Audience, Params
from popanalytics.metrics.targets import Targets
from popanalytics.model import Dataset
from popanalytics.presentation import manager_names
from popanalytics.schema.quality import QualityReport

# Filters shown in the filter bar, in order; each keeps one value or None (= all).
FILTER_FIELDS: tuple[str, ...] = ("department", "team", "location", "job_title")
# A dropdown offers only values within its parents' choice (teams within a department).
NARROWED_BY: dict[str, tuple[str, ...]] = {"team": ("department",)}
GROUP_BY_CHOICES: tuple[str, ...] = ("department", "team", "location", "job_title", "manager_id")


class Engine(Protocol):
    """The metric functions the dashboard calls (popanalytics.metrics).

    ``prepare`` runs once per loaded dataset; its result is what the other
    functions receive, so per-dataset work is never repeated on a filter change.
    """

    def prepare(self, dataset: Dataset) -> Any: ...

    def figures(self, data: Any, params: Params) -> pd.DataFrame: ...

    def trend(self, data: Any, params: Params) -> pd.DataFrame: ...

    def overdue_agreements(self, data: Any, params: Params) -> pd.DataFrame: ...


class MetricsEngine:
    """The real engine: popanalytics.metrics."""

    def prepare(self, dataset: Dataset) -> Any:
        return metrics.prepare(dataset)

    def figures(self, data: Any, params: Params) -> pd.DataFrame:
        return metrics.figures(data, params)

    def trend(self, data: Any, params: Params) -> pd.DataFrame:
        return metrics.trend(data, params)

    def overdue_agreements(self, data: Any, params: Params) -> pd.DataFrame:
        return metrics.overdue_agreements(data, params)


@dataclass(frozen=True)
class Filters:
    """The filter bar's values; ``None`` means "all" (or "the default")."""

    cycle_year: int | None = None
    reference_date: dt.date | None = None
    department: str | None = None
    team: str | None = None
    location: str | None = None
    job_title: str | None = None
    conversation_type: str = "any"
    audience: Audience = "hr"
    group_by: str | None = "department"

    def with_(self, **changes: Any) -> Filters:
        return replace(self, **changes)


def params_from(filters: Filters, *, cycle_start_month: int = 1, k: int = DEFAULT_K) -> Params:
    """The metrics parameters for the filter bar's values."""
    chosen = tuple(
        (name, (value,)) for name in FILTER_FIELDS if (value := getattr(filters, name)) is not None
    )
    return Params(
        cycle_year=filters.cycle_year,
        cycle_start_month=cycle_start_month,
        reference_date=filters.reference_date,
        filters=chosen,
        group_by=filters.group_by,
        audience=filters.audience,
        k=k,
        conversation_type=filters.conversation_type,
    )


@dataclass
class DashboardState:
    """The loaded data, the current filters and language, and the computed frames."""

    loaded: Any  # popanalytics.dataset.Loaded (or the Loaded above): .dataset, .report
    source: str
    filters: Filters = field(default_factory=Filters)
    lang: str = "nl"
    cycle_start_month: int = 1
    k: int = DEFAULT_K
    # under JupyterHub, management and managers see one audience: no change widens it
    fixed_audience: Audience | None = None
    engine: Engine = field(default_factory=MetricsEngine)
    targets: Targets = field(default_factory=Targets)  # the session's targets (none by default)
    _cache: dict[tuple[str, Params], pd.DataFrame] = field(default_factory=dict, repr=False)
    _prepared: Any = field(default=None, repr=False)
    # per loaded dataset: dropdown values per (field, parents' choice), managers' names
    _options: dict[tuple[str, tuple[str | None, ...]], list[str]] = field(
        default_factory=dict, repr=False
    )
    _manager_names: pd.Series | None = field(default=None, repr=False)
    # the store the page reads from (None: files, the demo or an upload)
    snapshots: SnapshotSource | None = None
    _previous: tuple[str, Any] | None = field(default=None, repr=False)

    @property
    def dataset(self) -> Dataset:
        dataset: Dataset = self.loaded.dataset
        return dataset

    @property
    def report(self) -> QualityReport:
        report: QualityReport = self.loaded.report
        return report

    @property
    def params(self) -> Params:
        return params_from(self.filters, cycle_start_month=self.cycle_start_month, k=self.k)

    def set_filters(self, **changes: Any) -> Filters:
        """Change some filters; figures are recomputed lazily (and only once per Params).
        A fixed audience stays, whatever is asked."""
        self.filters = self.filters.with_(**changes)
        if self.fixed_audience is not None and self.filters.audience != self.fixed_audience:
            self.filters = self.filters.with_(audience=self.fixed_audience)
        return self.filters

    def replace_data(self, loaded: Any, source: str) -> None:
        """New data (an upload): forget every computed frame and every stale filter value."""
        self.loaded = loaded
        self._cache.clear()
        self._options.clear()
        self._prepared = None
        self._manager_names = None
        self._previous = None
        was_demo = not self.source
        self.source = source
        self.filters = self.filters.with_(**dict.fromkeys(FILTER_FIELDS))
        if was_demo:
            # the demo opened on its own "today"; one's own export is read as of today
            self.filters = self.filters.with_(reference_date=dt.date.today())

    @property
    def prepared(self) -> Any:
        """The engine's per-dataset preparation, made once per loaded dataset."""
        if self._prepared is None:
            self._prepared = self.engine.prepare(self.dataset)
        return self._prepared

    def _cached(
        self, kind: str, params: Params, compute: Callable[[Any, Params], pd.DataFrame]
    ) -> pd.DataFrame:
        key = (kind, params)
        if key not in self._cache:
            self._cache[key] = compute(self.prepared, params)
        return self._cache[key]

    def figures(self, params: Params | None = None) -> pd.DataFrame:
        """The figures frame for ``params`` (default: the current filters)."""
        return self._cached("figures", params or self.params, self.engine.figures)

    def chart_figures(self) -> pd.DataFrame:
        """The current figures for charts, their groups as `named_groups` shows them."""
        return self.named_groups(self.figures())

    def named_groups(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with its ``group`` column as a person reads it: grouped per
        manager, hr reads names, not ids (only hr may group per manager at all)."""
        if self.filters.group_by != "manager_id" or self.filters.audience != "hr":
            return frame
        names = self.manager_names()
        if names.empty:
            return frame
        shown = frame["group"].map(names)
        return frame.assign(group=shown.where(shown.notna(), frame["group"]))

    def manager_names(self) -> pd.Series:
        """Employee id -> name as a chart shows it, made once per loaded dataset;
        two people with one name stay two groups: the id tells them apart."""
        if self._manager_names is None:
            self._manager_names = manager_names(self.dataset, tell_twins_apart=True)
        return self._manager_names

    def previous_figures(self) -> pd.DataFrame:
        """The same figures for the previous cycle, as of its end (the trend's rule)."""
        params = self.params
        previous = params.cycle.previous()
        return self.figures(params.with_(cycle_year=previous.year, reference_date=previous.end))

    def grouped_figures(self, group_by: str) -> pd.DataFrame:
        """The current figures grouped by a fixed field (e.g. department for the heat map)."""
        return self.figures(self.params.with_(group_by=group_by))

    def trend(self) -> pd.DataFrame:
        """Headline figures for the last cycles (totals only)."""
        return self._cached("trend", self.params.with_(group_by=None), self.engine.trend)

    def overdue(self) -> pd.DataFrame:
        """Overdue agreements, one row per agreement (hr audience only)."""
        return self._cached(
            "overdue", self.params.with_(group_by=None), self.engine.overdue_agreements
        )

    def previous_snapshot(self) -> Any:
        """The manifest of the snapshot before the shown one (None: none, or no store)."""
        source = self.snapshots
        if source is None or source.current is None:
            return None
        return source.previous(source.current)

    def since(self) -> pd.DataFrame | None:
        """ "Since the previous import" for the current filters; None without a
        previous snapshot. The previous snapshot is opened and prepared once."""
        before = self.previous_snapshot()
        if before is None:
            return None
        assert self.snapshots is not None
        if self._previous is None or self._previous[0] != before.id:
            self._previous = (
                before.id,
                self.engine.prepare(self.snapshots.open(before.id).dataset),
            )
        previous = self._previous[1]
        params = self.params
        since_day = min(imported_on(before), params.effective_reference)

        def compute(prepared: Any, p: Params) -> pd.DataFrame:
            from popanalytics.metrics.since import since_previous

            return since_previous(prepared, previous, p, since_day)

        return self._cached(f"since:{before.id}", params, compute)

    def options(self, name: str) -> list[str]:
        """The values of an employee field for its dropdown, sorted; a team list only
        holds the teams of the chosen department (its parent in NARROWED_BY)."""
        parents = NARROWED_BY.get(name, ())
        key = (name, tuple(getattr(self.filters, parent) for parent in parents))
        if key not in self._options:
            self._options[key] = self._distinct_values(
                name, dict(zip(parents, key[1], strict=True))
            )
        return self._options[key]

    def _distinct_values(self, name: str, within: dict[str, str | None]) -> list[str]:
        employees = self.dataset.employees
        if name not in employees.columns:
            return []
        keep = pd.Series(True, index=employees.index)
        for parent, value in within.items():
            if value is not None and parent in employees.columns:
                keep &= employees[parent] == value
        values = employees.loc[keep, name].dropna().astype("str").str.strip()
        return sorted(values[values != ""].unique().tolist(), key=str.lower)

    def cycle_years(self) -> list[int]:
        """Cycles that the data touches (by planned or held dates), newest first."""
        conversations = self.dataset.conversations
        dates = pd.concat(
            [conversations[c] for c in ("planned_date", "held_date") if c in conversations.columns]
        )
        dates = pd.to_datetime(dates, errors="coerce").dropna()
        years = pd.Index((dates.dt.year - (dates.dt.month < self.cycle_start_month)).unique())
        years = years.union([self.params.cycle.year])
        return sorted((int(y) for y in years), reverse=True)
