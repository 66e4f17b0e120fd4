"""Files in, validated `Dataset` and `QualityReport` out: the one loading entry point.

The CLI and the dashboard both call `load`; it reads the sources (io) and
validates them (schema), telling a progress callback how far it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from popanalytics.model import Dataset
from popanalytics.schema.quality import QualityReport

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


def _silent(fraction: float, label: str) -> None:
    return None
