"""The hub's side of the audit log: hooks that deploy/jupyterhub/jupyterhub_config.py
installs on the authenticator (log-ins) and the spawner (server starts)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from popanalytics.access.audit import audit_record, write_audit
from popanalytics.access.roles import Access, normalise_user


def post_auth_hook(
    roles: Mapping[str, Access], audit_log: str | None
) -> Callable[[Any, Any, dict[str, Any]], dict[str, Any]]:
    """Authenticator.post_auth_hook: log every successful log-in with the user's role
    (null for a user the roles file does not know: they get the no-access page)."""

    def hook(_authenticator: Any, _handler: Any, authentication: dict[str, Any]) -> dict[str, Any]:
        user = normalise_user(str(authentication.get("name", "")))
        write_audit(audit_log, audit_record(user, "login", roles.get(user)))
        return authentication

    return hook


def pre_spawn_hook(roles: Mapping[str, Access], audit_log: str | None) -> Callable[[Any], None]:
    """Spawner.pre_spawn_hook: log each start of a user's dashboard server."""

    def hook(spawner: Any) -> None:
        user = normalise_user(str(spawner.user.name))
        write_audit(audit_log, audit_record(user, "spawn", roles.get(user)))

    return hook
