"""A dashboard server in the background, for what drives a real page (browser tests, bench).

A test and bench harness, not part of the product: it lives under tests/ and
does not ship in the wheel (bench puts tests/ on its path to import it).

`popanalytics serve` runs in the foreground; the browser tests and the
dashboard benchmark instead start a server on a free port, wait until it
listens, open pages against it and stop it with its kernels afterwards.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]

# Debian's Chromium (Playwright's own download is not on these machines), with the
# flags a headless run needs offline and in a container.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on now (the OS picks it)."""
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def serve_command(port: int, *data: str | Path, reference_date: str | None = None) -> list[str]:
    """`popanalytics serve` on ``port`` with this interpreter (no installed script needed)."""
    command = [sys.executable, "-m", "popanalytics.cli", "serve", *map(str, data)]
    command += ["--port", str(port)]
    if reference_date is not None:
        command += ["--reference-date", reference_date]
    return command


def wait_for_port(
    port: int, proc: subprocess.Popen[bytes], timeout: float, host: str = "127.0.0.1"
) -> None:
    """Return once ``port`` accepts connections; fail early when the server exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args!r} exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex((host, port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port} after {timeout:.0f} s")


@contextmanager
def running(
    command: Sequence[str],
    port: int,
    *,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    output: IO[bytes] | int = subprocess.DEVNULL,
    timeout: float = 120.0,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a server until the block ends; it listens on ``port`` when the block starts.

    The server gets its own process group, so stopping it also stops the
    kernels Voilà started (SIGTERM, then SIGKILL after 15 s).
    """
    proc = subprocess.Popen(
        list(command),
        cwd=cwd,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_port(port, proc, timeout)
        yield proc
    finally:
        _stop_group(proc)


def _stop_group(proc: subprocess.Popen[bytes]) -> None:
    # a group whose every process has exited is gone: nothing left to stop
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
