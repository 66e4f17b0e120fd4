"""`popanalytics serve`: run Voilà on notebooks/dashboard.ipynb with the data in its environment."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from popanalytics.dashboard import sources

# Idle page kernels hold a copy of the data: stop them after a while.
CULL_IDLE_SECONDS = 900
CULL_INTERVAL_SECONDS = 60


def notebook_path() -> Path:
    return sources.repo_root() / "notebooks" / "dashboard.ipynb"


def serve_environment(
    data: Sequence[str],
    *,
    mapping: str | None,
    cycle: int | None,
    reference_date: dt.date | None,
    lang: str,
    base: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The kernel's environment: the parameters as POPANALYTICS_* variables."""
    env = dict(os.environ if base is None else base)
    # files are resolved here, so the kernel (started elsewhere) finds them
    env[sources.ENV_DATA] = json.dumps([str(Path(p).resolve()) for p in data])
    env[sources.ENV_LANG] = lang
    for key, value in (
        (sources.ENV_MAPPING, str(Path(mapping).resolve()) if mapping else None),
        (sources.ENV_CYCLE, str(cycle) if cycle is not None else None),
        (sources.ENV_REFERENCE_DATE, reference_date.isoformat() if reference_date else None),
    ):
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def voila_command(port: int, host: str) -> list[str]:
    """Voilà with its defaults kept (no sources, no tracebacks) and idle kernels culled."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook_path()),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={host}",
        "--theme=light",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
        "--MappingKernelManager.cull_connected=False",
    ]


def serve(
    data: Sequence[str],
    *,
    mapping: str | None = None,
    port: int = 8866,
    host: str = "127.0.0.1",
    cycle: int | None = None,
    reference_date: dt.date | None = None,
    lang: str = "nl",
) -> int:
    """Serve the dashboard in the foreground until interrupted; Voilà's exit code."""
    env = serve_environment(
        data, mapping=mapping, cycle=cycle, reference_date=reference_date, lang=lang
    )
    proc = subprocess.Popen(voila_command(port, host), env=env)
    try:
        return _exit_code(proc.wait())
    except KeyboardInterrupt:
        # Ctrl-C: Voilà shuts its kernels down cleanly on SIGTERM
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        return 130


def _exit_code(returncode: int) -> int:
    """A child killed by signal N reports -N; a shell says 128 + N."""
    return 128 - returncode if returncode < 0 else returncode
