"""names.py: file names and sheet titles from hostile manager names."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from popanalytics.export.names import MAX_STEM, safe_stem, sheet_titles, unique_stems

RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$", re.IGNORECASE)


def assert_windows_safe(stem: str) -> None:
    assert stem
    assert not re.search(r'[<>:"/\\|?*\x00-\x1f\x7f]', stem)
    assert not stem.endswith((" ", "."))
    assert len(stem) <= MAX_STEM
    assert not RESERVED.match(stem.split(".")[0].strip())


def test_hostile_names_become_safe_stems():
    hostile = [
        'a<b>c:d"e/f\\g|h?i*j',
        "CON",
        "com1",
        "Lpt9.txt",
        "trailing dot.",
        "trailing space ",
        "tab\there\r\nnewline",
        "",
        "...",
        "x" * 500,
        "../../etc/passwd",
    ]
    for name in hostile:
        assert_windows_safe(safe_stem(name))


def test_reserved_device_name_gets_a_prefix():
    assert safe_stem("NUL") == "_NUL"
    assert safe_stem("aux.backup") == "_aux.backup"


def test_path_separators_cannot_escape_the_folder():
    assert "/" not in safe_stem("../../x") and "\\" not in safe_stem("..\\x")


def test_unique_stems_are_unique_ignoring_case():
    stems = unique_stems(["Jan", "jan", "JAN", "Piet"])
    assert stems == ["Jan", "jan_2", "JAN_3", "Piet"]
    assert len({s.casefold() for s in stems}) == 4


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_windows_safe_stem(text):
    assert_windows_safe(safe_stem(text))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=12))
def test_sheet_titles_are_valid_and_unique(names):
    titles = sheet_titles(names)
    assert len(titles) == len(names)
    assert len({t.casefold() for t in titles}) == len(titles)
    for title in titles:
        assert 0 < len(title) <= 31
        assert not re.search(r"[\[\]:*?/\\]", title)
        assert not title.startswith("'") and not title.endswith("'")
        assert title.casefold() != "history"


def test_long_manager_names_are_cut_to_31_and_kept_apart():
    titles = sheet_titles(
        ["Leidinggevende met een heel lange naam A", "Leidinggevende met een heel lange naam B"]
    )
    assert all(len(t) <= 31 for t in titles)
    assert titles[0] != titles[1]
