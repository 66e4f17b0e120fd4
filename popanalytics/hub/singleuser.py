"""Each user's server: Voilà alone, authenticated by the Hub.

Voilà 0.5 builds its handlers on jupyter_server's identity provider and
authorizer. Here they are JupyterHub's own (``JupyterHubIdentityProvider``,
``JupyterHubAuthorizer``, the ones ``jupyterhub-singleuser`` uses), so every
page, API call **and kernel websocket** needs the Hub's OAuth cookie of a user
allowed on this server (``access:servers!user=<owner>``). There is no contents,
terminal, tree or session API: Voilà serves one notebook, and its kernel
manager accepts only widget (comm) messages, never ``execute_request``.

Started by the Hub's spawner as ``python -m popanalytics.hub.singleuser``; the
address, prefix and OAuth settings come from the JUPYTERHUB_* environment.
"""

from __future__ import annotations

import os
import sys
import tempfile
from typing import Any
from urllib.parse import urlparse

from jupyter_server.utils import url_path_join
from jupyterhub.singleuser.extension import JupyterHubAuthorizer, JupyterHubIdentityProvider
from tornado import web

from popanalytics.access.roles import ENV_ROLES
from popanalytics.dashboard.limits import WEBSOCKET_MAX_MESSAGE_BYTES
from popanalytics.dashboard.server import CULL_IDLE_SECONDS, CULL_INTERVAL_SECONDS, notebook_path
from popanalytics.dashboard.voila_app import PopVoila

# Pages (browser tabs) one user may have open at once: each is a kernel with their data.
MAX_KERNELS_PER_USER = 3

# Hub variables the kernel must not inherit (the server's API token).
SECRET_ENV = ("JUPYTERHUB_API_TOKEN", "JPY_API_TOKEN")


class HubIdentityProvider(JupyterHubIdentityProvider):
    """JupyterHub's identity provider, accepting the arguments Voilà passes to
    any identity provider (a token of its own makes no sense here)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("token", None)
        super().__init__(**kwargs)


class HubVoila(PopVoila):
    """`popanalytics serve`'s Voilà (no config from the working folder, a kernel limit,
    the websocket message limit) with the Hub's OAuth handlers under the server's prefix.

    No Host allow-list here: the public host name is the hub's, which this server
    does not know, and every request needs the Hub's cookie of this server's owner,
    which a page on another site (DNS rebinding) never has.
    """

    def init_handlers(self) -> list:
        handlers = super().init_handlers()
        own = {pattern for pattern, *_ in self.identity_provider.get_handlers()}
        # Voilà adds the identity provider's handlers without the prefix
        # (/oauth_callback, /logout); under the Hub they live at /user/<name>/…
        return [
            (url_path_join(self.base_url, h[0]), *h[1:]) if h[0] in own else h for h in handlers
        ]

    def init_settings(self) -> dict:
        settings: dict = super().init_settings()
        # the OAuth client has now read the server's API token from the
        # environment: the kernels, started later from os.environ, never get it
        _ = self.identity_provider.hub_auth.api_token
        for name in SECRET_ENV:
            os.environ.pop(name, None)
        return settings

    def start(self) -> None:
        # PopVoila.start without the Host check (see the class docstring)
        self.connection_dir = tempfile.mkdtemp(prefix="voila_", dir=self.connection_dir_root)
        settings = self.init_settings()
        self.app = web.Application(**settings)  # type: ignore[assignment]  # no Host check
        self.app.settings["websocket_max_message_size"] = WEBSOCKET_MAX_MESSAGE_BYTES
        self.app.settings.update(self.tornado_settings)
        self.app.add_handlers(".*$", self.init_handlers())
        self.listen()

    @property
    def display_url(self) -> str:
        # Voilà would append the identity provider's token (the Hub API token) to the logged URL
        return f"http://{self.ip}:{self.port}{self.base_url}"


def voila_arguments(environ: dict[str, str]) -> list[str]:
    """Voilà's command line from the environment the Hub's spawner set."""
    url = urlparse(environ["JUPYTERHUB_SERVICE_URL"])
    prefix = environ.get("JUPYTERHUB_SERVICE_PREFIX") or "/"
    return [
        str(notebook_path()),
        "--no-browser",
        f"--port={url.port}",
        f"--Voila.ip={url.hostname or '127.0.0.1'}",
        f"--Voila.base_url={prefix}",
        "--theme=light",
        f"--Voila.identity_provider_class={HubIdentityProvider.__module__}.HubIdentityProvider",
        f"--Voila.authorizer_class={JupyterHubAuthorizer.__module__}.JupyterHubAuthorizer",
        "--VoilaConfiguration.multi_kernel_manager_class="
        "popanalytics.dashboard.voila_app.LimitedKernelManager",
        f"--LimitedKernelManager.max_kernels={MAX_KERNELS_PER_USER}",
        # kernels talk to Voilà over Unix sockets: no TCP ports to race for on a
        # machine with many kernels, nothing listening on the network
        "--KernelManager.transport=ipc",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
        "--MappingKernelManager.cull_connected=False",
    ]


def main(argv: list[str] | None = None) -> int:
    environ = dict(os.environ)
    for name in ("JUPYTERHUB_SERVICE_URL", "JUPYTERHUB_USER", ENV_ROLES):
        if not environ.get(name):
            # never serve data without knowing whose page it is and what they may see
            print(
                f"popanalytics.hub.singleuser: ${name} is not set; refusing to start",
                file=sys.stderr,
            )
            return 2
    app = HubVoila.instance()
    app.initialize(voila_arguments(environ) + list(argv or []))
    app.start()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
