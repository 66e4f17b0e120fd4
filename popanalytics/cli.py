"""The `popanalytics` command: a thin layer over the library.

Each command parses its arguments, calls one library function and prints the
result. A fatal problem is one message on stderr in the user's language (exit 2);
any other failure is a short message, never a traceback (exit 1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from popanalytics import cli_steering
from popanalytics.dashboard.limits import DEFAULT_MAX_KERNELS, DEFAULT_MAX_UPLOAD_MB
from popanalytics.errors import PopError
from popanalytics.i18n import LANGS, t
from popanalytics.io import SUPPORTED_EXTENSIONS
from popanalytics.io.controls import strip_controls
from popanalytics.metrics.params import DEFAULT_K

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_FATAL = 2

COMMANDS = (
    "validate",
    "metrics",
    "report",
    "followup",
    "progress",
    "demo",
    "serve",
    "hub",
    "import",
    "snapshots",
    "forget",
)

# HR data leaves the program only in files the user alone can read: while a command
# runs, whatever it (or a library, or Voilà) creates is 0600 and a folder 0700; a file
# that existed before keeps its mode when rewritten, so outputs are set to 0600 too.
PRIVATE_UMASK = 0o077
PRIVATE_FILE_MODE = 0o600


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def _filter(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise argparse.ArgumentTypeError(f"expected FIELD=VALUE, got {text!r}")
    return name.strip(), value.strip()


def _add_data(p: argparse.ArgumentParser, *, optional: bool = False) -> None:
    from popanalytics.cli_store import add_store_option

    # DATA or --store: which one is checked when the command runs (cli_store)
    p.add_argument(
        "data",
        nargs="*",
        metavar="DATA",
        help=f"export files ({', '.join(SUPPORTED_EXTENSIONS)}) or folders holding them",
    )
    p.add_argument("--mapping", metavar="FILE", help="TOML file with extra header/sheet aliases")
    add_store_option(p)


def _add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        choices=LANGS,
        default=os.environ.get("POPANALYTICS_LANG", "nl"),
        help="language of messages and labels (default: nl)",
    )


def _add_params(p: argparse.ArgumentParser, *, grouping: bool = True) -> None:
    p.add_argument("--cycle", type=int, metavar="YEAR", help="cycle (year it starts in)")
    p.add_argument(
        "--cycle-start-month",
        type=int,
        default=1,
        metavar="M",
        help="first month of a cycle, e.g. 9 for September-August (default: 1)",
    )
    p.add_argument(
        "--reference-date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="figures as known on this day (default: today)",
    )
    p.add_argument(
        "--filter",
        action="append",
        type=_filter,
        default=[],
        metavar="FIELD=VALUE",
        help="keep only employees with this value (repeatable; department, team, "
        "location, job_title, manager_id, contract_type)",
    )
    if grouping:
        p.add_argument(
            "--group-by",
            metavar="FIELD",
            help="department, team, location, job_title, manager_id or contract_type",
        )
    p.add_argument(
        "--audience",
        choices=("hr", "management"),
        default="hr",
        help="hr sees individuals; management sees aggregates with small groups suppressed",
    )
    p.add_argument(
        "-k",
        "--min-group",
        type=int,
        default=DEFAULT_K,
        metavar="K",
        help=f"suppression threshold (>= 3; default: {DEFAULT_K})",
    )
    p.add_argument("--window-months", type=int, metavar="N", help="coverage over the last N months")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="popanalytics",
        description="Load, check and analyse POP-cycle exports; serve the dashboard; "
        "write Excel overviews.",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "validate",
        help="check exports and print the data-quality report",
        description="Check exports and print the data-quality report. Exit 0 when the "
        "data is usable (even with rejected rows), 2 on a fatal problem.",
    )
    _add_data(p)
    _add_lang(p)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "metrics",
        help="compute the figures",
        description="Compute every figure for a cycle, reference date, filters and grouping.",
    )
    _add_data(p)
    _add_lang(p)
    _add_params(p)
    p.add_argument("--json", action="store_true", help="print parameters and figures as JSON")
    cli_steering.add_target_option(p)
    p.set_defaults(func=cmd_metrics)

    p = sub.add_parser(
        "report",
        help="write the Excel overview workbook",
        description="Write the Excel overview workbook (aggregates; hr adds detail sheets).",
    )
    _add_data(p)
    _add_lang(p)
    _add_params(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="workbook to write")
    cli_steering.add_target_option(p)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "followup",
        help="write per-manager follow-up workbooks",
        description="Write one follow-up workbook per manager: open and overdue agreements, "
        "conversations lacking follow-up and employees out of cycle.",
    )
    _add_data(p)
    _add_lang(p)
    _add_params(p, grouping=False)
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write to")
    p.add_argument(
        "--single-workbook",
        action="store_true",
        help="one workbook with a sheet per manager instead of one file per manager",
    )
    p.set_defaults(func=cmd_followup)

    cli_steering.add_progress_parser(sub)

    p = sub.add_parser(
        "demo",
        help="write a synthetic demo export",
        description="Write a deterministic synthetic organisation as a Dutch-header export "
        "(.xlsx, or a folder of CSV files when OUT has no extension).",
    )
    p.add_argument("out", metavar="OUT", help="workbook (.xlsx) or folder to write")
    p.add_argument("--employees", type=int, default=300, metavar="N", help="size (default 300)")
    p.add_argument("--seed", type=int, default=2026, metavar="S", help="random seed")
    _add_lang(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
        "serve",
        help="serve the dashboard",
        description="Serve the dashboard with Voilà on the given data (the demo data when "
        "none is given). Binds to 127.0.0.1 unless --host says otherwise; on any "
        "non-loopback address a random token is required and printed once "
        "(see docs/serving.md).",
    )
    _add_data(p, optional=True)
    _add_lang(p)
    p.add_argument("--port", type=int, default=8866, help="port (default 8866)")
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to bind (default 127.0.0.1); not loopback: a token is required",
    )
    p.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="another name the dashboard is reached by (Host header); repeatable",
    )
    p.add_argument(
        "--max-kernels",
        type=int,
        default=DEFAULT_MAX_KERNELS,
        metavar="N",
        help=f"most pages open at a time (default {DEFAULT_MAX_KERNELS})",
    )
    p.add_argument(
        "--max-upload-mb",
        type=float,
        default=DEFAULT_MAX_UPLOAD_MB,
        metavar="MB",
        help=f"largest upload from the page, all files together (default {DEFAULT_MAX_UPLOAD_MB})",
    )
    p.add_argument("--cycle", type=int, metavar="YEAR", help="initial cycle")
    p.add_argument("--reference-date", type=_date, metavar="YYYY-MM-DD", help="initial date")
    cli_steering.add_target_option(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "hub",
        help="serve the dashboard to many users through JupyterHub (log-in, roles)",
        description="Start JupyterHub with deploy/jupyterhub/jupyterhub_config.py: each user "
        "logs in and sees the dashboard within the role and scope the roles file gives them "
        "(docs/access.md, docs/deploy.md). The roles file is checked against the data first.",
    )
    _add_data(p, optional=True)
    _add_lang(p)
    p.add_argument("--roles", required=True, metavar="FILE", help="roles file (TOML)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--ip", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument(
        "--authenticator",
        choices=("native", "dummy"),
        default="native",
        help="native: jupyterhub-nativeauthenticator; dummy: tests and demos only, "
        "loopback only, password in POPANALYTICS_HUB_PASSWORD",
    )
    p.add_argument("--cycle", type=int, metavar="YEAR", help="initial cycle")
    p.add_argument("--reference-date", type=_date, metavar="YYYY-MM-DD", help="initial date")
    p.add_argument(
        "--state",
        default="hub-state",
        metavar="DIR",
        help="hub database, secrets (default hub-state)",
    )
    p.add_argument("--audit-log", metavar="FILE", help="audit log (default STATE/audit.jsonl)")
    p.set_defaults(func=cmd_hub)

    from popanalytics.cli_store import add_store_commands

    add_store_commands(sub)
    return parser


def _version() -> str:
    from popanalytics import __version__

    return f"popanalytics {__version__}"


def _params(args: argparse.Namespace) -> Any:
    from popanalytics.metrics.params import Params

    filters: dict[str, list[str]] = {}
    for name, value in args.filter:
        filters.setdefault(name, []).append(value)
    try:
        return Params(
            cycle_year=args.cycle,
            cycle_start_month=args.cycle_start_month,
            reference_date=args.reference_date,
            filters=tuple((k, tuple(v)) for k, v in sorted(filters.items())),
            group_by=getattr(args, "group_by", None),
            audience=args.audience,
            k=args.min_group,
            window_months=args.window_months,
        )
    except ValueError as exc:
        raise PopError(
            t("cli.bad_parameter", "nl", detail=exc),
            t("cli.bad_parameter", "en", detail=exc),
            code="bad_parameter",
        ) from exc


def _load(args: argparse.Namespace) -> Any:
    from popanalytics.cli_store import load_data

    return load_data(args)


def cmd_validate(args: argparse.Namespace) -> int:
    loaded = _load(args)
    report = loaded.report
    if args.json:
        print(_json_safe(json.dumps(report.to_json(args.lang), ensure_ascii=False, indent=2)))
        return EXIT_OK
    lang = args.lang
    labelled = report.labelled(lang)
    print(t("cli.validate.heading", lang))
    header = (
        t("cli.validate.table", lang),
        t("cli.validate.read", lang),
        t("cli.validate.used", lang),
        t("cli.validate.quarantined", lang),
    )
    rows = [
        (str(r.table), str(r.read), str(r.used), str(r.quarantined))
        for r in labelled.counts.itertuples()
    ]
    print(_table([header, *rows]))
    if labelled.unrecognised:
        places = ", ".join(_place(file, sheet, None) for file, sheet in labelled.unrecognised)
        print(_terminal(t("cli.validate.unrecognised", lang, places=places)))
    findings = labelled.findings
    if findings.empty:
        print(t("cli.validate.no_findings", lang))
        return EXIT_OK
    print()
    print(t("cli.validate.summary", lang, errors=labelled.errors, warnings=labelled.warnings))
    fheader = (
        t("cli.validate.place", lang),
        t("cli.validate.severity", lang),
        t("cli.validate.message", lang),
    )
    frows = [
        (_place(r["file"], r["sheet"], r["row"]), str(r["severity"]), _terminal(str(r["message"])))
        for r in findings.to_dict("records")
    ]
    print(_table([fheader, *frows]))
    return EXIT_OK


def _place(file: Any, sheet: Any, row: Any) -> str:
    parts = [str(file)] if isinstance(file, str) and file else []
    if isinstance(sheet, str) and sheet:
        parts.append(sheet)
    if row is not None and not pd.isna(row):
        parts.append(str(int(row)))
    return _terminal(":".join(parts))


def _terminal(text: str) -> str:
    """Text as the terminal may show it: a file or sheet name, or a value quoted
    in a message, can hold escape codes (file names are not cleaned on import);
    they are removed here, at the output edge, and line breaks become spaces so
    one finding stays one line of the table."""
    return strip_controls(text).replace("\n", " ").replace("\t", " ")


def _json_safe(text: str) -> str:
    """JSON escapes C0 controls itself; DEL and C1 (8-bit CSI) are escaped too."""
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_C1 = re.compile("[\x7f-\x9f]")


def _table(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _json_number(value: Any) -> float | int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def _json_text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


def params_json(params: Any, sources: Sequence[str]) -> dict[str, Any]:
    """The parameters block of `metrics --json`: what a reader needs to reproduce it."""
    cycle = params.cycle
    return {
        "data": list(sources),
        "cycle": cycle.label,
        "cycle_start": cycle.start.isoformat(),
        "cycle_end": cycle.end.isoformat(),
        "reference_date": params.reference.isoformat(),
        "filters": {k: list(v) for k, v in params.filters},
        "group_by": params.group_by,
        "audience": params.audience,
        "k": params.k,
        "min_tenure_days": params.min_tenure_days,
        "grace_days": params.grace_days,
        "window_months": params.window_months,
    }


def cmd_metrics(args: argparse.Namespace) -> int:
    from popanalytics.cli_store import source_names
    from popanalytics.metrics import figures
    from popanalytics.presentation import (
        figure_text,
        group_label,
        headline,
        metric_label,
        suppressed_text,
    )

    params = _params(args)
    targets = cli_steering.targets_from(args)
    loaded = _load(args)
    frame = figures(loaded.dataset, params)
    if args.json:
        out = {
            "parameters": params_json(params, source_names(args, loaded))
            | {"targets": targets.as_dict()},
            "targets": cli_steering.targets_json(targets, frame),
            "figures": [
                {
                    "metric": r["metric"],
                    "group": r["group"],
                    "breakdown_field": _json_text(r["breakdown_field"]),
                    "breakdown": _json_text(r["breakdown"]),
                    "numerator": _json_number(r["numerator"]),
                    "denominator": _json_number(r["denominator"]),
                    "rate": _json_number(r["rate"]),
                    "employees": _json_number(r["employees"]),
                    "suppressed": bool(r["suppressed"]),
                }
                for r in frame.to_dict("records")
            ],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT_OK
    lang = args.lang
    shown = suppressed_text(params.k, lang)
    head = headline(frame)
    rows = [
        (
            metric_label(r["metric"], lang),
            group_label(r["group"], lang),
            shown if r["suppressed"] else figure_text(r, lang),
        )
        for r in head.to_dict("records")
    ]
    header: tuple[str, ...] = (
        t("cli.metrics.metric", lang),
        t("cli.metrics.group", lang),
        t("cli.metrics.value", lang),
    )
    table: list[Sequence[str]] = [header, *rows]
    if targets:
        header, with_targets = cli_steering.with_target_column(header, rows, head, targets, lang)
        table = [header, *with_targets]
    print(_table(table))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from popanalytics.cli_store import source_names
    from popanalytics.export.overview import write_overview

    params = _params(args)
    targets = cli_steering.targets_from(args)
    loaded = _load(args)
    out = Path(args.output)
    if targets:  # the same workbook with a sheet of the targets at the end
        cli_steering.write_report_with_targets(out, loaded, params, targets, args)
    else:
        write_overview(
            out,
            loaded.dataset,
            loaded.report,
            params,
            lang=args.lang,
            sources=source_names(args, loaded),
        )
    _private([out])
    print(t("cli.written", args.lang, path=out))
    return EXIT_OK


def cmd_followup(args: argparse.Namespace) -> int:
    from popanalytics.export.followup import write_followup

    params = _params(args)
    if params.audience != "hr":
        raise PopError(t("cli.followup.hr_only", "nl"), t("cli.followup.hr_only", "en"))
    loaded = _load(args)
    paths = write_followup(
        Path(args.output),
        loaded.dataset,
        params,
        lang=args.lang,
        single_workbook=args.single_workbook,
    )
    _private(paths)
    print(t("cli.followup.written", args.lang, count=len(paths), path=args.output))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from popanalytics.demo import write_demo_workbook
    from popanalytics.demo.write import demo_files

    if args.employees < 1:
        raise PopError(t("cli.demo.size", "nl"), t("cli.demo.size", "en"))
    out = write_demo_workbook(args.out, employees=args.employees, seed=args.seed)
    _private(demo_files(out))
    print(t("cli.written", args.lang, path=out))
    return EXIT_OK


def _private(paths: Iterable[Path]) -> None:
    """Set written files to owner-only (a file rewritten in place kept its old mode)."""
    for path in paths:
        path.chmod(PRIVATE_FILE_MODE)


def cmd_serve(args: argparse.Namespace) -> int:
    from popanalytics.cli_store import check_data_or_store, open_store_for_serve
    from popanalytics.dashboard.server import serve
    from popanalytics.io.mapping import load_mapping
    from popanalytics.io.sources import expand_sources

    for option, value in (
        ("--max-kernels", args.max_kernels),
        ("--max-upload-mb", args.max_upload_mb),
    ):
        if value < 1:
            raise PopError(
                t("serve.bad_limit", "nl", option=option), t("serve.bad_limit", "en", option=option)
            )
    # a typo in a path or a broken mapping file fails here, at the terminal, rather
    # than in every page the server would serve
    check_data_or_store(args, optional=True)
    if args.data:
        expand_sources(list(args.data))
    load_mapping(args.mapping)
    open_store_for_serve(args)
    cli_steering.pass_targets_to_serve(cli_steering.targets_from(args))
    return serve(
        list(args.data),
        mapping=args.mapping,
        store=args.store,
        snapshot=args.snapshot,
        port=args.port,
        host=args.host,
        cycle=args.cycle,
        reference_date=args.reference_date,
        lang=args.lang,
        max_kernels=args.max_kernels,
        max_upload_mb=args.max_upload_mb,
        allow_hosts=args.allow_host,
    )


def cmd_hub(args: argparse.Namespace) -> int:
    from popanalytics.cli_store import check_data_or_store, open_store_for_serve
    from popanalytics.hub.launch import HubSettings, run
    from popanalytics.io.mapping import load_mapping
    from popanalytics.io.sources import expand_sources

    check_data_or_store(args, optional=True)
    if args.data:
        expand_sources(list(args.data))
    open_store_for_serve(args)
    load_mapping(args.mapping)
    return run(
        HubSettings(
            data=tuple(args.data),
            roles=args.roles,
            store=args.store,
            snapshot=args.snapshot,
            port=args.port,
            ip=args.ip,
            authenticator=args.authenticator,
            cycle=args.cycle,
            reference_date=args.reference_date,
            mapping=args.mapping,
            lang=args.lang,
            state=args.state,
            audit_log=args.audit_log,
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = getattr(args, "lang", "nl")
    umask = os.umask(PRIVATE_UMASK)
    try:
        code: int = args.func(args)
        return code
    except PopError as exc:
        # the message names files and sheets as they are called: never raw escape codes
        print(strip_controls(exc.message(lang)), file=sys.stderr)
        return EXIT_FATAL
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the user gets a message, never a traceback
        print(t("cli.unexpected", lang, error=type(exc).__name__, detail=exc), file=sys.stderr)
        return EXIT_FAILURE
    finally:
        # main() is also called in-process (tests): leave the caller's umask as it was
        os.umask(umask)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
