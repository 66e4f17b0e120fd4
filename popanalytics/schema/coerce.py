"""Vectorised parsing of raw cells into the canonical dtypes of model.py.

Raw cells arrive as read from Excel or CSV: str, int, float, bool, date and
datetime objects, None. Every parser here works on the *unique* values of a
column (``pd.factorize``) and maps the result back, so a column of 150,000
cells with a few hundred distinct dates is parsed a few hundred times, with
pandas string/regex accessors on those uniques.

Each parser returns the parsed values and a ``bad`` mask: a non-empty cell that
could not be parsed. An empty cell is *missing*, never bad; whether missing or
bad is an error or a warning is decided by the rules, not here.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

# Excel's day zero (it counts 1900-02-29, so the origin is 1899-12-30).
EXCEL_ORIGIN = pd.Timestamp("1899-12-30")
# Serial numbers taken as dates: 1900-01-01 .. 2199-12-31. Anything else in a
# date column is not a plausible date.
_SERIAL_MIN, _SERIAL_MAX = 2, 109_574
# the years datetime64[ns] can hold
_YEAR_MIN, _YEAR_MAX = 1678, 2261

TRUE_WORDS = frozenset({"ja", "j", "yes", "y", "x", "1", "waar", "true", "✓", "✔", "☑", "v"})
FALSE_WORDS = frozenset({"nee", "n", "no", "0", "onwaar", "false", "✗", "✘"})
# A column holding only marks (x, ✓) — or dates, for a signature — says
# "not signed" with an empty cell, so there an empty cell means False.
MARK_WORDS = frozenset({"x", "✓", "✔", "☑", "v"})

_DMY = (
    r"^(?P<a>\d{1,2})\s*[/.\-]\s*(?P<b>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4}|\d{2})"
    r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_ISO = r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
_SERIAL_TEXT = r"^\d{1,6}(?:[.,]\d+)?$"


@dataclass(frozen=True)
class Parsed:
    """Parsed values aligned with the input, and which non-empty cells failed."""

    values: pd.Series
    bad: pd.Series


def _on_uniques(raw: pd.Series, parse: Callable[[pd.Series], Parsed], dtype: Any) -> Parsed:
    """Run ``parse`` on the distinct cells of ``raw`` and spread the result back."""
    codes, uniques = pd.factorize(raw.astype(object), use_na_sentinel=True)
    if len(uniques) == 0:  # an absent or empty column: nothing to parse
        empty = pd.Series(None, index=raw.index, dtype=object).astype(dtype)
        return Parsed(empty, pd.Series(False, index=raw.index))
    parsed = parse(pd.Series(np.asarray(uniques, dtype=object), dtype=object))
    has = codes >= 0
    take = np.where(has, codes, 0)
    values = parsed.values.take(take).set_axis(raw.index).astype(dtype)
    bad = parsed.bad.to_numpy(dtype=bool)[take] & has
    if not has.all():
        values[~has] = pd.NA if dtype == "boolean" else None
    return Parsed(values, pd.Series(bad, index=raw.index))


def _kind_masks(u: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """Masks of strings, numbers (not bools), bools and date/datetime cells."""
    kinds = u.map(_kind)
    return kinds == "str", kinds == "num", kinds == "bool", kinds == "date"


def _kind(value: object) -> str:
    if isinstance(value, str):
        return "str"
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return "nan" if value != value else "num"
    if isinstance(value, (dt.date, np.datetime64)):
        return "date"
    return "other"


def _stripped(u: pd.Series, is_str: pd.Series) -> pd.Series:
    """The string cells trimmed (str.strip also trims non-breaking spaces); empty dropped."""
    s = u[is_str].astype(str).str.strip()
    return s[s != ""]


# ---------------------------------------------------------------- dates


def parse_dates(raw: pd.Series, today: dt.date) -> Parsed:
    """Belgian dates: d/m/y (also ``-`` and ``.``, 2-digit years), ISO, Excel
    serials (numbers or numeric text), real date cells; day first unless the
    whole column is unambiguously month first."""
    return _on_uniques(raw, lambda u: _parse_date_uniques(u, today), "datetime64[ns]")


def _parse_date_uniques(u: pd.Series, today: dt.date) -> Parsed:
    out = pd.Series(pd.NaT, index=u.index, dtype="datetime64[ns]")
    is_str, is_num, _, is_date = _kind_masks(u)

    if is_date.any():
        stamps = u[is_date].map(_as_timestamp)
        parts = pd.DataFrame(
            {
                "year": stamps.map(lambda v: v.year if v is not pd.NaT else np.nan),
                "month": stamps.map(lambda v: v.month if v is not pd.NaT else np.nan),
                "day": stamps.map(lambda v: v.day if v is not pd.NaT else np.nan),
            }
        )
        out[is_date] = _from_parts(parts["year"], parts["month"], parts["day"])
    if is_num.any():
        out[is_num] = _from_serial(u[is_num].astype(float))

    text = _stripped(u, is_str)
    # blank strings are missing, not bad; bools and other objects are bad
    present = ~is_str | u.index.isin(text.index)
    serial = text[text.str.fullmatch(_SERIAL_TEXT)]
    if len(serial):
        out[serial.index] = _from_serial(serial.str.replace(",", ".", regex=False).astype(float))
    rest = text.drop(serial.index)
    dmy = rest.str.extract(_DMY).dropna(subset=["a"])
    if len(dmy):
        a, b = dmy["a"].astype(int), dmy["b"].astype(int)
        month_first = bool((b > 12).any()) and not bool((a > 12).any())
        day, month = (b, a) if month_first else (a, b)
        out[dmy.index] = _from_parts(_full_year(dmy["y"], today), month, day)
    iso = rest.drop(dmy.index).str.extract(_ISO).dropna(subset=["y"])
    if len(iso):
        out[iso.index] = _from_parts(
            iso["y"].astype(int), iso["m"].astype(int), iso["d"].astype(int)
        )
    return Parsed(out, present & out.isna())


def _from_parts(year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    """Dates from year, month and day; an impossible date (31/02) is NaT.

    Years beyond what datetime64[ns] holds (e.g. the "open end" 31/12/9999)
    are clamped to its limits, so they parse and the range rule reports them
    as implausible instead of as unreadable.
    """
    clamped = year.astype(float).clip(_YEAR_MIN, _YEAR_MAX)
    frame = pd.DataFrame({"year": clamped, "month": month, "day": day})
    return pd.to_datetime(frame, errors="coerce").astype("datetime64[ns]")


def _as_timestamp(value: object) -> object:
    try:
        return pd.Timestamp(value)  # type: ignore[arg-type]
    except (ValueError, TypeError, OverflowError):
        return pd.NaT


def _from_serial(serial: pd.Series) -> pd.Series:
    ok = (serial >= _SERIAL_MIN) & (serial <= _SERIAL_MAX)
    days = serial.where(ok).floordiv(1)
    return EXCEL_ORIGIN + pd.to_timedelta(days, unit="D")


def _full_year(year: pd.Series, today: dt.date) -> pd.Series:
    """Two-digit years: this century unless that lies more than 2 years ahead."""
    y = year.astype(int)
    short = year.str.len() == 2
    this_century = 2000 + y
    century = this_century.where(this_century <= today.year + 2, 1900 + y)
    return y.where(~short, century)


# ---------------------------------------------------------------- numbers


def parse_numbers(raw: pd.Series, fraction: bool = False) -> Parsed:
    """``0,8``, ``1.250,00``, ``€ 1.250,00``, ``1,250.00``, ``80%``.

    ``fraction`` (fields such as fte with a maximum of about 1): a value above
    1.5 and at most 100 is a percentage, so ``80`` → 0.8.
    """
    return _on_uniques(raw, lambda u: _parse_number_uniques(u, fraction), "float64")


def _parse_number_uniques(u: pd.Series, fraction: bool) -> Parsed:
    out = pd.Series(np.nan, index=u.index, dtype="float64")
    is_str, is_num, _, _ = _kind_masks(u)
    out[is_num] = u[is_num].astype(float)

    text = _stripped(u, is_str)
    percent = pd.Series(False, index=u.index)
    if not text.empty:
        values, percent = _text_numbers(text)
        out[values.index] = values

    # inf, or digits beyond a float (1e400 written out): no usable number; an
    # unparseable cell, so it never reaches a sum
    out = out.where(np.isfinite(out.to_numpy(dtype="float64", na_value=np.nan)))

    if fraction:
        as_percent = (out > 1.5) & (out <= 100) & ~percent.reindex(out.index, fill_value=False)
        out = out.where(~as_percent, out / 100)

    present = ~is_str | u.index.isin(text.index)  # blank text is missing, not bad
    return Parsed(out, pd.Series(present, index=u.index) & out.isna())


def _text_numbers(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers written as text, and which were written as a percentage."""
    s = (
        text.str.replace(r"(?i)€|eur(o)?|\s", "", regex=True).str.replace(
            "\u2212", "-", regex=False
        )  # the typographic minus sign
    )
    percent = s.str.endswith("%")
    s = s.str.rstrip("%")
    both = s.str.contains(".", regex=False) & s.str.contains(",", regex=False)
    comma_last = s.str.rfind(",") > s.str.rfind(".")
    # both separators: the last one is the decimal separator
    s = s.where(
        ~(both & comma_last), s.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    )
    s = s.where(~(both & ~comma_last), s.str.replace(",", "", regex=False))
    # only dots in groups of three (1.250 or 1.250.000): Belgian thousands
    s = s.where(
        ~(~both & s.str.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+")), s.str.replace(".", "", regex=False)
    )
    # only a comma: the decimal comma
    s = s.str.replace(",", ".", regex=False)
    numeric = s.str.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)")
    values = pd.to_numeric(s.where(numeric), errors="coerce")
    values = values.where(~percent, values / 100)
    return values, percent


# ---------------------------------------------------------------- booleans


def parse_bools(raw: pd.Series) -> Parsed:
    """ja/nee, j/n, yes/no, y/n, x, 1/0, waar/onwaar, true/false, ✓.

    When every non-empty cell is a mark (x, ✓) an empty cell means False.
    """
    parsed = _on_uniques(raw, _parse_bool_uniques, "boolean")
    return Parsed(_empty_means_false(parsed.values, parsed.bad, _is_mark(raw)), parsed.bad)


def _parse_bool_uniques(u: pd.Series) -> Parsed:
    out = pd.Series(pd.NA, index=u.index, dtype="boolean")
    is_str, is_num, is_bool, _ = _kind_masks(u)
    out[is_bool] = u[is_bool].astype(bool)
    nums = u[is_num].astype(float)
    out[nums[nums == 1].index] = True
    out[nums[nums == 0].index] = False
    words = _stripped(u, is_str).str.casefold()
    out[words[words.isin(TRUE_WORDS)].index] = True
    out[words[words.isin(FALSE_WORDS)].index] = False
    present = ~is_str | u.index.isin(words.index)  # blank text is missing, not bad
    return Parsed(out, pd.Series(present, index=u.index) & out.isna())


def _is_mark(raw: pd.Series) -> pd.Series:
    """Cells holding a tick mark (x, ✓)."""
    codes, uniques = pd.factorize(raw.astype(object), use_na_sentinel=True)
    if len(uniques) == 0:
        return pd.Series(False, index=raw.index)
    u = pd.Series(np.asarray(uniques, dtype=object), dtype=object)
    marks = u.map(lambda v: isinstance(v, str) and v.strip().casefold() in MARK_WORDS)
    flags = marks.to_numpy(dtype=bool)[np.where(codes >= 0, codes, 0)] & (codes >= 0)
    return pd.Series(flags, index=raw.index)


def _empty_means_false(values: pd.Series, bad: pd.Series, marked: pd.Series) -> pd.Series:
    """Empty cells become False when every filled cell is ``marked`` (a tick or
    a signature date): such a column says "no" by leaving the cell empty."""
    filled = values.notna()
    if filled.any() and not bad.any() and bool(marked[filled].all()):
        values = values.copy()
        values[~filled] = False
    return values


def parse_bool_or_date(raw: pd.Series, today: dt.date) -> tuple[Parsed, pd.Series]:
    """A signature: a yes/no value, or a date meaning "signed on that date".

    Returns the bool (True where a date was given) and the dates.
    """
    flags = _on_uniques(raw, _parse_bool_uniques, "boolean")
    dates = parse_dates(raw.where(flags.values.isna().to_numpy(), None), today)
    values = flags.values.copy()
    values[dates.values.notna()] = True
    bad = flags.bad & dates.bad
    values = _empty_means_false(values, bad, _is_mark(raw) | dates.values.notna())
    return Parsed(values, bad), dates.values


# ---------------------------------------------------------------- enums


def enum_key(text: object) -> str:
    """Case-, accent-, space- and punctuation-insensitive key of an enum word."""
    folded = unicodedata.normalize("NFKD", str(text)).casefold()
    kept = "".join(ch for ch in folded if ch.isalnum())
    return kept


def enum_lookup(enum: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Key of every canonical value and synonym → canonical value."""
    lookup: dict[str, str] = {}
    for canonical, synonyms in enum.items():
        for word in (canonical, *synonyms):
            lookup[enum_key(word)] = canonical
    return lookup


def parse_enum(raw: pd.Series, enum: dict[str, tuple[str, ...]]) -> pd.Series:
    """Canonical value for known words and synonyms; other text kept as written
    (trimmed), so the schema's membership check can report it."""
    lookup = enum_lookup(enum)

    def parse(u: pd.Series) -> Parsed:
        text = to_text_uniques(u)
        keys = text.dropna().map(enum_key)
        known = keys.map(lookup)
        out = text.copy()
        out[known.dropna().index] = known.dropna()
        return Parsed(out, pd.Series(False, index=u.index))

    return _on_uniques(raw, parse, "str").values


# ---------------------------------------------------------------- text


def parse_text(raw: pd.Series, collapse_spaces: bool = True) -> pd.Series:
    """Trimmed text; numbers read from Excel as text without a spurious ``.0``
    (an id 123.0 is "123", ``00123`` as text stays ``00123``); empty → NaN."""
    return _on_uniques(
        raw, lambda u: Parsed(to_text_uniques(u, collapse_spaces), u.isna()), "str"
    ).values


def to_text_uniques(u: pd.Series, collapse_spaces: bool = True) -> pd.Series:
    out = pd.Series(None, index=u.index, dtype=object)
    is_str, is_num, is_bool, is_date = _kind_masks(u)
    text = _stripped(u, is_str)
    if collapse_spaces:
        # only the few cells with a run of spaces or a tab/newline go through the regex
        runs = text.str.contains(r"\s\s|[^\S ]", regex=True)
        if runs.any():
            text[runs] = text[runs].str.replace(r"\s+", " ", regex=True)
    out[text.index] = text
    if bool(is_str.all()):  # the common case: a column of text
        return out
    nums = u[is_num].astype(float)
    integral = nums[(nums % 1 == 0) & nums.abs().lt(1e15)]
    out[integral.index] = integral.astype("int64").astype(str)
    other = nums.drop(integral.index)
    out[other.index] = other.astype(str)
    out[is_bool] = u[is_bool].astype(str)
    rest = ~(is_str | is_num | is_bool | is_date)  # e.g. a time of day
    if rest.any():
        out[rest] = u[rest].astype(str)
    if is_date.any():
        stamps = u[is_date].map(_as_timestamp)
        out[is_date] = stamps.map(lambda v: None if v is pd.NaT else v.strftime("%Y-%m-%d"))
    return out


def cell_text(raw: pd.Series) -> pd.Series:
    """A raw cell as the text a finding shows (missing → NaN)."""
    return parse_text(raw, collapse_spaces=False)
