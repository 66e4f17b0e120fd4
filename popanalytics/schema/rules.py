"""The rules of docs/data-model.md as declarative pandera checks on coerced frames.

Each `Rule` pairs one pandera check with what a failure means: a code, a
severity (error → the row is quarantined, warning → the row is used) and an
action on the value (empty it, replace it by a fallback, or keep it). Parsing
happens before (coerce.py): pandera only sees canonical dtypes, so a failure is
always a broken rule, never a format it did not understand.

`failures` runs a list of rules as one lazily validated schema and maps every
failure case back to the frame's positional index, which the caller keeps
aligned with the source rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from pandera.errors import SchemaErrors
from pandera.pandas import Check, Column, DataFrameSchema

from popanalytics.model import FieldSpec, TableSpec
from popanalytics.schema.quality import Severity

Action = Literal["quarantine", "empty", "fallback", "keep"]

# Dates outside [1950-01-01, today + 2 years] are typing errors, not history or plans.
EARLIEST_DATE = pd.Timestamp("1950-01-01")
MAX_YEARS_AHEAD = 2

# pandera's names for its built-in column properties
_NOT_NULLABLE = "not_nullable"
_UNIQUE = "field_uniqueness"


@dataclass(frozen=True)
class Rule:
    """One check and the meaning of its failure.

    ``column`` None with a ``check`` is a row-level (whole-frame) check;
    ``check`` None means a built-in column property: ``required`` (not null) or
    ``unique`` (later duplicates).
    """

    code: str
    severity: Severity
    action: Action
    field: str
    column: str | None
    check: Check | None = None
    builtin: Literal["required", "unique"] | None = None
    fallback: str | None = None


def latest_date(today: dt.date) -> pd.Timestamp:
    stamp = pd.Timestamp(today).normalize()
    return stamp + pd.DateOffset(years=MAX_YEARS_AHEAD)


def date_ok(values: pd.Series, today: dt.date) -> pd.Series:
    """True where a date lies in the plausible range (missing counts as ok)."""
    return values.isna() | ((values >= EARLIEST_DATE) & (values <= latest_date(today)))


def value_rules(spec: TableSpec, today: dt.date) -> list[Rule]:
    """Rules on single values: required, known enum values, plausible dates and numbers."""
    rules: list[Rule] = []
    for f in spec.fields:
        if f.required and not f.generated:
            rules.append(
                Rule("required_missing", "error", "quarantine", f.name, f.name, builtin="required")
            )
        rules.extend(_field_rules(f, today))
    return rules


def _field_rules(f: FieldSpec, today: dt.date) -> list[Rule]:
    hard: tuple[Severity, Action] = ("error", "quarantine")
    soft: tuple[Severity, Action] = ("warning", "empty")
    severity, action = hard if f.required else soft
    if f.type == "enum" and f.enum is not None:
        check = Check.isin(sorted(f.enum))
        if f.enum_fallback is not None:
            return [
                Rule(
                    "unknown_enum",
                    "warning",
                    "fallback",
                    f.name,
                    f.name,
                    check,
                    fallback=f.enum_fallback,
                )
            ]
        return [Rule("unknown_enum", severity, action, f.name, f.name, check)]
    if f.type == "date":
        return [_date_rule(f.name, f.name, severity, action, today)]
    if f.type == "bool_or_date":
        # an implausible signature date: still signed, the date is left empty
        return [_date_rule(f.name, f"{f.name}_date", "warning", "empty", today)]
    if f.type == "number":
        rules = []
        if f.min_value is not None:
            code = "negative_value" if f.min_value == 0 else "value_out_of_range"
            rules.append(Rule(code, severity, action, f.name, f.name, Check.ge(f.min_value)))
        if f.max_value is not None:
            rules.append(
                Rule("value_out_of_range", severity, action, f.name, f.name, Check.le(f.max_value))
            )
        return rules
    return []


def _date_rule(field: str, column: str, severity: Severity, action: Action, today: dt.date) -> Rule:
    check = Check.in_range(EARLIEST_DATE, latest_date(today))
    return Rule("date_out_of_range", severity, action, field, column, check)


def row_rules(table: str, today: dt.date) -> list[Rule]:
    """Rules across the fields of one row.

    They run in the same pass as the value rules, so a date the value rules
    will empty (out of range) counts as missing here already.
    """
    if table == "conversations":

        def held_has_date(frame: pd.DataFrame) -> pd.Series:
            usable = frame["held_date"].notna() & date_ok(frame["held_date"], today)
            return ~((frame["status"] == "held") & ~usable)

        check = Check(held_has_date, name="held_without_date")
        return [Rule("held_without_date", "error", "quarantine", "held_date", None, check)]
    if table == "agreements":

        def done_has_date(frame: pd.DataFrame) -> pd.Series:
            usable = frame["done_date"].notna() & date_ok(frame["done_date"], today)
            return ~((frame["status"] == "done") & ~usable)

        check = Check(done_has_date, name="done_without_date")
        return [Rule("done_without_date", "warning", "keep", "done_date", None, check)]
    return []


def unique_rule(id_field: str) -> Rule:
    """The first occurrence of an id is used, each later one quarantined."""
    return Rule("duplicate_id", "error", "quarantine", id_field, id_field, builtin="unique")


def reference_rule(
    field: str, known: pd.Index | Sequence[str], *, code: str, severity: Severity, action: Action
) -> Rule:
    """The value, when given, must be one of ``known`` (ids of used rows of another table).

    A custom check rather than ``Check.isin``: pandera deep-copies an isin value
    list each time it builds a schema, which costs seconds for 150,000 ids; a
    closure over an Index is shared and hashed once.
    """
    ids = pd.Index(known)
    return Rule(code, severity, action, field, field, Check(lambda s: s.isin(ids), name=code))


def failures(rules: Sequence[Rule], frame: pd.DataFrame) -> pd.DataFrame:
    """Run ``rules`` on ``frame`` as one lazy pandera schema.

    Returns one row per failing row and rule: ``pos`` (the frame's index label)
    and ``rule`` (position in ``rules``).
    """
    empty = pd.DataFrame(
        {"pos": pd.Series([], dtype="int64"), "rule": pd.Series([], dtype="int64")}
    )
    if not rules or frame.empty:
        return empty
    schema, keys = _schema(rules)
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases
        cases = cases[cases["index"].notna()]
        # a failure is found back by (column, check number) for a column check,
        # by (column, property) for not-null/unique, by name for a row check
        context = cases["schema_context"].to_numpy().astype(str)
        check = cases["check"].to_numpy().astype(str)
        number = pd.to_numeric(cases["check_number"], errors="coerce").fillna(-1).astype("int64")
        frame_level = context == "DataFrameSchema"
        by_name = frame_level | np.isin(check, [_NOT_NULLABLE, _UNIQUE])
        column = np.where(frame_level, "", cases["column"].to_numpy().astype(str))
        name = np.where(by_name, check, "")
        num = np.where(by_name, "-1", number.to_numpy().astype(str))
        # ("|" and not NUL: numpy strips trailing NULs from its fixed-width strings)
        key = pd.Series(column, dtype="str") + "|" + pd.Series(name, dtype="str")
        key = key + "|" + pd.Series(num, dtype="str")
        found = pd.DataFrame(
            {"pos": cases["index"].to_numpy().astype("int64"), "rule": key.map(keys).to_numpy()}
        )
        return found.dropna().drop_duplicates(ignore_index=True).astype("int64")
    return empty


def _schema(rules: Sequence[Rule]) -> tuple[DataFrameSchema, dict[str, int]]:
    """The pandera schema of ``rules`` and the keys that map a failure case back
    to its rule: (column, check, number) → rule."""
    columns: dict[str, list[int]] = {}
    frame_checks: list[int] = []
    builtins: dict[tuple[str, str], int] = {}
    keys: list[tuple[str, str, int, int]] = []
    for i, rule in enumerate(rules):
        if rule.column is None:
            frame_checks.append(i)
            assert rule.check is not None and rule.check.name
            keys.append(("", rule.check.name, -1, i))
        elif rule.builtin is not None:
            builtins[(rule.column, rule.builtin)] = i
            columns.setdefault(rule.column, [])
            name = _NOT_NULLABLE if rule.builtin == "required" else _UNIQUE
            keys.append((rule.column, name, -1, i))
        else:
            checks = columns.setdefault(rule.column, [])
            keys.append((rule.column, "", len(checks), i))
            checks.append(i)

    schema = DataFrameSchema(
        {
            col: Column(
                checks=[c for c in (rules[i].check for i in idx) if c is not None],
                nullable=(col, "required") not in builtins,
                unique=(col, "unique") in builtins,
                report_duplicates="exclude_first",
                required=True,
            )
            for col, idx in columns.items()
        },
        checks=[c for c in (rules[i].check for i in frame_checks) if c is not None],
    )
    lookup = {f"{col}|{chk}|{num}": rule for col, chk, num, rule in keys}
    return schema, lookup
