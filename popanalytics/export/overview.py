"""The Excel overview workbook: figures per group, data quality and definitions.

``collect_overview`` asks the metrics engine for everything the workbook shows
(the only place that computes, and that reads today's date),
``build_overview`` turns that into a workbook, one function per sheet (pure:
frames in, workbook out) and ``write_overview``/``overview_bytes`` save
it — the side effect at the edge. The management audience gets aggregates
only: suppression is already applied by ``figures()``; here no names, ids,
descriptions or source values are written, and follow-up is grouped like the
summary instead of by manager (a manager id is an employee id or name).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import BinaryIO, TypedDict

import pandas as pd

from popanalytics import metrics, presentation
from popanalytics.export.shaping import (
    bucket_table,
    coverage_table,
    detail_table,
    field_label,
    long_table,
    training_table,
    wide_table,
)
from popanalytics.export.sheet import Book, ChartSpec, Column, TableBlock, write_sheet
from popanalytics.i18n import fmt_date, t
from popanalytics.metrics import METRICS, Prepared
from popanalytics.metrics.params import Params
from popanalytics.metrics.prepare import CONVERSATION_KINDS
from popanalytics.model import Dataset
from popanalytics.presentation import (
    MetricInfo,
    family,
    metric_definition,
    metric_infos,
    metric_label,
)
from popanalytics.schema.quality import QualityReport

DEFAULT_GROUP = "department"

SUMMARY_METRICS = (
    "coverage_any",
    "coverage_development",
    "agreements_completion",
    "agreements_overdue",
    "followup_missing",
    "out_of_cycle_development",
    "training_needs",
    "training_cost",
    "training_fulfilment",
    "report_signed",
)
POPULATION_METRICS = tuple(m for m in family("population") if m != "population")
AGREEMENT_METRICS = family("agreements")
TRAINING_METRICS = family("training")
PROCESS_METRICS = family("process")
# Headline figures that have their own sheet; anything else the engine returns
# is shown on the process sheet so no figure is lost.
_PLACED_ELSEWHERE = set(family("population")) | set(family("coverage")) | set(TRAINING_METRICS)
_AGREEMENT_BREAKDOWNS = METRICS["agreements_mix"].breakdowns
# Figures in catalogue order (the definitions sheet lists them so).
_CATALOGUE_ORDER = tuple(METRICS)


class Common(TypedDict):
    """The arguments every figures table of one workbook shares."""

    group_header: str
    lang: str
    k: int
    infos: Mapping[str, MetricInfo]


@dataclass(frozen=True)
class OverviewData:
    """Everything the overview shows, computed once (frames in, workbook out)."""

    params: Params
    figures: pd.DataFrame  # grouped by ``group_field``, with the total
    followup_figures: pd.DataFrame  # grouped by ``followup_field``
    group_field: str
    followup_field: str
    report: QualityReport
    sources: tuple[str, ...] = ()
    overdue: pd.DataFrame | None = None  # hr only
    out_of_cycle: pd.DataFrame | None = None  # hr only
    out_of_cycle_type: str = "development"
    manager_names: Mapping[str, str] | None = None  # hr only: manager id -> name
    # the day the workbook is made ("generated on"): read when the data is
    # collected, so that building the workbook reads no clock
    generated: dt.date = field(default_factory=dt.date.today)


def out_of_cycle_type(params: Params) -> str:
    """The conversation type of the out-of-cycle list: the focus type, else POP."""
    kind = params.conversation_type
    return kind if kind in CONVERSATION_KINDS else "development"


def manager_names(dataset: Dataset | Prepared) -> dict[str, str]:
    """Manager id → the manager's name, where the id is an employee id with a name.
    The workbook shows the id next to the name, so two managers with one name
    stay apart without the "(id)" the dashboard adds."""
    data = metrics.prepare(dataset)
    names = presentation.manager_names(data.dataset, tell_twins_apart=False)
    managers = pd.Index(data.managers.labels.astype(str))
    names = names[names.index.astype(str).isin(managers)]
    return dict(zip(names.index.astype(str), names.astype(str), strict=True))


def collect_overview(
    dataset: Dataset | Prepared,
    report: QualityReport,
    params: Params,
    sources: Sequence[str | Path] = (),
) -> OverviewData:
    """Compute the figures (and, for hr, the detail lists) the overview shows.

    ``dataset`` may already be prepared (the dashboard keeps one): every
    engine call below reuses the same arrays, so the data is prepared at most
    once per workbook.
    """
    group_field = params.group_by or DEFAULT_GROUP
    grouped = params.with_(group_by=group_field)
    data = metrics.prepare(dataset)
    figs = metrics.figures(data, grouped)
    hr = params.audience == "hr"
    followup_field = "manager_id" if hr else group_field
    followup_figs = (
        figs
        if followup_field == group_field
        else metrics.figures(data, params.with_(group_by=followup_field))
    )
    kind = out_of_cycle_type(params)
    return OverviewData(
        params=grouped,
        figures=figs,
        followup_figures=followup_figs,
        group_field=group_field,
        followup_field=followup_field,
        report=report,
        # file names only: a full path can name the user's own folders
        sources=tuple(PurePath(str(s)).name or str(s) for s in (sources or data.dataset.sources)),
        overdue=metrics.overdue_agreements(data, params) if hr else None,
        out_of_cycle=metrics.out_of_cycle_employees(data, params, conversation_type=kind)
        if hr
        else None,
        out_of_cycle_type=kind,
        manager_names=manager_names(data) if hr else None,
    )


def filters_text(params: Params, lang: str) -> str:
    """The filters as one line ("Department: A, B; Team: C"), or "no filters"."""
    return "; ".join(
        f"{field_label(name, lang)}: {', '.join(values)}" for name, values in params.filters
    ) or t("export.no_filters", lang)


def heading_lines(title: str, params: Params, lang: str) -> list[str]:
    """The lines above every table: title, cycle and reference date, audience, filters."""
    cycle = params.cycle
    audience = t(f"audience.{params.audience}", lang)
    audience_line = (
        t("export.subtitle.management", lang, audience=audience, k=params.k)
        if params.audience == "management"
        else t("export.subtitle.hr", lang, audience=audience)
    )
    return [
        title,
        t(
            "export.subtitle.cycle",
            lang,
            cycle=cycle.label,
            start=fmt_date(cycle.start, lang),
            end=fmt_date(cycle.end, lang),
            reference=fmt_date(params.reference, lang),
        ),
        audience_line,
        t("export.subtitle.filters", lang, filters=filters_text(params, lang)),
    ]


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook: its key (names and titles in i18n), tables and charts."""

    key: str
    tables: Sequence[TableBlock]
    charts: Sequence[ChartSpec] = ()
    title_values: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Shown:
    """What every sheet of one workbook shares: language, grouping, how figures show."""

    lang: str
    k: int
    management: bool
    group_header: str
    infos: Mapping[str, MetricInfo]

    @property
    def group_word(self) -> str:
        """The grouping in a title ("per afdeling")."""
        return self.group_header.lower()

    @property
    def common(self) -> Common:
        return Common(group_header=self.group_header, lang=self.lang, k=self.k, infos=self.infos)


def build_overview(data: OverviewData, lang: str = "nl") -> Book:
    """The overview workbook for ``data`` (write-only: save it once)."""
    shown = Shown(
        lang=lang,
        k=data.params.k,
        management=data.params.audience == "management",
        group_header=field_label(data.group_field, lang),
        infos=metric_infos(pd.concat([data.figures, data.followup_figures])),
    )
    book = Book()
    for sheet in overview_sheets(data, shown):
        title = t(f"export.title.{sheet.key}", lang, **sheet.title_values)
        write_sheet(
            book,
            t(f"export.sheet.{sheet.key}", lang),
            heading_lines(title, data.params, lang),
            sheet.tables,
            sheet.charts,
        )
    return book


def overview_sheets(data: OverviewData, shown: Shown) -> list[Sheet]:
    """The workbook's sheets in order; hr adds the two detail lists."""
    sheets = [
        summary_sheet(data, shown),
        coverage_sheet(data, shown),
        agreements_sheet(data, shown),
        followup_sheet(data, shown),
        training_sheet(data, shown),
        process_sheet(data, shown),
        Sheet("quality", _quality_tables(data.report, shown.lang, shown.management)),
        Sheet("definitions", [_definitions_table(data, shown.infos, shown.lang)]),
    ]
    return sheets if shown.management else sheets + detail_sheets(data, shown)


def summary_sheet(data: OverviewData, shown: Shown) -> Sheet:
    """The headline figures per group, with a coverage chart."""
    lang, group = shown.lang, shown.group_word
    summary = wide_table(
        data.figures, SUMMARY_METRICS, name="tbl_summary", full=False, **shown.common
    )
    chart = _rate_chart(summary, "coverage_any", t("export.chart.summary", lang, group=group))
    return Sheet("summary", [summary], chart, {"group": group})


def coverage_sheet(data: OverviewData, shown: Shown) -> Sheet:
    """Coverage per conversation type and group, then the population counts."""
    lang, group = shown.lang, shown.group_word
    coverage, blocks = coverage_table(
        data.figures, name="tbl_coverage", group_header=shown.group_header, lang=lang, k=shown.k
    )
    coverage = replace(coverage, heading=t("export.heading.coverage", lang))
    population = wide_table(
        data.figures, POPULATION_METRICS, name="tbl_population", full=False, **shown.common
    )
    population = replace(population, heading=t("export.heading.population", lang))
    block_titles = [c for c in coverage.frame["type"].drop_duplicates()] if blocks else []
    charts = (
        [
            ChartSpec(
                t("export.chart.coverage", lang, group=group),
                0,
                "group",
                ("rate",),
                percent=True,
                blocks=tuple(
                    (str(title), a, b) for title, (a, b) in zip(block_titles, blocks, strict=True)
                ),
            )
        ]
        if blocks
        else []
    )
    return Sheet("coverage", [coverage, population], charts, {"group": group})


def agreements_sheet(data: OverviewData, shown: Shown) -> Sheet:
    """Every agreement figure per group, with the mix broken down."""
    figs = data.figures
    rows = figs[
        (figs["metric"].isin(AGREEMENT_METRICS) & figs["breakdown_field"].isna())
        | figs["breakdown_field"].isin(_AGREEMENT_BREAKDOWNS)
    ]
    agreements = long_table(
        rows, name="tbl_agreements", metric_order=AGREEMENT_METRICS, **shown.common
    )
    return Sheet("agreements", [agreements], (), {"group": shown.group_word})


def followup_sheet(data: OverviewData, shown: Shown) -> Sheet:
    """Overdue agreements per days-overdue bucket: per manager (hr) or per group."""
    header = field_label(data.followup_field, shown.lang)
    followup = bucket_table(
        data.followup_figures,
        name="tbl_followup",
        group_header=header,
        lang=shown.lang,
        k=shown.k,
        names=None if shown.management else data.manager_names,
    )
    bucket_keys = tuple(c.key for c in followup.columns if c.key.startswith("bucket_"))
    charts = (
        # the total and at most 25 groups: a chart of thousands of managers helps no one
        [
            ChartSpec(
                t("export.chart.followup", shown.lang),
                0,
                "group",
                bucket_keys,
                # the groups, not the total that dwarfs them
                first=1 if len(followup.frame) > 1 else 0,
                last=25,
                stacked=True,
            )
        ]
        if bucket_keys
        else []
    )
    return Sheet("followup", [followup], charts, {"group": header.lower()})


def training_sheet(data: OverviewData, shown: Shown) -> Sheet:
    """Training totals per group, then needs per dimension with a themes chart."""
    lang = shown.lang
    totals = wide_table(
        data.figures,
        TRAINING_METRICS,
        name="tbl_training_totals",
        full=False,
        employees=None,
        **shown.common,
    )
    training, themes = training_table(
        data.figures, name="tbl_training", group_header=shown.group_header, lang=lang, k=shown.k
    )
    training = replace(training, heading=t("export.heading.training_breakdown", lang))
    charts = (
        [
            ChartSpec(
                t("export.chart.training", lang),
                1,
                "value",
                ("count",),
                first=themes[0],
                last=themes[1],
            )
        ]
        if themes
        else []
    )
    return Sheet("training", [totals, training], charts, {"group": shown.group_word})


def process_sheet(data: OverviewData, shown: Shown) -> Sheet:
    """The process figures, and any headline figure no other sheet shows (none is lost)."""
    figs = data.figures
    headline = set(figs.loc[figs["breakdown_field"].isna(), "metric"])
    used_elsewhere = (
        _PLACED_ELSEWHERE
        | set(SUMMARY_METRICS)
        | {m for m in headline if m.startswith(("agreements_", "training_"))}
    )
    leftovers = sorted(m for m in headline if m not in used_elsewhere and m not in PROCESS_METRICS)
    keys = (*PROCESS_METRICS, *leftovers)
    process = long_table(
        figs[figs["metric"].isin(keys) & figs["breakdown_field"].isna()],
        name="tbl_process",
        metric_order=keys,
        **shown.common,
    )
    return Sheet("process", [process], (), {"group": shown.group_word})


def detail_sheets(data: OverviewData, shown: Shown) -> list[Sheet]:
    """hr only: the overdue agreements and the employees out of cycle, one row each."""
    lang = shown.lang
    sheets = []
    if data.overdue is not None:
        sheets.append(Sheet("overdue", [detail_table(data.overdue, name="tbl_overdue", lang=lang)]))
    if data.out_of_cycle is not None:
        kind = t(f"conversation_type.{data.out_of_cycle_type}", lang)
        sheets.append(
            Sheet(
                "out_of_cycle",
                [detail_table(data.out_of_cycle, name="tbl_out_of_cycle", lang=lang)],
                (),
                {"conversation_type": kind},
            )
        )
    return sheets


def _rate_chart(block: TableBlock, metric: str, title: str) -> list[ChartSpec]:
    key = f"{metric}__rate"
    if not any(c.key == key for c in block.columns):
        return []
    return [ChartSpec(title, 0, "group", (key,), percent=True)]


def _quality_tables(report: QualityReport, lang: str, management: bool) -> list[TableBlock]:
    labelled = report.labelled(lang)
    counts_block = TableBlock(
        "tbl_quality_counts",
        (
            Column("table", t("export.col.table", lang)),
            Column("read", t("export.col.read", lang), "int"),
            Column("used", t("export.col.used", lang), "int"),
            Column("quarantined", t("export.col.quarantined", lang), "int", "bar"),
        ),
        labelled.counts,
        heading=t("export.heading.counts", lang),
    )
    if management:
        # Aggregated: a finding's message and value can quote personal data.
        frame = labelled.kinds.rename(columns={"message": "code"})
        columns: tuple[Column, ...] = (
            Column("table", t("export.col.table", lang)),
            Column("field", t("export.col.field", lang)),
            Column("severity", t("export.col.severity", lang)),
            Column("code", t("export.col.message", lang)),
            Column("rows", t("export.col.rows", lang), "int", "bar"),
        )
        heading = t("export.heading.findings_management", lang)
    else:
        frame = labelled.findings.assign(row=labelled.findings["row"].astype("float64"))
        columns = (
            Column("table", t("export.col.table", lang)),
            Column("file", t("export.col.file", lang)),
            Column("sheet", t("export.col.sheet", lang)),
            Column("row", t("export.col.row", lang), "int"),
            Column("field", t("export.col.field", lang)),
            Column("value", t("export.col.finding_value", lang)),
            Column("severity", t("export.col.severity", lang)),
            Column("message", t("export.col.message", lang), "longtext"),
        )
        heading = t("export.heading.findings", lang)
    findings_block = TableBlock(
        "tbl_quality_findings", columns, frame, heading=heading, freeze=True
    )
    return [counts_block, findings_block]


def _definitions_table(
    data: OverviewData, infos: Mapping[str, MetricInfo], lang: str
) -> TableBlock:
    """Parameters used, then each figure's definition."""
    p = data.params
    cycle = p.cycle
    none = "–"
    params_rows: list[tuple[str, str]] = [
        (t("export.param.generated", lang), fmt_date(data.generated, lang)),
        (t("export.param.sources", lang), "\n".join(data.sources) or none),
        (
            t("export.param.cycle", lang),
            f"{cycle.label} ({fmt_date(cycle.start, lang)} – {fmt_date(cycle.end, lang)})",
        ),
        (t("export.param.reference", lang), fmt_date(p.reference, lang)),
        (t("export.param.effective_reference", lang), fmt_date(p.effective_reference, lang)),
        (t("export.param.filters", lang), filters_text(p, lang)),
        (t("export.param.group_by", lang), field_label(data.group_field, lang)),
        (t("export.param.audience", lang), t(f"audience.{p.audience}", lang)),
        (
            t("export.param.suppression", lang),
            t("export.param.suppression_on", lang, k=p.k)
            if p.audience == "management"
            else t("export.param.suppression_off", lang),
        ),
        (t("export.param.k", lang), str(p.k)),
        (t("export.param.min_tenure", lang), str(p.min_tenure_days)),
        (t("export.param.grace", lang), str(p.grace_days)),
        (
            t("export.param.window", lang),
            str(p.window_months) if p.window_months else t("export.param.window_cycle", lang),
        ),
        (
            t("export.param.conversation_type", lang),
            t(f"conversation_type.{p.conversation_type}", lang),
        ),
    ]
    metric_keys = [m for m in _CATALOGUE_ORDER if m in infos] + sorted(
        m for m in infos if m not in METRICS
    )
    section_param = t("export.section.parameter", lang)
    section_figure = t("export.section.figure", lang)
    frame = pd.DataFrame(
        [(section_param, item, value) for item, value in params_rows]
        + [
            (section_figure, metric_label(m, lang), metric_definition(m, lang)) for m in metric_keys
        ],
        columns=["section", "item", "description"],
    )
    return TableBlock(
        "tbl_definitions",
        (
            Column("section", t("export.col.section", lang)),
            Column("item", t("export.col.item", lang)),
            Column("description", t("export.col.description", lang), "longtext"),
        ),
        frame,
    )


def write_overview(
    target: str | Path | BinaryIO,
    dataset: Dataset | Prepared,
    report: QualityReport,
    params: Params,
    lang: str = "nl",
    sources: Sequence[str | Path] = (),
) -> None:
    """Write the overview workbook for ``params.audience`` to a path or binary file."""
    build_overview(collect_overview(dataset, report, params, sources), lang).save(target)


def overview_bytes(
    dataset: Dataset | Prepared,
    report: QualityReport,
    params: Params,
    lang: str = "nl",
    sources: Sequence[str | Path] = (),
) -> bytes:
    """The overview workbook as bytes (the dashboard's download)."""
    return build_overview(collect_overview(dataset, report, params, sources), lang).to_bytes()
