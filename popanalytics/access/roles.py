"""The roles file: who (a JupyterHub user name) may see what (a role and a scope).

The file is TOML, one ``[[users]]`` table per person::

    [[users]]
    name = "anna"            # the JupyterHub user name
    role = "hr"              # hr | management | manager
    departments = ["Zorg"]   # optional, hr and management only
    locations = []           # optional, hr and management only

    [[users]]
    name = "carl"
    role = "manager"
    manager_id = "00104"     # an employee id in the employee table

Reading checks the file on its own (``read_roles``); ``check_against`` checks it
against the data (manager ids and scopes that must exist). Every problem is an
``AccessError`` naming the file and the user, in Dutch and English.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from popanalytics.errors import PopError
from popanalytics.i18n import t

Role = Literal["hr", "management", "manager"]
ROLES: tuple[Role, ...] = ("hr", "management", "manager")
SCOPE_FIELDS: tuple[str, ...] = ("departments", "locations")
# the employee column each scope key narrows
SCOPE_COLUMNS: dict[str, str] = {"departments": "department", "locations": "location"}
USER_KEYS: frozenset[str] = frozenset({"name", "role", "manager_id", *SCOPE_FIELDS})

# What the hub sets for the single-user server and its kernels (never the browser).
ENV_USER = "JUPYTERHUB_USER"
ENV_ROLES = "POPANALYTICS_ROLES"
ENV_AUDIT_LOG = "POPANALYTICS_AUDIT_LOG"


class AccessError(PopError):
    """A roles file that cannot be used, or a user who may not see anything."""

    def __init__(self, label: str, *, file: str | None = None, **values: object) -> None:
        super().__init__(
            t(label, "nl", file=file or "", **values),
            t(label, "en", file=file or "", **values),
            file=file,
            code=label,
        )


@dataclass(frozen=True)
class Access:
    """One user's role and scope; empty scope tuples mean "not narrowed"."""

    user: str
    role: Role
    manager_id: str | None = None
    departments: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()

    @property
    def scoped(self) -> bool:
        """Whether a department or location scope narrows the role."""
        return bool(self.departments or self.locations)

    def describe(self) -> dict[str, Any]:
        """The scope as the audit log records it (no employee data: ids of managers
        are the manager's own id, which the roles file already holds)."""
        scope: dict[str, Any] = {key: list(getattr(self, key)) for key in SCOPE_FIELDS}
        if self.manager_id is not None:
            scope["manager_id"] = self.manager_id
        return {key: value for key, value in scope.items() if value}


def normalise_user(name: str) -> str:
    """JupyterHub's default user-name normalisation: stripped, lower case."""
    return name.strip().lower()


def read_roles(path: str | Path) -> dict[str, Access]:
    """Read and check a roles file on its own → user name → Access.

    Raises AccessError for a missing or malformed file, an unknown role or key,
    a manager without ``manager_id``, a scope on a manager, a duplicate user.
    """
    path = Path(path)
    file = str(path)
    if not path.is_file():
        raise AccessError("access.roles.missing", file=file)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise AccessError("access.roles.malformed", file=file, detail=str(exc)) from exc
    unknown_top = sorted(set(raw) - {"users"})
    if unknown_top:
        raise AccessError("access.roles.unknown_key", file=file, user="-", field=unknown_top[0])
    users = raw.get("users", [])
    if not isinstance(users, list) or not all(isinstance(u, dict) for u in users):
        raise AccessError("access.roles.no_users", file=file)
    if not users:
        raise AccessError("access.roles.no_users", file=file)
    result: dict[str, Access] = {}
    for position, entry in enumerate(users, start=1):
        access = _entry(entry, file, position)
        if access.user in result:
            raise AccessError("access.roles.duplicate", file=file, user=access.user)
        result[access.user] = access
    return result


def _entry(entry: Mapping[str, Any], file: str, position: int) -> Access:
    """One ``[[users]]`` table → Access (checks that need no data)."""
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise AccessError("access.roles.no_name", file=file, position=position)
    user = normalise_user(name)
    unknown = sorted(set(entry) - USER_KEYS)
    if unknown:
        raise AccessError("access.roles.unknown_key", file=file, user=user, field=unknown[0])
    role = entry.get("role")
    if role not in ROLES:
        raise AccessError(
            "access.roles.unknown_role", file=file, user=user, role=role, roles=", ".join(ROLES)
        )
    manager_id = entry.get("manager_id")
    if role == "manager":
        if manager_id is None or str(manager_id).strip() == "":
            raise AccessError("access.roles.no_manager_id", file=file, user=user)
        manager_id = str(manager_id).strip()
    elif manager_id is not None:
        raise AccessError("access.roles.manager_id_not_manager", file=file, user=user, role=role)
    scope: dict[str, tuple[str, ...]] = {}
    for key in SCOPE_FIELDS:
        values = entry.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise AccessError("access.roles.bad_scope", file=file, user=user, field=key)
        scope[key] = tuple(v.strip() for v in values if v.strip())
    if role == "manager" and any(scope.values()):
        raise AccessError("access.roles.scope_on_manager", file=file, user=user)
    return Access(user=user, role=role, manager_id=manager_id, **scope)


def check_against(roles: Mapping[str, Access], employees: pd.DataFrame, file: str) -> list[str]:
    """Check the roles against the employee table; the user names of managers whose
    team is empty (they get a clear page at log-in, not a refusal at start).

    Raises AccessError for a manager id that is not an employee id, and for a
    department or location scope that matches nobody.
    """
    ids = set(employees["employee_id"].dropna().astype("str"))
    empty: list[str] = []
    for access in roles.values():
        if access.role == "manager":
            if access.manager_id not in ids:
                raise AccessError(
                    "access.roles.unknown_manager",
                    file=file,
                    user=access.user,
                    manager_id=access.manager_id,
                )
            if not (employees["manager_id"] == access.manager_id).any():
                empty.append(access.user)
        for key, column in SCOPE_COLUMNS.items():
            values = getattr(access, key)
            if not values:
                continue
            present = (
                set(employees[column].dropna().astype("str")) if column in employees else set()
            )
            missing = [v for v in values if v not in present]
            if missing:
                raise AccessError(
                    "access.roles.scope_matches_nobody",
                    file=file,
                    user=access.user,
                    field=key,
                    value=missing[0],
                )
    return empty
