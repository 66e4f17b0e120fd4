"""Import then read equals reading the files: tables, dtypes, report and figures, bit for bit."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from cli_runner import DEMO, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from popanalytics.dataset import load_snapshot
from popanalytics.io.raw import RawTable
from popanalytics.metrics import Params, figures, trend
from popanalytics.model import TABLE_NAMES
from popanalytics.schema import validate
from popanalytics.store import open_snapshot, write_snapshot
from popanalytics.store.manifest import SourceInfo

R = dt.date(2026, 11, 15)
PARAMS = (
    Params(reference_date=R),
    Params(reference_date=R, group_by="department"),
    Params(reference_date=R, group_by="manager_id"),
    Params(reference_date=R, group_by="team", audience="management", k=5),
    Params(cycle_year=2025, reference_date=R, filters=(("location", ("Campus Noord",)),)),
)


def assert_same_data(a, b) -> None:
    for table in TABLE_NAMES:
        pd.testing.assert_frame_equal(a.dataset.table(table), b.dataset.table(table))
    assert a.dataset.present == b.dataset.present
    assert a.dataset.sources == b.dataset.sources
    pd.testing.assert_frame_equal(a.report.findings, b.report.findings)
    assert list(a.report.counts.items()) == list(b.report.counts.items())
    assert a.report.unrecognised == b.report.unrecognised


def test_demo_snapshot_has_the_tables_dtypes_and_report_of_the_files(demo_loaded, demo_store):
    assert_same_data(demo_loaded, load_snapshot(demo_store))


@pytest.mark.parametrize("params", PARAMS, ids=lambda p: f"{p.group_by}-{p.audience}")
def test_demo_figures_from_the_snapshot_equal_those_from_the_files(demo_loaded, demo_store, params):
    snap = load_snapshot(demo_store)
    pd.testing.assert_frame_equal(
        figures(snap.dataset, params), figures(demo_loaded.dataset, params)
    )
    pd.testing.assert_frame_equal(trend(snap.dataset, params), trend(demo_loaded.dataset, params))


def test_metrics_json_from_the_store_equals_metrics_json_from_the_files(demo_store):
    args = ("--reference-date", "2026-11-15", "--group-by", "department", "--json")
    from_files = run_cli("metrics", str(DEMO), *args)
    from_store = run_cli("metrics", "--store", str(demo_store), *args)
    assert from_files.returncode == from_store.returncode == 0, from_store.stderr
    files, store = json.loads(from_files.stdout), json.loads(from_store.stdout)
    # the data sources are named as given: a path, or the snapshot's file names
    assert files["parameters"].pop("data") == [str(DEMO)]
    assert store["parameters"].pop("data") == ["demo.xlsx"]
    assert json.dumps(files, indent=2) == json.dumps(store, indent=2)


def test_validate_from_the_store_prints_the_report_of_the_files(demo_store):
    from_files = run_cli("validate", str(DEMO), "--json")
    from_store = run_cli("validate", "--store", str(demo_store), "--json")
    assert from_store.returncode == 0, from_store.stderr
    assert from_store.stdout == from_files.stdout


# --- property: messy generated exports survive the round trip -------------------

TEXT = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "Zorg", " zorg ", "ZORG", "Zorg & Welzijn", "00123", "Ö'Brien"]),
    st.text(min_size=1, max_size=12),
)
DATE = st.one_of(
    st.none(),
    st.tuples(
        st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2031, 1, 1)),
        st.sampled_from(["%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "serial"]),
    ).map(
        lambda x: (
            str((x[0] - dt.date(1899, 12, 30)).days) if x[1] == "serial" else x[0].strftime(x[1])
        )
    ),
    st.sampled_from(["31/02/2026", "morgen", "45000", "2026-13-01"]),
)
BOOL = st.sampled_from([None, "ja", "nee", "x", "", "12/03/2026", "misschien"])
NUMBER = st.sampled_from([None, "0,8", "80%", "1", "-3", "€ 1.250,00", "veel", 0.5, 12])


@st.composite
def messy_export(draw: st.DrawFn) -> list[RawTable]:
    n = draw(st.integers(1, 12))
    ids = [draw(st.sampled_from([f"E{i}", f" E{i} ", f"00{i}"])) for i in range(n)]
    ids += draw(st.lists(st.sampled_from(["E1", None, "", "X9"]), max_size=2))  # dupes, blanks
    employees = [
        {
            "employee_id": e,
            "name": draw(TEXT),
            "department": draw(st.sampled_from(["Zorg", "Keuken", " keuken", None, "Ω"])),
            "team": draw(TEXT),
            "manager_id": draw(st.sampled_from([*ids[:3], None, "onbekend"])),
            "start_date": draw(DATE),
            "end_date": draw(DATE),
            "fte": draw(NUMBER),
            "absent_since": draw(st.sampled_from([None, "01/09/2026", "nooit"])),
        }
        for e in ids
    ]
    conversations = [
        {
            "conversation_id": draw(st.sampled_from([f"C{i}", None, "C1"])),
            "employee_id": draw(st.sampled_from([*ids, "X9"])),
            "conversation_type": draw(
                st.sampled_from(["POP", "functionering", "evaluatie", "Exitgesprek", None])
            ),
            "planned_date": draw(DATE),
            "held_date": draw(DATE),
            "status": draw(st.sampled_from(["gehouden", "gepland", "geannuleerd", None, "?"])),
            "signed_by_employee": draw(BOOL),
            "signed_by_manager": draw(BOOL),
            "report_filed": draw(BOOL),
        }
        for i in range(draw(st.integers(0, 15)))
    ]
    agreements = [
        {
            "agreement_id": draw(st.sampled_from([f"A{i}", None])),
            "employee_id": draw(st.sampled_from([*ids, "X9"])),
            "category": draw(st.sampled_from(["opleiding", "coaching", "iets anders", None])),
            "status": draw(st.sampled_from(["open", "afgerond", "lopend", None])),
            "due_date": draw(DATE),
            "done_date": draw(DATE),
            "description": draw(TEXT),
        }
        for i in range(draw(st.integers(0, 15)))
    ]
    needs = [
        {
            "need_id": None,
            "employee_id": draw(st.sampled_from(ids)),
            "theme": draw(TEXT),
            "learning_form": draw(st.sampled_from(["e-learning", "intervisie", "dans", None])),
            "hours": draw(NUMBER),
            "cost": draw(NUMBER),
            "status": draw(st.sampled_from(["gevraagd", "gevolgd", None])),
        }
        for _ in range(draw(st.integers(0, 10)))
    ]
    out = []
    for table, rows in zip(TABLE_NAMES, (employees, conversations, agreements, needs), strict=True):
        if rows or table == "employees":
            frame = pd.DataFrame(rows, dtype=object)
            frame.index = pd.RangeIndex(2, 2 + len(frame))
            out.append(RawTable(table=table, frame=frame, file="export.xlsx", sheet=table))
    return out


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(raw=messy_export())
def test_messy_exports_give_the_same_figures_from_their_snapshot(raw, tmp_path_factory):
    from popanalytics.errors import PopError

    try:
        dataset, report = validate(raw, today=dt.date(2026, 6, 1))
    except PopError:
        return  # no usable employee: nothing to store
    store = tmp_path_factory.mktemp("prop") / "store"
    write_snapshot(store, dataset, report, sources=[SourceInfo("export.xlsx", 1, "0" * 64)])
    snap = open_snapshot(store)
    for table in TABLE_NAMES:
        pd.testing.assert_frame_equal(snap.dataset.table(table), dataset.table(table))
    pd.testing.assert_frame_equal(snap.report.findings, report.findings)
    assert list(snap.report.counts.items()) == list(report.counts.items())
    for params in (
        Params(reference_date=dt.date(2026, 6, 1), group_by="department"),
        Params(reference_date=dt.date(2026, 6, 1), group_by="team", audience="management", k=3),
    ):
        pd.testing.assert_frame_equal(figures(snap.dataset, params), figures(dataset, params))


def test_snapshot_files_are_private(demo_store: Path):
    assert demo_store.stat().st_mode & 0o777 == 0o700
    for path in demo_store.rglob("*"):
        assert path.stat().st_mode & 0o777 == (0o700 if path.is_dir() else 0o600), path
