"""Raw tables built by hand, as io would hand them over, for the schema tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from popanalytics.io.raw import RawTable

TODAY = dt.date(2026, 6, 1)

MakeRaw = Callable[..., RawTable]


def raw_table(
    table: str,
    rows: Sequence[dict[str, Any]],
    *,
    file: str = "export.xlsx",
    sheet: str | None = "Blad1",
    first_row: int = 2,
    columns: Sequence[str] | None = None,
) -> RawTable:
    """A RawTable whose rows sit at Excel rows ``first_row``, ``first_row + 1``, …"""
    frame = pd.DataFrame(list(rows), columns=list(columns) if columns else None, dtype=object)
    frame.index = pd.RangeIndex(first_row, first_row + len(frame))
    return RawTable(table=table, frame=frame, file=file, sheet=sheet)


def employee(emp_id: object = "E1", **extra: Any) -> dict[str, Any]:
    return {"employee_id": emp_id, "department": "Zorg", "start_date": "01/02/2020", **extra}


def conversation(emp_id: object = "E1", conv_id: str | None = "C1", **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "conversation_id": conv_id,
        "employee_id": emp_id,
        "conversation_type": "POP-gesprek",
        "held_date": "15/03/2026",
        "status": "gehouden",
    }
    return {**row, **extra}


def agreement(emp_id: str = "E1", agr_id: str | None = "A1", **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "agreement_id": agr_id,
        "employee_id": emp_id,
        "category": "opleiding",
        "status": "open",
    }
    return {**row, **extra}


def need(emp_id: str = "E1", need_id: str | None = "N1", **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "need_id": need_id,
        "employee_id": emp_id,
        "theme": "Excel",
        "status": "gevraagd",
    }
    return {**row, **extra}
