"""The dashboard under JupyterHub: the user comes from the environment, the data is
scoped before the page is built, and no widget change widens the scope."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from access_helpers import DEMO, DEMO_ROLES, REFERENCE_DATE, ROOT

from popanalytics import charts
from popanalytics.access import ENV_AUDIT_LOG, ENV_ROLES, ENV_USER
from popanalytics.dashboard.app import Dashboard
from popanalytics.i18n import t
from popanalytics.metrics.catalogue import HEADLINE_METRICS


def env(user: str, audit: Path | None = None, roles: Path = DEMO_ROLES) -> dict[str, str]:
    values = {
        ENV_ROLES: str(roles),
        ENV_USER: user,
        "POPANALYTICS_DATA": json.dumps([str(DEMO)]),
        "POPANALYTICS_REFERENCE_DATE": REFERENCE_DATE,
    }
    if audit is not None:
        values[ENV_AUDIT_LOG] = str(audit)
    return values


@pytest.fixture(scope="module")
def manager_cli_figures() -> pd.DataFrame:
    """`popanalytics metrics --filter manager_id=00104`: the manager's tiles must equal it."""
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "popanalytics.cli",
            "metrics",
            str(DEMO),
            "--filter",
            "manager_id=00104",
            "--reference-date",
            REFERENCE_DATE,
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return pd.DataFrame(json.loads(out.stdout)["figures"])


def test_a_user_missing_from_the_roles_file_gets_no_data_and_an_ask_hr_message(tmp_path):
    dash = Dashboard.from_environment(env("stranger", tmp_path / "audit.jsonl"))
    assert dash.state is None
    assert "HR" in dash.error.value and "stranger" in dash.error.value
    assert dash.main.layout.display == "none"
    # nothing points at an upload button that is not there
    assert t("dash.header.no_data", "nl") not in dash.header.value
    assert json.loads((tmp_path / "audit.jsonl").read_text())["action"] == "no_access"


def test_no_user_in_the_environment_is_no_access_never_hr():
    values = env("")
    del values[ENV_USER]
    dash = Dashboard.from_environment(values)
    assert dash.state is None and "HR" in dash.error.value


def test_management_sees_the_management_audience_without_a_switch(tmp_path):
    dash = Dashboard.from_environment(env("directie", tmp_path / "audit.jsonl"))
    assert dash.state is not None
    assert dash.state.filters.audience == "management"
    assert dash.filters["audience"].layout.display == "none"
    assert dash.nav_buttons["datakwaliteit"].layout.display == "none"
    assert len(dash.state.report.findings) == 0 if hasattr(dash.state.report, "findings") else True


def test_a_hub_user_on_a_store_sees_which_snapshot_but_cannot_pick_another(tmp_path):
    from popanalytics.dataset import import_to_store

    store = tmp_path / "store"
    import_to_store([DEMO], store, label="juni 2026")
    values = env("leidinggevende", tmp_path / "audit.jsonl")
    del values["POPANALYTICS_DATA"]
    dash = Dashboard.from_environment({**values, "POPANALYTICS_STORE": str(store)})
    assert dash.state is not None, dash.error.value
    assert "Momentopname <b>juni 2026</b>, geïmporteerd op" in dash.header.value
    assert dash.snapshot_pick.layout.display == "none"
    assert dash.nav_buttons["sinds"].layout.display == "none"


def test_a_crafted_audience_change_from_the_page_does_not_widen_management():
    dash = Dashboard.from_environment(env("directie"))
    assert dash.state is not None
    dash.filters["audience"].value = "hr"  # what a crafted widget message would do
    assert dash.state.filters.audience == "management"
    assert dash.state.params.audience == "management"


def test_the_managers_tiles_equal_metrics_filtered_on_their_id(manager_cli_figures):
    dash = Dashboard.from_environment(env("leidinggevende"))
    assert dash.state is not None
    shown = dash.state.figures()
    for metric in HEADLINE_METRICS:
        mine, cli = charts.total_row(shown, metric), charts.total_row(manager_cli_figures, metric)
        assert (mine is None) == (cli is None), metric
        if mine is None:
            continue
        for column in ("numerator", "denominator", "rate"):
            assert mine[column] == pytest.approx(cli[column], nan_ok=True), (metric, column)


def test_a_manager_sees_only_their_employees_and_a_team_view(tmp_path):
    dash = Dashboard.from_environment(env("leidinggevende"))
    assert dash.state is not None and dash.scoped is not None
    employees = dash.state.dataset.employees
    assert set(employees["manager_id"]) == {"00104"}
    overdue = dash.state.overdue()
    assert set(overdue["employee_id"]) <= set(employees["employee_id"])
    assert "team" in dash.views
    dash.show("team")
    indirect = dash.views["team"].indirect.value  # type: ignore[attr-defined]
    assert dash.scoped.indirect is not None
    some = dash.scoped.indirect.employees["name"].iloc[0]
    assert some in indirect
    # names and statuses only: no ids, no agreement texts
    assert not any(i in indirect for i in dash.scoped.indirect.employees["employee_id"])


def test_the_export_carries_the_scope_and_is_audited(tmp_path):
    audit = tmp_path / "audit.jsonl"
    dash = Dashboard.from_environment(env("leidinggevende", audit))
    export = dash.views["export"]
    seen: list = []
    export._build = lambda state: seen.append(state.dataset) or b"xlsx"  # type: ignore[attr-defined]
    dash.show("export")
    export._export()  # type: ignore[attr-defined]
    assert set(seen[0].employees["manager_id"]) == {"00104"}
    lines = [json.loads(line) for line in audit.read_text().splitlines()]
    assert [line["action"] for line in lines] == ["open", "export"]
    assert lines[1]["user"] == "leidinggevende" and lines[1]["scope"] == {"manager_id": "00104"}
    # who and what, never whose: no employee name or id of the team in the log
    text = audit.read_text()
    assert not any(str(i) in text for i in seen[0].employees["employee_id"] if i != "00104")
    assert audit.stat().st_mode & 0o777 == 0o600


def test_upload_is_not_listened_to_for_a_manager():
    dash = Dashboard.from_environment(env("leidinggevende"))
    assert dash.state is not None
    before = len(dash.state.dataset.employees)
    loaded = dash.state.loaded
    dash.upload.value = (  # a crafted upload message: the kernel does not listen
        {
            "name": "kapot.xlsx",
            "type": "",
            "size": 5,
            "content": memoryview(b"kapot"),
            "last_modified": dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        },
    )
    assert dash.state.loaded is loaded and len(dash.state.dataset.employees) == before
    assert dash.error.value == ""


def test_a_manager_whose_team_is_empty_gets_a_clear_page(tmp_path):
    roles = tmp_path / "roles.toml"
    roles.write_text('[[users]]\nname = "eva"\nrole = "manager"\nmanager_id = "00115"\n')
    dash = Dashboard.from_environment(env("eva", roles=roles))
    assert dash.state is None
    assert "00115" in dash.error.value
