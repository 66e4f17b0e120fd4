"""The store folder: created private (0700), recognised by ``store.json``, listed.

Snapshots are the sub-folders holding a ``manifest.json``; a folder whose name
starts with a dot (``.tmp-<id>`` while an import writes, ``.del-<id>`` while a
snapshot is removed) is never a snapshot, so a reader never sees half a one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from popanalytics.store.manifest import FORMAT, MANIFEST, Manifest, parse, to_json
from popanalytics.store.problems import store_error

STORE_FILE = "store.json"
KIND = "popanalytics-store"
DIR_MODE = 0o700
FILE_MODE = 0o600


def ensure_store(folder: Path) -> Path:
    """The store in ``folder``, made when the folder is missing or empty.

    A folder holding other things is refused (it is not a store), as is a
    store written by a newer version.
    """
    folder = Path(folder)
    try:
        if folder.is_dir() and (folder / STORE_FILE).exists():
            return check_store(folder)
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise store_error("not_a_store", folder)
        folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        os.chmod(folder, DIR_MODE)  # mkdir's mode is masked by the umask
        write_private(folder / STORE_FILE, to_json({"kind": KIND, "format": FORMAT}))
    except OSError as exc:
        raise store_error("unreadable", folder, detail=exc.strerror or exc) from exc
    return folder


def check_store(folder: Path) -> Path:
    """``folder`` when it is a store this version can read; a clear PopError otherwise."""
    folder = Path(folder)
    if not folder.is_dir():
        raise store_error("missing", folder)
    marker = folder / STORE_FILE
    if not marker.is_file():
        raise store_error("not_a_store", folder)
    try:
        info = json.loads(marker.read_bytes())
    except (OSError, ValueError) as exc:
        raise store_error("not_a_store", folder) from exc
    if not isinstance(info, dict) or info.get("kind") != KIND:
        raise store_error("not_a_store", folder)
    check_format(folder, info)
    return folder


def check_format(folder: Path, info: dict[str, Any]) -> None:
    """Refuse what a newer version wrote: it would be misread, not just unread."""
    found = info.get("format")
    if not isinstance(found, int) or found > FORMAT:
        raise store_error("newer", folder, found=found, supported=FORMAT)


def list_snapshots(folder: Path) -> list[Manifest]:
    """The complete snapshots of the store, newest first."""
    folder = check_store(folder)
    manifests = []
    for entry in folder.iterdir():
        if entry.name.startswith(".") or not (entry / MANIFEST).is_file():
            continue
        manifests.append(read_manifest(folder, entry.name))
    return sorted(manifests, key=lambda m: (m.imported_at, m.id), reverse=True)


def newest_snapshot(folder: Path) -> Manifest:
    snapshots = list_snapshots(folder)
    if not snapshots:
        raise store_error("empty", folder)
    return snapshots[0]


def read_manifest(folder: Path, snapshot: str) -> Manifest:
    """The manifest of snapshot ``snapshot`` (checked: format, well-formed)."""
    path = folder / snapshot / MANIFEST
    try:
        raw = json.loads(path.read_bytes())
    except FileNotFoundError as exc:
        raise store_error("incomplete", folder, snapshot=snapshot, detail=MANIFEST) from exc
    except (OSError, ValueError) as exc:
        raise store_error("incomplete", folder, snapshot=snapshot, detail=exc) from exc
    if not isinstance(raw, dict):
        raise store_error("incomplete", folder, snapshot=snapshot, detail=MANIFEST)
    check_format(folder, raw)
    try:
        return parse(raw)
    except (KeyError, ValueError, TypeError) as exc:
        raise store_error("incomplete", folder, snapshot=snapshot, detail=exc) from exc


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file readable by its owner only, and flush it to disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
