"""Steering in the dashboard: the progress, projection and action frames of the
current state (cached per parameters like every other frame), the session's
targets editor, and the styles of these parts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w
import pandas as pd

from popanalytics.dashboard.components import esc
from popanalytics.dashboard.state import DashboardState
from popanalytics.errors import PopError
from popanalytics.export.overview import out_of_cycle_type
from popanalytics.i18n import t
from popanalytics.metrics.actions import action_counts, manager_actions
from popanalytics.metrics.catalogue import METRICS, metric_label
from popanalytics.metrics.progress import Progress, progress
from popanalytics.metrics.targets import Targets, value_text

STEERING_CSS = """
<style>
.pop-datefield { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.pop-datefield-label { color: #4a5a67; font-size: 12px; }
.pop-datefield-wrap { position: relative; display: inline-flex; align-items: center; }
.pop-datefield-input { width: 110px; height: 28px; padding: 0 8px; border: 1px solid #9e9e9e;
  font-size: 13px; font-variant-numeric: tabular-nums; box-sizing: border-box; }
.pop-datefield-invalid { border-color: #d1495b; background: #fdecea; }
.pop-datefield-button { height: 28px; width: 30px; border: 1px solid #9e9e9e; border-left: none;
  background: #fff; cursor: pointer; padding: 0; display: inline-flex; align-items: center;
  justify-content: center; color: #36506a; }
.pop-datefield-button svg { width: 16px; height: 16px; }
.pop-datefield-native { position: absolute; left: 0; top: 28px; width: 1px; height: 1px; opacity: 0;
  border: 0; padding: 0; pointer-events: none; }
.pop-datefield-error { color: #8a1c1c; font-size: 12px; flex-basis: 100%; }
.pop-datefield-error:empty { display: none; }
.pop-targets { align-items: center; gap: 10px; flex-wrap: wrap; }
.pop-target-line { font-size: 12px; margin-top: 2px; }
.pop-target-reached { color: #1e7f6e; font-weight: 600; }
.pop-target-missed { color: #c0392b; font-weight: 600; }
.pop-lag td { background: #fdf1ec; }
.pop-actions-table { max-height: 560px; overflow: auto; }
.pop-action-counts { max-height: 560px; overflow: auto; }
.pop-targets .widget-text input { width: 70px; }
.pop-targets-box { margin: 0 0 10px 0; }
</style>
"""


def progress_type(state: DashboardState, chosen: str | None) -> str:
    """The curve's conversation type: the one chosen in its card, else POP."""
    return chosen or "development"


def state_progress(state: DashboardState, conversation_type: str) -> Progress:
    """The progress curve and per-group projection for the current filters (cached)."""
    key = ("progress", conversation_type, state.params)
    cache: dict[Any, Any] = state._cache  # the state's cache: dropped with the data
    if key not in cache:
        cache[key] = progress(state.prepared, state.params, conversation_type)
    result: Progress = cache[key]
    return result


def _cached_frame(
    state: DashboardState, kind: str, compute: Callable[[Any, Any], pd.DataFrame]
) -> pd.DataFrame:
    key = (kind, state.params)
    cache: dict[Any, Any] = state._cache
    if key not in cache:
        cache[key] = compute(state.prepared, state.params)
    frame: pd.DataFrame = cache[key]
    return frame


def actions_type(state: DashboardState) -> str:
    """The action lists' type: the focus type, else POP (as the follow-up workbooks)."""
    return out_of_cycle_type(state.params)


def state_actions(state: DashboardState) -> pd.DataFrame:
    """Every manager's actions (hr)."""
    kind = actions_type(state)
    return _cached_frame(
        state, f"actions:{kind}", lambda data, params: manager_actions(data, params, kind)
    )


def state_action_counts(state: DashboardState) -> pd.DataFrame:
    """Actions counted per group of the "Per" selector (both audiences)."""
    kind = actions_type(state)
    return _cached_frame(
        state, f"action_counts:{kind}", lambda data, params: action_counts(data, params, kind)
    )


def target_line(metric: str, target: float | None, verdict: bool | None, lang: str) -> str:
    """A tile's target line (HTML): "Doel 90,0 % · niet gehaald"."""
    if target is None:
        return ""
    text = t("target.label", lang, value=value_text(metric, target, lang))
    if verdict is None:
        return f'<span class="pop-target">{esc(text)}</span>'
    css = "pop-target-reached" if verdict else "pop-target-missed"
    word = t("target.reached" if verdict else "target.not_reached", lang)
    return f'<span class="pop-target {css}">{esc(text)} · {esc(word)}</span>'


class TargetEditor:
    """Set a target per figure for the session: figure, value (a percentage for a
    rate), set / clear; ``on_change(targets)`` is called with the new targets."""

    def __init__(self, on_change: Callable[[Targets], None]) -> None:
        self._on_change = on_change
        self.metric = w.Dropdown(layout=w.Layout(width="300px"))
        self.value = w.Text(layout=w.Layout(width="170px"), continuous_update=False)
        self.set_button = w.Button()
        self.clear_button = w.Button()
        self.summary = w.HTML()
        self.message = w.HTML()
        for widget, name in (
            (self.metric, "metric"),
            (self.value, "value"),
            (self.set_button, "set"),
            (self.clear_button, "clear"),
        ):
            widget.add_class(f"pop-target-{name}")
        row = w.HBox([self.metric, self.value, self.set_button, self.clear_button])
        row.add_class("pop-targets")
        # the accordion around it carries the title
        self.widget = w.VBox([row, self.summary, self.message])
        self.widget.add_class("pop-card")
        self.widget.add_class("pop-target-editor")
        self.set_button.on_click(lambda _b: self._set())
        self.clear_button.on_click(lambda _b: self._clear())
        self.targets = Targets()
        self.lang = "nl"

    def relabel(self, lang: str, targets: Targets) -> None:
        self.lang, self.targets = lang, targets
        current = self.metric.value
        options = [(metric_label(m.key, lang), m.key) for m in METRICS.values() if m.headline]
        self.metric.options = options
        self.metric.value = current or "coverage_development"
        self.metric.description = t("dash.targets.metric", lang)
        self.value.description = t("dash.targets.value", lang)
        self.value.placeholder = "90%"
        self.set_button.description = t("dash.targets.set", lang)
        self.clear_button.description = t("dash.targets.clear", lang)
        self._summarise()

    def _summarise(self) -> None:
        lang = self.lang
        if not self.targets:
            self.summary.value = f"<p>{esc(t('dash.targets.none', lang))}</p>"
            return
        listed = ", ".join(
            f"{metric_label(m, lang)} {value_text(m, v, lang)}" for m, v in self.targets.items
        )
        self.summary.value = f"<p>{esc(t('dash.targets.current', lang, list=listed))}</p>"

    def _set(self) -> None:
        from popanalytics.metrics.targets import parse_target

        metric, raw = self.metric.value, self.value.value.strip()
        if METRICS[metric].kind == "rate" and raw and not raw.endswith("%"):
            raw = f"{raw}%"  # a rate's field is a percentage: "90" is 90 %
        try:
            _, value = parse_target(f"{metric}={raw}")
        except PopError as exc:
            self.message.value = (
                f'<div class="pop-error" role="alert">{esc(exc.message(self.lang))}</div>'
            )
            return
        self.message.value = ""
        self.targets = self.targets.with_target(metric, value)
        self._summarise()
        self._on_change(self.targets)

    def _clear(self) -> None:
        self.message.value = ""
        self.targets = self.targets.with_target(self.metric.value, None)
        self._summarise()
        self._on_change(self.targets)
