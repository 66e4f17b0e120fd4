"""A guard against per-row Python on the validation path: a mid-size export
validates in a fraction of the time a row loop would take."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
from schema_builders import TODAY

from popanalytics.io.raw import RawTable
from popanalytics.schema import validate


def _sheet(table: str, columns: dict[str, object]) -> RawTable:
    frame = pd.DataFrame(columns).astype(object)
    frame.index = pd.RangeIndex(2, 2 + len(frame))
    return RawTable(table, frame, "groot.xlsx", table)


def test_ten_thousand_employees_and_thirty_thousand_conversations_validate_quickly() -> None:
    rng = np.random.default_rng(7)
    n_emp, n_conv = 10_000, 30_000
    ids = np.char.add("E", np.arange(n_emp).astype(str))
    days = pd.date_range("2015-01-01", periods=3000).strftime("%d/%m/%Y").to_numpy()
    owners = rng.choice(ids, n_conv)
    employees = _sheet(
        "employees",
        {
            "employee_id": ids,
            "department": rng.choice(["Zorg", "Keuken", " Administratie "], n_emp),
            "start_date": rng.choice(days, n_emp),
            "fte": rng.choice(["80%", "1", "0,5", 0.8], n_emp),
        },
    )
    conversations = _sheet(
        "conversations",
        {
            "conversation_id": np.char.add("C", np.arange(n_conv).astype(str)),
            "employee_id": np.where(np.arange(n_conv) % 1000 == 0, "NIEMAND", owners),
            "conversation_type": rng.choice(
                ["POP", "functioneringsgesprek", "Exit"], n_conv, p=[0.6, 0.39, 0.01]
            ),
            "held_date": rng.choice(days, n_conv),
            "status": rng.choice(["gehouden", "gepland"], n_conv),
            "signed_by_employee": rng.choice(["ja", "nee", None], n_conv),
        },
    )
    started = time.process_time()
    dataset, report = validate([employees, conversations], today=TODAY)
    elapsed = time.process_time() - started

    counts = report.counts["conversations"]
    assert counts.read == n_conv == counts.used + counts.quarantined
    assert counts.quarantined == len(report.findings) > 0
    assert len(dataset.employees) == n_emp
    # well under 1 s of CPU on the development machine; a row loop takes far longer
    assert elapsed < 5.0, f"validation took {elapsed:.1f} s of CPU"
