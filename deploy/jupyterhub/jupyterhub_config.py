"""JupyterHub configuration for the POP dashboard: the one a sysadmin copies.

`popanalytics hub` starts JupyterHub with this file and sets the variables below;
on a server of your own, set them in the service's environment (or replace the
`env(...)` calls by literal values). Every user's server runs Voilà only
(python -m popanalytics.hub.singleuser): no Jupyter contents, terminals or code
execution, every request and websocket authenticated by this hub.

Variables (POPANALYTICS_*):
  ROLES         the roles file (docs/access.md); required
  DATA          JSON list of data files, or STORE a snapshot store directory
                (`popanalytics import`: every page opens the Parquet snapshot, no
                re-reading of the export), SNAPSHOT which one (default: newest)
  CYCLE, REFERENCE_DATE, LANG   as for `popanalytics serve`
  AUDIT_LOG     JSON-lines audit log (log-ins, server starts, page opens, exports)
  HUB_IP, HUB_PORT               where users connect (default 127.0.0.1:8000)
  HUB_API_PORT, HUB_INTERNAL_PORT  the proxy's API and the hub's own port
  HUB_STATE     directory for the hub's database, cookie secret and users' homes
  HUB_AUTHENTICATOR  dummy | native (see docs/deploy.md for Entra ID / LDAP)
  HUB_PASSWORD  dummy only: the shared password (tests and demos, loopback only)
  HUB_EXTRA_USERS  dummy only: comma-separated users NOT in the roles file
                (to show the "no access" page in tests and demos)
  HUB_PROXY     path to configurable-http-proxy (installed by `make hub-deps`)
  HUB_CULL_SECONDS  idle servers are stopped after this many seconds (3600)
"""

import os
import sys
from pathlib import Path

from popanalytics.access.roles import read_roles
from popanalytics.hub.hooks import post_auth_hook, pre_spawn_hook

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file


def env(name, default=None):
    value = os.environ.get(f"POPANALYTICS_{name}", "").strip()
    return value or default


ip = env("HUB_IP", "127.0.0.1")
state = Path(env("HUB_STATE", "hub-state")).resolve()
state.mkdir(parents=True, exist_ok=True, mode=0o700)
roles_file = env("ROLES")
if not roles_file:
    sys.exit("POPANALYTICS_ROLES is not set: the hub serves nobody without a roles file")
roles = read_roles(roles_file)  # checked against the data by `popanalytics hub` first
audit_log = env("AUDIT_LOG", str(state / "audit.jsonl"))

# --- where it listens: the public address, the hub and the proxy API on loopback
c.JupyterHub.bind_url = f"http://{ip}:{env('HUB_PORT', '8000')}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env("HUB_INTERNAL_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('HUB_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.command = [env("HUB_PROXY", "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")

# --- who may log in
authenticator = env("HUB_AUTHENTICATOR", "native")
if authenticator == "dummy":
    # tests and demos only (`popanalytics hub` refuses it on a non-loopback address)
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = env("HUB_PASSWORD")
    extra = {u.strip().lower() for u in (env("HUB_EXTRA_USERS", "") or "").split(",") if u.strip()}
    c.Authenticator.allowed_users = set(roles) | extra
elif authenticator == "native":
    # users sign up at /hub/signup; a hub admin authorises them at /hub/authorize
    c.JupyterHub.authenticator_class = "native"
    c.NativeAuthenticator.open_signup = False
    c.Authenticator.allowed_users = set(roles)
else:
    sys.exit(f"unknown POPANALYTICS_HUB_AUTHENTICATOR {authenticator!r} (dummy or native)")
c.Authenticator.allow_all = False
c.Authenticator.post_auth_hook = post_auth_hook(roles, audit_log)
# Hub admins may open every user's server: keep dashboard users out of this list.
c.Authenticator.admin_users = set()

# --- each user's server: Voilà only, on loopback, with the data and the roles file
c.JupyterHub.spawner_class = "simple"  # SimpleLocalProcessSpawner: one service account
c.SimpleLocalProcessSpawner.home_dir_template = str(state / "users" / "{username}")
# -I: the working folder is not on sys.path (nothing there is imported)
c.Spawner.cmd = [sys.executable, "-I", "-m", "popanalytics.hub.singleuser"]
c.Spawner.args = []
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 120
c.Spawner.pre_spawn_hook = pre_spawn_hook(roles, audit_log)
c.Spawner.environment = {
    name: value
    for name, value in {
        "POPANALYTICS_ROLES": str(Path(roles_file).resolve()),
        "POPANALYTICS_AUDIT_LOG": audit_log,
        "POPANALYTICS_DATA": env("DATA"),
        "POPANALYTICS_STORE": env("STORE"),
        "POPANALYTICS_SNAPSHOT": env("SNAPSHOT"),
        "POPANALYTICS_MAPPING": env("MAPPING"),
        "POPANALYTICS_CYCLE": env("CYCLE"),
        "POPANALYTICS_REFERENCE_DATE": env("REFERENCE_DATE"),
        "POPANALYTICS_LANG": env("LANG", "nl"),
        # the user's name reaches the kernel as JUPYTERHUB_USER, set by the spawner
    }.items()
    if value
}
c.JupyterHub.allow_named_servers = False
c.JupyterHub.concurrent_spawn_limit = 50

# --- idle servers (each holds a copy of the data) are stopped by jupyterhub-idle-culler
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={env('HUB_CULL_SECONDS', '3600')}",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
