"""`report --target`: the overview workbook with a sheet of the targets next to
the organisation's figures (a real Excel table, like every other sheet)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from popanalytics.export.overview import build_overview, collect_overview, heading_lines
from popanalytics.export.sheet import Column, TableBlock, write_sheet
from popanalytics.i18n import t
from popanalytics.metrics import Prepared, figures, prepare
from popanalytics.metrics.catalogue import metric_label
from popanalytics.metrics.params import Params
from popanalytics.metrics.targets import Targets, target_status, value_text
from popanalytics.model import Dataset
from popanalytics.presentation import suppressed_text
from popanalytics.schema.quality import QualityReport


def targets_frame(
    dataset: Dataset | Prepared, params: Params, targets: Targets, lang: str
) -> pd.DataFrame:
    """One row per target: figure, target, the organisation's value, reached or not
    (a value hidden for management stays "< k")."""
    status = target_status(figures(dataset, params.with_(group_by=None)), targets)

    def shown(values: pd.Series) -> list[str]:
        return [value_text(m, v, lang) for m, v in zip(status["metric"], values, strict=True)]

    verdict = {True: t("target.reached", lang), False: t("target.not_reached", lang)}
    return pd.DataFrame(
        {
            "metric": [metric_label(m, lang) for m in status["metric"]],
            "target": shown(status["target"]),
            "value": [
                suppressed_text(params.k, lang) if hidden else text
                for hidden, text in zip(status["suppressed"], shown(status["value"]), strict=True)
            ],
            "reached": [verdict.get(r, "–") for r in status["reached"]],
        }
    )


def write_overview_with_targets(
    target: str | Path,
    dataset: Dataset | Prepared,
    report: QualityReport,
    params: Params,
    targets: Targets,
    lang: str = "nl",
    sources: Sequence[str | Path] = (),
) -> None:
    """The overview workbook of ``write_overview`` plus a last sheet of the targets."""
    data = prepare(dataset)
    book = build_overview(collect_overview(data, report, params, sources), lang)
    title = t("export.targets.sheet", lang)
    block = TableBlock(
        "tbl_targets",
        (
            Column("metric", t("dash.targets.metric", lang)),
            Column("target", t("dash.column.target", lang)),
            Column("value", t("cli.metrics.value", lang)),
            Column("reached", t("dash.column.target_status", lang)),
        ),
        targets_frame(data, params, targets, lang),
    )
    write_sheet(book, title, heading_lines(title, params, lang), [block])
    book.save(target)
