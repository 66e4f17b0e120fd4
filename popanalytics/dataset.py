"""Files or a store in, validated `Dataset` and `QualityReport` out: the one loading
entry point.

The CLI and the dashboard both call `load`; it reads the sources (io) and
validates them (schema), telling a progress callback how far it is.
`load_snapshot` opens a snapshot of a store instead (no parsing, no
validation: the store holds validated tables), and `import_to_store` reads and
validates once and writes the snapshot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from popanalytics.model import Dataset
from popanalytics.schema.quality import QualityReport

if TYPE_CHECKING:
    from popanalytics.store import Manifest

# progress(fraction 0..1, label key of the step that starts)
Progress = Callable[[float, str], None]
# what popanalytics.io.read_sources accepts: paths, folders, (name, bytes)
# uploads, one or a sequence of them; io checks them
Sources = Any


@dataclass(frozen=True)
class Loaded:
    """A validated data set and the report of what was used, repaired or rejected."""

    dataset: Dataset
    report: QualityReport
    # the snapshot it was read from (None: read from files or uploads)
    snapshot: Manifest | None = None


def load(
    sources: Sources,
    mapping: str | Path | None = None,
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Loaded:
    """Read ``sources`` (files, a folder, uploads; see `popanalytics.io.read_sources`)
    with an optional user ``mapping`` and validate them as of ``today``.

    Raises `PopError` on a fatal problem (unreadable file, no employee table,
    a required column missing, no usable employee).
    """
    # imported here so that importing this module (for `Loaded`) stays cheap:
    # io pulls in the Excel engines, validation pulls in pandera
    from popanalytics.io import read_sources_with_skipped
    from popanalytics.schema import validate

    report = progress or _silent
    report(0.0, "quality.progress.reading")
    raw, skipped = read_sources_with_skipped(sources, mapping)
    report(0.6, "quality.progress.validating")
    dataset, quality = validate(raw, today=today, unrecognised=skipped)
    report(1.0, "quality.progress.done")
    return Loaded(dataset, quality)


def load_snapshot(store: str | Path, snapshot: str | None = None) -> Loaded:
    """Snapshot ``snapshot`` (default: the newest) of the store in folder ``store``.

    Raises `PopError` naming the folder when it is no store, the snapshot does
    not exist or is incomplete, a file does not match its manifest, or a newer
    version wrote the store.
    """
    from popanalytics.store import open_snapshot

    opened = open_snapshot(Path(store), snapshot)
    return Loaded(opened.dataset, opened.report, opened.manifest)


@dataclass(frozen=True)
class Imported:
    """What `import_to_store` did: the snapshot, and whether it is new."""

    manifest: Manifest
    created: bool


def import_to_store(
    sources: Sources,
    store: str | Path,
    mapping: str | Path | None = None,
    *,
    label: str | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Imported:
    """Read and validate ``sources`` as `load` does and write them as a snapshot.

    Sources already imported with the same mapping (same names and SHA-256)
    are not read again: the existing snapshot is returned, ``created`` False.
    """
    from popanalytics.io.sources import expand_sources
    from popanalytics.store import find_duplicate, fingerprint
    from popanalytics.store.folder import check_store
    from popanalytics.store.manifest import source_info
    from popanalytics.store.problems import store_error

    files = expand_sources(sources)
    infos = [source_info(f.name, f.path, f.data) for f in files]
    mapping_text = _mapping_text(mapping)
    folder = Path(store)
    # a folder that cannot take the snapshot fails before the (slow) reading
    if (folder / "store.json").exists():
        check_store(folder)
        existing = find_duplicate(folder, fingerprint(infos, mapping_text))
        if existing is not None:
            return Imported(existing, False)
    elif folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise store_error("not_a_store", folder)
    loaded = load(sources, mapping, today=today, progress=progress)
    return save_snapshot(loaded, infos, store, mapping=mapping, label=label)


def save_snapshot(
    loaded: Loaded,
    sources: Any,
    store: str | Path,
    *,
    mapping: str | Path | None = None,
    label: str | None = None,
) -> Imported:
    """Write already validated data as a snapshot; ``sources`` are the `SourceInfo`
    fingerprints of the files it was read from (see `source_fingerprints`)."""
    from popanalytics.store import write_snapshot

    text = _mapping_text(mapping)
    manifest, created = write_snapshot(
        Path(store),
        loaded.dataset,
        loaded.report,
        sources=sources,
        mapping=(Path(mapping).name, text) if mapping is not None and text is not None else None,
        label=label,
    )
    return Imported(manifest, created)


def source_fingerprints(sources: Sources) -> list[Any]:
    """Name, size and SHA-256 of every file in ``sources`` (paths, folders, uploads)."""
    from popanalytics.io.sources import expand_sources
    from popanalytics.store.manifest import source_info

    return [source_info(f.name, f.path, f.data) for f in expand_sources(sources)]


def _mapping_text(mapping: str | Path | None) -> str | None:
    if mapping is None:
        return None
    from popanalytics.io.mapping import load_mapping

    load_mapping(mapping)  # a missing or broken mapping fails here, with io's message
    return Path(mapping).read_bytes().decode("utf-8-sig")


def _silent(fraction: float, label: str) -> None:
    return None
