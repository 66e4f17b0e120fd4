"""The importer's entry point: sources in, recognised raw tables out.

Files are expanded and checked first, then each sheet is classified (which
table, which header row); only then are the bodies built, because whether a
flat-looking sheet is split depends on the other sheets: a sheet with employee
columns repeated next to conversations is split into employees and
conversations only when no other sheet provides the employees.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from popanalytics.errors import PopError
from popanalytics.io.frames import raw_table, split_body, split_flat
from popanalytics.io.header import Classification, classify, header_score
from popanalytics.io.mapping import load_mapping
from popanalytics.io.names import Vocabulary, build_vocabulary, header_fields, match_headers
from popanalytics.io.problems import fatal
from popanalytics.io.raw import RawTable
from popanalytics.io.readers import Sheet, read_sheets
from popanalytics.io.sources import Source, SourceFile, expand_sources
from popanalytics.model import CONVERSATIONS, EMPLOYEES

# (file name, sheet name or None for a CSV)
Skipped = tuple[str, str | None]


@dataclass(frozen=True)
class _Found:
    sheet: Sheet
    what: Classification


def read_sources(
    sources: Sequence[Source],
    mapping: str | Path | None = None,
) -> list[RawTable]:
    """Read files, folders and uploads ``(name, bytes)`` into raw tables.

    Only sheets recognised as one of the four tables are returned, in source
    order; a flat export yields an employees and a conversations table. Raises
    `PopError` (Dutch and English, naming the file) on any fatal problem.
    """
    tables, _skipped = read_sources_with_skipped(sources, mapping)
    return tables


def read_sources_with_skipped(
    sources: Sequence[Source],
    mapping: str | Path | None = None,
) -> tuple[list[RawTable], list[Skipped]]:
    """As `read_sources`, plus the (file, sheet) pairs that matched no table."""
    vocabulary = build_vocabulary(load_mapping(mapping))
    files = expand_sources(sources)
    found: list[_Found] = []
    skipped: list[Skipped] = []
    for source in files:
        for sheet in _sheets(source, vocabulary):
            what = classify(vocabulary, sheet.head, sheet.sheet, sheet.file, sheet.alone)
            if what is None:
                skipped.append((sheet.file, sheet.sheet))
            else:
                found.append(_Found(sheet, what))

    employees_elsewhere = any(f.what.table == EMPLOYEES and not f.what.flat_capable for f in found)
    tables: list[RawTable] = []
    for item in found:
        tables.extend(_guarded(item, vocabulary, split=not employees_elsewhere))
    return tables, skipped


def _sheets(source: SourceFile, vocabulary: Vocabulary) -> list[Sheet]:
    def score(head: list[list[object]]) -> int:
        return header_score(vocabulary, head)

    try:
        return read_sheets(source, score)
    except PopError:
        raise
    except Exception as exc:  # never let a library's exception reach the user raw
        raise fatal("unreadable", file=source.name, kind=source.kind) from exc


def _guarded(item: _Found, vocabulary: Vocabulary, split: bool) -> list[RawTable]:
    try:
        return _tables(item, vocabulary, split)
    except PopError:
        raise
    except Exception as exc:  # a library failing on a strange sheet: name the file and sheet
        file = item.sheet.file
        kind = SourceFile(name=file).kind
        if item.sheet.sheet is None:  # a CSV file has no sheets
            raise fatal("unreadable", file=file, kind=kind) from exc
        raise fatal("unreadable_sheet", file=file, sheet=item.sheet.sheet, kind=kind) from exc


def _tables(item: _Found, vocabulary: Vocabulary, split: bool) -> list[RawTable]:
    sheet, what = item.sheet, item.what
    body = split_body(sheet.body(what.header_row))
    table = what.table
    if what.flat_capable and split:
        employees, conversations = split_flat(
            body,
            header_fields(vocabulary, EMPLOYEES, body.headers),
            header_fields(vocabulary, CONVERSATIONS, body.headers),
            sheet.file,
            sheet.sheet,
        )
        return [employees, conversations]
    if what.flat_capable:
        # the employees come from another sheet: this one holds the conversations
        table = CONVERSATIONS
    fields = match_headers(vocabulary, table, body.headers)
    return [raw_table(table, body, fields, sheet.file, sheet.sheet)]
