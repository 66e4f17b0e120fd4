"""Property tests: for random small exports, rows are accounted for and none is lost.

An export is built from valid rows (in random but valid formats) and broken
rows of each error class; the properties are the invariants of docs/data-model.md:
read = used + quarantined per table, every valid row is used, every broken row
is quarantined, and the row order does not change what is used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schema_builders import TODAY, raw_table

from popanalytics.io.raw import RawTable
from popanalytics.model import TABLE_NAMES
from popanalytics.schema import validate

SETTINGS = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2026, 5, 31))


@st.composite
def date_cell(draw: st.DrawFn) -> object:
    """A date in one of the forms an export may use."""
    day = draw(DATES)
    form = draw(st.sampled_from(["dmy", "d/m/y", "dots", "iso", "serial", "cell", "serial_text"]))
    serial = (day - dt.date(1899, 12, 30)).days
    return {
        "dmy": day.strftime("%d/%m/%Y"),
        "d/m/y": f"{day.day}/{day.month}/{day.year}",
        "dots": day.strftime("%d.%m.%Y"),
        "iso": day.isoformat(),
        "serial": serial,
        "cell": dt.datetime(day.year, day.month, day.day),
        "serial_text": str(serial),
    }[form]


def spaced(text: str) -> st.SearchStrategy[str]:
    return st.sampled_from([text, f" {text} ", text.upper()])


@dataclass
class Export:
    """Rows per table, and the ids that must (not) come out."""

    rows: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {t: [] for t in TABLE_NAMES}
    )
    valid: dict[str, set[str]] = field(default_factory=lambda: {t: set() for t in TABLE_NAMES})
    broken: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLE_NAMES, 0))

    def sheets(self, order: dict[str, list[int]] | None = None) -> list[RawTable]:
        out = []
        for table, rows in self.rows.items():
            if table != "employees" and not rows:
                continue
            ordered = [rows[i] for i in order[table]] if order else rows
            out.append(raw_table(table, ordered, sheet=table))
        return out


ID_FIELD = {
    "employees": "employee_id",
    "conversations": "conversation_id",
    "agreements": "agreement_id",
    "training_needs": "need_id",
}


@st.composite
def exports(draw: st.DrawFn) -> Export:
    ex = Export()
    n_emp = draw(st.integers(1, 6))
    emp_ids = [f"{i:05d}" for i in range(n_emp)]  # leading zeros must survive
    for emp_id in emp_ids:
        ex.rows["employees"].append(
            {
                "employee_id": draw(st.sampled_from([emp_id, f" {emp_id} "])),
                "department": draw(spaced("Zorg")),
                "start_date": draw(date_cell()),
                "fte": draw(
                    st.sampled_from(["80%", "0,5", 1, "100", None, "-1"])
                ),  # -1: a warning only
            }
        )
        ex.valid["employees"].add(emp_id)
    # broken employees: their ids are rejected, so their conversations are too
    rejected = []
    for k, kind in enumerate(
        draw(st.lists(st.sampled_from(["no_department", "bad_date", "duplicate"]), max_size=3))
    ):
        if kind == "duplicate":
            ex.rows["employees"].append(dict(draw(st.sampled_from(ex.rows["employees"][:n_emp]))))
        else:
            bad_id = f"R{k}"
            rejected.append(bad_id)
            row: dict[str, Any] = {
                "employee_id": bad_id,
                "department": "Zorg",
                "start_date": "01/01/2020",
            }
            row.update({"department": None} if kind == "no_department" else {"start_date": "ooit"})
            ex.rows["employees"].append(row)
        ex.broken["employees"] += 1

    owners = st.sampled_from(emp_ids)
    for i in range(draw(st.integers(0, 6))):
        ex.rows["conversations"].append(
            {
                "conversation_id": f"C{i}",
                "employee_id": draw(owners),
                "conversation_type": draw(spaced("POP-gesprek") | spaced("evaluatie")),
                "held_date": draw(date_cell()),
                "status": draw(st.sampled_from(["gehouden", "Afgerond", None, "onbekend"])),
                "signed_by_employee": draw(st.sampled_from(["ja", "nee", None, "x", "rood"])),
            }
        )
        ex.valid["conversations"].add(f"C{i}")
    for k, kind in enumerate(
        draw(
            st.lists(
                st.sampled_from(["type", "employee", "rejected", "held", "duplicate"]), max_size=4
            )
        )
    ):
        row = {
            "conversation_id": f"BC{k}",
            "employee_id": emp_ids[0],
            "conversation_type": "POP",
            "held_date": "1/3/2026",
            "status": "gehouden",
        }
        if kind == "type":
            row["conversation_type"] = "Exitgesprek"
        elif kind == "employee":
            row["employee_id"] = "NIEMAND"
        elif kind == "rejected" and rejected:
            row["employee_id"] = rejected[0]
        elif kind == "held":
            row["held_date"] = None
        elif ex.valid["conversations"]:
            row = dict(ex.rows["conversations"][0])
        else:
            row["held_date"] = "kapot"  # held with an unusable date
        ex.rows["conversations"].append(row)
        ex.broken["conversations"] += 1

    for i in range(draw(st.integers(0, 5))):
        ex.rows["agreements"].append(
            {
                "agreement_id": f"A{i}",
                "employee_id": draw(owners),
                "conversation_id": draw(st.sampled_from([None, "C0", "C404"])),
                "category": draw(st.sampled_from(["Opleiding", "coaching", "iets"])),
                "status": draw(st.sampled_from(["open", "afgerond", "Lopend"])),
                "done_date": draw(st.none() | date_cell()),
            }
        )
        ex.valid["agreements"].add(f"A{i}")
    for k, kind in enumerate(
        draw(st.lists(st.sampled_from(["status", "employee", "category"]), max_size=3))
    ):
        row = {
            "agreement_id": f"BA{k}",
            "employee_id": emp_ids[0],
            "category": "opleiding",
            "status": "open",
        }
        row.update(
            {"status": "half"}
            if kind == "status"
            else {"employee_id": "NIEMAND"}
            if kind == "employee"
            else {"category": None}
        )
        ex.rows["agreements"].append(row)
        ex.broken["agreements"] += 1

    for i in range(draw(st.integers(0, 5))):
        ex.rows["training_needs"].append(
            {
                "need_id": f"N{i}",
                "employee_id": draw(owners),
                "theme": draw(spaced("Excel")),
                "status": draw(st.sampled_from(["gevraagd", "Goedgekeurd"])),
                "hours": draw(st.sampled_from(["7,5", 8, None, "-2", "veel"])),
                "cost": draw(st.sampled_from(["€ 1.250,00", None, 300])),
            }
        )
        ex.valid["training_needs"].add(f"N{i}")
    for k in range(draw(st.integers(0, 2))):
        ex.rows["training_needs"].append(
            {"need_id": f"BN{k}", "employee_id": emp_ids[0], "theme": None, "status": "gevraagd"}
        )
        ex.broken["training_needs"] += 1
    return ex


def _sorted(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    return frame.sort_values(by).reset_index(drop=True)


# One property test for both invariants, so each generated export is validated
# only twice (in order and shuffled): validation dominates the test's time.
@SETTINGS
@given(exports(), st.randoms(use_true_random=False))
def test_rows_are_accounted_for_none_is_lost_and_order_does_not_matter(
    ex: Export, rnd: Any
) -> None:
    dataset, report = validate(ex.sheets(), today=TODAY)
    errors = report.findings[report.findings["severity"] == "error"]
    for table in TABLE_NAMES:
        counts = report.counts[table]
        assert counts.read == len(ex.rows[table]) == counts.used + counts.quarantined
        assert counts.used == len(dataset.table(table))
        assert counts.quarantined == ex.broken[table]
        assert set(dataset.table(table)[ID_FIELD[table]]) == ex.valid[table]
        # each quarantined row has at least one error finding on its Excel row
        assert errors.loc[errors["table"] == table, "row"].nunique() == counts.quarantined

    order = {t: rnd.sample(range(len(rows)), len(rows)) for t, rows in ex.rows.items()}
    shuffled, shuffled_report = validate(ex.sheets(order), today=TODAY)
    for table in TABLE_NAMES:
        by = ID_FIELD[table]
        pd.testing.assert_frame_equal(
            _sorted(dataset.table(table), by), _sorted(shuffled.table(table), by)
        )
        assert shuffled_report.counts[table] == report.counts[table]
