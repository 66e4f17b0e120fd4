"""Plotly figures built from metric frames: pure builders, they never display.

Every builder takes a tidy figures frame (metric, group, breakdown_field,
breakdown, numerator, denominator, rate, employees, suppressed) and the
language, and returns a ``go.Figure`` with all titles and labels from the i18n
catalogue. Suppressed cells (management audience) are drawn as an empty bar
labelled "< k" and explained in a note under the chart, so no small group's
value is ever shown.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import cycle

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from popanalytics.i18n import fmt_number, fmt_percent, t
from popanalytics.metrics.population import COVERAGE_TYPES
from popanalytics.presentation import (
    DEFAULT_K,
    TOTAL,
    breakdown,
    breakdown_label,
    bucket_order,
    family,
    group_label,
    headline,
    metric_label,
    ordered_groups,
    per_group,
    suppressed_text,
    total_row,
)

# One palette for the whole product: a calm teal as the main colour, status
# colours that read the same in every view.
PRIMARY = "#1f6f8b"
SECONDARY = "#99c1b9"
ACCENT = "#f2a65a"
HELD = "#2a9d8f"
PLANNED = "#8ab6d6"
MISSED = "#e76f51"
PREVIOUS = "#c9d6df"
HIDDEN_CELL = "#e5e7eb"  # a suppressed heat-map cell
BUCKET_COLOURS = ("#f6d55c", "#f2a65a", "#e76f51", "#9b2226")
SEQUENTIAL = [[0.0, "#f1f7f6"], [0.5, "#7fb7b2"], [1.0, "#1f6f8b"]]
FONT = "Inter, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

# A slim template: the few settings we use from plotly_white, so each chart
# sent to the page carries kilobytes less than the full template.
_AXIS = {
    "gridcolor": "#EBF0F8",
    "linecolor": "#EBF0F8",
    "zerolinecolor": "#EBF0F8",
    "automargin": True,
}
TEMPLATE = go.layout.Template(
    layout={
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "xaxis": _AXIS,
        "yaxis": _AXIS,
        "hovermode": "closest",
    }
)

# The plotly config of every chart shown (one place): no logo and link to plotly's site,
# and none of the buttons that would send a chart's data to plotly's cloud (Chart
# Studio). plotly.js 3 already hides "Edit in Chart Studio" unless showSendToCloud is
# set; saying so here keeps it off whatever plotly.js the page bundles.
PLOTLY_CONFIG: dict[str, object] = {
    "displaylogo": False,
    "showLink": False,
    "showEditInChartStudio": False,
    "showSendToCloud": False,
    "plotlyServerURL": "",
    "modeBarButtonsToRemove": ["sendDataToCloud", "editInChartStudio"],
    "responsive": True,
}


# the process figures a heatmap can colour: the rates of the process family
PROCESS_RATES = family("process", kind="rate")
NEED_FUNNEL = ("requested", "approved", "planned", "completed")
TOP_THEMES = 12


def _base_layout(fig: go.Figure, lang: str, title: str, *, height: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        template=TEMPLATE,
        font={"family": FONT, "size": 12, "color": "#23313d"},
        separators=",." if lang == "nl" else ".,",
        height=height,
        margin={"l": 60, "r": 20, "t": 60, "b": 70},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 1, "xanchor": "right"},
        hoverlabel={"font": {"family": FONT}},
        bargap=0.25,
    )
    return fig


def suppression_note(fig: go.Figure) -> str | None:
    """The "< k" note of a figure (its subtitle), None when nothing is hidden."""
    subtitle = fig.layout.title.subtitle
    return subtitle.text if subtitle is not None and subtitle.text else None


def _suppression_note(fig: go.Figure, lang: str, k: int) -> None:
    # as the title's subtitle, so it never collides with long axis labels
    fig.update_layout(
        title_subtitle={
            "text": t("dash.chart.suppressed_note", lang, k=k),
            "font": {"size": 11, "color": "#6b7a86"},
        },
        margin_t=80,
    )


def _mark_suppressed(fig: go.Figure, labels: Sequence[str], lang: str, k: int) -> None:
    """Write "< k" on the axis under a stacked bar whose cells are all hidden
    (a zero-height bar carries no readable text of its own)."""
    for label in labels:
        fig.add_annotation(
            x=label,
            y=0,
            yanchor="bottom",
            text=suppressed_text(k, lang),
            showarrow=False,
            font={"size": 12, "color": "#6b7a86"},
        )


def _empty(fig: go.Figure, lang: str) -> None:
    fig.add_annotation(
        text=t("dash.chart.no_data", lang),
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": 14, "color": "#6b7a86"},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)


def _rate_texts(rows: pd.DataFrame, lang: str, k: int) -> list[str]:
    return [
        suppressed_text(k, lang) if s else fmt_percent(r, lang)
        for r, s in zip(rows["rate"], rows["suppressed"], strict=True)
    ]


def _count_texts(values: pd.Series, suppressed: pd.Series, lang: str, k: int) -> list[str]:
    return [
        suppressed_text(k, lang) if s else fmt_number(v, lang)
        for v, s in zip(values, suppressed, strict=True)
    ]


def coverage_by_type(
    current: pd.DataFrame, previous: pd.DataFrame | None, lang: str, k: int = DEFAULT_K
) -> go.Figure:
    """Coverage per conversation type, this cycle next to the previous one."""
    fig = go.Figure()
    names = [t(f"conversation_type.{c}", lang) for c in COVERAGE_TYPES]
    suppressed = False
    for frame, label_key, colour in (
        (previous, "dash.chart.previous_cycle", PREVIOUS),
        (current, "dash.chart.this_cycle", PRIMARY),
    ):
        if frame is None:
            continue
        rows = [total_row(frame, f"coverage_{c}") for c in COVERAGE_TYPES]
        values = [None if r is None or r["suppressed"] else r["rate"] for r in rows]
        texts = [
            "–"
            if r is None
            else (suppressed_text(k, lang) if r["suppressed"] else fmt_percent(r["rate"], lang))
            for r in rows
        ]
        suppressed = suppressed or any(r is not None and r["suppressed"] for r in rows)
        fig.add_bar(
            x=names,
            y=[0 if v is None or pd.isna(v) else v for v in values],
            name=t(label_key, lang),
            marker_color=colour,
            text=texts,
            textposition="outside",
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    _base_layout(fig, lang, t("dash.chart.coverage_by_type", lang))
    fig.update_layout(barmode="group")
    fig.update_yaxes(tickformat=".0%", range=[0, 1.12], title=t("dash.axis.share", lang))
    if suppressed:
        _suppression_note(fig, lang, k)
    return fig


def _status_rows(frame: pd.DataFrame, metric: str, conversation_type: str) -> pd.DataFrame:
    """Conversation counts of one status per group: all types, or one type's breakdown."""
    if conversation_type == "any":
        rows = headline(frame, metric)
    else:
        rows = frame[
            (frame["metric"] == metric)
            & (frame["breakdown_field"] == "conversation_type")
            & (frame["breakdown"] == conversation_type)
        ]
    grouped = rows[rows["group"] != TOTAL]
    return grouped if not grouped.empty else rows


def coverage_status(
    frame: pd.DataFrame, conversation_type: str, lang: str, k: int = DEFAULT_K
) -> go.Figure:
    """Per group: conversations held, still planned and missed (stacked)."""
    series = [
        (
            _status_rows(frame, f"conversations_{status}", conversation_type),
            t(f"dash.series.{status}", lang),
            colour,
        )
        for status, colour in (("held", HELD), ("planned", PLANNED), ("missed", MISSED))
    ]
    title = t(
        "dash.chart.coverage_status_of",
        lang,
        type=t(f"conversation_type.{conversation_type}", lang),
    )
    fig = go.Figure()
    _base_layout(fig, lang, title, height=420)
    _stacked_per_group(fig, series, lang, k)
    fig.update_yaxes(title=t("dash.axis.conversations", lang))
    return fig


def _stacked_per_group(
    fig: go.Figure, parts: Sequence[tuple[pd.DataFrame, str, str]], lang: str, k: int
) -> None:
    """Stacked bars per group, one trace per (rows, name, colour) part.

    A suppressed cell is a zero-height segment whose text says "< k"; a group
    hidden in every part gets "< k" on the axis, and the figure the note.
    """
    groups = ordered_groups(pd.concat([rows["group"] for rows, _, _ in parts])) if parts else []
    if not groups:
        _empty(fig, lang)
        return
    labels = [group_label(g, lang) for g in groups]
    all_hidden = pd.Series(True, index=groups)
    for rows, name, colour in parts:
        aligned = rows.set_index("group").reindex(groups)
        suppressed = aligned["suppressed"].fillna(False).astype(bool)
        all_hidden &= suppressed
        fig.add_bar(
            x=labels,
            y=aligned["numerator"].where(~suppressed, 0).fillna(0).tolist(),
            name=name,
            marker_color=colour,
            text=_count_texts(aligned["numerator"].fillna(0), suppressed, lang, k),
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,
            hovertemplate="%{x} · %{fullData.name}: %{text}<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        legend={"traceorder": "normal"},
        uniformtext={"minsize": 10, "mode": "hide"},
    )
    _mark_suppressed(
        fig, [label for label, hidden in zip(labels, all_hidden, strict=True) if hidden], lang, k
    )
    if any(rows["suppressed"].astype(bool).any() for rows, _, _ in parts):
        _suppression_note(fig, lang, k)


def coverage_trend(trend: pd.DataFrame, lang: str, k: int = DEFAULT_K) -> go.Figure:
    """Coverage per conversation type over the last cycles (organisation total)."""
    fig = go.Figure()
    colours = (PRIMARY, HELD, ACCENT, "#6c757d")
    shown = False
    for conversation_type, colour in zip(COVERAGE_TYPES, colours, strict=True):
        rows = headline(trend, f"coverage_{conversation_type}")
        rows = rows[rows["group"] == TOTAL]
        if rows.empty:
            continue
        shown = True
        rows = rows.sort_values("cycle")
        fig.add_scatter(
            x=rows["cycle"].astype(str).tolist(),
            y=rows["rate"].where(~rows["suppressed"].astype(bool)).tolist(),
            mode="lines+markers",
            name=t(f"conversation_type.{conversation_type}", lang),
            line={"color": colour, "width": 3},
            marker={"size": 9},
            text=_rate_texts(rows, lang, k),
            textposition="top center",
            hovertemplate="%{x}: %{text}<extra>%{fullData.name}</extra>",
        )
    _base_layout(fig, lang, t("dash.chart.coverage_trend", lang))
    if not shown:
        _empty(fig, lang)
        return fig
    fig.update_xaxes(type="category", title=t("dash.axis.cycle", lang))
    fig.update_yaxes(tickformat=".0%", range=[0, 1.1], title=t("dash.axis.share", lang))
    return fig


def rates_per_group(
    frame: pd.DataFrame,
    metrics: Sequence[str],
    lang: str,
    title: str,
    k: int = DEFAULT_K,
    colours: Sequence[str] = (PRIMARY, ACCENT, HELD, SECONDARY, MISSED),
) -> go.Figure:
    """Grouped bars: one bar per metric per group, with the rate as text."""
    fig = go.Figure()
    any_suppressed = False
    any_rows = False
    for metric, colour in zip(metrics, colours, strict=False):
        rows = per_group(frame, metric)
        if rows.empty:
            rows = headline(frame, metric)
        if rows.empty:
            continue
        any_rows = True
        suppressed = rows["suppressed"].astype(bool)
        any_suppressed = any_suppressed or bool(suppressed.any())
        fig.add_bar(
            x=[group_label(g, lang) for g in rows["group"]],
            y=rows["rate"].where(~suppressed, 0).fillna(0).tolist(),
            name=metric_label(metric, lang),
            marker_color=colour,
            text=_rate_texts(rows, lang, k),
            textposition="outside",
            hovertemplate="%{x}: %{text}<extra>%{fullData.name}</extra>",
        )
    _base_layout(fig, lang, title, height=420)
    if not any_rows:
        _empty(fig, lang)
        return fig
    fig.update_layout(barmode="group")
    fig.update_yaxes(tickformat=".0%", range=[0, 1.15], title=t("dash.axis.share", lang))
    if any_suppressed:
        _suppression_note(fig, lang, k)
    return fig


def mix(
    frame: pd.DataFrame, metric: str, field: str, lang: str, title: str, k: int = DEFAULT_K
) -> go.Figure:
    """Horizontal bars of a metric's breakdown by ``field`` (organisation total)."""
    rows = breakdown(frame, metric, field)
    fig = go.Figure()
    _base_layout(fig, lang, title, height=340)
    if rows.empty:
        _empty(fig, lang)
        return fig
    rows = rows.sort_values("numerator", na_position="first")
    suppressed = rows["suppressed"].astype(bool)
    fig.add_bar(
        y=[breakdown_label(field, v, lang) for v in rows["breakdown"]],
        x=rows["numerator"].where(~suppressed, 0).fillna(0).tolist(),
        orientation="h",
        marker_color=PRIMARY,
        text=_count_texts(rows["numerator"], suppressed, lang, k),
        textposition="outside",
        hovertemplate="%{y}: %{text}<extra></extra>",
        showlegend=False,
    )
    fig.update_xaxes(title=t("dash.axis.count", lang))
    fig.update_layout(margin={"l": 140})
    if bool(suppressed.any()):
        _suppression_note(fig, lang, k)
    return fig


def overdue_buckets(frame: pd.DataFrame, lang: str, k: int = DEFAULT_K) -> go.Figure:
    """Per group: overdue agreements stacked by how long they are overdue."""
    rows = frame[(frame["metric"] == "agreements_overdue") & (frame["breakdown_field"] == "bucket")]
    grouped = rows[rows["group"] != TOTAL]
    if not grouped.empty:
        rows = grouped
    buckets = bucket_order(rows["breakdown"].unique())
    parts = [
        (rows[rows["breakdown"] == bucket], breakdown_label("bucket", bucket, lang), colour)
        for bucket, colour in zip(buckets, cycle(BUCKET_COLOURS))
    ]
    fig = go.Figure()
    _base_layout(fig, lang, t("dash.chart.overdue_buckets", lang), height=420)
    _stacked_per_group(fig, parts, lang, k)
    fig.update_yaxes(title=t("dash.axis.agreements", lang))
    return fig


def _cell_texts(
    values: np.ndarray, hidden: np.ndarray, fmt: Callable[[float], str], lang: str, k: int
) -> list[list[str]]:
    """Heat-map cell texts (one per group × column, not per data row): "< k" where hidden."""
    shown = suppressed_text(k, lang)
    return [
        [
            shown if h else ("" if math.isnan(v) else fmt(float(v)))
            for v, h in zip(row, flags, strict=True)
        ]
        for row, flags in zip(values, hidden, strict=True)
    ]


def _add_hidden_layer(
    fig: go.Figure, hidden: np.ndarray, x: list[str], y: list[str], lang: str, k: int
) -> None:
    """Grey "< k" tiles over the hidden cells of a heat map: plotly leaves a NaN cell transparent and
    without text, so a map whose cells are all hidden would draw nothing at all."""
    if not hidden.any():
        return
    shown = suppressed_text(k, lang)
    fig.add_heatmap(
        z=np.where(hidden, 1.0, np.nan).tolist(),
        x=x,
        y=y,
        text=np.where(hidden, shown, "").tolist(),
        texttemplate="%{text}",
        colorscale=[[0.0, HIDDEN_CELL], [1.0, HIDDEN_CELL]],
        showscale=False,
        hoverongaps=False,
        hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
    )


def training_heatmap(frame: pd.DataFrame, lang: str, k: int = DEFAULT_K) -> go.Figure:
    """Training needs per department × theme; suppressed cells are grey tiles with "< k"."""
    rows = frame[
        (frame["metric"] == "training_needs")
        & (frame["breakdown_field"] == "theme")
        & (frame["group"] != TOTAL)
    ]
    fig = go.Figure()
    _base_layout(fig, lang, t("dash.chart.training_heatmap", lang), height=460)
    if rows.empty:
        _empty(fig, lang)
        return fig
    suppressed = rows["suppressed"].astype(bool)
    values = rows.assign(value=rows["numerator"].where(~suppressed))
    # one row per (department, theme): pivot keeps a hidden cell empty (NaN), not 0
    grid = values.pivot(index="group", columns="breakdown", values="value")
    hidden = rows.assign(hidden=suppressed).pivot(
        index="group", columns="breakdown", values="hidden"
    )
    groups = ordered_groups(grid.index.union(hidden.index))
    themes = sorted(grid.columns.union(hidden.columns), key=lambda s: str(s).casefold())
    grid = grid.reindex(index=groups, columns=themes)
    hidden = hidden.reindex(index=groups, columns=themes).fillna(False).astype(bool)
    # a zero is left blank so the themes that matter stand out
    texts = _cell_texts(
        grid.to_numpy(dtype=float),
        hidden.to_numpy(),
        lambda v: fmt_number(v, lang) if v else "",
        lang,
        k,
    )
    x, y = [str(s) for s in themes], [group_label(g, lang) for g in groups]
    fig.add_heatmap(
        z=grid.to_numpy(dtype=float).tolist(),
        x=x,
        y=y,
        text=texts,
        texttemplate="%{text}",
        colorscale=SEQUENTIAL,
        hoverongaps=False,
        hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
        colorbar={"title": {"text": t("dash.axis.needs", lang)}},
    )
    _add_hidden_layer(fig, hidden.to_numpy(), x, y, lang, k)
    fig.update_layout(margin={"l": 140, "b": 110})
    fig.update_xaxes(tickangle=-30)
    fig.update_yaxes(autorange="reversed")
    if bool(hidden.to_numpy().any()):
        _suppression_note(fig, lang, k)
    return fig


def training_hours_cost(frame: pd.DataFrame, lang: str, k: int = DEFAULT_K) -> go.Figure:
    """Hours and cost of the training needs per theme, one chart above the other
    (not side by side: long theme names need the card's full width)."""
    fig = make_subplots(
        rows=2,
        cols=1,
        subplot_titles=(t("metric.training_hours", lang), t("metric.training_cost", lang)),
        vertical_spacing=0.16,
    )
    _base_layout(fig, lang, t("dash.chart.training_hours_cost", lang), height=680)
    any_rows = False
    any_suppressed = False
    for row, metric, colour in ((1, "training_hours", PRIMARY), (2, "training_cost", ACCENT)):
        rows = breakdown(frame, metric, "theme")
        if rows.empty:
            continue
        any_rows = True
        # the largest themes; a long tail of small ones is unreadable as bars
        rows = rows.sort_values("numerator", na_position="first").tail(TOP_THEMES)
        suppressed = rows["suppressed"].astype(bool)
        any_suppressed = any_suppressed or bool(suppressed.any())
        fig.add_bar(
            y=[str(v) for v in rows["breakdown"]],
            x=rows["numerator"].where(~suppressed, 0).fillna(0).tolist(),
            orientation="h",
            marker_color=colour,
            text=_count_texts(rows["numerator"], suppressed, lang, k),
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
            showlegend=False,
            row=row,
            col=1,
        )
    if not any_rows:
        _empty(fig, lang)
    if any_suppressed:
        _suppression_note(fig, lang, k)
    fig.update_layout(margin={"l": 130, "r": 60})
    return fig


def training_funnel(frame: pd.DataFrame, lang: str, k: int = DEFAULT_K) -> go.Figure:
    """How far the needs got: requested → approved → planned → completed.

    A need at a later stage has passed the earlier ones, so each stage counts
    the needs at that stage or beyond; rejected needs leave the funnel.
    """
    rows = breakdown(frame, "training_needs", "status")
    fig = go.Figure()
    _base_layout(fig, lang, t("dash.chart.training_funnel", lang), height=360)
    if rows.empty:
        _empty(fig, lang)
        return fig
    by_status = rows.set_index("breakdown")
    if bool(by_status["suppressed"].astype(bool).any()):
        # a cumulative stage could reveal a suppressed cell: show none of it
        _empty(fig, lang)
        _suppression_note(fig, lang, k)
        return fig
    counts = by_status["numerator"].reindex(list(NEED_FUNNEL)).fillna(0)
    reached = counts[::-1].cumsum()[::-1]
    fig.add_funnel(
        y=[t(f"need_status.{s}", lang) for s in NEED_FUNNEL],
        x=reached.tolist(),
        text=[fmt_number(v, lang) for v in reached],
        textinfo="text",
        marker={"color": [PRIMARY, "#3d8ca3", HELD, "#5fb49c"]},
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
    return fig


def rate_grid(
    rows: pd.DataFrame, metrics: Sequence[str]
) -> tuple[list[object], pd.DataFrame, pd.DataFrame]:
    """Headline rows as a (group x metric) grid of rates, the total as the first
    row: the groups, the rates (a suppressed cell empty) and which cells are hidden."""
    groups: list[object] = [TOTAL, *ordered_groups(set(rows["group"]) - {TOTAL})]
    suppressed = rows["suppressed"].astype(bool)
    rate = rows.assign(value=rows["rate"].where(~suppressed)).pivot(
        index="group", columns="metric", values="value"
    )
    hidden = rows.assign(hidden=suppressed).pivot(index="group", columns="metric", values="hidden")
    rate = rate.reindex(index=groups, columns=list(metrics))
    hidden = hidden.reindex(index=groups, columns=list(metrics)).fillna(False).astype(bool)
    return groups, rate, hidden


def add_rate_heatmap(
    fig: go.Figure,
    rate: pd.DataFrame,
    hidden: pd.DataFrame,
    x: list[str],
    y: list[str],
    lang: str,
    k: int,
) -> None:
    """A rates grid (from ``rate_grid``) as a 0-100 % heat map with "< k" tiles."""
    values = rate.to_numpy(dtype=float)
    fig.add_heatmap(
        z=values.tolist(),
        x=x,
        y=y,
        text=_cell_texts(values, hidden.to_numpy(), lambda v: fmt_percent(v, lang), lang, k),
        texttemplate="%{text}",
        zmin=0,
        zmax=1,
        colorscale=[[0.0, "#f4a582"], [0.5, "#f7f7f7"], [1.0, "#5fb49c"]],
        hoverongaps=False,
        hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
        colorbar={"tickformat": ".0%"},
    )
    _add_hidden_layer(fig, hidden.to_numpy(), x, y, lang, k)


def process_heatmap(frame: pd.DataFrame, lang: str, k: int = DEFAULT_K) -> go.Figure:
    """Process-quality rates per group × indicator, the total as the first row."""
    metrics = [m for m in PROCESS_RATES if not headline(frame, m).empty]
    fig = go.Figure()
    _base_layout(fig, lang, t("dash.chart.process_heatmap", lang), height=460)
    if not metrics:
        _empty(fig, lang)
        return fig
    rows = frame[frame["metric"].isin(metrics) & frame["breakdown_field"].isna()]
    groups, rate, hidden = rate_grid(rows, metrics)
    x, y = [metric_label(m, lang) for m in metrics], [group_label(g, lang) for g in groups]
    add_rate_heatmap(fig, rate, hidden, x, y, lang, k)
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(margin={"l": 140})
    if bool(hidden.to_numpy().any()):
        _suppression_note(fig, lang, k)
    return fig


def quality_counts(counts: pd.DataFrame, lang: str) -> go.Figure:
    """Rows used and not used per table (from QualityReport.table_counts())."""
    fig = go.Figure()
    _base_layout(fig, lang, t("dash.chart.quality_counts", lang), height=340)
    tables = [t(f"table.{name}", lang) for name in counts["table"]]
    for column, key, colour in (
        ("used", "dash.series.used", HELD),
        ("quarantined", "dash.series.quarantined", MISSED),
    ):
        fig.add_bar(
            x=tables,
            y=counts[column].tolist(),
            name=t(key, lang),
            marker_color=colour,
            text=[fmt_number(v, lang) for v in counts[column]],
            textposition="inside",
            hovertemplate="%{x} · %{fullData.name}: %{text}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title=t("dash.axis.rows", lang))
    return fig


def since_per_group(
    frame: pd.DataFrame, metrics: Sequence[str], lang: str, k: int = DEFAULT_K
) -> go.Figure:
    """ "Since the previous import": grouped bars of the new counts, one per metric
    and group (the total when the frame is not grouped)."""
    fig = go.Figure()
    any_suppressed = False
    for metric, colour in zip(metrics, (HELD, PRIMARY, MISSED, ACCENT), strict=False):
        rows = per_group(frame, metric)
        if rows.empty:
            rows = headline(frame, metric)
        if rows.empty:
            continue
        suppressed = rows["suppressed"].astype(bool)
        any_suppressed = any_suppressed or bool(suppressed.any())
        fig.add_bar(
            x=[group_label(g, lang) for g in rows["group"]],
            y=rows["numerator"].where(~suppressed, 0).fillna(0).tolist(),
            name=metric_label(metric, lang),
            marker_color=colour,
            text=_count_texts(rows["numerator"], suppressed, lang, k),
            textposition="outside",
            hovertemplate="%{x}: %{text}<extra>%{fullData.name}</extra>",
        )
    _base_layout(fig, lang, t("dash.chart.since", lang), height=360)
    if not fig.data:
        _empty(fig, lang)
        return fig
    fig.update_layout(barmode="group")
    fig.update_yaxes(title=t("dash.axis.count", lang))
    if any_suppressed:
        _suppression_note(fig, lang, k)
    return fig
