"""Export: the Excel overview of the current filters, offered as a download link."""

from __future__ import annotations

import base64
from collections.abc import Callable

import ipywidgets as w

from popanalytics.dashboard.components import card, error_box, esc, paragraph
from popanalytics.dashboard.state import DashboardState
from popanalytics.dashboard.views import View
from popanalytics.i18n import fmt_date, t

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_link(data: bytes, filename: str, label: str) -> str:
    """An <a download> with the bytes inline (data URI): no file is written on the server."""
    payload = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="pop-download" download="{esc(filename)}" '
        f'href="data:{XLSX_MIME};base64,{payload}">{esc(label)}</a>'
    )


def export_filename(state: DashboardState) -> str:
    params = state.params
    stem = t("dash.export.filename", state.lang)
    return f"{stem}-{params.cycle.label}-{params.audience}-{params.reference.isoformat()}.xlsx"


class ExportView(View):
    name = "export"

    def __init__(self, build: Callable[[DashboardState], bytes] | None = None) -> None:
        self.summary = w.HTML()
        self.button = w.Button(layout=w.Layout(width="280px", height="36px"))
        self.button.add_class("pop-export-button")
        self.status = w.HTML()
        self.link = w.HTML()
        self.link.add_class("pop-export-link")
        super().__init__(card(self.summary, self.button, self.status, self.link))
        self._build = build or _overview_bytes
        self._state: DashboardState | None = None
        # called after each successful export (the audit log under JupyterHub)
        self.on_export: Callable[[DashboardState], None] | None = None
        self.button.on_click(self._export)

    def render(self, state: DashboardState) -> None:
        super().render(state)
        self._state = state
        lang, params = state.lang, state.params
        filters = ", ".join(
            f"{t(f'field.{name}', lang)}: {values[0]}" for name, values in params.filters
        )
        self.summary.value = paragraph(
            t(
                "dash.export.summary",
                lang,
                cycle=params.cycle.label,
                date=fmt_date(params.reference, lang),
                audience=t(f"audience.{params.audience}", lang),
                filters=filters or t("dash.export.no_filters", lang),
            )
        )
        self.button.description = t("dash.export.button", lang)
        # a link built for other filters must not linger
        self.link.value = ""
        self.status.value = ""

    def _export(self, _button: object = None) -> None:
        state = self._state
        if state is None:
            return
        lang = state.lang
        self.button.disabled = True
        self.link.value = ""
        self.status.value = paragraph(t("dash.export.busy", lang), "pop-busy")
        try:
            data = self._build(state)
        except Exception:  # never a traceback in the page
            self.status.value = error_box(t("dash.error.export", lang))
            return
        finally:
            self.button.disabled = False
        self.status.value = ""
        if self.on_export is not None:
            self.on_export(state)
        self.link.value = download_link(
            data, export_filename(state), t("dash.export.download", lang)
        )


def _overview_bytes(state: DashboardState) -> bytes:
    from popanalytics.export.overview import overview_bytes

    # the prepared dataset the views already use: no second preparation per download
    return overview_bytes(state.prepared, state.report, state.params, state.lang)
