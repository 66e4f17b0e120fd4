"""The roles file: read, checked alone and against the data; every problem a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest
from access_helpers import organisation, write_roles

from popanalytics.access import AccessError, check_against, read_roles

GOOD = """
[[users]]
name = "Anna"
role = "hr"

[[users]]
name = "bert"
role = "management"
departments = ["Zorg"]

[[users]]
name = "mia"
role = "manager"
manager_id = "M1"
"""


def test_a_good_file_gives_each_user_a_role_and_scope(tmp_path: Path):
    roles = read_roles(write_roles(tmp_path / "roles.toml", GOOD))
    assert set(roles) == {"anna", "bert", "mia"}  # JupyterHub user names are lower case
    assert roles["bert"].departments == ("Zorg",)
    assert roles["mia"].manager_id == "M1"
    assert not roles["anna"].scoped and roles["bert"].scoped


@pytest.mark.parametrize(
    ("text", "code", "named"),
    [
        ('[[users]]\nname = "a"\nrole = "boss"\n', "access.roles.unknown_role", "boss"),
        (
            '[[users]]\nname = "a"\nrole = "hr"\n[[users]]\nname = "A"\nrole = "hr"\n',
            "access.roles.duplicate",
            "a",
        ),
        ('[[users]]\nname = "a"\nrole = "manager"\n', "access.roles.no_manager_id", "a"),
        (
            '[[users]]\nname = "a"\nrole = "hr"\nmanager_id = "x"\n',
            "access.roles.manager_id_not_manager",
            "a",
        ),
        (
            '[[users]]\nname = "a"\nrole = "manager"\nmanager_id = "x"\ndepartments = ["Z"]\n',
            "access.roles.scope_on_manager",
            "a",
        ),
        (
            '[[users]]\nname = "a"\nrole = "hr"\ndepartment = ["Z"]\n',
            "access.roles.unknown_key",
            "department",
        ),
        (
            '[[users]]\nname = "a"\nrole = "hr"\ndepartments = "Z"\n',
            "access.roles.bad_scope",
            "departments",
        ),
        ('[[users]]\nrole = "hr"\n', "access.roles.no_name", "1"),
        ("", "access.roles.no_users", "roles.toml"),
        ('[[users]\nname = "a"\n', "access.roles.malformed", "roles.toml"),
    ],
)
def test_a_bad_roles_file_is_refused_with_a_message_naming_file_and_user(
    tmp_path: Path, text: str, code: str, named: str
):
    path = write_roles(tmp_path / "roles.toml", text)
    with pytest.raises(AccessError) as caught:
        read_roles(path)
    assert caught.value.code == code
    for lang in ("nl", "en"):
        message = caught.value.message(lang)
        assert "roles.toml" in message and named in message


def test_a_missing_roles_file_is_named(tmp_path: Path):
    with pytest.raises(AccessError, match=r"nope\.toml") as caught:
        read_roles(tmp_path / "nope.toml")
    assert caught.value.code == "access.roles.missing"


def test_a_manager_id_absent_from_the_data_is_refused(tmp_path: Path):
    roles = read_roles(
        write_roles(
            tmp_path / "r.toml", '[[users]]\nname = "x"\nrole = "manager"\nmanager_id = "Z9"\n'
        )
    )
    with pytest.raises(AccessError, match="Z9") as caught:
        check_against(roles, organisation().employees, "r.toml")
    assert caught.value.code == "access.roles.unknown_manager"


def test_a_scope_that_matches_nobody_is_refused(tmp_path: Path):
    roles = read_roles(
        write_roles(
            tmp_path / "r.toml", '[[users]]\nname = "x"\nrole = "hr"\nlocations = ["Mars"]\n'
        )
    )
    with pytest.raises(AccessError, match="Mars"):
        check_against(roles, organisation().employees, "r.toml")


def test_a_manager_without_reports_is_reported_not_refused(tmp_path: Path):
    roles = read_roles(
        write_roles(
            tmp_path / "r.toml", '[[users]]\nname = "eva"\nrole = "manager"\nmanager_id = "E1"\n'
        )
    )
    assert check_against(roles, organisation().employees, "r.toml") == ["eva"]
