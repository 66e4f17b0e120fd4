"""Fatal store problems as `PopError`, worded from the store label catalogue."""

from __future__ import annotations

from pathlib import Path

from popanalytics.errors import PopError
from popanalytics.i18n import t


def store_error(label: str, folder: Path | str, **values: object) -> PopError:
    """A `PopError` for label ``store.error.<label>`` naming the store ``folder``."""
    fill = {"folder": str(folder), **values}
    return PopError(
        t(f"store.error.{label}", "nl", **fill),
        t(f"store.error.{label}", "en", **fill),
        file=str(folder),
        code=f"store.{label}",
    )
