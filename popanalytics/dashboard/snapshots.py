"""The dashboard on a snapshot store: which snapshots there are, opening one, and the
one before it (for "since the previous import"), each opened at most once per page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from popanalytics.store import Manifest, list_snapshots


@dataclass
class SnapshotSource:
    """A store the page reads from; ``current`` is the id shown now (None: an upload)."""

    store: Path
    current: str | None = None
    _manifests: list[Manifest] | None = field(default=None, repr=False)
    _opened: dict[str, Any] = field(default_factory=dict, repr=False)

    def manifests(self) -> list[Manifest]:
        """The store's snapshots, newest first (listed once; `refresh` after a save)."""
        if self._manifests is None:
            self._manifests = list_snapshots(self.store)
        return self._manifests

    def refresh(self) -> None:
        self._manifests = None

    def manifest(self, snapshot: str | None = None) -> Manifest | None:
        wanted = snapshot or self.current
        return next((m for m in self.manifests() if m.id == wanted), None)

    def open(self, snapshot: str) -> Any:
        """`Loaded` of a snapshot; kept, so switching back and forth reads it once.
        Only the shown snapshot and the one before it are kept (memory)."""
        if snapshot not in self._opened:
            from popanalytics.dataset import load_snapshot

            self._opened[snapshot] = load_snapshot(self.store, snapshot)
        keep = {self.current, snapshot}
        before = self.previous(self.current)
        if before is not None:
            keep.add(before.id)
        for stale in set(self._opened) - keep:
            del self._opened[stale]
        return self._opened[snapshot]

    def previous(self, snapshot: str | None) -> Manifest | None:
        """The snapshot imported just before ``snapshot`` (None for the oldest)."""
        ids = [m.id for m in self.manifests()]
        if snapshot not in ids:
            return None
        at = ids.index(snapshot)
        return self.manifests()[at + 1] if at + 1 < len(ids) else None


def imported_on(manifest: Manifest) -> dt.date:
    """The day (local time) a snapshot was imported: the day its data was known."""
    return manifest.imported_at.astimezone().date()
