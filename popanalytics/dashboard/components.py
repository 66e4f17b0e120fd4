"""Small widget building blocks shared by the views: cards, KPI tiles, charts, tables.

Each block is created once and updated in place (a filter change sets new
values, it never rebuilds the widget tree), which keeps a filter round trip
short in the browser.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Sequence
from typing import Any

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go
from IPython.display import display

from popanalytics.i18n import fmt_number, fmt_percent, t

PLOTLY_MIME = "application/vnd.plotly.v1+json"

# Figures where a rise is bad news: their change is coloured the other way round.
LOWER_IS_BETTER = frozenset(
    {
        "agreements_overdue",
        "followup_missing",
        "conversations_missed",
        "conversations_cancelled",
        "out_of_cycle_development",
    }
)

# Figures where neither direction is good or bad news (more needs, hours or cost).
NEUTRAL = frozenset({"training_needs", "training_hours", "training_cost"})


def esc(value: object) -> str:
    """HTML-escape any value shown in a widget (user data never becomes markup)."""
    return html.escape("" if value is None else str(value))


def heading(text: str = "", level: int = 2) -> w.HTML:
    box = w.HTML(f"<h{level}>{esc(text)}</h{level}>")
    box.add_class("pop-heading")
    return box


def set_heading(box: w.HTML, text: str, level: int = 2) -> None:
    box.value = f"<h{level}>{esc(text)}</h{level}>"


def card(*children: w.Widget, css: str = "") -> w.VBox:
    box = w.VBox(list(children), layout=w.Layout(width="100%"))
    box.add_class("pop-card")
    if css:
        box.add_class(css)
    return box


class ChartOutput:
    """An Output widget that shows one plotly figure through the offline mimetype.

    The figure goes out as ``application/vnd.plotly.v1+json`` (the renderer
    bundled with the page draws it offline); the plotly.js source never
    travels with it, and no global renderer setting is relied on.
    """

    def __init__(self, name: str) -> None:
        self.output = w.Output(layout=w.Layout(width="100%", min_height="320px"))
        self.output.add_class("pop-chart")
        self.output.add_class(f"pop-chart-{name}")
        self.widget = card(self.output, css="pop-chart-card")

    def show(self, fig: go.Figure) -> None:
        # plotly's own JSON encoder turns NaN (hidden cells) into null; the kernel's
        # message encoder would reject NaN and print a warning into the page
        spec = json.loads(fig.to_json())
        bundle = {PLOTLY_MIME: spec | {"config": {"displaylogo": False, "responsive": True}}}
        self.output.clear_output(wait=True)
        with self.output:
            display(bundle, raw=True)


def kpi_value_text(row: pd.Series | None, lang: str, k: int) -> str:
    """What a KPI tile shows as its value: the rate, else the count/sum; "< k" when suppressed."""
    if row is None:
        return "–"
    if bool(row["suppressed"]):
        return t("dash.suppressed", lang, k=k)
    rate = row["rate"]
    if rate is not None and not (isinstance(rate, float) and math.isnan(rate)):
        return fmt_percent(float(rate), lang)
    return fmt_number(row["numerator"], lang)


def is_rate(row: pd.Series | None) -> bool:
    return row is not None and not pd.isna(row["rate"])


class KpiTile:
    """One KPI: title, value, "n / N", and the change against the previous cycle."""

    def __init__(self, metric: str) -> None:
        self.metric = metric
        self.widget = w.HTML(layout=w.Layout(width="auto"))
        self.widget.add_class("pop-kpi")
        self.widget.add_class(f"pop-kpi-{metric}")
        self._title = ""
        self._value = "–"
        self._detail = ""
        self._delta = ""

    def update(self, title: str, row: pd.Series | None, lang: str, k: int) -> None:
        self._title = title
        self._value = kpi_value_text(row, lang, k)
        if row is None or bool(row["suppressed"]):
            self._detail = ""
        elif is_rate(row):
            self._detail = (
                f"{fmt_number(row['numerator'], lang)} / {fmt_number(row['denominator'], lang)}"
            )
        elif not pd.isna(row["denominator"]):
            self._detail = t("dash.kpi.employees", lang, n=fmt_number(row["denominator"], lang))
        else:
            self._detail = ""
        self._delta = ""
        self._render()

    def update_delta(
        self, row: pd.Series | None, previous: pd.Series | None, cycle_label: str, lang: str
    ) -> None:
        """The change against the previous cycle: percentage points for rates, else a count."""
        usable = (
            row is not None
            and previous is not None
            and not bool(row["suppressed"])
            and not bool(previous["suppressed"])
        )
        if not usable:
            self._delta = f'<span class="pop-delta pop-delta-none">{esc(t("dash.kpi.no_previous", lang, cycle=cycle_label))}</span>'
            self._render()
            return
        assert row is not None and previous is not None
        if is_rate(row) and is_rate(previous):
            change = (float(row["rate"]) - float(previous["rate"])) * 100
            amount = t("dash.kpi.points", lang, n=fmt_number(abs(change), lang, 1))
        elif (
            not is_rate(row)
            and not pd.isna(row["numerator"])
            and not pd.isna(previous["numerator"])
        ):
            change = float(row["numerator"]) - float(previous["numerator"])
            amount = fmt_number(abs(change), lang)
        else:
            self._delta = ""
            self._render()
            return
        if abs(change) < 0.05:
            arrow, css = "■", "flat"
        else:
            arrow = "▲" if change > 0 else "▼"
            if self.metric in NEUTRAL:
                css = "flat"
            else:
                css = "good" if (change > 0) != (self.metric in LOWER_IS_BETTER) else "bad"
        text = t("dash.kpi.delta", lang, arrow=arrow, amount=amount, cycle=cycle_label)
        self._delta = f'<span class="pop-delta pop-delta-{css}">{esc(text)}</span>'
        self._render()

    def _render(self) -> None:
        self.widget.value = (
            f'<div class="pop-kpi-title">{esc(self._title)}</div>'
            f'<div class="pop-kpi-value">{esc(self._value)}</div>'
            f'<div class="pop-kpi-detail">{esc(self._detail)}</div>'
            f'<div class="pop-kpi-delta">{self._delta}</div>'
        )


def html_table(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str]],
    *,
    css: str = "",
    numeric: Sequence[str] = (),
    max_rows: int | None = None,
) -> str:
    """An HTML table of ``frame`` with (column, header) pairs; every cell escaped."""
    shown = frame if max_rows is None else frame.head(max_rows)
    head = "".join(
        f'<th class="{"pop-num" if c in numeric else ""}" data-col="{esc(c)}">{esc(h)}</th>'
        for c, h in columns
    )
    body_rows = []
    # Iterating the shown rows (capped by max_rows) builds markup, not figures.
    for record in shown[[c for c, _ in columns]].itertuples(index=False, name=None):
        cells = "".join(
            f'<td class="{"pop-num" if c in numeric else ""}">{esc(_cell(v))}</td>'
            for (c, _), v in zip(columns, record, strict=True)
        )
        body_rows.append(f"<tr>{cells}</tr>")
    return (
        f'<table class="pop-table {esc(css)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body_rows)}</tbody></table>"
    )


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%d/%m/%Y")
    return str(value)


def message(text: str, css: str) -> str:
    return f'<div class="{esc(css)}">{esc(text)}</div>'
