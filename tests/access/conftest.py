"""A real JupyterHub (`popanalytics hub`, dummy authenticator) on a store of the demo, on
127.0.0.1, shared by the live tests; Chromium as in tests/browser."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import pytest
from access_helpers import DEMO, DEMO_ROLES, REFERENCE_DATE, ROOT
from support.launch import CHROMIUM, CHROMIUM_ARGS, free_port

PASSWORD = "test-password-1"
GUEST = "gast"  # accepted by the hub, absent from the roles file


@dataclass(frozen=True)
class Hub:
    url: str
    state: Path
    proc: subprocess.Popen[bytes]

    @property
    def audit_log(self) -> Path:
        return self.state / "audit.jsonl"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": list(CHROMIUM_ARGS)}


def _descendants(pid: int) -> list[int]:
    import psutil

    with suppress(psutil.NoSuchProcess):
        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    return []


@pytest.fixture(scope="session")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    """`popanalytics hub` on a store of the demo, with the demo roles; log in
    artifacts/hub.log."""
    if not (ROOT / "deploy/jupyterhub/node_modules/.bin/configurable-http-proxy").exists():
        pytest.fail("configurable-http-proxy is not installed: run `make hub-deps`")
    port = free_port()
    state = tmp_path_factory.mktemp("hub-state")
    # served as an organisation would: the export imported once into a store
    store = tmp_path_factory.mktemp("hub-store") / "store"
    subprocess.run(
        [sys.executable, "-m", "popanalytics.cli", "import", str(DEMO), "--store", str(store)],
        cwd=ROOT, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    env = dict(os.environ)
    env.update(POPANALYTICS_HUB_PASSWORD=PASSWORD, POPANALYTICS_HUB_EXTRA_USERS=GUEST)
    (ROOT / "artifacts").mkdir(exist_ok=True)
    log = open(ROOT / "artifacts" / "hub.log", "wb")  # noqa: SIM115 - closed below
    command = [
        sys.executable, "-m", "popanalytics.cli", "hub", "--store", str(store), "--roles", str(DEMO_ROLES),
        "--authenticator", "dummy", "--port", str(port), "--state", str(state),
        "--reference-date", REFERENCE_DATE,
    ]  # fmt: skip
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_login_page(url, proc, timeout=90)
        yield Hub(url, state, proc)
    finally:
        spawned = _descendants(proc.pid)
        with suppress(ProcessLookupError):
            proc.send_signal(signal.SIGTERM)  # the hub stops its proxy and users' servers
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        for pid in spawned:  # whatever the hub did not stop (servers have their own group)
            with suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        log.close()


def _wait_for_login_page(url: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"popanalytics hub exited with {proc.returncode} (artifacts/hub.log)"
            )
        with suppress(requests.ConnectionError):
            if requests.get(f"{url}/hub/login", timeout=5).status_code == 200:
                return
        time.sleep(0.5)
    raise TimeoutError(f"no hub log-in page at {url} after {timeout:.0f} s")


@pytest.fixture(scope="session")
def logged_in(hub: Hub):
    """``logged_in(user)`` → (requests session, page head), one per user for the whole
    run: every page view starts a kernel, and a user may have 3 at a time."""
    cache: dict[str, tuple] = {}

    def get(user: str):
        if user not in cache:
            cache[user] = login_session(hub.url, user)
        return cache[user]

    return get


def login_session(url: str, user: str, timeout: float = 180):
    """A requests session logged in as ``user`` whose dashboard page has been served
    (the OAuth round trip to the user's server done); returns (session, page HTML)."""
    import requests

    session = requests.Session()
    form = session.get(f"{url}/hub/login", timeout=30).text
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form)
    assert xsrf is not None
    session.post(
        f"{url}/hub/login?next=",
        data={"username": user, "password": PASSWORD, "_xsrf": xsrf.group(1)},
        timeout=60,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        # Voilà streams the page and keeps it open with heartbeats while the notebook
        # runs: read until the kernel id is there, not until the end
        with session.get(f"{url}/user/{user}/", timeout=60, stream=True) as page:
            if page.status_code == 200:
                head = ""
                for chunk in page.iter_content(chunk_size=None, decode_unicode=True):
                    head += chunk
                    if "kernelId" in head or time.monotonic() > deadline:
                        break
                if "kernelId" in head:
                    return session, head
        time.sleep(1)
    raise TimeoutError(f"{user}'s dashboard did not open")
