"""KPI tiles, tables and the download link: what the user reads, and that user text stays text."""

from __future__ import annotations

import base64
import math

import pandas as pd
import pytest

from popanalytics.dashboard.components import KpiTile, html_table, kpi_value_text
from popanalytics.dashboard.views.export import download_link


def row(
    numerator: float, denominator: float, rate: float = math.nan, suppressed: bool = False
) -> pd.Series:
    return pd.Series(
        {"numerator": numerator, "denominator": denominator, "rate": rate, "suppressed": suppressed}
    )


@pytest.mark.parametrize(
    ("figure", "lang", "text"),
    [
        (row(42, 57, 42 / 57), "nl", "73,7 %"),
        (row(42, 57, 42 / 57), "en", "73.7%"),
        (row(1250, 300), "nl", "1.250"),
        (row(1250, 300), "en", "1,250"),
        (row(math.nan, math.nan, suppressed=True), "nl", "< 5"),
        (None, "nl", "–"),
    ],
)
def test_tile_value_is_the_rate_else_the_count_and_less_than_k_when_hidden(figure, lang, text):
    assert kpi_value_text(figure, lang, k=5) == text


def test_tile_shows_n_of_n_for_rates_and_employees_for_counts():
    tile = KpiTile("coverage_any")
    tile.update("Dekking", row(42, 57, 42 / 57), "nl", 5)
    assert "42 / 57" in tile.widget.value
    count = KpiTile("agreements_overdue")
    count.update("Achterstallig", row(12, 300), "nl", 5)
    assert "300 medewerkers" in count.widget.value
    assert {"pop-kpi", "pop-kpi-agreements_overdue"} <= set(count.widget._dom_classes)


@pytest.mark.parametrize(
    ("metric", "now", "before", "css"),
    [
        ("coverage_any", row(6, 10, 0.6), row(5, 10, 0.5), "pop-delta-good"),
        ("agreements_overdue", row(30, 100), row(20, 100), "pop-delta-bad"),
        ("agreements_overdue", row(10, 100), row(20, 100), "pop-delta-good"),
        ("training_cost", row(900, 100), row(100, 100), "pop-delta-flat"),
    ],
)
def test_delta_colour_says_whether_the_change_is_good_news(metric, now, before, css):
    tile = KpiTile(metric)
    tile.update("x", now, "nl", 5)
    tile.update_delta(now, before, "2025", "nl")
    assert css in tile.widget.value
    assert "t.o.v. 2025" in tile.widget.value


def test_rate_delta_is_in_percentage_points():
    tile = KpiTile("coverage_any")
    tile.update_delta(row(6, 10, 0.6), row(5, 10, 0.5), "2025", "nl")
    assert "▲ 10,0 ptn t.o.v. 2025" in tile.widget.value


def test_no_delta_against_a_hidden_previous_cycle():
    tile = KpiTile("coverage_any")
    tile.update_delta(row(6, 10, 0.6), row(math.nan, math.nan, suppressed=True), "2025", "nl")
    assert "geen vergelijking met 2025" in tile.widget.value


def test_table_cells_are_escaped_so_user_text_never_becomes_markup():
    frame = pd.DataFrame({"name": ["<script>alert(1)</script>"], "days": [3]})
    out = html_table(frame, [("name", "Naam"), ("days", "Dagen")], numeric=("days",))
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert '<td class="pop-num">3</td>' in out


def test_download_link_carries_the_bytes_inline_with_a_file_name():
    link = download_link(b"PK\x03\x04data", 'pop "overzicht".xlsx', "Download")
    payload = link.split("base64,")[1].split('"')[0]
    assert base64.b64decode(payload) == b"PK\x03\x04data"
    assert 'download="pop &quot;overzicht&quot;.xlsx"' in link
