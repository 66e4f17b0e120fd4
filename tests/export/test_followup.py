"""Per-manager follow-up workbooks: one per manager, their team only, safe names."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pandas as pd
import pytest
from export_helpers import INJECTIONS, count_preparations
from openpyxl import load_workbook

from popanalytics.demo import demo_dataset
from popanalytics.export import write_followup
from popanalytics.export.followup import collect_followup
from popanalytics.i18n import t
from popanalytics.metrics import open_agreements
from popanalytics.metrics.actions import ACTIONS, manager_actions
from popanalytics.metrics.params import Params
from popanalytics.model import Dataset

HR = Params(reference_date=dt.date(2026, 6, 30), audience="hr")
HOSTILE = ["CON", 'a<b>c:d"e/f\\g|h?i*j', "Jan.", "x" * 300, "tab\tname", *INJECTIONS]


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return demo_dataset(employees=150, seed=2026)


def hostile_managers(demo: Dataset) -> Dataset:
    """The demo with its managers renamed to hostile names (two share a name)."""
    emp = demo.employees.copy()
    managers = sorted(set(emp["manager_id"].dropna()))
    names = [*HOSTILE, HOSTILE[0]]
    is_manager = emp["employee_id"].isin(managers[: len(names)])
    emp.loc[is_manager, "name"] = names[: int(is_manager.sum())]
    return dataclasses.replace(demo, employees=emp)


def employee_ids_in(path) -> set[str]:
    ws = load_workbook(path).worksheets[0]
    ids: set[str] = set()
    for table in ws.tables.values():
        cells = ws[table.ref]
        header = [c.value for c in cells[0]]
        if "Personeelsnummer" in header:
            col = header.index("Personeelsnummer")
            ids |= {row[col].value for row in cells[1:] if row[col].value is not None}
    return ids


def test_one_workbook_per_manager_listing_only_their_team(demo, tmp_path):
    paths = write_followup(tmp_path, demo, HR)
    emp = demo.employees
    teams = emp.groupby(emp["manager_id"].fillna("(none)"))["employee_id"].apply(set)
    assert len(paths) == len({p.name for p in paths}) > 1
    seen: set[str] = set()
    for path in paths:
        manager = re.search(r"\((\w+)\)\.xlsx$", path.name)
        ids = employee_ids_in(path)
        if manager:
            assert ids <= teams[manager.group(1)], path.name
        seen |= ids
    open_ids = set(open_agreements(demo, HR)["employee_id"])
    assert open_ids <= seen


def test_each_workbook_has_the_action_list_and_the_four_lists_as_tables(demo, tmp_path):
    path = write_followup(tmp_path, demo, HR)[0]
    ws = load_workbook(path).worksheets[0]
    assert sorted(ws.tables) == [
        "tbl_actions",
        "tbl_lacking",
        "tbl_open",
        "tbl_out_of_cycle",
        "tbl_overdue",
    ]
    assert ws.freeze_panes is not None
    frame = pd.read_excel(path, engine="calamine", header=None, dtype=object)
    assert frame.iloc[0, 0].startswith("Opvolging voor")


def test_hostile_manager_names_give_windows_safe_unique_file_names(demo, tmp_path):
    paths = write_followup(tmp_path, hostile_managers(demo), HR)
    names = [p.name for p in paths]
    assert len({n.casefold() for n in names}) == len(names)
    for path in paths:
        stem = path.stem
        assert path.parent == tmp_path and path.exists()
        assert not re.search(r'[<>:"/\\|?*\x00-\x1f]', path.name)
        assert not stem.endswith((".", " ")) and len(stem) <= 80
        assert stem.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}


def test_single_workbook_has_one_valid_sheet_per_manager(demo, tmp_path):
    planted = hostile_managers(demo)
    [path] = write_followup(tmp_path, planted, HR, single_workbook=True)
    wb = load_workbook(path)
    titles = wb.sheetnames
    assert len(titles) == len(collect_followup(planted, HR).managers()) > 1
    assert len({t.casefold() for t in titles}) == len(titles)
    for title in titles:
        assert len(title) <= 31 and not re.search(r"[\[\]:*?/\\]", title)
    names = {ws.tables[n].displayName for ws in wb for n in ws.tables}
    assert len(names) == 5 * len(titles)  # table names are unique in a workbook


def test_english_follow_up_files_have_english_names(demo, tmp_path):
    paths = write_followup(tmp_path, demo, HR, lang="en")
    assert all(p.name.startswith("followup_") for p in paths)


def test_follow_up_workbooks_are_refused_for_management(demo, tmp_path):
    with pytest.raises(PermissionError):
        write_followup(tmp_path, demo, HR.with_(audience="management"))
    assert not list(tmp_path.iterdir())


def test_follow_up_workbooks_prepare_the_data_once(demo, tmp_path, monkeypatch):
    calls = count_preparations(monkeypatch)
    write_followup(tmp_path, demo, HR)
    assert len(calls) == 1


def test_a_blank_manager_id_is_the_no_manager_team_as_in_the_figures(demo):
    emp = demo.employees.copy()
    emp["manager_id"] = emp["manager_id"].astype(object)
    emp.loc[emp.index[:20], "manager_id"] = "  "
    lists = collect_followup(dataclasses.replace(demo, employees=emp), HR)
    assert "  " not in lists.managers()
    assert lists.managers()[-1] == "(none)"


def test_each_managers_workbook_lists_their_actions_most_urgent_first(demo, tmp_path):
    actions = manager_actions(demo, HR, "development")
    paths = write_followup(tmp_path, demo, HR)
    checked = 0
    for path in paths:
        manager = re.search(r"\((\w+)\)\.xlsx$", path.name)
        if not manager:
            continue
        ws = load_workbook(path).worksheets[0]
        cells = ws[ws.tables["tbl_actions"].ref]
        header = [c.value for c in cells[0]]
        rows = [[c.value for c in row] for row in cells[1:]]
        assert "Actie" in header and "Te doen tegen" in header
        mine = actions[actions["manager_id"] == manager.group(1)]
        ids = [r[header.index("Personeelsnummer")] for r in rows if any(v is not None for v in r)]
        assert ids == mine["employee_id"].tolist(), path.name
        labels = {r[header.index("Actie")] for r in rows if r[0] is not None}
        assert labels <= {t(f"action.{a}", "nl") for a in ACTIONS}
        checked += bool(ids)
    assert checked > 3
