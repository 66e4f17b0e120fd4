"""Fixtures for the schema tests."""

from __future__ import annotations

import datetime as dt

import pytest
from schema_builders import TODAY, MakeRaw, raw_table


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def make_raw() -> MakeRaw:
    return raw_table
