"""From a sheet body (header row + data rows) to `RawTable` frames.

Cells are normalised per column with vectorised work only: blank strings become
None, NaN becomes None, whole-number floats become int (calamine reads every
number as float; ``123.0`` must not become the employee id ``"123.0"``). Rows
that are empty in every column, also the formatted empty rows at the end of a
sheet, are not data and are removed. The index stays the source row number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from popanalytics.io.controls import strip_controls, strip_controls_column
from popanalytics.io.names import first_only
from popanalytics.io.raw import Cleaned, RawTable
from popanalytics.model import CONVERSATIONS, EMPLOYEES

# Floats beyond this are not exact integers; leave them as they are.
_MAX_EXACT_INT = 2.0**53

# numpy ufuncs over object arrays: one C loop per column, no Python loop
_type_of = np.frompyfunc(type, 1, 1)
_is_space = np.frompyfunc(str.isspace, 1, 1)


def clean_column(values: pd.Series) -> pd.Series:
    """Blank/NaN → None and whole floats → int, for one object column; control
    characters removed from text (see controls.py)."""
    return _clean_column(values)[0]


def _clean_column(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """`clean_column` plus the mask of cells whose text lost a control character."""
    cells = values.to_numpy(dtype=object, copy=True)
    kinds = _type_of(cells)
    # elementwise over a numpy array of types, not one type comparison
    is_str = kinds == str  # noqa: E721
    changed = np.zeros(len(cells), dtype=bool)
    if is_str.any():
        strings, changed[is_str] = strip_controls_column(cells[is_str])
        cells[is_str] = strings
        blank = np.zeros(len(cells), dtype=bool)
        blank[is_str] = (strings == "") | _is_space(strings).astype(bool)
        cells[blank] = None
    is_float = kinds == float  # noqa: E721
    if is_float.any():
        numbers = cells[is_float].astype(float)
        missing = np.isnan(numbers)
        whole = ~missing & np.isfinite(numbers) & (np.abs(numbers) < _MAX_EXACT_INT)
        whole &= numbers == np.floor(np.where(whole, numbers, 0.0))
        converted = cells[is_float]
        converted[missing] = None
        converted[whole] = numbers[whole].astype(np.int64).tolist()
        cells[is_float] = converted
    cleaned = pd.Series(cells, index=values.index, dtype=object, name=values.name)
    return cleaned, changed


def clean_cells(data: pd.DataFrame) -> pd.DataFrame:
    """Every column cleaned; rows empty in all columns removed."""
    return _clean_cells(data)[0]


def _clean_cells(data: pd.DataFrame) -> tuple[pd.DataFrame, dict[int, Cleaned]]:
    """`clean_cells` plus, per column position, the cells that lost control characters."""
    columns: dict[object, pd.Series] = {}
    controls: dict[int, Cleaned] = {}
    for key in data.columns:
        columns[key], changed = _clean_column(data[key])
        if changed.any():
            rows = data.index[changed]
            controls[int(key)] = Cleaned(int(changed.sum()), int(rows[0]))
    cleaned = pd.DataFrame(columns, index=data.index, dtype=object)
    return cleaned.loc[cleaned.notna().any(axis=1)], controls


@dataclass(frozen=True)
class Body:
    """A sheet's header texts and cleaned data rows (positional columns).

    ``controls``: per column position, the cells control characters were
    removed from (see controls.py).
    """

    headers: tuple[str, ...]
    data: pd.DataFrame
    controls: dict[int, Cleaned] = field(default_factory=dict)


def split_body(raw: pd.DataFrame) -> Body:
    """First row = header texts; the rest = data, cleaned."""
    if raw.empty:
        return Body((), pd.DataFrame(dtype=object))
    header_cells = raw.iloc[0].tolist()
    headers = tuple(
        "" if _blank(cell) else strip_controls(str(cell)).strip() for cell in header_cells
    )
    data, controls = _clean_cells(raw.iloc[1:])
    return Body(headers, data, controls)


def raw_table(
    table: str,
    body: Body,
    fields: Sequence[str | None],
    file: str,
    sheet: str | None,
    used_elsewhere: frozenset[int] = frozenset(),
) -> RawTable:
    """The recognised columns of ``body`` under their canonical names.

    ``fields`` holds the field of each column (None: not recognised, or a repeat).
    Unrecognised columns are listed as ignored by their header text, or by their
    column letter when they have data but no header; a column with neither is
    dropped. ``used_elsewhere``: positions another table of the same sheet took.
    """
    keep: dict[int, str] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for position, text in enumerate(body.headers):
        found = fields[position] if position < len(fields) else None
        if found is not None:
            keep[position] = found
            headers[found] = text
        elif position in used_elsewhere:
            continue
        elif text:
            ignored.append(text)
        elif position in body.data.columns and body.data[position].notna().any():
            ignored.append(column_letter(position))
    # data wider than the header row (CSV lines with extra fields)
    for extra in body.data.columns:
        if int(extra) >= len(body.headers) and body.data[extra].notna().any():
            ignored.append(column_letter(int(extra)))
    frame = body.data.reindex(columns=list(keep)).rename(columns=keep)
    return RawTable(
        table=table,
        frame=frame,
        file=file,
        sheet=sheet,
        ignored_columns=tuple(ignored),
        headers=headers,
        controls={keep[p]: found for p, found in body.controls.items() if p in keep},
    )


def split_flat(
    body: Body,
    employee_fields: Sequence[str | None],
    conversation_fields: Sequence[str | None],
    file: str,
    sheet: str | None,
) -> tuple[RawTable, RawTable]:
    """A flat export (one row per conversation, employee columns repeated) as two tables.

    ``*_fields`` are the unfiltered matches of each header in each table (repeats
    kept). Each column goes to one side, except ``employee_id`` which both need;
    a header both tables know (``leidinggevende``, ``manager_id``) is the
    employee's, since a conversation's manager defaults to it, while a
    conversation-only alias (``gevoerd door``) stays the conversation's.

    Employees are the distinct employee rows (first row number kept; rows whose
    employee values conflict stay apart so the schema reports the duplicate id).
    Conversations are the rows with at least one conversation value: a row
    without any is an employee without conversations, not a broken conversation.
    """
    width = len(body.headers)
    employee_side: list[str | None] = [None] * width
    conversation_side: list[str | None] = [None] * width
    for position in range(width):
        emp = employee_fields[position] if position < len(employee_fields) else None
        conv = conversation_fields[position] if position < len(conversation_fields) else None
        if emp is not None and conv is not None and emp == conv == "employee_id":
            employee_side[position] = conversation_side[position] = emp
        elif emp is not None:
            employee_side[position] = emp
        elif conv is not None:
            conversation_side[position] = conv

    employee_side = first_only(employee_side)
    conversation_side = first_only(conversation_side)
    # a column the other table uses is not "ignored" in a flat sheet
    for_employees = frozenset(i for i, f in enumerate(employee_side) if f)
    for_conversations = frozenset(i for i, f in enumerate(conversation_side) if f)
    employees = raw_table(EMPLOYEES, body, employee_side, file, sheet, for_conversations)
    conversations = raw_table(CONVERSATIONS, body, conversation_side, file, sheet, for_employees)

    emp_frame = employees.frame
    emp_frame = emp_frame.loc[emp_frame.notna().any(axis=1)]
    employees.frame = emp_frame.loc[~emp_frame.duplicated(keep="first")]

    own = [c for c in conversations.frame.columns if c != "employee_id"]
    conversations.frame = conversations.frame.loc[conversations.frame[own].notna().any(axis=1)]
    return employees, conversations


def column_letter(position: int) -> str:
    """0 → ``A``, 26 → ``AA``: how Excel names a column."""
    letters = ""
    number = position + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _blank(cell: object) -> bool:
    if cell is None:
        return True
    if isinstance(cell, float) and np.isnan(cell):
        return True
    return isinstance(cell, str) and not cell.strip()
