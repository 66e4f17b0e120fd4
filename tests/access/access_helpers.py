"""Builders shared by the access tests: a small organisation and roles files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from popanalytics.model import Dataset

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo.xlsx"
DEMO_ROLES = ROOT / "deploy" / "demo" / "roles.toml"
REFERENCE_DATE = "2026-11-15"  # the demo organisation's "today"


def organisation() -> Dataset:
    """A director D with managers M1, M2; M1 leads E1, E2 and manager M3 who leads E3."""
    rows = [
        ("D", "Dir", "Directie", "Campus A", None),
        ("M1", "Mia", "Zorg", "Campus A", "D"),
        ("M2", "Mo", "Keuken", "Campus B", "D"),
        ("E1", "Eva", "Zorg", "Campus A", "M1"),
        ("E2", "Eli", "Zorg", "Campus B", "M1"),
        ("M3", "Max", "Zorg", "Campus A", "M1"),
        ("E3", "Ena", "Zorg", "Campus A", "M3"),
        ("K1", "Kim", "Keuken", "Campus B", "M2"),
    ]
    employees = pd.DataFrame(
        rows, columns=["employee_id", "name", "department", "location", "manager_id"]
    ).astype("str")
    employees.loc[employees["manager_id"] == "None", "manager_id"] = pd.NA
    ids = employees["employee_id"]
    conversations = pd.DataFrame({"conversation_id": "C" + ids, "employee_id": ids})
    agreements = pd.DataFrame(
        {"agreement_id": "A" + ids, "employee_id": ids, "description": "text of " + ids}
    )
    training = pd.DataFrame({"need_id": "N" + ids, "employee_id": ids})
    return Dataset(employees, conversations, agreements, training)


def write_roles(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
