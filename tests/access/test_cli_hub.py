"""`popanalytics hub` refuses, before starting anything, what would serve the wrong data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from access_helpers import DEMO, DEMO_ROLES, ROOT, write_roles


def hub(*args: str, password: str | None = "long-enough-1") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "POPANALYTICS_HUB_PASSWORD"}
    if password is not None:
        env["POPANALYTICS_HUB_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "popanalytics.cli", "hub", str(DEMO), *args],
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
