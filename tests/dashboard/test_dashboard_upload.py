"""The chunked upload: what the kernel does with the page's messages, and the too-large message."""

from __future__ import annotations

import datetime as dt

import pytest
from dashboard_fakes import FakeEngine
from hypothesis import given
from hypothesis import strategies as st

from popanalytics.dashboard.app import Dashboard
from popanalytics.dashboard.limits import MB
from popanalytics.dashboard.state import DashboardState, Filters
from popanalytics.dashboard.upload import ChunkedUpload, too_large_error
from popanalytics.dataset import Loaded
from popanalytics.demo import demo_dataset
from popanalytics.schema.quality import QualityReport


def meta(name: str, size: int) -> dict[str, object]:
    return {"name": name, "type": "text/csv", "size": size, "last_modified": 1_764_000_000_000}


def send(widget: ChunkedUpload, files: dict[str, bytes], chunk: int) -> None:
    """What the page sends for ``files``: start, the content in chunks, end."""
    # (the comm layer calls the handlers registered with on_msg like this)
    widget._on_msg(
        widget, {"kind": "start", "files": [meta(n, len(b)) for n, b in files.items()]}, []
    )
    for i, content in enumerate(files.values()):
        for offset in range(0, len(content), chunk):
            widget._on_msg(
                widget, {"kind": "chunk", "file": i}, [memoryview(content[offset : offset + chunk])]
            )
    widget._on_msg(widget, {"kind": "end"}, [])


@given(
    contents=st.lists(st.binary(max_size=300), min_size=1, max_size=4),
    chunk=st.integers(min_value=1, max_value=64),
)
def test_chunks_are_reassembled_into_the_files_sent(contents: list[bytes], chunk: int):
    widget = ChunkedUpload(max_bytes=10_000)
    files = {f"f{i}.csv": c for i, c in enumerate(contents)}
    send(widget, files, chunk)
    assert [f["name"] for f in widget.value] == list(files)
    assert [bytes(f["content"]) for f in widget.value] == contents
    assert [f["size"] for f in widget.value] == [len(c) for c in contents]
    assert widget.value[0]["last_modified"].tzinfo is dt.UTC
    assert widget.rejected == ()


def test_the_page_refusing_an_upload_reports_names_and_sizes_and_loads_nothing():
    widget = ChunkedUpload(max_bytes=MB)
    widget._on_msg(widget, {"kind": "too_large", "files": [meta("groot.xlsx", 3 * MB)]}, [])
    assert widget.value == ()
    assert [(f["name"], f["size"]) for f in widget.rejected] == [("groot.xlsx", 3 * MB)]


def test_the_kernel_drops_an_upload_that_passes_the_limit_whatever_the_page_declared():
    widget = ChunkedUpload(max_bytes=100)
    # declared small, sent large: refused at the first byte past the declared size
    widget._on_msg(widget, {"kind": "start", "files": [meta("a.csv", 10)]}, [])
    widget._on_msg(widget, {"kind": "chunk", "file": 0}, [memoryview(b"x" * 50)])
    widget._on_msg(widget, {"kind": "end"}, [])
    assert widget.value == ()
    assert widget.rejected
    # declared over the limit: refused before any content
    widget.rejected = ()
    widget._on_msg(widget, {"kind": "start", "files": [meta("b.csv", 101)]}, [])
    assert widget.rejected
    # a chunk without a start is ignored
    widget._on_msg(widget, {"kind": "chunk", "file": 0}, [memoryview(b"x")])
    widget._on_msg(widget, {"kind": "end"}, [])
    assert widget.value == ()


def test_the_too_large_message_names_the_files_their_size_and_the_limit():
    error = too_large_error([meta("a.xlsx", 150 * MB), meta("b.csv", 60 * MB)], 200 * MB)
    assert error.message("nl").startswith("a.xlsx, b.csv: samen 210,0 MB")
    assert "200 MB" in error.message("nl")
    assert "210.0 MB" in error.message("en") and "limit of 200 MB" in error.message("en")


@pytest.fixture
def app() -> Dashboard:
    state = DashboardState(
        loaded=Loaded(demo_dataset(employees=60), QualityReport()),
        source="",
        filters=Filters(reference_date=dt.date(2026, 11, 15)),
        engine=FakeEngine(),
    )
    return Dashboard(state)


def test_the_dashboard_shows_a_refused_upload_in_the_users_language_and_keeps_the_data(
    app: Dashboard,
):
    loaded = app.state.loaded if app.state else None
    app.upload.rejected = (meta("groot.xlsx", 300 * MB),)
    assert "pop-error" in app.error.value
    assert "groot.xlsx" in app.error.value and "300,0 MB" in app.error.value
    assert app.state is not None and app.state.loaded is loaded
    app.lang_toggle.value = "en"
    assert "300.0 MB" in app.error.value
