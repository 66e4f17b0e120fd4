"""Recognising headers and sheet names: normalisation and the alias vocabulary.

Matching ignores case, accents, spaces and punctuation: ``Datum in dienst``,
``datum_in_dienst`` and ``DATUM IN DIENST`` all normalise to ``datumindienst``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from popanalytics.io.mapping import UserMapping
from popanalytics.model import TABLE_NAMES, TABLES

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")

# Built-in table aliases shorter than this only match a whole sheet/file name,
# never as a part of one (so a short alias cannot hide inside an unrelated word).
_MIN_CONTAINED = 5


def normalise(text: object) -> str:
    """``"Datum in dienst"`` → ``"datumindienst"``: NFKD without accents, lower case, [a-z0-9] only."""
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    ascii_only = decomposed.encode("ascii", "ignore").decode("ascii")
    return _NOT_ALNUM.sub("", ascii_only.lower())


@dataclass(frozen=True)
class Vocabulary:
    """Every name the importer recognises, normalised.

    ``headers[table]`` maps a normalised header to the one field it means in that
    table. ``user_sheets`` and ``sheets`` map normalised sheet/file names to a table.
    """

    headers: dict[str, dict[str, str]]
    user_sheets: dict[str, str]
    sheets: dict[str, str]


def build_vocabulary(mapping: UserMapping | None = None) -> Vocabulary:
    """The alias vocabulary of model.py, extended by the user's mapping file.

    Within one table a normalised header means one field, chosen in this order:
    an exact canonical field name, then an alias from the mapping file (the user
    said so explicitly), then a built-in alias in field order.
    """
    mapping = mapping or UserMapping()
    headers: dict[str, dict[str, str]] = {}
    for table in TABLE_NAMES:
        spec = TABLES[table]
        index: dict[str, str] = {}
        for f in spec.fields:
            index.setdefault(normalise(f.name), f.name)
        for field_name, aliases in mapping.fields.get(table, {}).items():
            for alias in aliases:
                index.setdefault(normalise(alias), field_name)
        for f in spec.fields:
            for alias in f.aliases:
                index.setdefault(normalise(alias), f.name)
        index.pop("", None)
        headers[table] = index

    user_sheets: dict[str, str] = {}
    for table, names in mapping.sheets.items():
        for name in names:
            user_sheets.setdefault(normalise(name), table)
    sheets: dict[str, str] = {}
    for table in TABLE_NAMES:
        for alias in (table, *TABLES[table].aliases):
            sheets.setdefault(normalise(alias), table)
    user_sheets.pop("", None)
    sheets.pop("", None)
    return Vocabulary(headers=headers, user_sheets=user_sheets, sheets=sheets)


@dataclass(frozen=True)
class NameMatch:
    """The table a sheet or file name stands for; ``exact`` unless found inside the name."""

    table: str
    exact: bool


def table_for_name(vocabulary: Vocabulary, name: str | None) -> NameMatch | None:
    """The table a sheet or file name stands for, or None when it says nothing.

    A user's name must match exactly; a built-in alias matches exactly or, failing
    that, as part of the name (``medewerkers_2026.csv``, ``Export gesprekken``),
    the longest contained alias winning (``personeelsgesprekken`` is conversations,
    although it contains ``personeel``).
    """
    key = normalise(name)
    if not key:
        return None
    if key in vocabulary.user_sheets:
        return NameMatch(vocabulary.user_sheets[key], exact=True)
    if key in vocabulary.sheets:
        return NameMatch(vocabulary.sheets[key], exact=True)
    contained = [
        alias for alias in vocabulary.sheets if len(alias) >= _MIN_CONTAINED and alias in key
    ]
    if not contained:
        return None
    return NameMatch(vocabulary.sheets[max(contained, key=len)], exact=False)


def header_fields(vocabulary: Vocabulary, table: str, cells: Sequence[object]) -> list[str | None]:
    """The field each header cell means in ``table`` (None for no match); repeats kept."""
    index = vocabulary.headers[table]
    return [index.get(normalise(cell)) for cell in cells]


def first_only(fields: Sequence[str | None]) -> list[str | None]:
    """Keep each field at its first column only: a later header meaning it too is ignored."""
    seen: set[str] = set()
    kept: list[str | None] = []
    for found in fields:
        if found is None or found in seen:
            kept.append(None)
            continue
        seen.add(found)
        kept.append(found)
    return kept


def match_headers(vocabulary: Vocabulary, table: str, cells: Sequence[object]) -> list[str | None]:
    """The field each header cell means in ``table``; None for no match or a repeat.

    When two headers mean one field, the first keeps it and the other is ignored.
    """
    return first_only(header_fields(vocabulary, table, cells))
