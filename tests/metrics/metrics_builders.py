"""Tiny Datasets from short lists of dicts, for hand-computed metric tests.

Missing columns are filled with the canonical dtypes of model.empty_frame;
dates may be given as ISO strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from popanalytics.metrics import Params
from popanalytics.model import TABLES, Dataset, empty_frame


def frame(table: str, rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """A validated-looking frame of ``table`` from dicts (canonical dtypes)."""
    rows = list(rows)
    template = empty_frame(table)
    data = {}
    for column in template.columns:
        values = [row.get(column) for row in rows]
        dtype = template[column].dtype
        if str(dtype).startswith("datetime64"):
            data[column] = pd.Series(pd.to_datetime(pd.Series(values, dtype=object)), dtype=dtype)
        else:
            data[column] = pd.Series(pd.array(values, dtype=dtype))
    unknown = {key for row in rows for key in row} - set(template.columns)
    if unknown:
        raise KeyError(f"unknown columns for {table}: {sorted(unknown)}")
    return pd.DataFrame(data)


def dataset(
    employees: Iterable[Mapping[str, Any]] = (),
    conversations: Iterable[Mapping[str, Any]] = (),
    agreements: Iterable[Mapping[str, Any]] = (),
    training_needs: Iterable[Mapping[str, Any]] = (),
    *,
    without: Mapping[str, Iterable[str]] | None = None,
) -> Dataset:
    """A Dataset; every column counts as present unless named in ``without``."""
    without = {k: set(v) for k, v in (without or {}).items()}
    present = {
        name: frozenset(set(spec.columns) - without.get(name, set()))
        for name, spec in TABLES.items()
    }
    return Dataset(
        employees=frame("employees", employees),
        conversations=frame("conversations", conversations),
        agreements=frame("agreements", agreements),
        training_needs=frame("training_needs", training_needs),
        present=present,
    )


def emp(employee_id: str, **fields: Any) -> dict[str, Any]:
    """An employee in department "A" employed since 2020 unless told otherwise."""
    return {"employee_id": employee_id, "department": "A", "start_date": "2020-01-01", **fields}


def held(employee_id: str, day: str, kind: str = "development", **fields: Any) -> dict[str, Any]:
    """A conversation held on ``day``."""
    return {
        "employee_id": employee_id,
        "conversation_type": kind,
        "status": "held",
        "planned_date": day,
        "held_date": day,
        **fields,
    }


def agreement(eid: str = "a", status: str = "open", **fields: Any) -> dict[str, Any]:
    """An agreement of ``eid`` (category training) agreed on 2026-02-01."""
    return {
        "employee_id": eid,
        "category": "training",
        "status": status,
        "agreed_date": "2026-02-01",
        **fields,
    }


def need(eid: str = "a", status: str = "requested", **fields: Any) -> dict[str, Any]:
    """A training need of ``eid`` (theme Valpreventie) requested on 2026-02-01."""
    return {
        "employee_id": eid,
        "theme": "Valpreventie",
        "status": status,
        "requested_date": "2026-02-01",
        **fields,
    }


R = dt.date(2026, 6, 30)
PARAMS = Params(cycle_year=2026, reference_date=R)


def value(figs: pd.DataFrame, metric: str, group: str = "all", **where: Any) -> pd.Series:
    """The one row of ``metric`` for ``group`` (headline unless breakdown given)."""
    rows = figs[(figs["metric"] == metric) & (figs["group"] == group)]
    if "breakdown" in where:
        rows = rows[
            (rows["breakdown_field"] == where["field"]) & (rows["breakdown"] == where["breakdown"])
        ]
    else:
        rows = rows[rows["breakdown_field"].isna()]
    assert len(rows) == 1, f"{metric}/{group}/{where}: {len(rows)} rows"
    return rows.iloc[0]


def nd(figs: pd.DataFrame, metric: str, group: str = "all", **where: Any) -> tuple[float, float]:
    """(numerator, denominator) of one figure."""
    row = value(figs, metric, group, **where)
    return (row["numerator"], row["denominator"])
