"""The manifest of a snapshot, and the fingerprints of the files it came from."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT = 1  # the store format this version writes and the newest it reads
MANIFEST = "manifest.json"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class SourceInfo:
    """One source file of an import: name, size in bytes and SHA-256."""

    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """What ``manifest.json`` says about a snapshot (``raw`` is the whole JSON)."""

    id: str
    imported_at: dt.datetime
    label: str | None
    sources: tuple[SourceInfo, ...]
    rows: dict[str, dict[str, int]]
    package_version: str
    fingerprint: str
    raw: Mapping[str, Any] = field(repr=False, compare=False)

    @property
    def title(self) -> str:
        """How a person names the snapshot: its label, else its id."""
        return self.label or self.id

    @property
    def employees(self) -> int:
        return int(self.rows.get("employees", {}).get("used", 0))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def source_info(name: str, path: Path | None = None, data: bytes | None = None) -> SourceInfo:
    """The fingerprint of one source, from disk or from bytes (an upload)."""
    if data is not None:
        return SourceInfo(name, len(data), hashlib.sha256(data).hexdigest())
    assert path is not None
    return SourceInfo(name, path.stat().st_size, sha256_file(path))


def fingerprint(sources: Iterable[SourceInfo], mapping_text: str | None) -> str:
    """One hash of what an import read: the sources' names and hashes (order
    not counted) and the mapping. Same fingerprint = same import."""
    digest = hashlib.sha256()
    for source in sorted(sources, key=lambda s: (s.name, s.sha256)):
        digest.update(f"{source.name}\0{source.sha256}\n".encode())
    digest.update(b"mapping\0" + (mapping_text or "").encode())
    return digest.hexdigest()


def to_json(manifest: Mapping[str, Any]) -> bytes:
    return json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()


def parse(raw: Mapping[str, Any]) -> Manifest:
    """The manifest's JSON as a `Manifest` (KeyError/ValueError when malformed)."""
    return Manifest(
        id=str(raw["id"]),
        imported_at=dt.datetime.fromisoformat(raw["imported_at"]),
        label=raw.get("label") or None,
        sources=tuple(SourceInfo(s["name"], int(s["size"]), s["sha256"]) for s in raw["sources"]),
        rows={t: {k: int(v) for k, v in c.items()} for t, c in raw["rows"].items()},
        package_version=str(raw["package_version"]),
        fingerprint=str(raw["fingerprint"]),
        raw=raw,
    )
