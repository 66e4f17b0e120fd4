"""An import killed midway leaves the store as it was: only complete snapshots."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cli_runner import ROOT, run_cli

from popanalytics.store.write import ENV_WRITE_DELAY


def listing(store: Path) -> list[str]:
    result = run_cli("snapshots", "--store", str(store), "--json")
    assert result.returncode == 0, result.stderr
    return [s["id"] for s in json.loads(result.stdout)]


def test_an_import_killed_while_writing_leaves_only_complete_snapshots(demo_store, tmp_path):
    before = listing(demo_store)
    other = tmp_path / "other"
    assert run_cli("demo", str(other), "--employees", "30").returncode == 0
    env = {**os.environ, ENV_WRITE_DELAY: "0.4"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "popanalytics.cli",
            "import",
            str(other),
            "--store",
            str(demo_store),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        # kill it once it has written at least one table into its temporary folder
        while time.monotonic() < deadline:
            partial = [p for p in demo_store.glob(".tmp-*/*.parquet")]
            if partial:
                break
            assert proc.poll() is None, "the import ended before it was killed"
            time.sleep(0.05)
        else:
            raise AssertionError("the import never started writing")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert list(demo_store.glob(".tmp-*")), "killed mid-write: its temporary folder remains"
    assert listing(demo_store) == before
    # the store still opens on its complete snapshot, and a new import goes through
    assert run_cli("validate", "--store", str(demo_store)).returncode == 0
    assert run_cli("import", str(other), "--store", str(demo_store)).returncode == 0
    assert len(listing(demo_store)) == len(before) + 1


def test_forget_removes_a_crashs_leftovers_but_not_an_import_in_progress(demo_store):
    stale, running, trash = (demo_store / n for n in (".tmp-old", ".tmp-now", ".del-old"))
    for folder in (stale, running, trash):
        folder.mkdir()
        (folder / "employees.parquet").write_bytes(b"data of a crashed import")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(stale, (two_hours_ago, two_hours_ago))
    before = listing(demo_store)
    assert run_cli("forget", "--store", str(demo_store), "--keep", "1").returncode == 0
    assert not stale.exists() and not trash.exists()
    assert running.exists()
    assert listing(demo_store) == before
