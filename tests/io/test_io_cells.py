"""Cell normalisation and the flat split, as properties over generated sheets."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from popanalytics.io.controls import strip_controls
from popanalytics.io.frames import Body, clean_cells, clean_column, column_letter, split_flat
from popanalytics.io.names import build_vocabulary, header_fields

cells = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "\t", "  \n"]),
    st.text(max_size=6),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
)


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    # a text of control characters only is blank once they are removed (issue 8)
    return isinstance(value, str) and not strip_controls(value).strip()


@given(st.lists(cells, max_size=25))
@settings(max_examples=80, deadline=None)
def test_clean_column_empties_blanks_and_makes_whole_floats_ints(values: list[object]) -> None:
    series = pd.Series(values, dtype=object, index=range(10, 10 + len(values)))
    cleaned = clean_column(series)
    assert list(cleaned.index) == list(series.index)
    for before, after in zip(values, cleaned.tolist(), strict=True):
        if isinstance(before, str):
            # control characters are removed on import (issue 8); what is left, or blank
            before = strip_controls(before)
        if _blank(before):
            assert after is None
        elif type(before) is float and before.is_integer() and abs(before) < 2.0**53:
            assert type(after) is int and after == before
        else:
            assert after is before or after == before
            assert type(after) is type(before)


@given(st.lists(st.lists(cells, min_size=3, max_size=3), max_size=15))
@settings(max_examples=60, deadline=None)
def test_clean_cells_drops_exactly_the_rows_empty_in_every_column(rows: list[list[object]]) -> None:
    frame = pd.DataFrame(rows, dtype=object, columns=[0, 1, 2], index=range(2, 2 + len(rows)))
    cleaned = clean_cells(frame)
    expected = [
        number for number, row in zip(frame.index, rows, strict=True) if not all(map(_blank, row))
    ]
    assert list(cleaned.index) == expected


def test_column_letters_follow_excel() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 51, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "ZZ",
        "AAA",
    ]


FLAT_HEADERS = ("Personeelsnummer", "Afdeling", "Datum in dienst", "Soort gesprek", "Datum gesprek")
flat_rows = st.lists(
    st.tuples(
        st.sampled_from(["001", "002", "003"]),
        st.sampled_from(["Zorg", "Keuken"]),
        st.sampled_from(["1/1/2020"]),
        st.sampled_from([None, "POP", "Beoordeling"]),
        st.sampled_from([None, "2/2/2026"]),
    ),
    max_size=20,
)


@given(flat_rows)
@settings(max_examples=60, deadline=None)
def test_flat_split_keeps_every_conversation_and_each_distinct_employee_once(
    rows: list[tuple[object, ...]],
) -> None:
    frame = pd.DataFrame(rows, dtype=object, index=range(2, 2 + len(rows)))
    body = Body(FLAT_HEADERS, clean_cells(frame))
    vocabulary = build_vocabulary()
    employees, conversations = split_flat(
        body,
        header_fields(vocabulary, "employees", FLAT_HEADERS),
        header_fields(vocabulary, "conversations", FLAT_HEADERS),
        "flat.xlsx",
        None,
    )
    with_conversation = [
        number for number, row in zip(frame.index, rows, strict=True) if row[3] or row[4]
    ]
    assert list(conversations.frame.index) == with_conversation
    emp = employees.frame
    assert not emp.duplicated().any()
    distinct = {tuple(row[:3]) for row in rows}
    assert set(map(tuple, emp.to_numpy().tolist())) == distinct
    # the kept row of each employee is its first occurrence
    for number, row in emp.iterrows():
        first = next(
            n for n, r in zip(frame.index, rows, strict=True) if tuple(r[:3]) == tuple(row)
        )
        assert number == first
