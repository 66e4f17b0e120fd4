"""Where the dashboard's data comes from: the environment set by `popanalytics serve`,
the embedded demo, or files uploaded in the page (kept in memory only)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from popanalytics.errors import PopError
from popanalytics.i18n import LANGS, t

ENV_DATA = "POPANALYTICS_DATA"
ENV_MAPPING = "POPANALYTICS_MAPPING"
ENV_CYCLE = "POPANALYTICS_CYCLE"
ENV_REFERENCE_DATE = "POPANALYTICS_REFERENCE_DATE"
ENV_LANG = "POPANALYTICS_LANG"
ENV_STORE = "POPANALYTICS_STORE"  # a snapshot store: the page opens its snapshot
ENV_SNAPSHOT = "POPANALYTICS_SNAPSHOT"  # which one (default: the newest)

Progress = Callable[..., None]
T = TypeVar("T")


def demo_path() -> Path:
    """The demo workbook shipped with the package (package data)."""
    from popanalytics.demo import demo_workbook_path

    return demo_workbook_path()


@dataclass(frozen=True)
class Settings:
    """What `popanalytics serve` passes to the kernel."""

    data: tuple[str, ...] = ()
    mapping: str | None = None
    cycle: int | None = None
    reference_date: dt.date | None = None
    lang: str = "nl"
    store: str | None = None
    snapshot: str | None = None


def settings_from(environ: Mapping[str, str]) -> Settings:
    """Read the serve parameters; a bad value is a PopError the page can show."""
    lang = environ.get(ENV_LANG, "nl")
    return Settings(
        data=_setting(environ, ENV_DATA, lambda raw: tuple(str(x) for x in json.loads(raw))) or (),
        mapping=environ.get(ENV_MAPPING) or None,
        cycle=_setting(environ, ENV_CYCLE, int),
        reference_date=_setting(environ, ENV_REFERENCE_DATE, dt.date.fromisoformat),
        lang=lang if lang in LANGS else "nl",
        store=environ.get(ENV_STORE) or None,
        snapshot=environ.get(ENV_SNAPSHOT) or None,
    )


def _setting(environ: Mapping[str, str], name: str, parse: Callable[[str], T]) -> T | None:
    """One parameter, None when unset; the message names the setting and its value
    (never Python's own exception text)."""
    raw = environ.get(name, "").strip()
    if not raw:
        return None
    try:
        return parse(raw)
    except (ValueError, TypeError) as exc:
        raise PopError(
            t("dash.error.settings", "nl", name=name, value=raw),
            t("dash.error.settings", "en", name=name, value=raw),
        ) from exc


def load_sources(
    sources: Sequence[Any], mapping: str | None = None, progress: Progress | None = None
) -> Any:
    """dataset.load: files or (name, bytes) pairs → Loaded(dataset, report); PopError when fatal."""
    from popanalytics.dataset import load

    return load(list(sources), mapping, progress=progress)


def load_initial(settings: Settings, progress: Progress | None = None) -> tuple[Any, str]:
    """The data the page opens on and its label: the store's snapshot, the given files,
    else the demo ("")."""
    if settings.store:
        return load_snapshot(settings.store, settings.snapshot)
    if settings.data:
        loaded = load_sources(settings.data, settings.mapping, progress)
        return loaded, ", ".join(Path(p).name for p in settings.data)
    demo = demo_path()
    if demo.exists():
        return load_sources([demo], None, progress), ""
    from popanalytics.dataset import Loaded
    from popanalytics.demo import demo_dataset
    from popanalytics.schema.quality import QualityReport

    return Loaded(demo_dataset(), QualityReport()), ""


def load_snapshot(store: str, snapshot: str | None = None) -> tuple[Any, str]:
    """A snapshot of the store (default: the newest) and its label; PopError when it
    cannot be read."""
    from popanalytics.dataset import load_snapshot as load

    loaded = load(store, snapshot)
    assert loaded.snapshot is not None
    return loaded, loaded.snapshot.title


def release_freed_memory() -> None:
    """Give memory freed while loading back to the OS (glibc keeps it otherwise):
    each page view's kernel then holds only what it uses. A no-op elsewhere."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def default_reference_date(is_demo: bool, today: dt.date | None = None) -> dt.date:
    """Today; for the demo organisation at most its own "today", so that the demo's
    current cycle does not run empty once the calendar has moved past it."""
    from popanalytics.demo import DEMO_TODAY

    today = today or dt.date.today()
    return min(today, DEMO_TODAY) if is_demo else today


def uploaded_files(value: Sequence[Mapping[str, Any]]) -> list[tuple[str, bytes]]:
    """The FileUpload widget's value as (name, bytes) sources for dataset.load."""
    return [(str(f["name"]), bytes(f["content"])) for f in value]


def scoped_loaded(loaded: Any, scoped: Any) -> Any:
    """``loaded`` with the user's scoped dataset and the snapshot it came from;
    the quality report (row findings that may name anyone) is kept for unscoped hr
    only."""
    from popanalytics.dataset import Loaded
    from popanalytics.schema.quality import QualityReport

    access = scoped.access
    report = loaded.report if access.role == "hr" and not access.scoped else QualityReport()
    return Loaded(scoped.dataset, report, snapshot=loaded.snapshot)
