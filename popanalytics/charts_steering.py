"""Plotly figures for steering the cycle: coverage rates per group, the group ×
conversation type heat map, and the progress curve with the previous cycle,
the target and the dotted projection. Pure builders, as in charts.py (whose
palette, layout and suppression conventions they share)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from popanalytics.charts import (
    COVERAGE_TYPES,
    MISSED,
    PREVIOUS,
    PRIMARY,
    _base_layout,
    _empty,
    _suppression_note,
    add_rate_heatmap,
    rate_grid,
)
from popanalytics.i18n import field_label, fmt_number, fmt_percent, t
from popanalytics.metrics.managers import lagging
from popanalytics.presentation import (
    DEFAULT_K,
    group_label,
    headline,
    suppressed_text,
    total_row,
)

TARGET = "#6a4c93"
PROJECTION = "#f2a65a"


def share_text(num: float, den: float, rate: float, hidden: bool, lang: str, k: int) -> str:
    """ "42 / 57 (73,7 %)", "< k" when hidden, "–" without a denominator."""
    if hidden:
        return suppressed_text(k, lang)
    if not den or math.isnan(den):
        return "–"
    return f"{fmt_number(num, lang)} / {fmt_number(den, lang)} ({fmt_percent(rate, lang)})"


def coverage_rates(
    frame: pd.DataFrame,
    conversation_type: str,
    group_by: str | None,
    lang: str,
    k: int = DEFAULT_K,
    target: float | None = None,
) -> go.Figure:
    """Coverage of one type per group as a sorted bar (highest first) with n / N,
    the organisation's rate as a reference line, lagging groups (> 10 points
    below) highlighted, the target as a dashed line when set."""
    metric = f"coverage_{conversation_type}"
    rows = headline(frame, metric)
    total = total_row(frame, metric)
    groups = rows[rows["group"] != "all"]
    title = t(
        "dash.chart.coverage_rate_per_group",
        lang,
        type=t(f"conversation_type.{conversation_type}", lang),
        group=field_label(group_by, lang).lower() if group_by else "",
    )
    fig = go.Figure()
    _base_layout(fig, lang, title, height=max(360, 110 + 30 * len(groups)))
    if groups.empty or total is None:
        _empty(fig, lang)
        return fig
    hidden = groups["suppressed"].astype(bool).to_numpy()
    rate = groups["rate"].to_numpy(dtype=float)
    org = float(total["rate"]) if not bool(total["suppressed"]) else float("nan")
    # highest first, hidden groups last: plotly draws the first y at the bottom
    order = np.lexsort(
        (groups["group"].astype(str).to_numpy(), -np.nan_to_num(rate, nan=-1), hidden)
    )
    groups, hidden, rate = groups.iloc[order], hidden[order], rate[order]
    lags = lagging(rate, org)
    labels = [group_label(g, lang) for g in groups["group"]]
    texts = [
        share_text(n, d, r, bool(h), lang, k)
        for n, d, r, h in zip(groups["numerator"], groups["denominator"], rate, hidden, strict=True)
    ]
    fig.add_bar(
        y=labels,
        x=np.where(hidden, 0, np.nan_to_num(rate)).tolist(),
        orientation="h",
        marker_color=[MISSED if lag else PRIMARY for lag in lags],
        text=texts,
        textposition="outside",
        cliponaxis=False,
        name=t("dash.chart.this_cycle", lang),
        showlegend=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
    if lags.any():  # a legend entry that says what the highlight means
        fig.add_bar(
            y=[labels[0]], x=[None], orientation="h", marker_color=MISSED,
            name=t("dash.chart.lags", lang), showlegend=True, hoverinfo="skip",
        )  # fmt: skip
    if not math.isnan(org):
        fig.add_vline(
            x=org,
            line={"color": "#23313d", "width": 2},
            annotation_text=t("dash.chart.organisation", lang, value=fmt_percent(org, lang)),
            annotation_position="top",
        )
    if target is not None:
        _target_vline(fig, target, lang)
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(tickformat=".0%", range=[0, 1.3], title=t("dash.axis.share", lang))
    fig.update_layout(barmode="overlay", margin={"l": 160, "t": 90})
    if hidden.any():
        _suppression_note(fig, lang, k)
    return fig


def _target_vline(fig: go.Figure, target: float, lang: str) -> None:
    fig.add_vline(
        x=target,
        line={"color": TARGET, "width": 2, "dash": "dash"},
        annotation_text=t("target.label", lang, value=fmt_percent(target, lang)),
        annotation_position="bottom right",
        annotation_font_color=TARGET,
    )


def coverage_heatmap(
    frame: pd.DataFrame, group_by: str | None, lang: str, k: int = DEFAULT_K
) -> go.Figure:
    """Coverage per group × conversation type, the organisation as the first row."""
    metrics = [f"coverage_{c}" for c in COVERAGE_TYPES]
    title = t(
        "dash.chart.coverage_heatmap",
        lang,
        group=field_label(group_by, lang).lower() if group_by else "",
    )
    fig = go.Figure()
    rows = frame[frame["metric"].isin(metrics) & frame["breakdown_field"].isna()]
    n_groups = rows["group"].nunique()
    _base_layout(fig, lang, title, height=max(320, 120 + 28 * n_groups))
    if rows.empty:
        _empty(fig, lang)
        return fig
    groups, rate, hidden = rate_grid(rows, metrics)
    add_rate_heatmap(
        fig,
        rate,
        hidden,
        [t(f"conversation_type.{c}", lang) for c in COVERAGE_TYPES],
        [group_label(g, lang) for g in groups],
        lang,
        k,
    )
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_layout(margin={"l": 160})
    if bool(hidden.to_numpy().any()):
        _suppression_note(fig, lang, k)
    return fig


def progress_curve(
    progress: object, lang: str, k: int = DEFAULT_K, target: float | None = None
) -> go.Figure:
    """This cycle's coverage per week up to R, the previous cycle at the same
    weeks, the target line and the projection as a dotted line to a dotted
    end point at the cycle's end."""
    from popanalytics.metrics.progress import Progress

    assert isinstance(progress, Progress)
    points = progress.points
    cycle = progress.cycle
    kind = t(f"conversation_type.{progress.conversation_type}", lang)
    fig = go.Figure()
    _base_layout(fig, lang, t("dash.chart.progress", lang, type=kind), height=420)
    if points.empty:
        _empty(fig, lang)
        return fig
    last_week = (cycle.days - 1) // 7 + 1
    hidden = points["suppressed"].astype(bool)
    p_hidden = points["previous_suppressed"].astype(bool)

    def texts(prefix: str, hide: pd.Series) -> list[str]:
        return [
            f"{t('cli.progress.week', lang)} {w} · {d:%d/%m/%Y}: "
            + share_text(n, den, r, h, lang, k)
            for w, d, n, den, r, h in zip(
                points["week"],
                pd.to_datetime(points[f"{prefix}date"]),
                points[f"{prefix}numerator"],
                points[f"{prefix}denominator"],
                points[f"{prefix}rate"],
                hide,
                strict=True,
            )
        ]

    fig.add_scatter(
        x=points["week"].tolist(),
        y=points["previous_rate"].where(~p_hidden).tolist(),
        mode="lines",
        name=t("dash.chart.progress_previous", lang, cycle=cycle.previous().label),
        line={"color": PREVIOUS, "width": 3},
        text=texts("previous_", p_hidden),
        hovertemplate="%{text}<extra>%{fullData.name}</extra>",
    )
    fig.add_scatter(
        x=points["week"].tolist(),
        y=points["rate"].where(~hidden).tolist(),
        mode="lines+markers",
        name=t("dash.chart.progress_current", lang, cycle=cycle.label),
        line={"color": PRIMARY, "width": 3},
        marker={"size": 6},
        text=texts("", hidden),
        hovertemplate="%{text}<extra>%{fullData.name}</extra>",
    )
    end = progress.total_projection
    last = points.iloc[-1]
    if not bool(end["suppressed"]) and not pd.isna(end["rate"]) and not bool(last["suppressed"]):
        text = share_text(end["numerator"], end["denominator"], end["rate"], False, lang, k)
        fig.add_scatter(
            x=[int(last["week"]), last_week],
            y=[float(last["rate"]), float(end["rate"])],
            mode="lines+markers+text",
            name=t("dash.chart.projection", lang),
            line={"color": PROJECTION, "width": 3, "dash": "dot"},
            marker={"size": [0, 12], "symbol": "circle-open", "line": {"width": 3}},
            text=["", fmt_percent(float(end["rate"]), lang)],
            textposition="top left",
            customdata=["", text],
            hovertemplate="%{customdata}<extra>%{fullData.name}</extra>",
        )
    if target is not None:
        fig.add_hline(
            y=target,
            line={"color": TARGET, "width": 2, "dash": "dash"},
            annotation_text=t("target.label", lang, value=fmt_percent(target, lang)),
            annotation_position="top left",
            annotation_font_color=TARGET,
        )
    fig.update_xaxes(range=[0.5, last_week + 0.5], title=t("dash.axis.week", lang), dtick=4)
    fig.update_yaxes(tickformat=".0%", range=[0, 1.05], title=t("dash.axis.share", lang))
    if hidden.any() or p_hidden.any():
        _suppression_note(fig, lang, k)
    return fig
