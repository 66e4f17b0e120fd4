"""`popanalytics hub` refuses, before starting anything, what would serve the wrong data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from access_helpers import DEMO, DEMO_ROLES, ROOT, write_roles


def hub(
    *args: str, password: str | None = "long-enough-1", data: tuple[str, ...] = (str(DEMO),)
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "POPANALYTICS_HUB_PASSWORD"}
    if password is not None:
        env["POPANALYTICS_HUB_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "popanalytics.cli", "hub", *data, *args],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("roles", "says"),
    [
        ("", "nope.toml"),
        ('[[users]]\nname = "x"\nrole = "manager"\nmanager_id = "99999"\n', "99999"),
        ('[[users]]\nname = "x"\nrole = "directeur"\n', "directeur"),
        ('[[users]]\nname = "x"\nrole = "hr"\n[[users]]\nname = "x"\nrole = "hr"\n', "x"),
        ('[[users]]\nname = "x"\nrole = "management"\ndepartments = ["Maan"]\n', "Maan"),
        ("[[users]\n", "TOML"),
    ],
)
def test_a_bad_roles_file_stops_the_hub_with_a_message_and_exit_2(tmp_path: Path, roles, says):
    path = tmp_path / "nope.toml"
    if roles:
        write_roles(path, roles)
    result = hub("--roles", str(path), "--lang", "en", "--state", str(tmp_path / "s"))
    assert result.returncode == 2, result.stderr
    assert says in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "s").exists()  # nothing started


def test_the_dummy_authenticator_is_refused_off_loopback(tmp_path: Path):
    result = hub(
        "--roles", str(DEMO_ROLES), "--authenticator", "dummy", "--ip", "0.0.0.0", "--lang", "en"
    )
    assert result.returncode == 2
    assert "loopback" in result.stderr


def test_the_dummy_authenticator_needs_a_password(tmp_path: Path):
    result = hub("--roles", str(DEMO_ROLES), "--authenticator", "dummy", password="short")
    assert result.returncode == 2
    assert "POPANALYTICS_HUB_PASSWORD" in result.stderr


def test_a_folder_that_is_no_store_stops_the_hub_naming_it(tmp_path: Path):
    folder = tmp_path / "geen-store"
    folder.mkdir()
    result = hub(
        "--store", str(folder), "--roles", str(DEMO_ROLES), "--lang", "en",
        "--state", str(tmp_path / "s"), data=(),
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "geen-store" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "s").exists()


def test_data_and_a_store_together_are_refused(tmp_path: Path):
    result = hub("--store", str(tmp_path), "--roles", str(DEMO_ROLES), "--lang", "en")
    assert result.returncode == 2
    assert "--store" in result.stderr and "Traceback" not in result.stderr


def test_the_hub_hands_the_store_and_snapshot_to_every_users_server(tmp_path: Path):
    from popanalytics.dashboard import sources
    from popanalytics.hub.launch import HubSettings, hub_environment

    settings = HubSettings(data=(), roles=str(DEMO_ROLES), store=str(tmp_path), snapshot="s1")
    env = hub_environment(settings, {sources.ENV_DATA: "stale"})
    assert env[sources.ENV_STORE] == str(tmp_path.resolve())
    assert env[sources.ENV_SNAPSHOT] == "s1"
    assert sources.ENV_DATA not in env
