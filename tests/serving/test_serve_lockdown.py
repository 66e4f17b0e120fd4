"""The serving defaults, checked against a real `popanalytics serve` on a loopback address.

Each server is a subprocess in its own process group (its kernels are stopped
with it). Only loopback addresses are bound: 127.0.0.1, and 127.0.0.2 for the
"not loopback-only" path — it is a loopback address, but not 127.0.0.1/localhost,
so it exercises the token and the Host allow-list of a named address.
"""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from support.launch import free_port, wait_for_port

from popanalytics.cli import main
from popanalytics.dashboard.server import is_loopback
from popanalytics.i18n import t

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo.xlsx"
PAGE_TIMEOUT = 180.0


@contextmanager
def serve(
    *args: str, cwd: Path, host: str = "127.0.0.1", log: Path
) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """`popanalytics serve DEMO ARGS` from ``cwd``; its output in ``log``."""
    port = free_port(host)
    # the installed command, as a user runs it (`python -m` would itself put cwd first
    # on sys.path: that is the user's choice of interpreter, not the server's)
    command = [str(Path(sys.executable).parent / "popanalytics"), "serve", str(DEMO)]
    command += ["--port", str(port), "--host", host, "--reference-date", "2026-11-15", *args]
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_for_port(port, proc, 60, host=host)
        yield proc, port
    finally:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def get(
    host: str, port: int, path: str, *, host_header: str | None = None, read: bool = True
) -> tuple[int, dict[str, str], str, http.client.HTTPConnection]:
    """A raw GET (any Host header we like); the body read to its end unless ``read`` is False."""
    conn = http.client.HTTPConnection(host, port, timeout=PAGE_TIMEOUT)
    conn.putrequest("GET", path, skip_host=True)
    conn.putheader("Host", host_header or f"{host}:{port}")
    conn.endheaders()
    response = conn.getresponse()
    body = _read_until(response, time.monotonic() + PAGE_TIMEOUT) if read else ""
    return response.status, dict(response.getheaders()), body, conn


def _read_until(response: http.client.HTTPResponse, deadline: float) -> str:
    """The body, read in chunks: Voilà keeps a page's connection alive with heartbeats,
    so a socket timeout alone never ends a page whose notebook hangs."""
    chunks = []
    while chunk := response.read1(65536):
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise TimeoutError(f"page not complete within {PAGE_TIMEOUT} s")
    return b"".join(chunks).decode("utf-8", "replace")


def planted_folder(folder: Path) -> Path:
    """A working folder with modules named as what Voilà and the kernel import.

    Each one, if ever imported, leaves a marker file in ``folder``.
    """
    folder.mkdir()
    for name in ("voila", "ipykernel", "ipykernel_launcher", "popanalytics", "IPython"):
        marker = folder / f"{name}.ran"
        (folder / f"{name}.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    # Voilà reads voila.py / voila.json as config from its config paths (cwd by default)
    (folder / "voila.json").write_text('{"VoilaConfiguration": {"show_tracebacks": true}}')
    return folder


def test_the_bind_addresses_used_here_are_loopback():
    assert is_loopback("127.0.0.1") and is_loopback("127.0.0.2") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")


def test_loopback_serve_refuses_a_forged_host_and_answers_its_own_names(tmp_path: Path):
    with serve(cwd=tmp_path, log=tmp_path / "serve.log") as (_proc, port):
        static = "/voila/static/"
        for forged in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}"):
            status, _, _, _ = get("127.0.0.1", port, static, host_header=forged)
            assert status == 403, forged
        # the kernel websocket and the page are refused too, before any kernel starts
        for path in ("/", "/api/kernels/00000000-0000-0000-0000-000000000000/channels"):
            assert get("127.0.0.1", port, path, host_header="evil.example")[0] == 403
        for own in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"):
            status, _, _, _ = get("127.0.0.1", port, static, host_header=own)
            assert status == 404, own  # the static handler's own answer: not refused


def test_a_host_other_than_the_loopback_names_requires_the_token_printed_once(tmp_path: Path):
    host = "127.0.0.2"
    log = tmp_path / "serve.log"
    with serve("--lang", "en", cwd=tmp_path, host=host, log=log) as (proc, port):
        deadline = time.monotonic() + 30
        while "token=" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        output = log.read_text()
        opening = t("serve.open_url", "en", url=f"http://{host}:{port}/?token=")
        lines = [line for line in output.splitlines() if line.startswith(opening)]
        assert len(lines) == 1, output
        token = lines[0].removeprefix(opening).strip()
        assert len(token) >= 40
        # printed once: Voilà's own banner shows "?token=..." only
        assert output.count(token) == 1
        # 127.0.0.2 is still loopback: no "reachable from the network" warning
        assert t("serve.remote_warning", "en", host=host) not in output
        # the token is on no command line (`ps` shows those to every local user)
        for pid in _group_pids(proc.pid):
            with suppress(OSError):
                assert token not in Path(f"/proc/{pid}/cmdline").read_text()
        # without the token: sent to the log-in page, no dashboard, no kernel
        status, headers, body, _ = get(host, port, "/")
        assert status == 302 and "/login" in headers["Location"]
        assert "widget-view" not in body
        assert get(host, port, "/?token=wrong")[0] == 302
        # the Host allow-list holds here too
        assert get(host, port, f"/?token={token}", host_header="evil.example")[0] == 403
        # with the token: the dashboard page
        status, _, body, conn = get(host, port, f"/?token={token}", read=False)
        assert status == 200
        conn.close()


def test_kernel_limit_gives_a_friendly_busy_page_and_the_cwd_is_never_imported(tmp_path: Path):
    folder = planted_folder(tmp_path / "work")
    with serve("--max-kernels", "1", cwd=folder, log=tmp_path / "serve.log") as (_proc, port):
        # the first page: its kernel runs the whole notebook and stays (the page is "open")
        status, _, first, _ = get("127.0.0.1", port, "/")
        assert status == 200
        assert "application/vnd.jupyter.widget-view+json" in first
        # a second viewer while that kernel lives: a page saying so, no hang, no traceback
        status, _, second, _ = get("127.0.0.1", port, "/")
        assert status == 503
        assert t("serve.busy", "nl") in second
        assert "Traceback" not in second
    # nothing from the user's working folder was imported or read as configuration
    assert sorted(p.name for p in folder.glob("*.ran")) == []
    assert "show_tracebacks" not in (tmp_path / "serve.log").read_text()


def _group_pids(pgid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[2]) == pgid:
                    pids.append(int(entry.name))
    return pids


def test_a_limit_below_one_is_a_clear_message_before_anything_starts(
    capsys: pytest.CaptureFixture[str],
):
    assert main(["serve", "--max-kernels", "0", "--lang", "en"]) == 2
    assert capsys.readouterr().err.strip() == t("serve.bad_limit", "en", option="--max-kernels")
    assert main(["serve", "--max-upload-mb", "0"]) == 2
    assert capsys.readouterr().err.strip() == t("serve.bad_limit", "nl", option="--max-upload-mb")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_service_manager_stopping_serve_stops_voila_and_its_kernels(tmp_path: Path, signum):
    import psutil

    with serve(cwd=tmp_path, log=tmp_path / "serve.log") as (proc, port):
        status, _headers, _body, conn = get("127.0.0.1", port, "/")  # a page: a kernel
        conn.close()
        assert status == 200
        children = psutil.Process(proc.pid).children(recursive=True)
        assert children  # Voilà, and the kernel of the page
        proc.send_signal(signum)  # to serve alone, as systemd's KillMode=mixed does
        assert proc.wait(timeout=30) == 128 + signum
        _gone, alive = psutil.wait_procs(children, timeout=15)
        assert alive == []
