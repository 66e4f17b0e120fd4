"""`popanalytics serve` → Voilà: the command line and the kernel's environment."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from popanalytics.dashboard import sources
from popanalytics.dashboard.server import (
    _exit_code,
    notebook_path,
    serve_environment,
    voila_command,
)
from popanalytics.errors import PopError


def test_voila_runs_the_dashboard_notebook_bound_to_the_given_host_without_sources():
    command = voila_command(8123, "127.0.0.1")
    assert str(notebook_path()) in command
    assert notebook_path().exists()
    assert "--port=8123" in command
    assert "--Voila.ip=127.0.0.1" in command
    assert "--no-browser" in command
    # Voilà's privacy defaults stay: no flag turns sources or tracebacks on
    assert not any("strip_sources" in arg or "show_tracebacks" in arg for arg in command)
    assert any(arg.startswith("--MappingKernelManager.cull_idle_timeout=") for arg in command)


def test_parameters_reach_the_kernel_as_environment_variables(tmp_path: Path):
    data = tmp_path / "export.xlsx"
    env = serve_environment(
        [str(data)],
        mapping="map.toml",
        cycle=2025,
        reference_date=dt.date(2026, 6, 30),
        lang="en",
        base={"PATH": "/bin"},
    )
    assert json.loads(env["POPANALYTICS_DATA"]) == [str(data.resolve())]
    assert env["POPANALYTICS_MAPPING"] == str(Path("map.toml").resolve())
    assert env["POPANALYTICS_CYCLE"] == "2025"
    assert env["POPANALYTICS_REFERENCE_DATE"] == "2026-06-30"
    assert env["POPANALYTICS_LANG"] == "en"
    assert env["PATH"] == "/bin"


def test_unset_parameters_are_removed_from_an_inherited_environment():
    inherited = {"POPANALYTICS_CYCLE": "2020", "POPANALYTICS_MAPPING": "old.toml"}
    env = serve_environment(
        [], mapping=None, cycle=None, reference_date=None, lang="nl", base=inherited
    )
    assert "POPANALYTICS_CYCLE" not in env
    assert "POPANALYTICS_MAPPING" not in env
    assert json.loads(env["POPANALYTICS_DATA"]) == []


def test_environment_round_trips_into_the_kernels_settings(tmp_path: Path):
    env = serve_environment(
        [str(tmp_path / "a.csv"), str(tmp_path / "b.csv")],
        mapping=None,
        cycle=2026,
        reference_date=dt.date(2026, 11, 15),
        lang="en",
        base={},
    )
    settings = sources.settings_from(env)
    assert settings.data == (str(tmp_path / "a.csv"), str(tmp_path / "b.csv"))
    assert settings.cycle == 2026
    assert settings.reference_date == dt.date(2026, 11, 15)
    assert settings.lang == "en"


def test_a_bad_setting_is_a_clear_error_not_a_crash():
    with pytest.raises(PopError) as caught:
        sources.settings_from({"POPANALYTICS_REFERENCE_DATE": "30/06/2026"})
    assert "30/06/2026" in caught.value.message("nl")
    assert "POPANALYTICS_REFERENCE_DATE" in caught.value.message("en")
    # Python's own wording ("Invalid isoformat string") never reaches the page
    assert "isoformat" not in caught.value.message("en")


def test_exit_code_of_a_signalled_voila_is_the_shell_convention():
    assert _exit_code(0) == 0
    assert _exit_code(1) == 1
    assert _exit_code(-15) == 143
    assert _exit_code(-2) == 130
