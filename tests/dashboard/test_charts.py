"""Chart builders: traces from the figures frame, labels in both languages, "< k" kept hidden."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from popanalytics import charts
from popanalytics.i18n import t
from popanalytics.metrics import FIGURE_COLUMNS

# the rows below give every figure column but "suppressed", which frame() adds
COLUMNS = [c for c in FIGURE_COLUMNS if c != "suppressed"]


def frame(rows: list[tuple], suppressed: list[bool] | None = None) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["suppressed"] = suppressed if suppressed is not None else [False] * len(out)
    return out


@pytest.fixture
def grouped() -> pd.DataFrame:
    rows = []
    for group, held, planned, missed, n in (
        ("all", 30, 5, 4, 40),
        ("Keuken", 20, 3, 1, 36),
        ("Zorg", 10, 2, 3, 4),
    ):
        rows += [
            ("conversations_held", group, None, None, held, n, np.nan, n),
            ("conversations_planned", group, None, None, planned, n, np.nan, n),
            ("conversations_missed", group, None, None, missed, n, np.nan, n),
            ("coverage_any", group, None, None, held, n, held / n, n),
            ("agreements_completion", group, None, None, 5, 10, 0.5, n),
            ("agreements_on_time", group, None, None, 3, 4, 0.75, n),
        ]
    rows += [
        ("agreements_mix", "all", "category", "training", 7, 10, 0.7, 40),
        ("agreements_mix", "all", "category", "coaching", 3, 10, 0.3, 40),
        ("agreements_overdue", "Keuken", "bucket", "31-90", 4, 36, np.nan, 36),
        ("agreements_overdue", "Keuken", "bucket", "1-30", 2, 36, np.nan, 36),
        ("agreements_overdue", "Keuken", "bucket", ">180", 1, 36, np.nan, 36),
    ]
    return frame(rows)


def bar_names(fig: go.Figure) -> list[str]:
    return [trace.name for trace in fig.data]


def test_coverage_status_stacks_held_planned_missed_per_group(grouped):
    fig = charts.coverage_status(grouped, "any", "nl")
    assert bar_names(fig) == [
        t("dash.series.held", "nl"),
        t("dash.series.planned", "nl"),
        t("dash.series.missed", "nl"),
    ]
    held = fig.data[0]
    assert list(held.x) == ["Keuken", "Zorg"]
    assert list(held.y) == [20, 10]
    assert fig.layout.barmode == "stack"


def test_chart_labels_follow_the_language(grouped):
    nl = charts.coverage_status(grouped, "any", "nl")
    en = charts.coverage_status(grouped, "any", "en")
    assert nl.layout.title.text != en.layout.title.text
    assert t("conversation_type.any", "en") in en.layout.title.text
    assert en.data[0].name == "Conversations held"
    assert nl.data[0].name == "Gesprekken gehouden"
    assert nl.layout.separators == ",."
    assert en.layout.separators == ".,"


def test_rates_are_formatted_nl_be_in_bar_texts(grouped):
    fig = charts.rates_per_group(
        grouped, ("agreements_completion", "agreements_on_time"), "nl", "x"
    )
    assert list(fig.data[0].text) == ["50,0 %", "50,0 %"]
    assert list(fig.data[1].text) == ["75,0 %", "75,0 %"]
    assert fig.data[0].name == t("metric.agreements_completion", "nl")


def test_suppressed_group_shows_less_than_k_and_no_value(grouped):
    hidden = grouped.copy()
    small = hidden["group"] == "Zorg"
    hidden.loc[small, ["numerator", "denominator", "rate"]] = np.nan
    hidden["suppressed"] = small
    fig = charts.coverage_status(hidden, "any", "nl", k=5)
    held = fig.data[0]
    assert list(held.text) == ["20", "< 5"]
    assert list(held.y) == [20, 0]
    assert charts.suppression_note(fig) == t("dash.chart.suppressed_note", "nl", k=5)
    # the fully hidden group is marked on the axis
    assert [(a.x, a.text) for a in fig.layout.annotations] == [("Zorg", "< 5")]


def test_no_suppression_note_when_nothing_is_hidden(grouped):
    assert charts.suppression_note(charts.coverage_status(grouped, "any", "nl")) is None


def test_mix_labels_categories_in_the_language(grouped):
    fig = charts.mix(grouped, "agreements_mix", "category", "en", "Mix")
    assert set(fig.data[0].y) == {"Training", "Coaching"}
    fig_nl = charts.mix(grouped, "agreements_mix", "category", "nl", "Mix")
    assert set(fig_nl.data[0].y) == {"Opleiding", "Coaching"}


def test_overdue_buckets_are_ordered_by_days(grouped):
    fig = charts.overdue_buckets(grouped, "nl")
    assert bar_names(fig) == ["1-30 dagen", "31-90 dagen", ">180 dagen"]


def test_empty_frame_gives_a_no_data_note_not_an_error():
    empty = frame([])
    for fig in (
        charts.coverage_status(empty, "any", "en"),
        charts.rates_per_group(empty, ("agreements_completion",), "en", "x"),
        charts.training_heatmap(empty, "en"),
        charts.training_funnel(empty, "en"),
        charts.process_heatmap(empty, "en"),
        charts.overdue_buckets(empty, "en"),
    ):
        assert [a.text for a in fig.layout.annotations][-1] == "No data for this selection"


def test_training_funnel_counts_needs_at_or_beyond_each_stage():
    rows = [
        ("training_needs", "all", "status", status, n, 10, np.nan, 10)
        for status, n in (
            ("requested", 4),
            ("approved", 3),
            ("planned", 2),
            ("completed", 1),
            ("rejected", 5),
        )
    ]
    fig = charts.training_funnel(frame(rows), "nl")
    assert list(fig.data[0].x) == [10, 6, 3, 1]


def test_training_heatmap_hides_suppressed_cells():
    rows = [
        ("training_needs", "Keuken", "theme", "Hygiëne", 6, 20, np.nan, 20),
        ("training_needs", "Zorg", "theme", "Hygiëne", np.nan, np.nan, np.nan, 2),
    ]
    fig = charts.training_heatmap(frame(rows, [False, True]), "nl", k=5)
    heat = fig.data[0]
    assert list(heat.y) == ["Keuken", "Zorg"]
    assert heat.text[1][0] == "< 5"
    assert np.isnan(heat.z[1][0])


def test_a_heatmap_whose_cells_are_all_hidden_still_draws_its_k_tiles():
    rows = [
        ("training_needs", "Keuken", "theme", "Hygiëne", np.nan, np.nan, np.nan, 3),
        ("training_needs", "Zorg", "theme", "Hygiëne", np.nan, np.nan, np.nan, 2),
    ]
    fig = charts.training_heatmap(frame(rows, [True, True]), "nl", k=5)
    tiles = fig.data[-1]
    assert [list(r) for r in tiles.z] == [[1.0], [1.0]]
    assert [list(r) for r in tiles.text] == [["< 5"], ["< 5"]]


def test_coverage_trend_draws_one_line_per_type_over_cycles():
    rows, cycles = [], []
    for cycle, rate in (("2024", 0.5), ("2025", 0.6)):
        for kind in charts.COVERAGE_TYPES:
            rows.append((f"coverage_{kind}", "all", None, None, rate * 10, 10, rate, 10))
            cycles.append(cycle)
    trend = frame(rows).assign(cycle=cycles)
    fig = charts.coverage_trend(trend, "nl")
    assert len(fig.data) == 4
    assert list(fig.data[0].x) == ["2024", "2025"]
    assert list(fig.data[0].y) == [0.5, 0.6]
