"""Reading and labelling the figures frame: the one presentation layer of every surface.

Charts, the Excel export, the CLI and the dashboard all show the tidy frame of
``popanalytics.metrics.figures`` (metric, group, breakdown_field, breakdown,
numerator, denominator, rate, employees, suppressed). What it takes to show
it lives here, once:

- selecting rows: the headline (no breakdown), the organisation total, the
  groups, a breakdown;
- labels: groups (total, "no group"), enum values of breakdowns, metrics
  (from the catalogue), managers' display names;
- order: groups with the total first, "(none)" last and the rest
  alphabetically (case-insensitive, ``casefold``);
- metric families (coverage, agreements, training, process…), from the
  metrics catalogue;
- how a figure is shown in words ("12 / 40 (30,0 %)", "< 5").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from popanalytics.i18n import fmt_number, fmt_percent, has_label, t
from popanalytics.metrics.catalogue import (
    FAMILIES,
    METRICS,
    MetricInfo,
    family,
    metric_definition,
    metric_label,
)
from popanalytics.metrics.params import DEFAULT_K, NO_GROUP, TOTAL
from popanalytics.model import Dataset

__all__ = [
    "DEFAULT_K",
    "ENUM_LABELS",
    "FAMILIES",
    "METRICS",
    "NO_GROUP",
    "TOTAL",
    "breakdown",
    "breakdown_label",
    "breakdown_labels",
    "bucket_order",
    "family",
    "figure_text",
    "group_label",
    "group_labels",
    "group_order",
    "headline",
    "manager_names",
    "metric_definition",
    "metric_info",
    "metric_infos",
    "metric_label",
    "ordered_groups",
    "per_group",
    "sort_groups",
    "suppressed_text",
    "total_row",
]

# Enum fields -> the label prefix of their values in the i18n catalogue. A
# "status" is a training need's in the figures frame (the only figure broken down
# by status); detail lists of agreements ask for the agreement's status.
ENUM_LABELS: dict[str, str] = {
    "category": "category",
    "owner": "owner",
    "focus": "focus",
    "learning_form": "learning_form",
    "priority": "priority",
    "conversation_type": "conversation_type",
    "status": "need_status",
}
AGREEMENT_STATUS = "agreement_status"


# --- selecting rows ----------------------------------------------------------------


def headline(frame: pd.DataFrame, metric: str | None = None) -> pd.DataFrame:
    """Rows without breakdown (total and per group), of one metric or of all."""
    rows = frame[frame["breakdown_field"].isna()]
    return rows if metric is None else rows[rows["metric"] == metric]


def total_row(frame: pd.DataFrame, metric: str) -> pd.Series | None:
    """The organisation-wide row of a metric, or None when the frame has none."""
    rows = headline(frame, metric)
    rows = rows[rows["group"] == TOTAL]
    return None if rows.empty else rows.iloc[0]


def per_group(frame: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Rows of one metric per group (the total left out), in group order."""
    rows = headline(frame, metric)
    return sort_groups(rows[rows["group"] != TOTAL])


def breakdown(frame: pd.DataFrame, metric: str, field: str, *, total: bool = True) -> pd.DataFrame:
    """Breakdown rows of one metric by ``field`` (only the total group by default)."""
    rows = frame[(frame["metric"] == metric) & (frame["breakdown_field"] == field)]
    if total:
        rows = rows[rows["group"] == TOTAL]
    return rows


# --- group order and labels ----------------------------------------------------------


def group_order(groups: pd.Series) -> pd.Series:
    """Sort key of group values: the total first, "(none)" last, the rest
    alphabetically without regard to case (``casefold``)."""
    rank = np.where(groups == TOTAL, "0", np.where(groups == NO_GROUP, "2", "1"))
    return pd.Series(rank, index=groups.index, dtype=str) + groups.astype(str).str.casefold()


def sort_groups(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` in group order (stable: rows of one group keep their order)."""
    return rows.iloc[group_order(rows["group"]).argsort(kind="stable").to_numpy()]


def ordered_groups(groups: Iterable[object]) -> list[object]:
    """The distinct group values in group order."""
    distinct = pd.Series(list(dict.fromkeys(groups)), dtype=object)
    return distinct.iloc[group_order(distinct).argsort(kind="stable").to_numpy()].tolist()


def bucket_order(values: Iterable[object]) -> list[object]:
    """Days-overdue buckets in the order of their first number ("1-30", "31-60",
    "> 90"); a bucket without a number last."""
    buckets = pd.Series(list(dict.fromkeys(values)), dtype=object)
    first = buckets.astype(str).str.extract(r"(\d+)", expand=False).astype(float)
    return buckets.iloc[first.fillna(math.inf).argsort(kind="stable").to_numpy()].tolist()


def group_label(group: object, lang: str) -> str:
    """The shown name of a group value: the total and the empty group are labelled."""
    if group == TOTAL:
        return t("group.all", lang)
    if group == NO_GROUP or group is None or (isinstance(group, float) and math.isnan(group)):
        return t("group.none", lang)
    return str(group)


def group_labels(groups: pd.Series, lang: str) -> pd.Series:
    """``group_label`` of a column of group values (each distinct value once)."""
    return groups.astype(object).replace(
        {TOTAL: t("group.all", lang), NO_GROUP: t("group.none", lang)}
    )


# --- breakdown and enum labels ---------------------------------------------------------


def breakdown_label(field: str, value: object, lang: str, *, status: str | None = None) -> str:
    """The shown name of a breakdown or enum value.

    An enum value gets its label (``status`` overrides the prefix of a "status"
    field: ``AGREEMENT_STATUS`` for agreements); a days-overdue bucket reads
    "31–60 days"; anything else is shown as a group value is ("(none)" labelled),
    a missing value as "".
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    prefix = status if field == "status" and status else ENUM_LABELS.get(field)
    key = f"{prefix}.{value}"
    if prefix and has_label(key):
        return t(key, lang)
    if field == "bucket":
        return t("dash.chart.bucket", lang, bucket=value)
    return group_label(value, lang)


def breakdown_labels(rows: pd.DataFrame, lang: str) -> pd.Series:
    """The ``breakdown`` value of each row as the user reads it (None without a
    breakdown): each distinct (field, value) pair is labelled once, then mapped."""
    key = ["breakdown_field", "breakdown"]
    pairs = rows[key].dropna().drop_duplicates()
    pairs = pairs.assign(
        label=[breakdown_label(f, b, lang) for f, b in pairs.itertuples(index=False, name=None)]
    )
    labels = rows[key].merge(pairs, how="left", on=key)["label"]
    return pd.Series(labels.to_numpy(dtype=object), index=rows.index, dtype=object)


# --- metrics -----------------------------------------------------------------------------


def metric_info(key: str, rows: pd.DataFrame | None = None) -> MetricInfo:
    """The catalogue entry of a metric; for a key the catalogue does not know, one
    inferred from its rows (a rate when any row has a rate, else a count)."""
    if key in METRICS:
        return METRICS[key]
    has_rate = rows is not None and bool(rows.loc[rows["metric"] == key, "rate"].notna().any())
    return MetricInfo(key, "rate", "percent") if has_rate else MetricInfo(key, "count", "items")


def metric_infos(figures: pd.DataFrame) -> dict[str, MetricInfo]:
    """``metric_info`` of every metric in a figures frame."""
    return {key: metric_info(key, figures) for key in figures["metric"].unique().tolist()}


# --- figures in words ----------------------------------------------------------------------


def suppressed_text(k: int, lang: str) -> str:
    """What a suppressed cell shows instead of its value: "< k"."""
    return t("figure.suppressed", lang, k=k)


def figure_text(row: Mapping[Any, Any], lang: str) -> str:
    """A figure in words: "num / den (rate)" for a rate, the value otherwise."""
    num, den, rate = row["numerator"], row["denominator"], row["rate"]
    if isinstance(rate, float) and not math.isnan(rate):
        return f"{fmt_number(num, lang)} / {fmt_number(den, lang)} ({fmt_percent(rate, lang)})"
    digits = 0 if num is None or math.isnan(num) or float(num).is_integer() else 1
    return fmt_number(num, lang, digits)


# --- managers -------------------------------------------------------------------------------


def manager_names(dataset: Dataset, *, tell_twins_apart: bool = True) -> pd.Series:
    """Employee id -> the name shown for that person as a manager.

    With ``tell_twins_apart`` two people with one name read "Name (id)" (where
    the name replaces the id, as on a chart); without it the plain name (where
    the id is shown next to it, as in a workbook).
    """
    employees = dataset.employees
    if "name" not in employees.columns:
        return pd.Series(dtype="str")
    names = employees.drop_duplicates("employee_id").set_index("employee_id")["name"].dropna()
    if not tell_twins_apart:
        return names
    twins = names.duplicated(keep=False)
    return names.where(~twins, names + " (" + names.index.to_series().astype("str") + ")")
