"""Retention: remove snapshots, by count kept or by id, each removal atomic.

A snapshot is first renamed to ``.del-<id>`` (from then on no reader sees it)
and only then deleted, so an interrupted removal never leaves half a snapshot
that looks complete. What a crash left behind (a ``.del-`` folder, a ``.tmp-``
folder untouched for an hour) goes too: readers never saw it, but it holds
employee data on disk that nobody would otherwise remove.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from popanalytics.store.folder import check_store, fsync_dir, list_snapshots
from popanalytics.store.problems import store_error

# an import writes its .tmp- folder within minutes (75 s at 50,000 employees); one
# untouched for an hour is a crash's leftover, not an import running elsewhere
STALE_SECONDS = 3600


def forget(folder: Path, *, keep: int | None = None, snapshot: str | None = None) -> list[str]:
    """Remove snapshot ``snapshot`` (complete or not), or all but the newest
    ``keep``; the ids removed. Everything is checked before anything is removed."""
    folder = check_store(Path(folder))
    if snapshot is not None:
        if snapshot.startswith(".") or "/" in snapshot or not (folder / snapshot).is_dir():
            raise store_error("unknown_snapshot", folder, snapshot=snapshot)
        doomed = [snapshot]
    else:
        if keep is None or keep < 1:
            raise store_error("keep", folder)
        doomed = [m.id for m in list_snapshots(folder)[keep:]]
    for snapshot_id in doomed:
        trash = folder / f".del-{snapshot_id}"
        try:
            os.rename(folder / snapshot_id, trash)
            fsync_dir(folder)
        except OSError as exc:
            raise store_error("unreadable", folder, detail=exc.strerror or exc) from exc
        shutil.rmtree(trash, ignore_errors=True)
    for leftover in leftovers(folder, time.time()):
        shutil.rmtree(leftover, ignore_errors=True)
    return doomed


def leftovers(folder: Path, now: float) -> list[Path]:
    """The store's crash leftovers: ``.del-`` folders, and ``.tmp-`` folders not
    written to for STALE_SECONDS (an import running now is left alone)."""

    def stale(entry: Path) -> bool:
        return now - entry.stat().st_mtime > STALE_SECONDS

    return [
        entry
        for entry in folder.iterdir()
        if entry.is_dir()
        and not entry.is_symlink()
        and (entry.name.startswith(".del-") or (entry.name.startswith(".tmp-") and stale(entry)))
    ]
