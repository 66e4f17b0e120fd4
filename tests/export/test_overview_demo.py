"""The overview on the demo organisation, checked against the metrics engine."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
from pathlib import Path

import pandas as pd
import pytest
from export_helpers import INJECTIONS, count_preparations
from openpyxl import load_workbook

from popanalytics.demo import demo_dataset
from popanalytics.errors import PopError
from popanalytics.export import overview_bytes, write_overview
from popanalytics.i18n import t
from popanalytics.metrics import METRICS, NO_GROUP, TOTAL, figures, overdue_agreements, prepare
from popanalytics.metrics.params import Params
from popanalytics.model import Dataset
from popanalytics.schema.quality import QualityReport

REFERENCE = dt.date(2026, 6, 30)


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return demo_dataset(employees=300, seed=2026)


def params(audience: str, **kw: object) -> Params:
    return Params(reference_date=REFERENCE, audience=audience, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def management_xlsx(demo: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mgmt") / "overview.xlsx"
    write_overview(path, demo, QualityReport(), params("management"), sources=["demo.xlsx"])
    return path


def summary_frame(path: Path | io.BytesIO, engine: str) -> pd.DataFrame:
    """Samenvatting as a frame: the table starts below four title lines and a blank row."""
    return pd.read_excel(path, sheet_name="Samenvatting", engine=engine, header=5, dtype=object)


def expected_summary(demo: Dataset, audience: str) -> pd.DataFrame:
    figs = figures(demo, params(audience, group_by="department"))
    return figs[figs["breakdown_field"].isna()]


def group_key(label: str) -> str:
    return {t("group.all", "nl"): TOTAL, t("group.none", "nl"): NO_GROUP}.get(label, label)


@pytest.mark.parametrize("engine", ["openpyxl", "calamine"])
@pytest.mark.parametrize("audience", ["management", "hr"])
def test_every_summary_figure_equals_the_engine(demo, tmp_path, engine, audience):
    path = tmp_path / "o.xlsx"
    write_overview(path, demo, QualityReport(), params(audience))
    sheet = summary_frame(path, engine)
    figs = expected_summary(demo, audience).set_index(["metric", "group"])
    labels = {t(f"metric.{key}", "nl"): key for key in METRICS}
    labels["Medewerkers"] = "population"
    checked = 0
    for _, row in sheet.iterrows():
        group = group_key(row["Afdeling"])
        for header, metric in labels.items():
            if header not in sheet.columns:
                continue
            fig = figs.loc[(metric, group)]
            cell = row[header]
            if fig["suppressed"]:
                assert cell == "< 5", (metric, group)
            else:
                want = fig["rate"] if METRICS[metric].kind == "rate" else fig["numerator"]
                if pd.isna(want):
                    assert cell is None or pd.isna(cell), (metric, group)
                else:
                    assert math.isclose(float(cell), float(want), rel_tol=1e-9), (metric, group)
            checked += 1
    groups = set(figs.index.get_level_values("group"))
    assert {group_key(g) for g in sheet["Afdeling"]} == groups
    assert checked >= 10 * len(groups)


def test_management_suppression_is_visible_in_the_demo(demo, management_xlsx):
    figs = expected_summary(demo, "management")
    sheet = summary_frame(management_xlsx, "calamine")
    hidden_groups = set(figs.loc[figs["suppressed"] & (figs["metric"] == "population"), "group"])
    assert hidden_groups, "the demo has small departments"
    shown = {group_key(g): e for g, e in zip(sheet["Afdeling"], sheet["Medewerkers"], strict=True)}
    assert {g for g, e in shown.items() if e == "< 5"} == hidden_groups


def test_management_workbook_names_no_person_and_quotes_no_description(demo, management_xlsx):
    emp = demo.employees
    ids = set(emp["employee_id"].dropna()) | set(emp["manager_id"].dropna())
    names = set(emp["name"].dropna())
    descriptions = set(demo.agreements["description"].dropna())
    texts = [
        cell.value
        for ws in load_workbook(management_xlsx)
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert texts
    for text in texts:
        assert text not in ids, text
        assert not any(name in text for name in names), text
        assert not any(d in text for d in descriptions), text


def test_hr_workbook_lists_every_overdue_agreement(demo, tmp_path):
    path = tmp_path / "hr.xlsx"
    write_overview(path, demo, QualityReport(), params("hr"))
    frame = pd.read_excel(
        path, sheet_name="Achterstallige afspraken", engine="calamine", header=5, dtype=str
    )
    expected = overdue_agreements(demo, params("hr"))
    assert len(frame) == len(expected) > 0
    assert list(frame[t("field.agreement_id", "nl")]) == list(expected["agreement_id"])


def test_overview_bytes_is_the_same_workbook_in_memory(demo):
    data = overview_bytes(demo, QualityReport(), params("management"), lang="en")
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames[0] == "Summary"
    assert "Overdue agreements" not in wb.sheetnames


def plant(demo: Dataset) -> Dataset:
    """The demo with formula payloads in names, departments, descriptions and themes."""
    emp = demo.employees.copy()
    emp.loc[emp.index[:6], "name"] = list(INJECTIONS)
    emp.loc[emp.index[:40], "department"] = INJECTIONS[3]
    agr = demo.agreements.copy()
    agr["description"] = [INJECTIONS[i % len(INJECTIONS)] for i in range(len(agr))]
    needs = demo.training_needs.copy()
    needs.loc[needs.index[::2], "theme"] = INJECTIONS[0]  # every cycle gets some
    return dataclasses.replace(demo, employees=emp, agreements=agr, training_needs=needs)


def test_planted_formula_payloads_stay_text_everywhere(demo, tmp_path):
    path = tmp_path / "planted.xlsx"
    write_overview(path, plant(demo), QualityReport(), params("hr"))
    payload_cells: dict[str, set[str]] = {}
    for ws in load_workbook(path):
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if cell.value in INJECTIONS:
                    assert cell.data_type == "s" and cell.quotePrefix, (ws.title, cell.coordinate)
                    payload_cells.setdefault(ws.title, set()).add(cell.value)
    assert INJECTIONS[3] in payload_cells["Samenvatting"]  # a department
    assert INJECTIONS[0] in payload_cells["Opleidingsnoden"]  # a theme
    assert set(INJECTIONS) & payload_cells["Achterstallige afspraken"]  # names, descriptions
    frame = pd.read_excel(
        path, sheet_name="Samenvatting", engine="calamine", header=5, dtype=object
    )
    assert INJECTIONS[3] in set(frame["Afdeling"])


@pytest.mark.slow
def test_libreoffice_converts_both_audiences_to_pdf(demo, tmp_path, soffice_pdf, management_xlsx):
    hr = tmp_path / "hr.xlsx"
    write_overview(hr, demo, QualityReport(), params("hr"))
    for pdf in soffice_pdf(hr, management_xlsx):
        assert pdf.read_bytes().startswith(b"%PDF")


def test_a_filter_that_selects_no_one_still_gives_a_valid_workbook(demo, tmp_path):
    path = tmp_path / "nobody.xlsx"
    nobody = params("management", filters=(("department", ("Bestaat niet",)),))
    write_overview(path, demo, QualityReport(), nobody)
    wb = load_workbook(path)
    for ws in wb:
        for table in ws.tables.values():
            first, last = table.ref.split(":")
            assert int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) > int(
                first.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            )  # a header and at least one (empty) row: Excel's minimum
    assert pd.read_excel(path, sheet_name=None, engine="calamine")


def test_definitions_name_the_data_files_without_their_folders(demo, tmp_path):
    path = tmp_path / "o.xlsx"
    sources = [Path("/home/someone/exports/pop_2026.xlsx"), "gesprekken.csv"]
    write_overview(path, demo, QualityReport(), params("management"), sources=sources)
    frame = pd.read_excel(path, sheet_name="Definities", engine="calamine", header=5)
    files = frame.loc[frame["Onderwerp"] == "Gegevensbestanden", "Toelichting"].item()
    assert files.splitlines() == ["pop_2026.xlsx", "gesprekken.csv"]


def test_one_overview_prepares_the_data_once_and_reuses_a_prepared_one(demo, tmp_path, monkeypatch):
    prepared = prepare(demo)
    calls = count_preparations(monkeypatch)
    write_overview(tmp_path / "hr.xlsx", demo, QualityReport(), params("hr"))
    assert len(calls) == 1
    write_overview(tmp_path / "again.xlsx", prepared, QualityReport(), params("hr"))
    assert len(calls) == 1
    assert load_workbook(tmp_path / "again.xlsx").sheetnames == (
        load_workbook(tmp_path / "hr.xlsx").sheetnames
    )


def test_management_grouped_by_manager_is_refused_and_writes_nothing(demo, tmp_path):
    # Grouping by manager names groups after a person: management may not (the
    # metrics' refusal, metrics.md "Refused queries"), so no workbook exists
    # whose group labels could be manager ids.
    path = tmp_path / "by_manager.xlsx"
    with pytest.raises(PopError) as refused:
        write_overview(path, demo, QualityReport(), params("management", group_by="manager_id"))
    assert refused.value.code == "refused"
    assert not path.exists()
