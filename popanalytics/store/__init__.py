"""The snapshot store: validated tables written once as Parquet, opened many times.

A store is a folder (0700) holding ``store.json`` and one folder per snapshot
(files 0600): the four validated tables and the findings of the quality report
as Parquet, and ``manifest.json`` (id, import time, source files with size and
SHA-256, row accounting, mapping, package version, dtypes and hashes of every
file). It persists exactly what ``schema`` produced and gives a ``Dataset`` and
``QualityReport`` back; it knows Parquet and manifests, not metrics.

Modules: ``problems`` (fatal messages), ``codec`` (frame <-> Arrow, dtypes
kept), ``manifest`` (the manifest and source fingerprints), ``folder`` (the
store folder: create, check, list), ``write`` (atomic snapshot writing),
``read`` (opening and verifying a snapshot), ``forget`` (retention).
"""

from popanalytics.store.folder import list_snapshots, newest_snapshot
from popanalytics.store.forget import forget
from popanalytics.store.manifest import FORMAT, Manifest, SourceInfo, fingerprint
from popanalytics.store.read import Snapshot, open_snapshot, previous_snapshot
from popanalytics.store.write import find_duplicate, write_snapshot

__all__ = [
    "FORMAT",
    "Manifest",
    "Snapshot",
    "SourceInfo",
    "find_duplicate",
    "fingerprint",
    "forget",
    "list_snapshots",
    "newest_snapshot",
    "open_snapshot",
    "previous_snapshot",
    "write_snapshot",
]
