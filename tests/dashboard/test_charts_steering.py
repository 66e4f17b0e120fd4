"""The steering charts: sorted rates with the organisation line and lagging
groups highlighted, "< k" where hidden, and the projection's dotted end point."""

from __future__ import annotations

import datetime as dt

from popanalytics import charts_steering
from popanalytics.charts import MISSED, PRIMARY, suppression_note
from popanalytics.demo import demo_dataset
from popanalytics.metrics import Params, figures
from popanalytics.metrics.progress import progress

PARAMS = Params(cycle_year=2026, reference_date=dt.date(2026, 6, 30), group_by="department")
DATA = demo_dataset(employees=120)


def test_rates_are_sorted_highest_first_and_laggards_highlighted() -> None:
    frame = figures(DATA, PARAMS)
    fig = charts_steering.coverage_rates(frame, "any", "department", "nl", target=0.8)
    bar = fig.data[0]
    shown = [x for x in bar.x]
    assert shown == sorted(shown, reverse=True)
    org = frame.query("metric == 'coverage_any' and group == 'all'")["rate"].iloc[0]
    for rate, colour in zip(bar.x, bar.marker.color, strict=True):
        assert colour == (MISSED if org - rate > 0.10 + 1e-9 else PRIMARY)
    lines = [s.x0 for s in fig.layout.shapes]
    assert org in lines and 0.8 in lines  # the organisation and the target


def test_management_rates_show_less_than_k_and_the_note() -> None:
    frame = figures(DATA, PARAMS.with_(audience="management"))
    fig = charts_steering.coverage_rates(frame, "any", "department", "en")
    hidden = frame.query("metric == 'coverage_any' and group != 'all'")["suppressed"]
    assert hidden.any()
    assert sum(text == "< 5" for text in fig.data[0].text) == int(hidden.sum())
    assert suppression_note(fig)


def test_progress_curve_ends_in_a_dotted_projection_at_the_cycles_last_week() -> None:
    result = progress(DATA, PARAMS, "development")
    fig = charts_steering.progress_curve(result, "nl", target=0.9)
    projection = fig.data[-1]
    assert projection.line.dash == "dot"
    assert list(projection.x) == [26, 53]
    assert projection.y[-1] == result.total_projection["rate"]
    assert [s.y0 for s in fig.layout.shapes] == [0.9]
