"""The demo organisation: deterministic, canonical, realistic, and exportable."""

from __future__ import annotations

import datetime as dt
import unicodedata

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from popanalytics.demo import DEMO_TODAY, demo_dataset, demo_tables, write_demo_workbook
from popanalytics.demo import write as demo_write
from popanalytics.demo.vocabulary import EXPORT_VALUES, SMALL_DEPARTMENT
from popanalytics.errors import PopError
from popanalytics.model import TABLE_NAMES, TABLES, empty_frame

TODAY = pd.Timestamp(DEMO_TODAY)


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return demo_tables()


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> dict[str, pd.DataFrame]:
    path = write_demo_workbook(tmp_path_factory.mktemp("demo") / "demo.xlsx", employees=60)
    return pd.read_excel(path, sheet_name=None, engine="calamine")


def with_department(frame: pd.DataFrame, employees: pd.DataFrame) -> pd.Series:
    return frame["employee_id"].map(employees.set_index("employee_id")["department"])


def theme_key(theme: str) -> str:
    plain = unicodedata.normalize("NFKD", theme).encode("ascii", "ignore").decode()
    return " ".join(plain.casefold().split())


# ------------------------------------------------------------ determinism


def test_same_seed_gives_identical_frames():
    first, second = demo_tables(120, seed=5), demo_tables(120, seed=5)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(first[name], second[name])


def test_different_seed_gives_different_frames():
    first, second = demo_tables(120, seed=5), demo_tables(120, seed=6)
    assert not first["employees"].equals(second["employees"])
    assert not first["conversations"].equals(second["conversations"])


# ---------------------------------------------------------- the contract


def test_every_table_has_the_columns_and_dtypes_model_promises(tables):
    for name in TABLE_NAMES:
        expected = empty_frame(name).dtypes
        assert list(tables[name].columns) == list(TABLES[name].columns)
        pd.testing.assert_series_equal(tables[name].dtypes, expected, check_names=False)


def test_dates_are_normalised_to_midnight(tables):
    for frame in tables.values():
        for column in frame.select_dtypes("datetime").columns:
            dates = frame[column].dropna()
            assert (dates == dates.dt.normalize()).all(), column


def test_dataset_marks_every_optional_field_present_and_names_demo_as_source():
    dataset = demo_dataset(50)
    assert dataset.sources == ("demo",)
    for name in TABLE_NAMES:
        optional = [f.name for f in TABLES[name].fields if not f.required]
        assert all(dataset.has_column(name, field) for field in optional)
        assert len(dataset.table(name)) > 0
    assert dataset.has_column("conversations", "signed_by_employee_date")


def test_ids_are_unique_zero_padded_text(tables):
    ids = tables["employees"]["employee_id"]
    assert ids.is_unique
    assert ids.str.fullmatch(r"\d{5,}").all()
    assert ids.str.startswith("0").any()
    for name, id_field in (
        ("conversations", "conversation_id"),
        ("agreements", "agreement_id"),
        ("training_needs", "need_id"),
    ):
        assert tables[name][id_field].is_unique


# ------------------------------------------------------ referential integrity


def test_every_row_belongs_to_an_existing_employee(tables):
    known = set(tables["employees"]["employee_id"])
    for name in ("conversations", "agreements", "training_needs"):
        assert set(tables[name]["employee_id"]) <= known, name


def test_managers_are_employees_and_a_few_employees_have_none(tables):
    employees = tables["employees"]
    known = set(employees["employee_id"])
    assert set(employees["manager_id"].dropna()) <= known
    assert set(tables["conversations"]["manager_id"].dropna()) <= known
    assert 1 <= employees["manager_id"].isna().sum() <= len(employees) * 0.03
    assert (employees["manager_id"] != employees["employee_id"]).all()


def test_agreements_and_needs_link_to_existing_conversations_of_the_same_employee(tables):
    conversations = tables["conversations"].set_index("conversation_id")
    for name in ("agreements", "training_needs"):
        linked = tables[name].dropna(subset=["conversation_id"])
        assert len(linked) > 0
        assert linked["conversation_id"].isin(conversations.index).all(), name
        owner = linked["conversation_id"].map(conversations["employee_id"])
        assert (owner == linked["employee_id"]).all(), name
    held = tables["agreements"]["conversation_id"].map(conversations["status"])
    assert (held == "held").all()


# ------------------------------------------------------------------ realism


def test_some_employees_are_new(tables):
    start = tables["employees"]["start_date"]
    assert ((TODAY - start).dt.days < 90).sum() >= 3
    assert (start <= TODAY).all()
    assert start.min() < TODAY - pd.DateOffset(years=20)


def test_about_three_percent_are_long_term_absent(tables):
    employees = tables["employees"]
    absent = employees["absent_since"].notna()
    assert 0.01 <= absent.mean() <= 0.06
    assert (employees.loc[absent, "absent_since"] >= employees.loc[absent, "start_date"]).all()


def test_some_employees_left_after_they_started(tables):
    employees = tables["employees"].dropna(subset=["end_date"])
    assert len(employees) > 5
    assert (employees["end_date"] > employees["start_date"]).all()


def test_a_department_is_smaller_than_five_people(tables):
    sizes = tables["employees"]["department"].value_counts()
    assert sizes[SMALL_DEPARTMENT.name] < 5
    assert (sizes >= 5).sum() >= 8


def test_nothing_happens_after_the_demo_day(tables):
    """Anchored at DEMO_TODAY: nothing held, signed, done or completed after it."""
    c, a, n = tables["conversations"], tables["agreements"], tables["training_needs"]
    for series in (
        c["held_date"],
        c["signed_by_employee_date"],
        c["signed_by_manager_date"],
        a["done_date"],
        n["completed_date"],
        n["requested_date"],
    ):
        assert (series.dropna() <= TODAY).all()
    assert (c.loc[c["planned_date"] > TODAY, "status"] == "planned").all()


def test_the_current_cycle_is_in_progress(tables):
    c = tables["conversations"]
    this_cycle = c[c["planned_date"].dt.year == 2026]
    not_held = this_cycle["status"] == "planned"
    assert (not_held & (this_cycle["planned_date"] > TODAY)).any()  # still to come
    assert (not_held & (this_cycle["planned_date"] < TODAY)).any()  # missed
    assert {"cancelled", "postponed", "held"} <= set(this_cycle["status"])
    assert set(c["planned_date"].dt.year) == {2024, 2025, 2026}


def test_held_conversations_and_only_they_have_a_held_date(tables):
    c = tables["conversations"]
    held = c["status"] == "held"
    assert c.loc[held, "held_date"].notna().all()
    assert c.loc[~held, "held_date"].isna().all()
    assert c.loc[held, "signed_by_employee_date"].notna().any()
    assert c.loc[held & c["signed_by_employee"].eq(False)].shape[0] > 0


def test_each_conversation_type_has_its_own_frequency(tables):
    counts = tables["conversations"]["conversation_type"].value_counts()
    assert counts["development"] > counts["performance"] > counts["appraisal"] > 0


def test_nursing_covers_development_far_better_than_kitchen_and_cleaning():
    large = demo_tables(2000)
    employees, conversations = large["employees"], large["conversations"]
    held = conversations[
        (conversations["status"] == "held")
        & (conversations["conversation_type"] == "development")
        & (conversations["held_date"].dt.year == 2025)
    ]
    active = employees[
        (employees["start_date"] < "2024-10-01")
        & (employees["end_date"].isna() | (employees["end_date"] > "2025-12-31"))
        & employees["absent_since"].isna()
    ]
    coverage = active["employee_id"].isin(held["employee_id"]).groupby(active["department"]).mean()
    assert coverage["Verpleging"] > 0.7
    assert coverage["Verpleging"] > coverage["Keuken"] + 0.3
    assert coverage["Verpleging"] > coverage["Schoonmaak"] + 0.3


def test_logistics_gives_the_poorest_notice(tables):
    c = tables["conversations"]
    c = c[c["status"] == "held"].dropna(subset=["invited_date"])
    notice_ok = (c["held_date"] - c["invited_date"]).dt.days >= 14
    share = notice_ok.groupby(with_department(c, tables["employees"])).mean()
    assert share.idxmin() == "Logistiek"
    assert share["Logistiek"] < 0.5


def test_residential_care_has_the_most_overdue_agreements(tables):
    a = tables["agreements"]
    due = a["followup_date"].fillna(a["due_date"])
    overdue = ~a["status"].isin(["done", "cancelled"]) & (due < TODAY)
    assert overdue.sum() > 20
    by_department = overdue.groupby(with_department(a, tables["employees"])).sum()
    assert by_department.idxmax() == "Zorg en Welzijn"


def test_agreements_build_on_strengths_about_a_third_of_the_time(tables):
    focus = tables["agreements"]["focus"].dropna()
    assert 0.28 <= (focus == "strength").mean() <= 0.42


def test_done_agreements_are_done_after_they_were_agreed(tables):
    a = tables["agreements"]
    done = a[a["done_date"].notna()]
    assert (a.loc[a["done_date"].notna(), "status"] == "done").all()
    assert (done["done_date"] > done["agreed_date"]).all()
    assert ((a["status"] == "done") & a["done_date"].isna()).any()  # done without a date


def test_themes_come_in_several_spellings(tables):
    themes = tables["training_needs"]["theme"]
    spellings = themes.groupby(themes.map(theme_key)).nunique()
    assert (spellings > 1).sum() >= 3
    assert themes.str.isupper().any() and themes.str.islower().any()
    assert (themes == themes.str.strip()).all()  # validated text is trimmed


def test_the_export_types_stray_spaces_after_lower_case_themes(workbook):
    themes = workbook["Opleidingsnoden"]["Thema"]
    assert (themes.str.endswith(" ") == themes.str.strip().str.islower()).all()
    assert themes.str.endswith(" ").any()


def test_needs_have_costs_hours_and_statuses(tables):
    n = tables["training_needs"]
    assert (n["hours"] > 0).all()
    assert (n["cost"].dropna() >= 0).all() and n["cost"].isna().any()
    assert set(n["status"]) == {"requested", "approved", "planned", "completed", "rejected"}
    assert n["conversation_id"].isna().any() and n["conversation_id"].notna().any()
    assert n.loc[n["completed_date"].notna(), "status"].eq("completed").all()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(employees=st.integers(1, 80), seed=st.integers(0, 2**32 - 1))
def test_any_size_and_seed_gives_a_consistent_organisation(employees, seed):
    t = demo_tables(employees, seed)
    people = t["employees"]
    assert len(people) == employees
    assert set(people["manager_id"].dropna()) <= set(people["employee_id"])
    for name in ("conversations", "agreements", "training_needs"):
        assert t[name]["employee_id"].isin(people["employee_id"]).all()
    linked = t["agreements"]["conversation_id"]
    assert linked.isin(t["conversations"]["conversation_id"]).all()
    for name in TABLE_NAMES:
        assert list(t[name].dtypes) == list(empty_frame(name).dtypes)


def test_size_must_be_positive():
    with pytest.raises(ValueError):
        demo_tables(0)


# ------------------------------------------------------------------- export


def test_every_exported_value_is_a_synonym_the_model_knows():
    for (table, field), values in EXPORT_VALUES.items():
        enum = TABLES[table].field(field).enum
        assert enum is not None
        assert set(values) == set(enum) - ({"other"} if "other" not in values else set())
        for canonical, word in values.items():
            assert word.casefold() in {canonical, *enum[canonical]}, (table, field, word)


def test_workbook_has_dutch_sheets_and_the_first_dutch_alias_as_headers(workbook):
    assert list(workbook) == ["Medewerkers", "Gesprekken", "Afspraken", "Opleidingsnoden"]
    for name, sheet in zip(TABLE_NAMES, workbook, strict=True):
        expected = [f.aliases[0] for f in TABLES[name].fields]
        assert [h.casefold() for h in workbook[sheet].columns] == expected
    assert {"Personeelsnummer", "Naam", "Afdeling", "Datum in dienst"} <= set(
        workbook["Medewerkers"].columns
    )
    assert "Soort gesprek" in workbook["Gesprekken"].columns


def test_workbook_holds_every_row_with_dutch_values(workbook):
    tables = demo_tables(60)
    for name, sheet in zip(TABLE_NAMES, workbook, strict=True):
        assert len(workbook[sheet]) == len(tables[name])
    gesprekken = workbook["Gesprekken"]
    assert set(gesprekken["Soort gesprek"]) <= {
        "POP-gesprek",
        "Functioneringsgesprek",
        "Beoordelingsgesprek",
    }
    assert "gehouden" in set(gesprekken["Status"])
    assert {"ja", "nee"} <= set(gesprekken["In personeelsdossier"].dropna())
    assert set(workbook["Afspraken"]["Focus"].dropna()) == {"sterkte", "verbeterpunt"}


def test_workbook_keeps_ids_as_text_and_dates_as_real_dates(tmp_path):
    path = write_demo_workbook(tmp_path / "demo.xlsx", employees=30, seed=3)
    sheet = openpyxl.load_workbook(path, read_only=True)["Medewerkers"]
    header, first = list(sheet.iter_rows(min_row=1, max_row=2))
    cells = {h.value: c for h, c in zip(header, first, strict=False)}  # trailing empties
    assert isinstance(cells["Personeelsnummer"].value, str)
    assert cells["Personeelsnummer"].value.startswith("0")
    assert isinstance(cells["Datum in dienst"].value, dt.datetime)
    assert "dd" in cells["Datum in dienst"].number_format.lower()


def test_signatures_are_exported_as_dates_or_yes_no(tmp_path):
    path = write_demo_workbook(tmp_path / "demo.xlsx", employees=80)
    signed = pd.read_excel(path, sheet_name="Gesprekken", engine="calamine")[
        "Ondertekend medewerker"
    ].dropna()
    kinds = {type(v).__name__ for v in signed}
    assert "str" in kinds and ({"datetime", "Timestamp"} & kinds)
    assert set(v for v in signed if isinstance(v, str)) <= {"ja", "nee"}


def test_the_shipped_demo_workbook_is_the_default_demo_and_small():
    from popanalytics.demo import demo_workbook_path

    shipped = demo_workbook_path()
    assert shipped.exists() and shipped.stat().st_size < 1_000_000
    sheets = pd.read_excel(shipped, sheet_name=None, engine="calamine")
    assert len(sheets["Medewerkers"]) == 300
    assert len(sheets["Gesprekken"]) == len(demo_tables()["conversations"])


def test_a_path_without_suffix_gives_one_csv_per_table(tmp_path):
    folder = write_demo_workbook(tmp_path / "export", employees=40)
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["afspraken.csv", "gesprekken.csv", "medewerkers.csv", "opleidingsnoden.csv"]
    raw = (folder / "medewerkers.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Personeelsnummer;Naam;Afdeling;Team;")
    frame = pd.read_csv(folder / "medewerkers.csv", sep=";", dtype=str, encoding="utf-8-sig")
    assert len(frame) == 40
    assert frame["Personeelsnummer"].str.startswith("0").all()
    assert frame["Datum in dienst"].str.fullmatch(r"\d{2}/\d{2}/\d{4}").all()
    assert frame["Tewerkstellingsbreuk"].isin(["0,5", "0,6", "0,75", "0,8", "1"]).all()
    assert frame["Tewerkstellingsbreuk"].str.contains(",").any()


def test_an_existing_folder_gets_csv_files(tmp_path):
    folder = tmp_path / "export.d"
    folder.mkdir()
    assert write_demo_workbook(folder, employees=10) == folder
    assert (folder / "gesprekken.csv").exists()


def test_a_sheet_over_excels_row_limit_asks_for_a_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(demo_write, "EXCEL_MAX_ROWS", 100)
    target = tmp_path / "big.xlsx"
    with pytest.raises(PopError) as raised:
        write_demo_workbook(target, employees=200)
    assert "map" in raised.value.message("nl")
    assert "folder" in raised.value.message("en")
    assert not target.exists()


def test_an_unknown_suffix_is_a_clear_error(tmp_path):
    with pytest.raises(PopError) as raised:
        write_demo_workbook(tmp_path / "demo.ods", employees=10)
    assert "demo.ods" in raised.value.message("en")


def test_loading_the_export_gives_back_the_demo_dataset(tmp_path):
    """The export says exactly what demo_dataset holds: a loader round trip."""
    from popanalytics.dataset import load

    path = write_demo_workbook(tmp_path / "demo.xlsx", employees=80, seed=11)
    loaded = load([path]).dataset
    expected = demo_dataset(80, seed=11)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(
            loaded.table(name).reset_index(drop=True), expected.table(name), check_names=False
        )
    assert loaded.present == expected.present
