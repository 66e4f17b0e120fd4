"""A demo store shared by the store tests (the demo is read and validated once)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # cli_runner

from cli_runner import DEMO

from popanalytics.dataset import Loaded, import_to_store, load


@pytest.fixture(scope="session")
def demo_loaded() -> Loaded:
    return load([DEMO])


@pytest.fixture(scope="session")
def demo_store_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("master") / "store"
    import_to_store([DEMO], store, label="demo")
    return store


@pytest.fixture
def demo_store(demo_store_master: Path, tmp_path: Path) -> Path:
    """A private copy of a store holding one snapshot of the demo (tests may damage it)."""
    store = tmp_path / "store"
    shutil.copytree(demo_store_master, store)
    return store
