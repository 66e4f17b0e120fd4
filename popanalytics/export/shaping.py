"""Figures frames → the frames and columns of the overview's tables (pure, no openpyxl).

Input is the tidy frame of ``popanalytics.metrics.figures`` (metric, group,
breakdown_field, breakdown, numerator, denominator, rate, employees,
suppressed), already suppressed for the management audience. Output is a
``TableBlock``: a frame whose cells are numbers, dates or text (a suppressed
cell holds the text "< k") plus the columns' labels and formats.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from popanalytics.export.sheet import Column, Kind, TableBlock
from popanalytics.i18n import field_label as i18n_field_label
from popanalytics.i18n import has_label, t
from popanalytics.metrics import METRICS
from popanalytics.metrics.population import COVERAGE_TYPES
from popanalytics.presentation import (
    AGREEMENT_STATUS,
    ENUM_LABELS,
    TOTAL,
    MetricInfo,
    breakdown_label,
    breakdown_labels,
    bucket_order,
    family,
    group_labels,
    group_order,
    metric_info,
    metric_label,
    ordered_groups,
    suppressed_text,
)


def field_label(field: str, lang: str) -> str:
    """A data-model field's name, else an export column's, else the raw name."""
    if has_label(f"field.{field}") or not has_label(f"export.col.{field}"):
        return i18n_field_label(field, lang)
    return t(f"export.col.{field}", lang)


def _headline(figures: pd.DataFrame) -> pd.DataFrame:
    """The rows without breakdown: one per metric and group."""
    return figures[figures["breakdown_field"].isna()].drop_duplicates(["metric", "group"])


def _block(name: str, columns: tuple[Column, ...], frame: pd.DataFrame, lang: str) -> TableBlock:
    """A figures table; its total rows stay out of the data bars (they would dwarf the groups)."""
    totals = np.flatnonzero((frame["group"] == t("group.all", lang)).to_numpy())
    return TableBlock(name, columns, frame, no_bars=tuple(int(i) for i in totals))


def _select(indexed: pd.DataFrame, key: object, groups: pd.Series) -> pd.DataFrame:
    """The rows under ``key`` of a frame indexed by (..., group), in ``groups`` order."""
    part: pd.DataFrame = indexed.loc[key]  # type: ignore[index,call-overload]
    return part.reindex(groups)


def _shown(values: pd.Series, suppressed: pd.Series, text: str) -> pd.Series:
    """Values with suppressed cells replaced by the text "< k"."""
    out = values.astype(object)
    return out.where(~suppressed.fillna(False).astype(bool), text)


def wide_table(
    figures: pd.DataFrame,
    metrics: Sequence[str],
    *,
    name: str,
    group_header: str,
    lang: str,
    k: int,
    full: bool,
    infos: Mapping[str, MetricInfo],
    employees: str | None = "population",
) -> TableBlock:
    """One row per group (total first), one or three columns per figure.

    ``full``: a rate gets numerator, denominator and rate columns (so Excel can
    compute); otherwise only its rate. A count/sum/median always has one value
    column. Figures missing from the frame are left out.
    """
    head = _headline(figures)
    present = [m for m in metrics if m in set(head["metric"])]
    groups = pd.Series(ordered_groups(head["group"]), dtype=object)
    text = suppressed_text(k, lang)
    frame = pd.DataFrame({"group": group_labels(groups, lang)})
    columns: list[Column] = [Column("group", group_header)]
    indexed = head.set_index(["metric", "group"])

    def part(metric: str, field: str) -> pd.Series:
        rows = _select(indexed, metric, groups)
        return _shown(rows[field], rows["suppressed"], text).reset_index(drop=True)

    if employees is not None and employees in set(head["metric"]):
        frame["employees"] = part(employees, "numerator")
        columns.append(Column("employees", t("export.col.employees", lang), "int"))
    for metric in present:
        info = infos.get(metric) or metric_info(metric)
        label = metric_label(metric, lang)
        if info.kind == "rate":
            if full:
                frame[f"{metric}__num"] = part(metric, "numerator")
                frame[f"{metric}__den"] = part(metric, "denominator")
                columns.append(
                    Column(f"{metric}__num", t("export.col.part_value", lang, figure=label), "int")
                )
                columns.append(
                    Column(f"{metric}__den", t("export.col.part_of", lang, figure=label), "int")
                )
            frame[f"{metric}__rate"] = part(metric, "rate")
            header = t("export.col.part_rate", lang, figure=label) if full else label
            columns.append(Column(f"{metric}__rate", header, "percent", "rate"))
        else:
            frame[f"{metric}__value"] = part(metric, "numerator")
            columns.append(Column(f"{metric}__value", label, info.number_format))
    return _block(name, tuple(columns), frame, lang)


def long_table(
    figures: pd.DataFrame,
    *,
    name: str,
    group_header: str,
    lang: str,
    k: int,
    infos: Mapping[str, MetricInfo],
    metric_order: Sequence[str] = (),
) -> TableBlock:
    """One row per figure, group and breakdown value: count, "of" and rate columns.

    For a rate the count is its numerator and "of" its denominator; for a
    count or sum only the value is shown (its denominator is the number of
    employees covered, not something to divide by).
    """
    text = suppressed_text(k, lang)
    rows = figures.reset_index(drop=True)
    order = {m: i for i, m in enumerate(metric_order)}
    sort = pd.DataFrame(
        {
            "g": group_order(rows["group"]),
            "m": rows["metric"].map(order).fillna(len(order)),
            "bf": rows["breakdown_field"].fillna("").astype(str),
            "b": rows["breakdown"].fillna("").astype(str).str.casefold(),
        }
    )
    # figure first, then its breakdown, then the groups: one figure's departments in
    # consecutive rows
    rows = rows.iloc[sort.sort_values(["m", "bf", "b", "g"], kind="stable").index.to_numpy()]
    rows = rows.reset_index(drop=True)
    # labels and kinds per distinct metric or field, mapped onto the rows
    metrics = rows["metric"].unique().tolist()
    rate_kind = {m: (infos.get(m) or metric_info(m)).kind == "rate" for m in metrics}
    is_rate = rows["metric"].map(rate_kind).astype(bool)
    supp = rows["suppressed"]
    bf_unique = rows["breakdown_field"].dropna().unique().tolist()
    bf_labels = {f: field_label(f, lang) for f in bf_unique}
    columns: tuple[Column, ...] = (
        Column("figure", t("export.col.figure", lang)),
        Column("breakdown_field", t("export.col.breakdown_field", lang)),
        Column("breakdown", t("export.col.breakdown", lang)),
        Column("group", group_header),
        # counts, and medians in days: whole numbers on screen, exact in the cell
        Column("value", t("export.col.value", lang), "int"),
        Column("of", t("export.col.of", lang), "int"),
        Column("rate", t("export.col.rate", lang), "percent", "rate"),
    )
    if not rows["breakdown_field"].notna().any():
        columns = tuple(c for c in columns if not c.key.startswith("breakdown"))
    frame = pd.DataFrame(
        {
            "group": group_labels(rows["group"], lang),
            "figure": rows["metric"].map({m: metric_label(m, lang) for m in metrics}),
            "breakdown_field": rows["breakdown_field"].map(bf_labels),
            "breakdown": breakdown_labels(rows, lang),
            "value": _shown(rows["numerator"], supp, text),
            # a count has no "of" and no rate, suppressed or not
            "of": _shown(rows["denominator"].where(is_rate), supp & is_rate, text),
            "rate": _shown(rows["rate"].where(is_rate), supp & is_rate, text),
        }
    )
    return _block(name, columns, frame, lang)


def bucket_table(
    figures: pd.DataFrame,
    *,
    name: str,
    group_header: str,
    lang: str,
    k: int,
    names: Mapping[str, str] | None = None,
) -> TableBlock:
    """Overdue agreements: one row per group, one column per days-overdue bucket.

    ``names`` (hr only) adds the manager's name next to the group id.
    """
    text = suppressed_text(k, lang)
    rows = figures[
        (figures["metric"] == "agreements_overdue") & (figures["breakdown_field"] == "bucket")
    ]
    head = _headline(figures[figures["metric"] == "agreements_overdue"])
    groups = pd.Series(ordered_groups(pd.concat([rows["group"], head["group"]])), dtype=object)
    buckets = bucket_order(rows["breakdown"].dropna())
    frame = pd.DataFrame({"group": group_labels(groups, lang)})
    columns: list[Column] = [Column("group", group_header)]
    if names is not None:
        frame["manager_name"] = groups.map(dict(names)).astype(object)
        columns.append(Column("manager_name", t("export.col.manager_name", lang)))
    indexed = rows.drop_duplicates(["group", "breakdown"]).set_index(["breakdown", "group"])
    for i, bucket in enumerate(buckets):
        sub = _select(indexed, bucket, groups)
        frame[f"bucket_{i}"] = _shown(sub["numerator"], sub["suppressed"], text).reset_index(
            drop=True
        )
        columns.append(
            Column(f"bucket_{i}", t("export.col.bucket_days", lang, bucket=bucket), "int", "bar")
        )
    total = head.set_index("group").reindex(groups)
    frame["total"] = _shown(total["numerator"], total["suppressed"], text).reset_index(drop=True)
    columns.append(Column("total", t("export.col.overdue_total", lang), "int", "bar"))
    return _block(name, tuple(columns), frame, lang)


TRAINING_DIMENSIONS = METRICS["training_needs"].breakdowns
# the training figures broken down by need (needs, hours, cost) -> their column
_UNIT_COLUMN = {"items": "count", "hours": "hours", "eur": "cost"}
TRAINING_BREAKDOWN_COLUMNS = {
    m: _UNIT_COLUMN[METRICS[m].unit] for m in family("training") if METRICS[m].breakdowns
}


def training_table(
    figures: pd.DataFrame, *, name: str, group_header: str, lang: str, k: int
) -> tuple[TableBlock, tuple[int, int] | None]:
    """Training needs: one row per group, dimension and value; count, hours and cost.

    Also returns the (first, last) data rows of the total's themes, for the chart.
    """
    text = suppressed_text(k, lang)
    rows = figures[
        figures["metric"].isin(list(TRAINING_BREAKDOWN_COLUMNS))
        & figures["breakdown_field"].isin(list(TRAINING_DIMENSIONS))
    ].drop_duplicates(["metric", "group", "breakdown_field", "breakdown"])
    key = ["group", "breakdown_field", "breakdown"]
    base = rows[key].drop_duplicates().reset_index(drop=True)
    for metric, col in TRAINING_BREAKDOWN_COLUMNS.items():
        part = rows[rows["metric"] == metric].set_index(key)
        joined = part.reindex(pd.MultiIndex.from_frame(base))
        base[col] = _shown(joined["numerator"], joined["suppressed"], text).to_numpy()
    counts = pd.to_numeric(base["count"], errors="coerce").fillna(-1)
    sort = pd.DataFrame(
        {
            "g": group_order(base["group"]),
            "d": base["breakdown_field"].map({d: i for i, d in enumerate(TRAINING_DIMENSIONS)}),
            "c": -counts,
            "b": base["breakdown"].astype(str).str.casefold(),
        }
    )
    base = base.iloc[sort.sort_values(["g", "d", "c", "b"], kind="stable").index.to_numpy()]
    base = base.reset_index(drop=True)
    dimensions = {d: field_label(d, lang) for d in TRAINING_DIMENSIONS}
    frame = pd.DataFrame(
        {
            "group": group_labels(base["group"], lang),
            "dimension": base["breakdown_field"].map(dimensions),
            "value": breakdown_labels(base, lang),
            "count": base["count"],
            "hours": base["hours"],
            "cost": base["cost"],
        }
    )
    columns = (
        Column("group", group_header),
        Column("dimension", t("export.col.dimension", lang)),
        Column("value", t("export.col.breakdown", lang)),
        Column("count", t("export.col.count", lang), "int", "bar"),
        Column("hours", field_label("hours", lang), "number"),
        Column("cost", field_label("cost", lang), "eur"),
    )
    themes = base.index[(base["group"] == TOTAL) & (base["breakdown_field"] == "theme")]
    span = (int(themes.min()), int(themes.max())) if len(themes) else None
    return _block(name, columns, frame, lang), span


def detail_table(
    frame: pd.DataFrame,
    *,
    name: str,
    lang: str,
    agreement_status: bool = True,
    heading: str | None = None,
    drop: Iterable[str] = (),
) -> TableBlock:
    """A detail list (hr): one row per item, columns labelled and formatted by type."""
    frame = frame.drop(columns=[c for c in drop if c in frame.columns]).reset_index(drop=True)
    out = pd.DataFrame(index=frame.index)
    columns: list[Column] = []
    for col in frame.columns:
        series = frame[col]
        kind: Kind
        if pd.api.types.is_datetime64_any_dtype(series.dtype):
            kind = "date"
        elif pd.api.types.is_bool_dtype(series.dtype):
            series = series.map({True: t("export.yes", lang), False: t("export.no", lang)})
            kind = "text"
        elif pd.api.types.is_integer_dtype(series.dtype):
            kind = "int"
        elif pd.api.types.is_float_dtype(series.dtype):
            kind = "eur" if "cost" in col else "int" if "days" in col else "number"
        else:
            if col in ENUM_LABELS:
                status = AGREEMENT_STATUS if agreement_status else None
                uniques = series.dropna().unique().tolist()
                series = series.map(
                    {v: breakdown_label(col, v, lang, status=status) for v in uniques}
                )
            kind = "longtext" if col == "description" else "text"
        out[col] = series
        columns.append(Column(col, field_label(col, lang), kind))
    return TableBlock(name, tuple(columns), out, heading=heading)


# the conversation counts: the coverage figures broken down by conversation type
CONVERSATION_COUNTS = tuple(
    m for m in family("coverage") if METRICS[m].breakdowns == ("conversation_type",)
)


def coverage_table(
    figures: pd.DataFrame, *, name: str, group_header: str, lang: str, k: int
) -> tuple[TableBlock, list[tuple[int, int]]]:
    """Coverage by conversation type (rows) and group: covered, of, rate, the
    conversation counts of that type and the employees out of cycle for it.

    Rows are sorted by type, then group, so each type is one block of rows in
    the same group order; the second return value gives each block's (first,
    last) data row, for a chart with one series per type.
    """
    text = suppressed_text(k, lang)
    head = _headline(figures)
    groups = pd.Series(ordered_groups(head["group"]), dtype=object)
    indexed = head.set_index(["metric", "group"])
    by_type = figures[figures["breakdown_field"] == "conversation_type"].drop_duplicates(
        ["metric", "group", "breakdown"]
    )
    typed = by_type.set_index(["metric", "breakdown", "group"]).sort_index()
    typed_keys = set(zip(by_type["metric"], by_type["breakdown"], strict=True))
    present = set(head["metric"])
    blocks: list[pd.DataFrame] = []
    spans: list[tuple[int, int]] = []
    start = 0
    for kind in COVERAGE_TYPES:  # the coverage_<kind> figures, "any" last
        metric = f"coverage_{kind}"
        if metric not in present:
            continue
        rows = _select(indexed, metric, groups)
        block = pd.DataFrame(
            {
                "type": t(f"conversation_type.{kind}", lang),
                "group": group_labels(groups, lang).to_numpy(),
                "covered": _shown(rows["numerator"], rows["suppressed"], text).to_numpy(),
                "of": _shown(rows["denominator"], rows["suppressed"], text).to_numpy(),
                "rate": _shown(rows["rate"], rows["suppressed"], text).to_numpy(),
            }
        )
        for count in CONVERSATION_COUNTS:
            if kind == "any" and count in present:
                part = _select(indexed, count, groups)
            elif (count, kind) in typed_keys:
                part = _select(typed, (count, kind), groups)
            else:
                continue
            block[count] = _shown(part["numerator"], part["suppressed"], text).to_numpy()
        out_metric = f"out_of_cycle_{kind}"
        if out_metric in present:
            part = _select(indexed, out_metric, groups)
            block["out_of_cycle"] = _shown(part["numerator"], part["suppressed"], text).to_numpy()
        blocks.append(block)
        spans.append((start, start + len(block) - 1))
        start += len(block)
    frame = (
        pd.concat(blocks, ignore_index=True) if blocks else pd.DataFrame(columns=["type", "group"])
    )
    columns: list[Column] = [
        Column("type", field_label("conversation_type", lang)),
        Column("group", group_header),
        Column("covered", t("export.col.covered", lang), "int"),
        Column("of", t("export.col.of", lang), "int"),
        Column("rate", t("export.col.coverage", lang), "percent", "rate"),
    ]
    columns += [Column(c, metric_label(c, lang), "int") for c in CONVERSATION_COUNTS if c in frame]
    if "out_of_cycle" in frame:
        columns.append(Column("out_of_cycle", t("export.col.out_of_cycle", lang), "int", "bar"))
    columns = [c for c in columns if c.key in frame]
    return _block(name, tuple(columns), frame, lang), spans
