"""`popanalytics serve` → Voilà: the command line and the kernel's environment."""

from __future__ import annotations

import datetime as dt
import json
import socket
from pathlib import Path

import pytest

from popanalytics.dashboard import server, sources
from popanalytics.dashboard.limits import DEFAULT_MAX_UPLOAD_MB, MB, max_upload_bytes
from popanalytics.dashboard.server import (
    _exit_code,
    allowed_hosts,
    needs_token,
    new_token,
    notebook_path,
    serve_environment,
    voila_command,
)
from popanalytics.dashboard.voila_app import host_name
from popanalytics.errors import PopError
from popanalytics.i18n import t


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


def test_voila_runs_isolated_through_the_locked_down_app_with_its_limits():
    command = voila_command(8123, "127.0.0.1", max_kernels=3)
    # -I: neither the working folder nor PYTHON* variables shape the server's imports
    assert command[1:4] == ["-I", "-m", "popanalytics.dashboard.voila_app"]
    assert "--LimitedKernelManager.max_kernels=3" in command
    assert (
        "--VoilaConfiguration.multi_kernel_manager_class="
        "popanalytics.dashboard.voila_app.LimitedKernelManager"
    ) in command
    hosts = [a.split("=", 1)[1] for a in command if a.startswith("--PopVoila.allowed_hosts=")]
    assert hosts == ["127.0.0.1", "localhost", "::1"]
    assert not any("token" in arg.lower() for arg in command)


def test_the_host_allow_list_is_loopback_the_bound_host_and_the_extra_names():
    assert allowed_hosts("192.168.1.10", ["dash.example"]) == [
        "127.0.0.1",
        "localhost",
        "::1",
        "dash.example",
        "192.168.1.10",
    ]
    # every interface: the machine's own name is what people type; never the wildcard itself
    everywhere = allowed_hosts("0.0.0.0")
    assert socket.gethostname().lower() in everywhere
    assert "0.0.0.0" not in everywhere


def test_a_token_is_needed_on_every_address_but_the_usual_loopback_names():
    for host in ("127.0.0.1", "localhost", "::1", "[::1]"):
        assert not needs_token(host)
    for host in ("127.0.0.2", "0.0.0.0", "192.168.1.10", "dash.example"):
        assert needs_token(host)
    assert len(new_token()) >= 43 and new_token() != new_token()


def test_the_kernels_get_no_python_variables_but_the_token_upload_limit_and_safe_path():
    env = serve_environment(
        [],
        mapping=None,
        cycle=None,
        reference_date=None,
        lang="nl",
        base={"PYTHONPATH": ".", "PYTHONSTARTUP": "x.py", "HOME": "/home/hr"},
        token="abc",
        max_upload_mb=15,
    )
    assert "PYTHONPATH" not in env and "PYTHONSTARTUP" not in env
    assert env["PYTHONSAFEPATH"] == "1" and env["PYTHONNOUSERSITE"] == "1"
    assert env["POPANALYTICS_TOKEN"] == "abc"
    assert max_upload_bytes(env) == 15 * MB
    assert env["HOME"] == "/home/hr"


def test_upload_limit_falls_back_to_the_default_on_a_bad_value():
    assert max_upload_bytes({}) == DEFAULT_MAX_UPLOAD_MB * MB
    assert max_upload_bytes({"POPANALYTICS_MAX_UPLOAD_MB": "veel"}) == DEFAULT_MAX_UPLOAD_MB * MB
    assert max_upload_bytes({"POPANALYTICS_MAX_UPLOAD_MB": "0.5"}) == MB // 2


@pytest.mark.parametrize(
    ("host", "remote"), [("127.0.0.1", False), ("127.0.0.2", False), ("0.0.0.0", True)]
)
def test_serve_prints_the_token_url_once_and_warns_off_loopback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], host: str, remote: bool
):
    started: list[tuple[list[str], dict[str, str]]] = []

    class FakeVoila:
        def __init__(self, command: list[str], env: dict[str, str], cwd: Path) -> None:
            started.append((command, env))
            assert cwd == notebook_path().parent  # never the user's working folder

        def wait(self) -> int:
            return 0

    monkeypatch.setattr(server.subprocess, "Popen", FakeVoila)
    assert server.serve([], host=host, port=8123, lang="en") == 0
    out, err = capsys.readouterr()
    ((command, env),) = started
    token = env.get("POPANALYTICS_TOKEN")
    assert (token is not None) == needs_token(host)
    if token:
        assert out.count(token) == 1 and f":8123/?token={token}" in out
        assert token not in " ".join(command)
    assert (t("serve.remote_warning", "en", host=host) in err) is remote


def test_host_header_names_are_compared_without_port_and_case():
    assert host_name("LocalHost:8866") == "localhost"
    assert host_name("[::1]:8866") == "::1"
    assert host_name("::1") == "::1"
    assert host_name("evil.example") == "evil.example"
