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

import anywidget
import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go
import traitlets
from IPython.display import display

from popanalytics.charts import PLOTLY_CONFIG
from popanalytics.i18n import fmt_number, fmt_percent, t
from popanalytics.metrics.targets import LOWER_IS_BETTER
from popanalytics.presentation import suppressed_text

PLOTLY_MIME = "application/vnd.plotly.v1+json"

# Figures where a rise is bad news (their change is coloured the other way round)
# are the ones whose target is a ceiling: one list, in metrics.targets.

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
        bundle = {PLOTLY_MIME: spec | {"config": PLOTLY_CONFIG}}
        self.output.clear_output(wait=True)
        with self.output:
            display(bundle, raw=True)


def kpi_value_text(row: pd.Series | None, lang: str, k: int) -> str:
    """What a KPI tile shows as its value: the rate, else the count/sum; "< k" when suppressed."""
    if row is None:
        return "–"
    if bool(row["suppressed"]):
        return suppressed_text(k, lang)
    if is_rate(row):
        return fmt_percent(float(row["rate"]), lang)
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
        self._target = ""

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

    def update_target(self, markup: str) -> None:
        """The target line under the value (already escaped markup; "" for none)."""
        self._target = markup
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
            + (f'<div class="pop-target-line">{self._target}</div>' if self._target else "")
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
    keys = [c for c, _ in columns]
    body_rows = [
        "<tr>"
        + "".join(
            f'<td class="{"pop-num" if c in numeric else ""}">{esc(v)}</td>'
            for c, v in zip(keys, record, strict=True)
        )
        + "</tr>"
        for record in cell_texts(shown, keys)
    ]
    return (
        f'<table class="pop-table {esc(css)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body_rows)}</tbody></table>"
    )


def cell_texts(frame: pd.DataFrame, columns: Sequence[str]) -> list[list[str]]:
    """The shown text of each cell, row by row (a missing value is empty).

    Callers pass the rows they show (capped), so this builds markup, not figures.
    """
    return [[_cell(v) for v in record] for record in frame[list(columns)].itertuples(index=False)]


# The sortable table's front end: a click on a header sets sort_by/descending in the
# model; the kernel sorts the whole list (not only the rows shown) and sends new rows.
# Cells are set with textContent, so user text never becomes markup.
_SORTABLE_TABLE_ESM = """
function render({ model, el }) {
  const table = document.createElement("table");
  table.className = "pop-table pop-sortable";
  el.appendChild(table);
  const sortOn = (key) => {
    if (key === model.get("sort_by")) {
      model.set("descending", !model.get("descending"));
    } else {
      model.set("sort_by", key);
      model.set("descending", false);
    }
    model.save_changes();
  };
  const draw = () => {
    const columns = model.get("columns");
    const sortBy = model.get("sort_by");
    const descending = model.get("descending");
    const headRow = document.createElement("tr");
    for (const column of columns) {
      const th = document.createElement("th");
      const active = column.key === sortBy;
      th.dataset.col = column.key;
      th.className = column.numeric ? "pop-num" : "";
      th.setAttribute("aria-sort", active ? (descending ? "descending" : "ascending") : "none");
      th.title = model.get("hint");
      th.textContent = column.label + (active ? (descending ? " ▼" : " ▲") : "");
      th.addEventListener("click", () => sortOn(column.key));
      headRow.appendChild(th);
    }
    const head = document.createElement("thead");
    head.appendChild(headRow);
    const body = document.createElement("tbody");
    for (const row of model.get("rows")) {
      const tr = document.createElement("tr");
      row.forEach((text, i) => {
        const td = document.createElement("td");
        td.className = columns[i] && columns[i].numeric ? "pop-num" : "";
        td.textContent = text;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    }
    table.replaceChildren(head, body);
    table.hidden = columns.length === 0;
  };
  const names = ["columns", "rows", "sort_by", "descending", "hint"];
  for (const name of names) model.on(`change:${name}`, draw);
  draw();
  return () => { for (const name of names) model.off(`change:${name}`, draw); };
}
export default { render };
"""


class SortableTable(anywidget.AnyWidget):  # type: ignore[misc]
    """A table sorted by clicking a column header (again: the other direction).

    ``columns`` holds {"key", "label", "numeric"} dicts and ``rows`` the shown
    cell texts; ``sort_by`` and ``descending`` change from the page and the
    owner observes them to send the rows in the new order.
    """

    _esm = _SORTABLE_TABLE_ESM
    columns: traitlets.List[dict[str, Any]] = traitlets.List().tag(sync=True)
    rows: traitlets.List[list[str]] = traitlets.List().tag(sync=True)
    sort_by = traitlets.Unicode("").tag(sync=True)
    descending = traitlets.Bool(True).tag(sync=True)
    hint = traitlets.Unicode("").tag(sync=True)

    def show(
        self, frame: pd.DataFrame, columns: Sequence[tuple[str, str]], numeric: Sequence[str] = ()
    ) -> None:
        """Show ``frame``'s rows (already sorted and capped) under (column, header) pairs."""
        with self.hold_sync():
            self.columns = [
                {"key": c, "label": label, "numeric": c in numeric} for c, label in columns
            ]
            self.rows = cell_texts(frame, [c for c, _ in columns])

    def clear(self) -> None:
        with self.hold_sync():
            self.columns = []
            self.rows = []


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%d/%m/%Y")
    return str(value)


def paragraph(text: str, css: str = "") -> str:
    """A paragraph of plain text (escaped), for an HTML widget's value."""
    return f'<p class="{esc(css)}">{esc(text)}</p>' if css else f"<p>{esc(text)}</p>"


def error_box(text: str) -> str:
    """A message the user must see (a fatal load, a failed view or export), never a traceback."""
    return f'<div class="pop-error" role="alert">{esc(text)}</div>'


def grid(
    children: Sequence[w.Widget], min_width: str, *, gap: str = "16px", css: str = ""
) -> w.GridBox:
    """Cards or tiles side by side, as many per row as fit at ``min_width`` each."""
    box = w.GridBox(
        list(children),
        layout=w.Layout(
            grid_template_columns=f"repeat(auto-fit, minmax({min_width}, 1fr))", grid_gap=gap
        ),
    )
    if css:
        box.add_class(css)
    return box
