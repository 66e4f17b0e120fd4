"""Where the dashboard starts: the reference date it opens on."""

from __future__ import annotations

import datetime as dt

from popanalytics.dashboard.sources import default_reference_date
from popanalytics.demo import DEMO_TODAY


def test_own_data_opens_on_today():
    today = dt.date(2027, 3, 1)
    assert default_reference_date(is_demo=False, today=today) == today


def test_demo_opens_on_its_own_today_once_the_calendar_has_passed_it():
    later = DEMO_TODAY + dt.timedelta(days=400)
    assert default_reference_date(is_demo=True, today=later) == DEMO_TODAY


def test_demo_opens_on_today_before_its_own_today():
    earlier = DEMO_TODAY - dt.timedelta(days=10)
    assert default_reference_date(is_demo=True, today=earlier) == earlier
