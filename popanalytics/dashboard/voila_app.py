"""Voilà as `popanalytics serve` runs it: a Host allow-list, a kernel limit, no cwd config.

Started by server.py as ``python -I -m popanalytics.dashboard.voila_app NOTEBOOK ...``
(isolated mode: the user's working folder is not on ``sys.path``). Three things
Voilà 0.5 does not offer as options are added here:

- every request whose ``Host`` header is not on the allow-list is refused with
  403 before any handler runs (DNS rebinding: a page on another site resolving its
  own name to 127.0.0.1 sends its own name as Host). Voilà hard-codes
  ``allow_remote_access=True``, so jupyter_server's own check is off, and that
  check would anyway refuse any non-loopback IP given as ``--host``;
- a kernel manager that refuses a new page kernel past ``max_kernels`` with a
  friendly 503 page (Voilà renders an HTTPError raised while starting the kernel
  as its error page);
- ``voila.py``/``voila.json`` config files are not read from the working folder;
- the websocket message limit is set explicitly (``limits.WEBSOCKET_MAX_MESSAGE_BYTES``);
- the kernel clients that run each page's notebook wait in bounded slices
  (kernel_channels.py): a lost zmq wake-up no longer leaves a page spinning forever.

The token, when there is one, comes in the environment (never on the command line,
where ``ps`` shows it to every local user) and is removed from it before any
kernel inherits the environment.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

from jupyter_core.paths import jupyter_config_path
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import httputil, web
from traitlets import Integer, List, Unicode, default
from voila.app import Voila

from popanalytics.dashboard import kernel_channels
from popanalytics.dashboard.limits import (
    DEFAULT_MAX_KERNELS,
    ENV_TOKEN,
    WEBSOCKET_MAX_MESSAGE_BYTES,
)
from popanalytics.dashboard.sources import ENV_LANG
from popanalytics.i18n import t


class HostCheckedApplication(web.Application):
    """A tornado application that answers 403 to a request for a Host not allowed."""

    def __init__(self, allowed_hosts: set[str], **settings: Any) -> None:
        super().__init__(**settings)
        self.allowed_hosts = allowed_hosts

    def find_handler(
        self, request: httputil.HTTPServerRequest, **kwargs: Any
    ) -> web._HandlerDelegate:
        if host_name(request.host) not in self.allowed_hosts:
            return self.get_handler_delegate(request, web.ErrorHandler, {"status_code": 403})
        return super().find_handler(request, **kwargs)


def host_name(host: str) -> str:
    """The name in a Host header without its port, lower case ("[::1]:80" → "::1")."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    name, _, port = host.rpartition(":")
    return name if name and port.isdigit() and ":" not in name else host


class LimitedKernelManager(AsyncMappingKernelManager):  # type: ignore[misc]
    """Kernels as usual, but at most ``max_kernels`` at a time; past it a 503 "busy" page."""

    max_kernels = Integer(
        DEFAULT_MAX_KERNELS, config=True, help="Most kernels (open pages) at a time."
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # kernels being started are not listed yet: count them, or a burst of page
        # views would all pass the check before the first kernel is up
        self._starting = 0

    # (async, as in AsyncMappingKernelManager; the stubs of its base say sync)
    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]
        if len(self.list_kernel_ids()) + self._starting >= self.max_kernels:
            lang = os.environ.get(ENV_LANG, "nl")
            self.log.warning("Refusing a new page: %d kernels running", self.max_kernels)
            # the reason is the page's title and goes into the HTTP status line: ASCII only
            raise web.HTTPError(503, reason=t("serve.busy", lang))
        self._starting += 1
        try:
            kernel_id: str = await super().start_kernel(*args, **kwargs)
        finally:
            self._starting -= 1
        return kernel_id


class PopVoila(Voila):  # type: ignore[misc]
    """Voilà with a Host allow-list, its token from the environment, no config from cwd."""

    allowed_hosts = List(
        Unicode(), config=True, help="Host header names (without port) the server answers."
    )

    @default("config_file_paths")
    def _config_file_paths_default(self) -> list[str]:
        # Voilà's default puts os.getcwd() first: a voila.py there would be executed
        return list(jupyter_config_path())

    @default("token")
    def _token_default(self) -> str | None:
        return os.environ.pop(ENV_TOKEN, None) or None

    def initialize(self, argv: Any = None) -> None:
        kernel_channels.install()
        super().initialize(argv)

    def start(self) -> None:
        # Voila.start, with the application class swapped for the host-checked one
        self.connection_dir = tempfile.mkdtemp(prefix="voila_", dir=self.connection_dir_root)
        self.log.info("Storing connection files in %s.", self.connection_dir)
        settings = self.init_settings()
        self.app = HostCheckedApplication({host_name(h) for h in self.allowed_hosts}, **settings)
        # (a number: tornado_settings from the command line would arrive as text)
        self.app.settings["websocket_max_message_size"] = WEBSOCKET_MAX_MESSAGE_BYTES
        self.app.settings.update(self.tornado_settings)
        self.app.add_handlers(".*$", self.init_handlers())
        self.listen()


main = PopVoila.launch_instance

if __name__ == "__main__":
    main()
