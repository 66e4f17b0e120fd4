"""The overview workbook's shape, on hand-made figures (no metrics engine involved)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from export_helpers import INJECTIONS, make_data
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from popanalytics.export.overview import build_overview
from popanalytics.export.sheet import MAX_WIDTH
from popanalytics.i18n import t

SHEET_KEYS = (
    "summary",
    "coverage",
    "agreements",
    "followup",
    "training",
    "process",
    "quality",
    "definitions",
)


def _save(tmp_path: Path, audience: str = "hr", lang: str = "nl", **kwargs: object) -> Path:
    path = tmp_path / f"overview_{audience}_{lang}.xlsx"
    build_overview(make_data(audience, **kwargs), lang).save(path)  # type: ignore[arg-type]
    return path


def table_rows(ws: Worksheet, name: str) -> list[dict[str, object]]:
    """The data rows of an Excel table as dicts keyed by header."""
    cells = ws[ws.tables[name].ref]
    header = [c.value for c in cells[0]]
    return [dict(zip(header, (c.value for c in row), strict=True)) for row in cells[1:]]


def test_sheets_have_dutch_names_and_hr_gets_the_detail_sheets(tmp_path):
    wb = load_workbook(_save(tmp_path, "hr"))
    expected = [t(f"export.sheet.{k}", "nl") for k in SHEET_KEYS]
    assert wb.sheetnames == [*expected, "Achterstallige afspraken", "Buiten cyclus"]


def test_management_gets_no_detail_sheets(tmp_path):
    wb = load_workbook(_save(tmp_path, "management"))
    assert wb.sheetnames == [t(f"export.sheet.{k}", "nl") for k in SHEET_KEYS]


def test_english_workbook_has_english_sheet_names_and_headers(tmp_path):
    wb = load_workbook(_save(tmp_path, "hr", "en"))
    assert wb.sheetnames[:3] == ["Summary", "Conversation coverage", "Agreements"]
    header = [c.value for c in wb["Summary"][wb["Summary"].tables["tbl_summary"].ref][0]]
    assert header[:2] == ["Department", "Employees"]


def test_every_sheet_is_a_real_table_with_autofilter_and_frozen_header(tmp_path):
    wb = load_workbook(_save(tmp_path, "hr"))
    for ws in wb:
        assert ws.tables, ws.title
        for table in ws.tables.values():
            assert table.autoFilter is not None and table.autoFilter.ref == table.ref
            assert table.tableStyleInfo is not None
            header = [c.value for c in ws[table.ref][0]]
            assert header == [col.name for col in table.tableColumns]
            assert len(set(header)) == len(header)
        first_header_row = min(int(ws[tb.ref][0][0].row) for tb in ws.tables.values())
        frozen_row = int(ws.freeze_panes[1:])
        assert frozen_row > first_header_row, ws.title


def test_number_formats_follow_what_a_column_holds(tmp_path):
    wb = load_workbook(_save(tmp_path, "hr"))
    summary = wb["Samenvatting"]
    header_row = summary[summary.tables["tbl_summary"].ref][0]
    first_data = {c.value: summary.cell(row=c.row + 1, column=c.column) for c in header_row}
    assert first_data["Medewerkers"].number_format == "#,##0"
    assert first_data[t("metric.coverage_any", "nl")].number_format == "0.0%"
    assert first_data[t("metric.training_cost", "nl")].number_format == '"€ "#,##0.00'
    overdue = wb["Achterstallige afspraken"]
    due = next(c for c in overdue[overdue.tables["tbl_overdue"].ref][0] if c.value == "Deadline")
    date_cell = overdue.cell(row=due.row + 1, column=due.column)
    assert date_cell.value == dt.datetime(2026, 3, 1)
    assert date_cell.number_format == "dd/mm/yyyy"
    employee_id = overdue.cell(row=due.row + 1, column=1)
    assert (employee_id.value, employee_id.data_type) == ("00123", "s")


def test_rate_columns_carry_a_colour_scale(tmp_path):
    ws = load_workbook(_save(tmp_path, "hr"))["Samenvatting"]
    header = ws[ws.tables["tbl_summary"].ref][0]
    rate_col = next(c.column_letter for c in header if c.value == t("metric.coverage_any", "nl"))
    ranges = {str(rng.sqref): [r.type for r in rng.rules] for rng in ws.conditional_formatting}
    assert any(
        sqref.startswith(rate_col) and "colorScale" in types for sqref, types in ranges.items()
    )


@pytest.mark.parametrize(
    "sheet", ["Samenvatting", "Gespreksdekking", "Opvolging", "Opleidingsnoden"]
)
def test_sheets_that_compare_groups_have_a_native_bar_chart(tmp_path, sheet):
    ws = load_workbook(_save(tmp_path, "management"))[sheet]
    assert len(ws._charts) == 1
    assert ws._charts[0].tagname == "barChart"


def test_print_setup_is_landscape_fit_to_width_with_repeated_header(tmp_path):
    wb = load_workbook(_save(tmp_path, "management"))
    for ws in wb:
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows


def test_title_lines_name_cycle_reference_date_and_audience(tmp_path):
    ws = load_workbook(_save(tmp_path, "management"))["Samenvatting"]
    lines = [ws.cell(row=r, column=1).value for r in range(1, 5)]
    assert "2026" in lines[1] and "30/06/2026" in lines[1]
    assert "< 5" in lines[2]


def test_management_shows_k_text_exactly_in_suppressed_cells(tmp_path):
    ws = load_workbook(_save(tmp_path, "management"))["Samenvatting"]
    rows = {r["Afdeling"]: r for r in table_rows(ws, "tbl_summary")}
    # the hand-made figures suppress the small group "Keuken" only
    assert all(v == "< 5" for k, v in rows["Keuken"].items() if k != "Afdeling" and v is not None)
    for group in ("Totaal", "Zorg", "(geen)"):
        assert "< 5" not in rows[group].values()


def test_management_data_quality_lists_no_source_values_or_row_messages(tmp_path):
    wb = load_workbook(_save(tmp_path, "management"))
    ws = wb["Datakwaliteit"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any("31/02/2026" in text for text in texts)
    findings = table_rows(ws, "tbl_quality_findings")
    assert findings == [
        {
            "Tabel": "Afspraken",
            "Veld": "Deadline",
            "Ernst": t("severity.warning", "nl"),
            "Melding": "'Deadline' bevat geen geldige datum ('…').",
            "Aantal rijen": 1,
        }
    ]


def test_hr_data_quality_lists_each_finding_with_its_value(tmp_path):
    ws = load_workbook(_save(tmp_path, "hr"))["Datakwaliteit"]
    findings = table_rows(ws, "tbl_quality_findings")
    assert [(f["Rij"], f["Waarde in bron"]) for f in findings] == [(7, "31/02/2026")]
    counts = table_rows(ws, "tbl_quality_counts")
    assert [c["Rijen niet gebruikt"] for c in counts] == [0, 0, 1, 0]


def test_definitions_list_parameters_and_every_figure(tmp_path):
    ws = load_workbook(_save(tmp_path, "management"))["Definities"]
    rows = table_rows(ws, "tbl_definitions")
    items = {r["Onderwerp"]: r["Toelichting"] for r in rows}
    assert items["Referentiedatum"] == "30/06/2026"
    assert items["Drempel kleine groepen (k)"] == "5"
    assert items["Gegevensbestanden"] == "export.xlsx"
    assert items[t("metric.coverage_any", "nl")] == t("metric.coverage_any.definition", "nl")


def test_injected_group_theme_and_detail_text_stays_text(tmp_path):
    hostile_group = INJECTIONS[1]
    wb = load_workbook(_save(tmp_path, "hr", extra_group=hostile_group))
    found = []
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value in (*INJECTIONS, "=1+2"):
                    assert cell.data_type == "s" and cell.quotePrefix
                    found.append(cell.value)
    assert hostile_group in found  # a department name
    assert "=1+2" in found  # a training theme
    assert INJECTIONS[0] in found and "-2" in found  # a name and a description


def test_column_widths_fit_the_longest_value_up_to_a_cap(tmp_path):
    ws = load_workbook(_save(tmp_path, "hr"))["Achterstallige afspraken"]
    names = ws.column_dimensions["B"].width  # the longest name is 42 characters
    assert names == min(len(INJECTIONS[0]), MAX_WIDTH["text"]) + 2
    ids = ws.column_dimensions["A"].width  # "00123", under its header "Personeelsnummer"
    assert len("Personeelsnummer") + 2 <= ids < names


def test_data_bars_leave_out_the_total_row(tmp_path):
    ws = load_workbook(_save(tmp_path, "hr"))["Opvolging"]
    header = ws[ws.tables["tbl_followup"].ref][0]
    total_row = header[0].row + 1
    assert ws.cell(row=total_row, column=1).value == "Totaal"
    bar_ranges = [str(r.sqref) for r in ws.conditional_formatting if r.rules[0].type == "dataBar"]
    assert bar_ranges
    for sqref in bar_ranges:
        assert all(int(part.split(":")[0][1:]) > total_row for part in sqref.split())


def test_chart_series_point_at_the_table_rows(tmp_path):
    ws = load_workbook(_save(tmp_path, "management"))["Opvolging"]
    table = ws[ws.tables["tbl_followup"].ref]
    header, rows = table[0], table[1:]
    chart = ws._charts[0]
    bucket_cols = [c.column_letter for c in header if "dagen" in str(c.value)]
    refs = [s.val.numRef.f for s in chart.series]
    # the groups below the total row, one series per days-overdue bucket
    first, last = rows[1][0].row, rows[-1][0].row
    assert refs == [f"'Opvolging'!${col}${first}:${col}${last}" for col in bucket_cols]
    assert chart.series[0].cat.strRef.f == f"'Opvolging'!$A${first}:$A${last}"


def test_breakdown_values_are_shown_by_their_labels_per_row(tmp_path):
    wb = load_workbook(_save(tmp_path, "hr"))
    mix = [
        r
        for r in table_rows(wb["Afspraken"], "tbl_agreements")
        if r[t("export.col.breakdown_field", "nl")] == t("field.category", "nl")
    ]
    shown = {(r["Afdeling"], r[t("export.col.breakdown", "nl")]) for r in mix}
    assert shown == {
        (group, t(f"category.{cat}", "nl"))
        for group in ("Totaal", "Zorg")
        for cat in ("development_goal", "training")
    }
    headline = [r for r in table_rows(wb["Afspraken"], "tbl_agreements") if r not in mix]
    assert headline and all(r[t("export.col.breakdown", "nl")] is None for r in headline)
    training = table_rows(wb["Opleidingsnoden"], "tbl_training")
    assert {r[t("export.col.dimension", "nl")] for r in training} == {t("field.theme", "nl")}
    assert {r[t("export.col.breakdown", "nl")] for r in training} == {
        "Communicatie",
        "Wondzorg",
        "=1+2",
    }
