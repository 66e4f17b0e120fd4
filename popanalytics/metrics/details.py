"""Individual detail lists (names of people): for the hr audience only."""

from __future__ import annotations

import numpy as np
import pandas as pd

from popanalytics.metrics.context import Context, make_context
from popanalytics.metrics.followup import (
    BUCKETS,
    bucket_codes,
    days_overdue,
    lacking_followup,
    open_at_r,
    out_of_cycle,
    overdue,
)
from popanalytics.metrics.params import Params
from popanalytics.metrics.population import COVERAGE_TYPES
from popanalytics.metrics.prepare import Prepared, prepare, take_or
from popanalytics.model import Dataset

PERSON_COLUMNS: tuple[str, ...] = (
    "employee_id",
    "name",
    "department",
    "team",
    "manager_id",
    "manager_name",
)
AGREEMENT_COLUMNS: tuple[str, ...] = (
    "agreement_id",
    *PERSON_COLUMNS,
    "category",
    "description",
    "due_date",
    "followup_date",
    "days_overdue",
    "bucket",
    "status",
)


def _check_audience(params: Params) -> None:
    if params.audience != "hr":
        raise PermissionError("detail lists with names are for the hr audience only")


def _context(dataset: Dataset | Prepared, params: Params) -> Context:
    _check_audience(params)
    return make_context(prepare(dataset), params.with_(group_by=None))


def _take(frame: pd.DataFrame, column: str, rows: np.ndarray) -> pd.Series:
    """``frame[column]`` at positions ``rows``, keeping its dtype (a take on the
    underlying array: far cheaper than ``iloc`` on the whole frame)."""
    return pd.Series(frame[column].array.take(rows), copy=False)


def _people(data: Prepared, emp: np.ndarray) -> dict[str, pd.Series]:
    """Person columns for employee positions ``emp`` (manager name looked up)."""
    rows = data.employees.rows[emp]
    employees = data.dataset.employees
    out = {c: _take(employees, c, rows) for c in PERSON_COLUMNS[:-1]}
    managers = data.employees.manager[emp]
    where = take_or(data.manager_emp, managers, -1)
    names = _take(employees, "name", take_or(data.employees.rows, where, 0))
    out["manager_name"] = names.where(where >= 0)
    return out


def _frame(columns: dict[str, object]) -> pd.DataFrame:
    """One frame from freshly built columns, without copying them (a copy of
    an object column costs as much as building it)."""
    return pd.DataFrame(columns, copy=False)


def _agreement_list(ctx: Context, mask: np.ndarray, with_flag: bool) -> pd.DataFrame:
    """The agreements in ``mask``, most overdue first (then in source order):
    AGREEMENT_COLUMNS, plus ``overdue`` when ``with_flag``."""
    data = ctx.data
    pick = np.flatnonzero(mask)
    days = days_overdue(ctx)[pick]
    # Most days overdue first, not overdue (NaN or ≤ 0) last, ties in source
    # order. Days are whole numbers: as int16 numpy's stable sort is a radix sort.
    with np.errstate(invalid="ignore"):
        key = np.where(days > 0, days, 0)
    small = (key.max() if len(key) else 0) < 32767
    order = np.argsort(-(key.astype(np.int16) if small else key.astype(np.int64)), kind="stable")
    pick, days = pick[order], days[order]
    with np.errstate(invalid="ignore"):
        late = days > 0
    # bucket labels taken from a str array of the labels plus one missing
    # entry: the same column as building it from Python strings, without
    # validating every row
    bucket = np.where(late, np.minimum(bucket_codes(np.nan_to_num(days)), len(BUCKETS) - 1), -1)
    labels = pd.array(np.array([*BUCKETS, None], dtype=object), dtype="str")
    rows = data.agreements.rows[pick]
    agreements = data.dataset.agreements
    out: dict[str, object] = {"agreement_id": _take(agreements, "agreement_id", rows)}
    out.update(_people(data, data.agreements.emp[pick]))
    for column in ("category", "description", "due_date", "followup_date"):
        out[column] = _take(agreements, column, rows)
    out["days_overdue"] = np.where(late, days, np.nan)
    out["bucket"] = pd.Series(labels.take(bucket), copy=False)
    out["status"] = _take(agreements, "status", rows)
    if with_flag:
        out["overdue"] = late
    return _frame(out)


def overdue_agreements(dataset: Dataset | Prepared, params: Params) -> pd.DataFrame:
    """Agreements overdue at R (the ones agreements_overdue counts), most overdue first."""
    ctx = _context(dataset, params)
    return _agreement_list(ctx, overdue(ctx), with_flag=False)


def open_agreements(dataset: Dataset | Prepared, params: Params) -> pd.DataFrame:
    """Agreements neither done nor cancelled at R, with an ``overdue`` flag
    (days_overdue and bucket only when overdue), most overdue first."""
    ctx = _context(dataset, params)
    return _agreement_list(ctx, open_at_r(ctx), with_flag=True)


def conversations_lacking_followup(dataset: Dataset | Prepared, params: Params) -> pd.DataFrame:
    """Conversations held in C up to R that lack follow-up (followup_missing), oldest first."""
    ctx = _context(dataset, params)
    data = ctx.data
    pick = np.flatnonzero(lacking_followup(ctx))
    pick = pick[
        np.argsort(data.conversations.held[pick], kind="stable")
    ]  # oldest first, then source order
    rows = data.conversations.rows[pick]
    conversations = data.dataset.conversations
    out: dict[str, object] = {"conversation_id": _take(conversations, "conversation_id", rows)}
    out.update(_people(data, data.conversations.emp[pick]))
    out["conversation_type"] = _take(conversations, "conversation_type", rows)
    out["held_date"] = _take(conversations, "held_date", rows)
    held_by = data.conversations.manager[pick]
    out["held_by"] = pd.Series(take_or(data.managers.labels, held_by, None), dtype="str")
    return _frame(out)


def out_of_cycle_employees(
    dataset: Dataset | Prepared, params: Params, conversation_type: str = "development"
) -> pd.DataFrame:
    """Employees out of cycle at R for ``conversation_type``: the last held
    date of that type (NaT if never) and the days since; never-held first."""
    if conversation_type not in COVERAGE_TYPES:
        raise ValueError(f"unknown conversation type {conversation_type!r}")
    ctx = _context(dataset, params)
    out_mask, last = out_of_cycle(ctx, conversation_type)
    pick = np.flatnonzero(out_mask)
    out: dict[str, object] = dict(_people(ctx.data, pick))
    last_days = last[pick]
    dates = np.full(len(pick), np.datetime64("NaT"), dtype="datetime64[ns]")
    known = ~np.isnan(last_days)
    dates[known] = last_days[known].astype("int64").astype("datetime64[D]")
    out["last_held_date"] = dates
    out["days_since"] = ctx.reference - last_days
    return (
        _frame(out)
        .sort_values(
            ["days_since", "employee_id"],
            ascending=[False, True],
            na_position="first",
            kind="stable",
        )
        .reset_index(drop=True)
    )
