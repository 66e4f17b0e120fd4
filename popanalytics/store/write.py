"""Writing a snapshot atomically: into ``.tmp-<id>``, flushed, then renamed.

An import that is interrupted (crash, kill, full disk) leaves at most a
``.tmp-<id>`` folder, which readers ignore: the store lists exactly the
snapshots it had. Importing files already imported (same names, same SHA-256,
same mapping) writes nothing and names the existing snapshot.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

import popanalytics
from popanalytics.model import TABLE_NAMES, Dataset
from popanalytics.schema.quality import QualityReport
from popanalytics.store import codec
from popanalytics.store.folder import (
    DIR_MODE,
    FILE_MODE,
    ensure_store,
    fsync_dir,
    list_snapshots,
    write_private,
)
from popanalytics.store.manifest import (
    FORMAT,
    MANIFEST,
    Manifest,
    SourceInfo,
    fingerprint,
    parse,
    sha256_file,
    to_json,
)
from popanalytics.store.problems import store_error

FINDINGS = "findings"
# Tests set this to pause between files, so that a kill lands mid-import.
ENV_WRITE_DELAY = "POPANALYTICS_STORE_WRITE_DELAY"


def find_duplicate(folder: Path, key: str) -> Manifest | None:
    """The snapshot already made from the same sources and mapping, if any."""
    if not (Path(folder) / "store.json").exists():
        return None
    return next((m for m in list_snapshots(folder) if m.fingerprint == key), None)


def write_snapshot(
    folder: Path,
    dataset: Dataset,
    report: QualityReport,
    *,
    sources: Sequence[SourceInfo],
    mapping: tuple[str, str] | None = None,
    label: str | None = None,
    now: dt.datetime | None = None,
) -> tuple[Manifest, bool]:
    """Write ``dataset`` and ``report`` as a new snapshot of the store in ``folder``
    (made when missing). ``mapping`` is (file name, TOML text) of the mapping used.

    Returns the snapshot's manifest and True, or the existing snapshot of the
    same sources and mapping and False (nothing written then).
    """
    folder = ensure_store(Path(folder))
    key = fingerprint(sources, mapping[1] if mapping else None)
    existing = find_duplicate(folder, key)
    if existing is not None:
        return existing, False
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    snapshot_id = f"{now:%Y%m%dT%H%M%SZ}-{key[:8]}"
    tmp = folder / f".tmp-{snapshot_id}"
    try:
        tmp.mkdir(mode=DIR_MODE)
        files: dict[str, Any] = {}
        frames = [(t, dataset.table(t)) for t in TABLE_NAMES] + [(FINDINGS, report.findings)]
        for name, frame in frames:
            files[f"{name}.parquet"] = _write_frame(tmp / f"{name}.parquet", frame)
            _pause()
        raw = {
            "kind": "popanalytics-snapshot",
            "format": FORMAT,
            "id": snapshot_id,
            "label": label,
            "imported_at": now.isoformat(),
            "package_version": popanalytics.__version__,
            "sources": [{"name": s.name, "size": s.size, "sha256": s.sha256} for s in sources],
            "mapping": ({"name": mapping[0], "text": mapping[1]} if mapping is not None else None),
            "fingerprint": key,
            "rows": {
                t: {"read": c.read, "used": c.used, "quarantined": c.quarantined}
                for t, c in report.counts.items()
            },
            "present": {t: sorted(cols) for t, cols in dataset.present.items()},
            "dataset_sources": list(dataset.sources),
            "unrecognised": [[file, sheet] for file, sheet in report.unrecognised],
            "files": files,
        }
        write_private(tmp / MANIFEST, to_json(raw))
        fsync_dir(tmp)
        os.rename(tmp, folder / snapshot_id)
        fsync_dir(folder)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise store_error("unreadable", folder, detail=exc.strerror or exc) from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return parse(raw), True


def _write_frame(path: Path, frame: pd.DataFrame) -> dict[str, Any]:
    table, dtypes = codec.encode(frame)
    pq.write_table(table, path)
    os.chmod(path, FILE_MODE)
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
    return {"sha256": sha256_file(path), "rows": table.num_rows, "dtypes": dtypes}


def _pause() -> None:
    delay = os.environ.get(ENV_WRITE_DELAY, "")
    if delay:
        time.sleep(float(delay))
