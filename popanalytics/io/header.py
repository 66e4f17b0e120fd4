"""Which table a sheet is, and where its header row stands.

A sheet is matched to a table by its name (or, for the only sheet of a file, the
file name); failing that, by its headers: the best-scoring table whose required
fields are all present. The header row is the row among the first rows with the
most cells naming distinct fields of that table, so title rows above it are fine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from popanalytics.io.names import Vocabulary, match_headers, table_for_name
from popanalytics.model import CONVERSATIONS, EMPLOYEES, TABLE_NAMES, TABLES

Cells = Sequence[Sequence[object]]

# Employee fields a conversations sheet only has when it is a flat export with
# the employee's columns repeated (required in employees, absent in conversations).
FLAT_EMPLOYEE_MARKERS: tuple[str, ...] = tuple(
    name for name in TABLES[EMPLOYEES].required if name not in TABLES[CONVERSATIONS].columns
)


@dataclass(frozen=True)
class HeaderMatch:
    """The best header row of a sheet for one table."""

    table: str
    row: int  # position in the sheet's head rows (0-based)
    fields: tuple[str | None, ...]  # the field of each column, None when unrecognised

    @property
    def score(self) -> int:
        return sum(f is not None for f in self.fields)

    @property
    def has_required(self) -> bool:
        return set(TABLES[self.table].required) <= set(self.fields)


@dataclass(frozen=True)
class Classification:
    """What a sheet is: one table, and whether it could be a flat export."""

    table: str
    header_row: int
    # a conversations-shaped header that also carries employee columns
    flat_capable: bool


def best_header(vocabulary: Vocabulary, table: str, head: Cells) -> HeaderMatch:
    """The head row matching most distinct fields of ``table`` (the first one on ties).

    With no match at all, the first non-empty row stands as header, so that the
    schema can name the columns that are missing.
    """
    best: HeaderMatch | None = None
    for position, cells in enumerate(head):
        match = HeaderMatch(table, position, tuple(match_headers(vocabulary, table, cells)))
        if best is None or match.score > best.score:
            best = match
    if best is None:
        return HeaderMatch(table, 0, ())
    if best.score == 0:
        return HeaderMatch(table, _first_non_empty(head), best.fields)
    return best


def header_score(vocabulary: Vocabulary, head: Cells) -> int:
    """How much ``head`` looks like a header of any table (used to pick a CSV separator)."""
    return max(best_header(vocabulary, table, head).score for table in TABLE_NAMES)


def classify(
    vocabulary: Vocabulary,
    head: Cells,
    sheet: str | None,
    file: str,
    alone: bool,
) -> Classification | None:
    """The table a sheet holds and its header row, or None when it is not data.

    Name first: the sheet name, else (for the only sheet of a file, or a CSV) the
    file name without extension. Then the headers. An empty sheet is never data.
    A sheet of the employees or conversations table whose header also carries the
    other table's columns is marked ``flat_capable`` (split or not: see read.py).
    """
    if not any(_filled(cell) for row in head for cell in row):
        return None
    named = _named_table(vocabulary, head, sheet, file, alone)
    flat_header = _flat_header(vocabulary, head)
    if named is not None:
        if named in (EMPLOYEES, CONVERSATIONS) and flat_header is not None:
            return Classification(named, flat_header.row, flat_capable=True)
        return Classification(named, best_header(vocabulary, named, head).row, flat_capable=False)

    candidates = [best_header(vocabulary, table, head) for table in TABLE_NAMES]
    complete = [m for m in candidates if m.has_required]
    if not complete:
        return None
    # max() keeps the first of equal scores, i.e. the table order of the model
    winner = max(complete, key=lambda m: m.score)
    if winner.table in (EMPLOYEES, CONVERSATIONS) and flat_header is not None:
        return Classification(winner.table, flat_header.row, flat_capable=True)
    return Classification(winner.table, winner.row, flat_capable=False)


def _named_table(
    vocabulary: Vocabulary, head: Cells, sheet: str | None, file: str, alone: bool
) -> str | None:
    """The table the sheet name (else the file name) gives.

    An exact name counts even when the headers say nothing (the schema then names
    the missing columns). A name only found inside a longer name ("Info
    medewerkers") counts when at least one header is a field of that table.
    """
    names = [sheet]
    if alone or sheet is None:
        names.append(Path(file).stem)
    for name in names:
        match = table_for_name(vocabulary, name)
        if match is None:
            continue
        if match.exact or best_header(vocabulary, match.table, head).score > 0:
            return match.table
    return None


def _flat_header(vocabulary: Vocabulary, head: Cells) -> HeaderMatch | None:
    """The conversations header row when it also names employee-only fields."""
    conversations = best_header(vocabulary, CONVERSATIONS, head)
    if not conversations.has_required:
        return None
    employee_fields = match_headers(vocabulary, EMPLOYEES, head[conversations.row])
    if not set(FLAT_EMPLOYEE_MARKERS) & set(employee_fields):
        return None
    return conversations


def _filled(cell: object) -> bool:
    return cell is not None and str(cell).strip() != ""


def _first_non_empty(head: Cells) -> int:
    return next((i for i, row in enumerate(head) if any(_filled(c) for c in row)), 0)
