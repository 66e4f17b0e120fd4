"""The steering part of the command line: `popanalytics progress` and `--target`.

Kept apart from cli.py (which only wires it in): the progress curve's JSON and
table, and the targets option shared by metrics, report, progress and serve.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

import pandas as pd

from popanalytics.i18n import fmt_date, t
from popanalytics.metrics.targets import verdict_text


def add_target_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="METRIC=VALUE",
        help="a target for a figure, e.g. coverage_development=0.9 (or 90%%); repeatable",
    )


def targets_from(args: argparse.Namespace) -> Any:
    """The validated targets of ``--target`` (a TargetError, exit 2, when one is bad)."""
    from popanalytics.metrics.targets import parse_targets

    return parse_targets(getattr(args, "target", []) or [])


def add_progress_parser(sub: Any) -> None:
    from popanalytics import cli

    p = sub.add_parser(
        "progress",
        help="coverage week by week against the previous cycle, and the projection",
        description="Coverage of one conversation type at the end of each week of the "
        "cycle up to the reference date, next to the previous cycle at the same week, "
        "and the coverage at the cycle's end if every planned conversation is held.",
    )
    cli._add_data(p)
    cli._add_lang(p)
    cli._add_params(p, grouping=False)
    p.add_argument(
        "--conversation-type",
        default="development",
        metavar="TYPE",
        help="development (default), performance, appraisal or any",
    )
    add_target_option(p)
    p.add_argument("--json", action="store_true", help="print parameters, points and projection")
    p.set_defaults(func=cmd_progress)


def _num(value: Any) -> float | int | None:
    from popanalytics.cli import _json_number

    return _json_number(value)


def _day(value: Any) -> str | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def progress_json(progress: Any, params: Any, sources: list[str], targets: Any) -> dict[str, Any]:
    """`progress --json`: parameters, points and projection (suppressed values are null)."""
    from popanalytics.cli import params_json

    metric = f"coverage_{progress.conversation_type}"
    parameters = params_json(params, sources) | {
        "conversation_type": progress.conversation_type,
        "metric": metric,
        "target": targets.get(metric),
    }
    points = [
        {
            "date": _day(r["date"]),
            "week": int(r["week"]),
            "numerator": _num(r["numerator"]),
            "denominator": _num(r["denominator"]),
            "rate": _num(r["rate"]),
            "previous_date": _day(r["previous_date"]),
            "previous_numerator": _num(r["previous_numerator"]),
            "previous_denominator": _num(r["previous_denominator"]),
            "previous_rate": _num(r["previous_rate"]),
        }
        for r in progress.points.to_dict("records")
    ]
    total = progress.total_projection
    return {
        "parameters": parameters,
        "points": points,
        "projection": {
            "numerator": _num(total["numerator"]),
            "denominator": _num(total["denominator"]),
            "rate": _num(total["rate"]),
        },
    }


def _share(num: Any, den: Any, rate: Any, suppressed: bool, lang: str, k: int) -> str:
    from popanalytics.charts_steering import share_text

    return share_text(num, den, rate, bool(suppressed), lang, k)


def cmd_progress(args: argparse.Namespace) -> int:
    from popanalytics import cli
    from popanalytics.metrics.progress import check_progress_params, progress

    params = cli._params(args)
    targets = targets_from(args)
    check_progress_params(params, args.conversation_type)  # before reading any file
    loaded = cli._load(args)
    result = progress(loaded.dataset, params, args.conversation_type)
    if args.json:
        out = progress_json(result, params, list(args.data), targets)
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return cli.EXIT_OK
    lang, k = args.lang, params.k
    kind = t(f"conversation_type.{result.conversation_type}", lang)
    print(
        t(
            "cli.progress.title",
            lang,
            type=kind,
            cycle=result.cycle.label,
            date=fmt_date(result.reference, lang),
        )
    )
    header = (
        t("cli.progress.week", lang),
        t("cli.progress.date", lang),
        t("cli.progress.this_cycle", lang),
        t("cli.progress.previous", lang),
    )
    rows = [
        (
            str(r["week"]),
            fmt_date(r["date"], lang),
            _share(r["numerator"], r["denominator"], r["rate"], r["suppressed"], lang, k),
            _share(
                r["previous_numerator"],
                r["previous_denominator"],
                r["previous_rate"],
                r["previous_suppressed"],
                lang,
                k,
            ),
        )
        for r in result.points.to_dict("records")
    ]
    print(cli._table([header, *rows]))
    total = result.total_projection
    value = _share(
        total["numerator"], total["denominator"], total["rate"], total["suppressed"], lang, k
    )
    print(t("cli.progress.projection", lang, end=fmt_date(result.cycle.end, lang), value=value))
    metric = f"coverage_{result.conversation_type}"
    target = targets.get(metric)
    if target is not None:
        print(
            f"{t('cli.metrics.target', lang)}: "
            + verdict_text(metric, target, None if total["suppressed"] else total["rate"], lang)
        )
    return cli.EXIT_OK


def targets_json(targets: Any, frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Each target with the organisation's value and whether it is reached."""
    from popanalytics.metrics.targets import target_status

    return [
        {
            "metric": r["metric"],
            "target": _num(r["target"]),
            "value": _num(r["value"]),
            "reached": r["reached"],
        }
        for r in target_status(frame, targets).to_dict("records")
    ]


def with_target_column(
    header: tuple[str, ...],
    rows: Sequence[tuple[str, ...]],
    headline: pd.DataFrame,
    targets: Any,
    lang: str,
) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The metrics table with a "Target" column: the target and, on the total
    row, whether it is reached."""
    out = []
    for row, record in zip(rows, headline.to_dict("records"), strict=True):
        target = targets.get(record["metric"])
        text = ""
        if target is not None:
            hidden = bool(record["suppressed"])
            value = record["rate"] if not pd.isna(record["rate"]) else record["numerator"]
            text = verdict_text(record["metric"], target, None if hidden else value, lang)
        out.append((*row, text))
    return (*header, t("cli.metrics.target", lang)), out


def write_report_with_targets(
    out: Any, loaded: Any, params: Any, targets: Any, args: argparse.Namespace
) -> None:
    """`report --target`: the overview workbook with a targets sheet (export/targets.py)."""
    from popanalytics.export.targets import write_overview_with_targets

    write_overview_with_targets(
        out, loaded.dataset, loaded.report, params, targets, lang=args.lang, sources=args.data
    )


def pass_targets_to_serve(targets: Any) -> None:
    """`serve --target`: every page's kernel inherits the targets through the environment."""
    import os

    from popanalytics.dashboard.steering_env import ENV_TARGETS, targets_to_env

    if targets:
        os.environ[ENV_TARGETS] = targets_to_env(targets)
    else:
        os.environ.pop(ENV_TARGETS, None)
