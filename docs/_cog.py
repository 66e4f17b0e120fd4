"""Helpers for the generated parts of docs/ (run by cog; see docs/cli.md).

`cog -r docs/cli.md docs/data-model.md` regenerates them; `tests/test_docs.py`
fails when a generated part is stale.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator


def cli_reference() -> str:
    """`popanalytics --help` and every command's `--help`, as Markdown sections."""
    os.environ["COLUMNS"] = "100"  # argparse wraps at the terminal's width: fix it
    from popanalytics.cli import build_parser

    parser = build_parser()
    parts = ["```", parser.format_help().rstrip(), "```"]
    for name, sub in _subcommands(parser):
        parts += ["", f"### popanalytics {name}", "", "```", sub.format_help().rstrip(), "```"]
    return "\n".join(parts)


def _subcommands(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.items()


def data_model() -> str:
    """One Markdown table per canonical table: fields, required, type, aliases, values."""
    from popanalytics.model import TABLES

    parts: list[str] = []
    for table in TABLES.values():
        parts += [
            f"### {table.name}",
            "",
            f"Sheet or file names: {', '.join(table.aliases)}.",
            "",
            "| field | required | type | header aliases | values (synonyms) |",
            "|---|---|---|---|---|",
        ]
        for f in table.fields:
            values = (
                "; ".join(
                    f"{value} ({', '.join(synonyms)})" if synonyms else value
                    for value, synonyms in f.enum.items()
                )
                if f.enum
                else _range(f.min_value, f.max_value)
            )
            required = "yes" if f.required else ("generated" if f.generated else "")
            parts.append(
                f"| {f.name} | {required} | {f.type} | {', '.join(f.aliases)} | {values} |"
            )
        parts.append("")
    return "\n".join(parts).rstrip()


def _range(low: float | None, high: float | None) -> str:
    if low is None and high is None:
        return ""
    return f"{'' if low is None else f'{low:g}'} – {'' if high is None else f'{high:g}'}"
