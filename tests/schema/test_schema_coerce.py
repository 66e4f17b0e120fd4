"""Parsing of Belgian cell formats into canonical values (coerce.py)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from popanalytics.model import CONVERSATION_TYPES, TABLES
from popanalytics.schema.coerce import (
    parse_bool_or_date,
    parse_bools,
    parse_dates,
    parse_enum,
    parse_numbers,
    parse_text,
)

TODAY = dt.date(2026, 6, 1)
FEB_3 = pd.Timestamp("2026-02-03")


def cells(*values: object) -> pd.Series:
    return pd.Series(list(values), dtype=object)


@pytest.mark.parametrize(
    "cell",
    [
        "03/02/2026",
        "3/2/2026",
        "3-2-26",
        "03.02.2026",
        " 03/02/2026 ",
        "2026-02-03",
        "2026-02-03 00:00:00",
        "03/02/2026 14:30",
        46056,
        46056.0,
        46056.75,
        "46056",
        dt.date(2026, 2, 3),
        dt.datetime(2026, 2, 3, 9, 15),
        pd.Timestamp("2026-02-03 17:00"),
    ],
)
def test_each_date_form_reads_as_the_third_of_february(cell: object) -> None:
    parsed = parse_dates(cells(cell), TODAY)
    assert parsed.values.iloc[0] == FEB_3
    assert not parsed.bad.iloc[0]


def test_dates_come_out_normalised_in_nanoseconds() -> None:
    parsed = parse_dates(cells(dt.datetime(2026, 2, 3, 9, 15), "3/2/2026"), TODAY)
    assert parsed.values.dtype == "datetime64[ns]"
    assert (parsed.values == parsed.values.dt.normalize()).all()


def test_ambiguous_dates_are_day_first() -> None:
    parsed = parse_dates(cells("04/05/2026", "01/02/2026"), TODAY)
    assert list(parsed.values) == [pd.Timestamp("2026-05-04"), pd.Timestamp("2026-02-01")]


def test_a_column_that_is_unambiguously_month_first_is_read_month_first() -> None:
    parsed = parse_dates(cells("04/05/2026", "02/13/2026"), TODAY)
    assert list(parsed.values) == [pd.Timestamp("2026-04-05"), pd.Timestamp("2026-02-13")]


def test_a_column_with_days_above_12_in_both_positions_stays_day_first() -> None:
    parsed = parse_dates(cells("13/02/2026", "02/13/2026"), TODAY)
    assert parsed.values.iloc[0] == pd.Timestamp("2026-02-13")
    assert parsed.bad.tolist() == [False, True]


@pytest.mark.parametrize("cell", ["31/12/9999", dt.datetime(9999, 12, 31), "9999-12-31"])
def test_a_date_beyond_what_pandas_holds_parses_as_a_far_date_for_the_range_rule(
    cell: object,
) -> None:
    parsed = parse_dates(cells(cell), TODAY)
    assert parsed.values.iloc[0].year == 2261
    assert not parsed.bad.iloc[0]


def test_two_digit_years_stay_within_two_years_ahead() -> None:
    parsed = parse_dates(cells("1/1/28", "1/1/29", "1/1/85"), TODAY)
    assert [d.year for d in parsed.values] == [2028, 1929, 1985]


@pytest.mark.parametrize(
    "cell", ["abc", "31/02/2026", "2026-13-01", True, "12/12", dt.time(9, 30), 20260203]
)
def test_a_non_date_is_bad(cell: object) -> None:
    parsed = parse_dates(cells(cell), TODAY)
    assert pd.isna(parsed.values.iloc[0])
    assert parsed.bad.iloc[0]


@pytest.mark.parametrize("cell", [None, np.nan, "", "   "])
def test_an_empty_date_cell_is_missing_not_bad(cell: object) -> None:
    parsed = parse_dates(cells(cell, "3/2/2026"), TODAY)
    assert pd.isna(parsed.values.iloc[0])
    assert not parsed.bad.iloc[0]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("0,8", 0.8),
        ("1.250,00", 1250.0),
        ("€ 1.250,00", 1250.0),
        ("€1250", 1250.0),
        ("1250 EUR", 1250.0),
        ("1,250.50", 1250.5),
        ("1.250", 1250.0),
        ("1.5", 1.5),
        ("80%", 0.8),
        ("80 %", 0.8),
        ("-3", -3.0),
        (12, 12.0),
        (4.5, 4.5),
        ("  7 ", 7.0),
    ],
)
def test_each_number_form(cell: object, expected: float) -> None:
    parsed = parse_numbers(cells(cell))
    assert parsed.values.iloc[0] == pytest.approx(expected)
    assert parsed.values.dtype == "float64"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("80%", 0.8), ("80", 0.8), (80, 0.8), ("0,8", 0.8), (1, 1.0), (1.5, 1.5), (150, 150.0)],
)
def test_a_fraction_above_1_5_up_to_100_is_a_percentage(cell: object, expected: float) -> None:
    assert parse_numbers(cells(cell), fraction=True).values.iloc[0] == pytest.approx(expected)


@pytest.mark.parametrize("cell", ["veel", "1,2,3", "12-3", True])
def test_a_non_number_is_bad(cell: object) -> None:
    parsed = parse_numbers(cells(cell))
    assert np.isnan(parsed.values.iloc[0])
    assert parsed.bad.iloc[0]


@pytest.mark.parametrize(
    "cell",
    [float("inf"), float("-inf"), "inf", "nan", "Infinity", "1" + "0" * 400],
    ids=["inf cell", "-inf cell", "inf text", "nan text", "Infinity", "400 digits"],
)
def test_a_number_that_is_not_finite_is_bad_never_a_value(cell: object) -> None:
    parsed = parse_numbers(cells(cell))
    assert np.isnan(parsed.values.iloc[0])
    assert parsed.bad.iloc[0]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("ja", True),
        ("Nee", False),
        ("j", True),
        ("N", False),
        ("yes", True),
        ("no", False),
        ("y", True),
        ("x", True),
        ("X", True),
        (1, True),
        (0, False),
        (1.0, True),
        ("1", True),
        ("0", False),
        ("waar", True),
        ("ONWAAR", False),
        ("true", True),
        ("False", False),
        ("✓", True),
        (True, True),
        (False, False),
    ],
)
def test_each_boolean_form(cell: object, expected: bool) -> None:
    parsed = parse_bools(cells(cell, "ja", "nee"))
    assert bool(parsed.values.iloc[0]) is expected
    assert str(parsed.values.dtype) == "boolean"


def test_an_empty_cell_in_a_column_of_marks_means_no() -> None:
    assert parse_bools(cells("x", None, " X ", "")).values.tolist() == [True, False, True, False]


def test_an_empty_cell_in_a_yes_no_column_stays_unknown() -> None:
    values = parse_bools(cells("ja", None, "nee")).values
    assert values.iloc[0] and pd.isna(values.iloc[1])


def test_a_non_boolean_is_bad() -> None:
    assert parse_bools(cells("misschien", "ja")).bad.tolist() == [True, False]


def test_a_signature_date_means_signed_on_that_date() -> None:
    flags, dates = parse_bool_or_date(cells("12/02/2026", "ja", "nee", None, 46056), TODAY)
    assert flags.values.tolist()[:3] == [True, True, False]
    assert pd.isna(flags.values.iloc[3])
    assert flags.values.iloc[4]
    assert dates.iloc[0] == pd.Timestamp("2026-02-12")
    assert dates.iloc[4] == FEB_3
    assert dates.iloc[1:4].isna().all()


def test_a_column_of_signature_dates_leaves_unsigned_cells_empty() -> None:
    flags, dates = parse_bool_or_date(cells("12/02/2026", None), TODAY)
    assert flags.values.tolist() == [True, False]
    assert pd.isna(dates.iloc[1])


def test_a_signature_that_is_neither_yes_no_nor_date_is_bad() -> None:
    flags, _ = parse_bool_or_date(cells("wie weet", "ja"), TODAY)
    assert flags.bad.tolist() == [True, False]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("POP", "development"),
        ("pop-gesprek", "development"),
        (" POP gesprek ", "development"),
        ("Ontwikkelingsgesprek", "development"),
        ("FUNCTIONERINGSGESPREK", "performance"),
        ("Évaluatie", "appraisal"),
        ("development", "development"),
    ],
)
def test_conversation_type_synonyms_match_case_accent_and_space_insensitively(
    cell: str, expected: str
) -> None:
    assert parse_enum(cells(cell), CONVERSATION_TYPES).iloc[0] == expected


def test_an_unknown_enum_word_is_kept_as_written_for_the_schema_to_report() -> None:
    assert parse_enum(cells(" Exitgesprek "), CONVERSATION_TYPES).iloc[0] == "Exitgesprek"


@pytest.mark.parametrize(
    ("field", "word", "expected"),
    [
        ("category", "vorming", "training"),
        ("learning_form", "on the job", "on_the_job"),
        ("learning_form", "E-Learning", "e_learning"),
        ("status", "Geannuleerd", "cancelled"),
    ],
)
def test_synonyms_of_other_enums(field: str, word: str, expected: str) -> None:
    table = "training_needs" if field == "learning_form" else "agreements"
    enum = TABLES[table].field(field).enum
    assert enum is not None
    assert parse_enum(cells(word), enum).iloc[0] == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (" 00123 ", "00123"),
        ("00123", "00123"),
        (123.0, "123"),
        (123, "123"),
        (1.5, "1.5"),
        ("\u00a0E7\u00a0", "E7"),
    ],
)
def test_ids_are_trimmed_text(cell: object, expected: str) -> None:
    values = parse_text(cells(cell), collapse_spaces=False)
    assert values.iloc[0] == expected
    assert values.dtype == "str"


def test_text_has_inner_spaces_collapsed_and_empty_is_missing() -> None:
    values = parse_text(cells("  Zorg   en  welzijn ", "", None))
    assert values.iloc[0] == "Zorg en welzijn"
    assert values.iloc[1:].isna().all()
