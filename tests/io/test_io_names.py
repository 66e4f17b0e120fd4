"""Header and sheet-name recognition: normalisation and the alias vocabulary."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from popanalytics.io.mapping import UserMapping
from popanalytics.io.names import build_vocabulary, match_headers, normalise, table_for_name
from popanalytics.model import TABLES


@pytest.mark.parametrize(
    "header",
    [
        "Datum in dienst",
        "datum_in_dienst",
        "DATUM IN DIENST",
        "Datum-in-dienst:",
        "Dátum in diënst",
    ],
)
def test_header_variants_normalise_to_one_key(header: str) -> None:
    assert normalise(header) == "datumindienst"


@given(st.text(max_size=30))
@settings(max_examples=60, deadline=None)
def test_normalise_keeps_only_lowercase_ascii_letters_and_digits(text: str) -> None:
    result = normalise(text)
    assert all(c in "abcdefghijklmnopqrstuvwxyz0123456789" for c in result)
    assert normalise(result) == result


def test_every_field_name_and_alias_of_a_table_is_recognised() -> None:
    vocabulary = build_vocabulary()
    for table, spec in TABLES.items():
        for field in spec.fields:
            assert vocabulary.headers[table][normalise(field.name)] == field.name
            for alias in field.aliases:
                # an alias may mean another field when that field's name equals it
                assert normalise(alias) in vocabulary.headers[table]


def test_ambiguous_alias_maps_to_one_field_per_table() -> None:
    vocabulary = build_vocabulary()
    assert vocabulary.headers["employees"]["verantwoordelijke"] == "manager_id"
    assert vocabulary.headers["agreements"]["verantwoordelijke"] == "owner"
    assert vocabulary.headers["conversations"]["gevoerddoor"] == "manager_id"
    assert vocabulary.headers["agreements"]["nummer"] == "agreement_id"
    assert vocabulary.headers["training_needs"]["nummer"] == "need_id"


def test_mapping_alias_wins_over_builtin_alias_but_not_over_field_name() -> None:
    mapping = UserMapping(fields={"employees": {"location": ("Dienst", "team")}})
    vocabulary = build_vocabulary(mapping)
    assert vocabulary.headers["employees"]["dienst"] == "location"  # built-in: department
    assert vocabulary.headers["employees"]["team"] == "team"  # a field name stays that field


def test_second_header_of_one_field_is_not_matched() -> None:
    fields = match_headers(build_vocabulary(), "employees", ["Afdeling", "Dienst", "Naam", None])
    assert fields == ["department", None, "name", None]


@pytest.mark.parametrize(
    ("name", "table", "exact"),
    [
        ("Medewerkers", "employees", True),
        ("PERSONEEL", "employees", True),
        ("Staff", "employees", True),
        ("training_needs", "training_needs", True),
        ("Training needs", "training_needs", True),
        ("Actiepunten", "agreements", True),
        ("medewerkers_2026", "employees", False),
        ("Export personeelsgesprekken", "conversations", False),
    ],
)
def test_sheet_names_name_their_table(name: str, table: str, exact: bool) -> None:
    match = table_for_name(build_vocabulary(), name)
    assert match is not None
    assert (match.table, match.exact) == (table, exact)


@pytest.mark.parametrize("name", ["Blad1", "Info", "", None, "Sheet 3"])
def test_neutral_sheet_names_name_no_table(name: str | None) -> None:
    assert table_for_name(build_vocabulary(), name) is None


def test_user_sheet_name_must_match_exactly() -> None:
    vocabulary = build_vocabulary(UserMapping(sheets={"employees": ("Blad1",)}))
    assert table_for_name(vocabulary, "blad 1") is not None
    assert table_for_name(vocabulary, "Blad10") is None
