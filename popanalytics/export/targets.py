"""`report --target`: a sheet of the targets next to the organisation's figures."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import load_workbook
from openpyxl.styles import Font

from popanalytics.i18n import fmt_number, fmt_percent, t
from popanalytics.metrics import figures
from popanalytics.metrics.catalogue import METRICS, metric_label
from popanalytics.metrics.params import Params
from popanalytics.metrics.targets import Targets, target_status
from popanalytics.model import Dataset


def targets_frame(dataset: Dataset, params: Params, targets: Targets, lang: str) -> pd.DataFrame:
    """One row per target: figure, target, the organisation's value, reached or not
    (a value hidden for management stays "< k")."""
    status = target_status(figures(dataset, params.with_(group_by=None)), targets)
    is_rate = status["metric"].map(lambda m: METRICS[m].kind == "rate")

    def shown(values: pd.Series) -> list[str]:
        return [
            fmt_percent(v, lang) if rate else fmt_number(v, lang, 1)
            for v, rate in zip(values, is_rate, strict=True)
        ]

    verdict = {True: t("target.reached", lang), False: t("target.not_reached", lang)}
    return pd.DataFrame(
        {
            t("dash.targets.metric", lang): [metric_label(m, lang) for m in status["metric"]],
            t("dash.column.target", lang): shown(status["target"]),
            t("cli.metrics.value", lang): [
                t("dash.suppressed", lang, k=params.k) if hidden else text
                for hidden, text in zip(status["suppressed"], shown(status["value"]), strict=True)
            ],
            t("dash.column.target_status", lang): [verdict.get(r, "–") for r in status["reached"]],
        }
    )


def add_targets_sheet(
    path: str | Path, dataset: Dataset, params: Params, targets: Targets, lang: str
) -> None:
    """Append the targets sheet to the written report workbook."""
    table = targets_frame(dataset, params, targets, lang)
    wb = load_workbook(path)
    ws = wb.create_sheet(t("dash.targets.title", lang)[:31].split(" (")[0])
    ws.append(list(table.columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for record in table.itertuples(index=False):
        ws.append(list(record))
    for column, width in zip("ABCD", (40, 14, 14, 18), strict=True):
        ws.column_dimensions[column].width = width
    wb.save(path)
