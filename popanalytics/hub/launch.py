"""`popanalytics hub`: check the roles file against the data, then run JupyterHub
with deploy/jupyterhub/jupyterhub_config.py and the settings as environment
variables. Thin on purpose: the configuration lives in that file."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import os
import socket
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import popanalytics
from popanalytics.access.roles import ENV_AUDIT_LOG, ENV_ROLES, check_against, read_roles
from popanalytics.dashboard import sources
from popanalytics.errors import PopError
from popanalytics.i18n import t

ENV_PASSWORD = "POPANALYTICS_HUB_PASSWORD"
AUTHENTICATORS: tuple[str, ...] = ("native", "dummy")
MIN_PASSWORD = 8  # JupyterHub's SharedPasswordAuthenticator refuses shorter ones


ENV_DEPLOY_DIR = "POPANALYTICS_HUB_DEPLOY"


def deploy_dir() -> Path:
    """deploy/jupyterhub: the hub configuration and its npm proxy.

    It is deployment material, not package data: it lives in the checkout next
    to the package (where ``make hub-deps`` installs the proxy), or wherever
    $POPANALYTICS_HUB_DEPLOY points for an installed package.
    """
    configured = os.environ.get(ENV_DEPLOY_DIR)
    if configured:
        return Path(configured).resolve()
    return Path(popanalytics.__file__).resolve().parent.parent / "deploy" / "jupyterhub"


def config_path() -> Path:
    return deploy_dir() / "jupyterhub_config.py"


def proxy_path() -> Path:
    return deploy_dir() / "node_modules" / ".bin" / "configurable-http-proxy"


@dataclass(frozen=True)
class HubSettings:
    data: tuple[str, ...]
    roles: str
    store: str | None = None
    snapshot: str | None = None
    port: int = 8000
    ip: str = "127.0.0.1"
    authenticator: str = "native"
    cycle: int | None = None
    reference_date: dt.date | None = None
    mapping: str | None = None
    lang: str = "nl"
    state: str = "hub-state"
    audit_log: str | None = None


def is_loopback(ip: str) -> bool:
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return ip == "localhost"


def _error(key: str, **values: object) -> PopError:
    return PopError(t(key, "nl", **values), t(key, "en", **values))


def check(settings: HubSettings, environ: Mapping[str, str]) -> list[str]:
    """Everything that can be wrong before a user logs in; PopError (exit 2) when
    it is. Returns notes to print (managers whose team is empty)."""
    if settings.authenticator == "dummy":
        if not is_loopback(settings.ip):
            raise _error("cli.hub.dummy_not_loopback")
        if len(environ.get(ENV_PASSWORD, "")) < MIN_PASSWORD:
            raise _error("cli.hub.no_password")
    for module, package in (
        ("jupyterhub", "jupyterhub"),
        ("jupyterhub_idle_culler", "jupyterhub-idle-culler"),
        ("nativeauthenticator", "jupyterhub-nativeauthenticator"),
    ):
        try:
            __import__(module)
        except ImportError as exc:
            raise _error("cli.hub.missing_package", package=package) from exc
    if not proxy_path().exists():
        raise _error("cli.hub.no_proxy", path=proxy_path())
    roles = read_roles(settings.roles)
    loaded, _label = sources.load_initial(
        sources.Settings(
            data=settings.data,
            mapping=settings.mapping,
            store=settings.store,
            snapshot=settings.snapshot,
        )
    )
    empty = check_against(roles, loaded.dataset.employees, settings.roles)
    by_role = ", ".join(
        f"{role}: {sum(a.role == role for a in roles.values())}"
        for role in ("hr", "management", "manager")
    )
    notes = [
        t("cli.hub.roles_ok", settings.lang, file=settings.roles, count=len(roles), roles=by_role)
    ]
    notes += [t("cli.hub.empty_team", settings.lang, user=user) for user in empty]
    return notes


def free_port() -> int:
    """A free TCP port on loopback (for the hub's own port and the proxy's API)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def hub_environment(settings: HubSettings, base: Mapping[str, str]) -> dict[str, str]:
    """The variables jupyterhub_config.py reads (see its docstring)."""
    state = Path(settings.state).resolve()
    env = dict(base)
    values = {
        ENV_ROLES: str(Path(settings.roles).resolve()),
        sources.ENV_DATA: json.dumps([str(Path(p).resolve()) for p in settings.data])
        if settings.data
        else None,
        sources.ENV_STORE: str(Path(settings.store).resolve()) if settings.store else None,
        # none: each page opens the newest, so a monthly import needs no restart
        sources.ENV_SNAPSHOT: settings.snapshot,
        sources.ENV_MAPPING: str(Path(settings.mapping).resolve()) if settings.mapping else None,
        sources.ENV_CYCLE: str(settings.cycle) if settings.cycle is not None else None,
        sources.ENV_REFERENCE_DATE: settings.reference_date.isoformat()
        if settings.reference_date
        else None,
        sources.ENV_LANG: settings.lang,
        ENV_AUDIT_LOG: str(Path(settings.audit_log).resolve())
        if settings.audit_log
        else str(state / "audit.jsonl"),
        "POPANALYTICS_HUB_IP": settings.ip,
        "POPANALYTICS_HUB_PORT": str(settings.port),
        "POPANALYTICS_HUB_INTERNAL_PORT": str(free_port()),
        "POPANALYTICS_HUB_API_PORT": str(free_port()),
        "POPANALYTICS_HUB_STATE": str(state),
        "POPANALYTICS_HUB_AUTHENTICATOR": settings.authenticator,
        "POPANALYTICS_HUB_PROXY": str(proxy_path()),
    }
    for name, value in values.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def hub_command() -> list[str]:
    return [sys.executable, "-m", "jupyterhub", "-f", str(config_path())]


def run(settings: HubSettings, environ: Mapping[str, str] | None = None) -> int:
    """Check, then replace this process by JupyterHub (signals go straight to it)."""
    environ = dict(os.environ if environ is None else environ)
    for note in check(settings, environ):
        print(note)
    env = hub_environment(settings, environ)
    Path(env["POPANALYTICS_HUB_STATE"]).mkdir(parents=True, exist_ok=True, mode=0o700)
    sys.stdout.flush()
    os.execve(sys.executable, hub_command(), env)
    return 0  # pragma: no cover - execve does not return
