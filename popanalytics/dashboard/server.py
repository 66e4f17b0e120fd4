"""`popanalytics serve`: run Voilà on the dashboard notebook with the data in its environment.

The serving defaults (docs/serving.md): Voilà runs in isolated mode
(``python -I``: nothing from the working folder is imported or read as config),
answers only requests whose Host header is on an allow-list, asks for a random
token whenever it listens on more than loopback, starts at most ``max_kernels``
page kernels and accepts uploads up to a documented size.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
from collections.abc import Mapping, Sequence
from contextlib import suppress
from pathlib import Path

from popanalytics.dashboard import sources
from popanalytics.dashboard.limits import (
    DEFAULT_MAX_KERNELS,
    DEFAULT_MAX_UPLOAD_MB,
    ENV_MAX_UPLOAD_MB,
    ENV_TOKEN,
)
from popanalytics.i18n import t
from popanalytics.resources import package_file

# Idle page kernels hold a copy of the data: stop them after a while.
CULL_IDLE_SECONDS = 900
CULL_INTERVAL_SECONDS = 60


def notebook_path() -> Path:
    """The dashboard notebook, package data (in a folder of its own: Voilà starts the
    kernel in the notebook's folder, where no module may shadow an import)."""
    return package_file("popanalytics.dashboard", "notebook", "dashboard.ipynb")


# Names a browser on this machine uses for a loopback server.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
# Binding to these means every interface: they are never a name a browser asks for.
WILDCARD_HOSTS = ("0.0.0.0", "::", "")


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the server reachable from this machine only."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def needs_token(host: str) -> bool:
    """Whether the server asks for a token: on any address but the usual loopback names.

    Only 127.0.0.1, localhost and ::1 go without (``make dashboard`` stays one step);
    another loopback address such as 127.0.0.2 is unusual enough to get the token too.
    """
    return host.strip().strip("[]").lower() not in LOOPBACK_HOSTS


def allowed_hosts(host: str, extra: Sequence[str] = ()) -> list[str]:
    """The Host header names the server answers: loopback, ``host`` and ``extra``.

    Any other Host gets 403: a page on another site that has its own name resolve
    to this machine (DNS rebinding) sends that name. Bound to every interface, the
    machine's own name and addresses are what people type, so they are allowed.
    """
    names = [*LOOPBACK_HOSTS, *extra]
    if host.strip() in WILDCARD_HOSTS:
        names += [socket.gethostname(), socket.getfqdn()]
        # a host name that does not resolve: the names above remain
        with suppress(OSError):
            names += [str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None)]
    else:
        names.append(host.strip().strip("[]"))
    return list(dict.fromkeys(name.lower() for name in names if name))


def new_token() -> str:
    """A random token, as Jupyter makes them (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def serve_environment(
    data: Sequence[str],
    *,
    mapping: str | None,
    cycle: int | None,
    reference_date: dt.date | None,
    lang: str,
    base: Mapping[str, str] | None = None,
    token: str | None = None,
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB,
    store: str | None = None,
    snapshot: str | None = None,
) -> dict[str, str]:
    """Voilà's and the kernels' environment: the parameters as POPANALYTICS_* variables.

    Every PYTHON* variable is dropped and the kernels get the equivalent of
    ``python -I`` (no working folder on ``sys.path``, no user site-packages): Voilà
    itself runs isolated, its kernels are plain ``python -m ipykernel_launcher``.
    """
    env = {
        key: value
        for key, value in (os.environ if base is None else base).items()
        if not key.startswith("PYTHON")
    }
    env["PYTHONSAFEPATH"] = "1"
    env["PYTHONNOUSERSITE"] = "1"
    env[ENV_MAX_UPLOAD_MB] = f"{max_upload_mb:g}"
    # files are resolved here, so the kernel (started elsewhere) finds them
    env[sources.ENV_DATA] = json.dumps([str(Path(p).resolve()) for p in data])
    env[sources.ENV_LANG] = lang
    # Arrow's default allocator (mimalloc) keeps the buffers freed while a snapshot
    # is decoded (~90 MiB at 50,000 employees) for reuse; the system allocator
    # hands them back, and a kernel holds only what the page shows
    env.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    for key, value in (
        (sources.ENV_MAPPING, str(Path(mapping).resolve()) if mapping else None),
        (sources.ENV_CYCLE, str(cycle) if cycle is not None else None),
        (sources.ENV_REFERENCE_DATE, reference_date.isoformat() if reference_date else None),
        (ENV_TOKEN, token),
        (sources.ENV_STORE, str(Path(store).resolve()) if store else None),
        (sources.ENV_SNAPSHOT, snapshot),
    ):
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def voila_command(
    port: int,
    host: str,
    *,
    max_kernels: int = DEFAULT_MAX_KERNELS,
    allowed: Sequence[str] | None = None,
) -> list[str]:
    """Voilà with its defaults kept (no sources, no tracebacks), locked down, idle kernels culled.

    ``python -I`` keeps the working folder off ``sys.path`` (a ``voila.py`` there would
    otherwise be imported instead of Voilà); the token is not here but in the
    environment (see ``serve_environment``).
    """
    hosts = allowed_hosts(host) if allowed is None else list(allowed)
    return [
        sys.executable,
        "-I",
        "-m",
        "popanalytics.dashboard.voila_app",
        str(notebook_path()),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={host}",
        *(f"--PopVoila.allowed_hosts={name}" for name in hosts),
        "--theme=light",
        "--VoilaConfiguration.multi_kernel_manager_class="
        "popanalytics.dashboard.voila_app.LimitedKernelManager",
        f"--LimitedKernelManager.max_kernels={max_kernels}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
        "--MappingKernelManager.cull_connected=False",
    ]


def dashboard_url(host: str, port: int, token: str | None) -> str:
    """The address to open: the bound host (this machine's name for a wildcard), the token."""
    shown = socket.gethostname() if host.strip() in WILDCARD_HOSTS else host.strip()
    if ":" in shown:  # an IPv6 address
        shown = f"[{shown}]"
    query = f"?token={token}" if token else ""
    return f"http://{shown}:{port}/{query}"


def serve(
    data: Sequence[str],
    *,
    mapping: str | None = None,
    port: int = 8866,
    host: str = "127.0.0.1",
    cycle: int | None = None,
    reference_date: dt.date | None = None,
    lang: str = "nl",
    max_kernels: int = DEFAULT_MAX_KERNELS,
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB,
    allow_hosts: Sequence[str] = (),
    store: str | None = None,
    snapshot: str | None = None,
) -> int:
    """Serve the dashboard in the foreground until interrupted; Voilà's exit code.

    On 127.0.0.1/localhost/::1 no token is asked (``make dashboard`` stays one step);
    on any other address a random token is required and printed once with the
    address, and off loopback a warning says the data is reachable from the network.
    """
    token = new_token() if needs_token(host) else None
    env = serve_environment(
        data,
        mapping=mapping,
        cycle=cycle,
        reference_date=reference_date,
        lang=lang,
        token=token,
        max_upload_mb=max_upload_mb,
        store=store,
        snapshot=snapshot,
    )
    if not is_loopback(host):
        print(t("serve.remote_warning", lang, host=host), file=sys.stderr, flush=True)
    if token is not None:
        print(t("serve.open_url", lang, url=dashboard_url(host, port, token)), flush=True)
    command = voila_command(
        port, host, max_kernels=max_kernels, allowed=allowed_hosts(host, allow_hosts)
    )
    # Voilà runs in the notebook's folder: neither it nor its kernels see the user's cwd
    proc = subprocess.Popen(command, env=env, cwd=notebook_path().parent)
    # a service manager stops us with SIGTERM, a closed terminal with SIGHUP: both
    # must stop Voilà and its kernels too, as Ctrl-C does, never leave them serving
    previous = {signum: signal.signal(signum, _stop) for signum in _STOP_SIGNALS}
    try:
        return _exit_code(proc.wait())
    except (KeyboardInterrupt, _Stopped) as stopped:
        # Voilà shuts its kernels down cleanly on SIGTERM
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        return 128 + (stopped.signum if isinstance(stopped, _Stopped) else signal.SIGINT)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


_STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class _Stopped(Exception):
    """A stop signal (SIGTERM, SIGHUP) arrived while serving."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, _frame: object) -> None:
    raise _Stopped(signum)


def _exit_code(returncode: int) -> int:
    """A child killed by signal N reports -N; a shell says 128 + N."""
    return 128 - returncode if returncode < 0 else returncode
