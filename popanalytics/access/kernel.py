"""The kernel's side of access: who is this page for, read from the environment
the JupyterHub spawner set (never from anything the browser sends)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from popanalytics.access.audit import audit_record, write_audit
from popanalytics.access.roles import (
    ENV_AUDIT_LOG,
    ENV_ROLES,
    ENV_USER,
    Access,
    AccessError,
    check_against,
    normalise_user,
    read_roles,
)
from popanalytics.access.scope import Scoped, apply_scope
from popanalytics.model import Dataset


@dataclass(frozen=True)
class KernelAccess:
    """The logged-in user's Access and where their actions are logged."""

    access: Access
    audit_log: str | None = None

    def scope(self, dataset: Dataset, roles_file: str = "") -> Scoped:
        """Check the user's entry against the data and apply the scope.

        AccessError when the manager id is no longer in the data, the scope
        matches nobody, or a manager's team is empty (each a clear page).
        """
        empty = check_against({self.access.user: self.access}, dataset.employees, roles_file)
        if empty:
            raise AccessError(
                "access.empty_team", user=self.access.user, manager_id=self.access.manager_id
            )
        scoped = apply_scope(dataset, self.access)
        if scoped.empty:
            raise AccessError("access.scope_empty", user=self.access.user)
        return scoped

    def log(self, action: str, **details: Any) -> None:
        """One audit line for this user (no employee data in ``details``)."""
        write_audit(
            self.audit_log, audit_record(self.access.user, action, self.access, details=details)
        )


def access_for_kernel(environ: Mapping[str, str]) -> KernelAccess | None:
    """None when no roles file is configured (`popanalytics serve`, one trusted user);
    otherwise the user's access, or AccessError ("no access, ask HR") for a user
    who is missing from the roles file or from the environment."""
    roles_file = environ.get(ENV_ROLES, "").strip()
    if not roles_file:
        return None
    audit_log = environ.get(ENV_AUDIT_LOG, "").strip() or None
    user = normalise_user(environ.get(ENV_USER, ""))
    roles = read_roles(roles_file)
    if not user or user not in roles:
        write_audit(audit_log, audit_record(user or "?", "no_access"))
        raise AccessError("access.denied", user=user or "?")
    return KernelAccess(roles[user], audit_log)
