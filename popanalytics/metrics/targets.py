"""Targets: a goal per metric (e.g. coverage_development ≥ 90 %) and whether it is reached.

A target is set on the command line (``--target coverage_development=0.9``),
by ``popanalytics serve`` for every page, or in the dashboard for the session.
There are none by default. A rate's target is a share in [0, 1]; any other
metric's target is a number ≥ 0. For the figures where a rise is bad news
(``LOWER_IS_BETTER``) a target is a ceiling: reached when the value is at or
below it; for every other figure it is a floor.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from popanalytics.errors import PopError
from popanalytics.i18n import fmt_number, fmt_percent, t
from popanalytics.metrics.catalogue import METRICS
from popanalytics.metrics.params import TOTAL

# Figures where a rise is bad news (a target is a ceiling, a change is coloured
# the other way round on the tiles). The one list: the dashboard imports it.
LOWER_IS_BETTER = frozenset(
    {
        "agreements_overdue",
        "followup_missing",
        "conversations_missed",
        "conversations_cancelled",
        "out_of_cycle_development",
        "out_of_cycle_performance",
        "out_of_cycle_appraisal",
        "out_of_cycle_any",
        "signature_days_median",
        "agreements_days_to_done_median",
        "training_cost_missing",
    }
)


class TargetError(PopError):
    """A target that cannot be used: an unknown metric, a rate outside 0–1, not a number."""


def _error(key: str, **values: object) -> TargetError:
    return TargetError(t(key, "nl", **values), t(key, "en", **values), code="bad_target")


@dataclass(frozen=True)
class Targets:
    """A frozen mapping metric → target (hashable, so a cache may key on it)."""

    items: tuple[tuple[str, float], ...] = ()

    def get(self, metric: str) -> float | None:
        return dict(self.items).get(metric)

    def as_dict(self) -> dict[str, float]:
        return dict(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def with_target(self, metric: str, value: float | None) -> Targets:
        """These targets with ``metric``'s target set (validated) or, for None, removed."""
        current = self.as_dict()
        if value is None:
            current.pop(metric, None)
        else:
            current[metric] = check_target(metric, value)
        return Targets(tuple(sorted(current.items())))

    @classmethod
    def from_mapping(cls, targets: Mapping[str, float]) -> Targets:
        return cls(tuple(sorted((m, check_target(m, v)) for m, v in targets.items())))


def check_target(metric: str, value: float) -> float:
    """``value`` as a valid target of ``metric``, else a TargetError (nl/en message)."""
    info = METRICS.get(metric)
    if info is None or not info.headline:
        raise _error("target.unknown_metric", metric=metric, known=", ".join(_known()))
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise _error("target.not_a_number", metric=metric, value=value)
    if info.kind == "rate" and not 0.0 <= number <= 1.0:
        raise _error("target.rate_range", metric=metric, value=value)
    if number < 0:
        raise _error("target.negative", metric=metric, value=value)
    return number


def _known() -> list[str]:
    return [m.key for m in METRICS.values() if m.headline]


def parse_target(text: str) -> tuple[str, float]:
    """``"coverage_development=0.9"`` → ("coverage_development", 0.9); a rate may
    also be written as a percentage ("90%"), a decimal comma is accepted."""
    name, sep, raw = text.partition("=")
    name, raw = name.strip(), raw.strip()
    if not sep or not name or not raw:
        raise _error("target.syntax", text=text)
    percent = raw.endswith("%")
    number_text = raw.rstrip("%").strip().replace(",", ".")
    try:
        number = float(number_text)
    except ValueError:
        raise _error("target.not_a_number", metric=name, value=raw) from None
    if percent:
        number /= 100.0
    return name, check_target(name, number)


def parse_targets(texts: Iterable[str]) -> Targets:
    """Targets from ``METRIC=VALUE`` texts (a later one for the same metric wins)."""
    found: dict[str, float] = {}
    for text in texts:
        name, value = parse_target(text)
        found[name] = value
    return Targets(tuple(sorted(found.items())))


def reached(metric: str, value: float | None, target: float | None) -> bool | None:
    """Whether ``value`` meets ``target`` (None when either is unknown or hidden)."""
    if target is None or value is None or math.isnan(float(value)):
        return None
    if metric in LOWER_IS_BETTER:
        return bool(value <= target + 1e-12)
    # 1e-12: 0.9 coverage computed as 9/10 equals a 0.9 target, not falls short of it
    return bool(value >= target - 1e-12)


def target_status(frame: pd.DataFrame, targets: Targets) -> pd.DataFrame:
    """Each target against a figures frame's total row: columns metric, target,
    value (the rate for a rate, else the numerator; NaN when hidden or absent),
    suppressed, reached (None when unknown)."""
    totals = frame[(frame["group"] == TOTAL) & frame["breakdown_field"].isna()]
    totals = totals.drop_duplicates("metric").set_index("metric")
    metrics = [metric for metric, _ in targets.items]
    found = totals.reindex(metrics)
    is_rate = np.array([METRICS[m].kind == "rate" for m in metrics], dtype=bool)
    hidden = found["suppressed"].fillna(True).to_numpy(dtype=bool)
    value = np.where(
        is_rate, found["rate"].to_numpy(dtype=float), found["numerator"].to_numpy(dtype=float)
    )
    value = np.where(hidden, np.nan, value)
    target = np.array([v for _, v in targets.items], dtype=float)
    return pd.DataFrame(
        {
            "metric": metrics,
            "target": target,
            "value": value,
            "suppressed": hidden,
            "reached": [reached(m, v, g) for m, v, g in zip(metrics, value, target, strict=True)],
        }
    )


def value_text(metric: str, value: float, lang: str) -> str:
    """A target (or a figure compared with it) as shown: a percentage for a
    rate ("90,0 %"), a number otherwise."""
    if METRICS[metric].kind == "rate":
        return fmt_percent(value, lang)
    return fmt_number(value, lang, 0 if float(value).is_integer() else 1)


def verdict_text(metric: str, target: float, value: float | None, lang: str) -> str:
    """ "90,0 % (niet gehaald)": a target and whether ``value`` reaches it
    (only the target when the value is unknown or hidden)."""
    shown = value_text(metric, target, lang)
    verdict = reached(metric, value, target)
    if verdict is None:
        return shown
    return f"{shown} ({t('target.reached' if verdict else 'target.not_reached', lang)})"
