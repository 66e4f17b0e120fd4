"""validate(): every broken-row class lands in the report; used rows come out canonical."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest
from schema_builders import TODAY, MakeRaw, agreement, conversation, employee, need, raw_table

from popanalytics.io.raw import RawTable
from popanalytics.model import TABLE_NAMES, TABLES, empty_frame
from popanalytics.schema import FINDING_COLUMNS, QualityReport, validate


def run(*tables: RawTable, today: dt.date = TODAY) -> tuple[Any, QualityReport]:
    return validate(list(tables), today=today)


def staff(*extra: dict[str, Any]) -> RawTable:
    """Employees E1, E2 plus ``extra`` rows (which start at Excel row 4)."""
    return raw_table("employees", [employee("E1"), employee("E2"), *extra])


def only(report: QualityReport) -> dict[str, Any]:
    assert len(report.findings) == 1, report.findings[["table", "row", "field", "code"]]
    found = {str(k): v for k, v in report.findings.iloc[0].to_dict().items()}
    return found


# (name, sheets, expected finding: table, row, field, severity, code)
BROKEN: list[tuple[str, list[RawTable], tuple[str, int, str, str, str]]] = [
    (
        "employee without department",
        [staff(employee("E3", department="  "))],
        ("employees", 4, "department", "error", "required_missing"),
    ),
    (
        "employee with unreadable start date",
        [staff(employee("E3", start_date="ooit"))],
        ("employees", 4, "start_date", "error", "unparseable_date"),
    ),
    (
        "employee with start date before 1950",
        [staff(employee("E3", start_date="01/01/1900"))],
        ("employees", 4, "start_date", "error", "date_out_of_range"),
    ),
    (
        "open end date 31/12/9999",
        [staff(employee("E3", end_date=dt.datetime(9999, 12, 31)))],
        ("employees", 4, "end_date", "warning", "date_out_of_range"),
    ),
    (
        "employee id twice",
        [staff(employee("E1", department="Keuken"))],
        ("employees", 4, "employee_id", "error", "duplicate_id"),
    ),
    (
        "unknown conversation type",
        [staff(), raw_table("conversations", [conversation(conversation_type="Exitgesprek")])],
        ("conversations", 2, "conversation_type", "error", "unknown_enum"),
    ),
    (
        "conversation without type",
        [staff(), raw_table("conversations", [conversation(conversation_type=None)])],
        ("conversations", 2, "conversation_type", "error", "required_missing"),
    ),
    (
        "conversation of an unknown employee",
        [staff(), raw_table("conversations", [conversation("E9")])],
        ("conversations", 2, "employee_id", "error", "unknown_employee"),
    ),
    (
        "conversation id twice",
        [
            staff(),
            raw_table(
                "conversations", [conversation(conv_id="C1"), conversation("E2", conv_id="C1")]
            ),
        ],
        ("conversations", 3, "conversation_id", "error", "duplicate_id"),
    ),
    (
        "held conversation without held date",
        [staff(), raw_table("conversations", [conversation(held_date=None)])],
        ("conversations", 2, "held_date", "error", "held_without_date"),
    ),
    (
        "held conversation with an unreadable held date",
        [staff(), raw_table("conversations", [conversation(held_date="gisteren")])],
        ("conversations", 2, "held_date", "error", "held_without_date"),
    ),
    (
        "unreadable optional date",
        [staff(), raw_table("conversations", [conversation(planned_date="volgende week")])],
        ("conversations", 2, "planned_date", "warning", "unparseable_date"),
    ),
    (
        "optional date more than two years ahead",
        [staff(), raw_table("conversations", [conversation(followup_date="01/01/2030")])],
        ("conversations", 2, "followup_date", "warning", "date_out_of_range"),
    ),
    (
        "signature date before 1950",
        [staff(), raw_table("conversations", [conversation(signed_by_manager="01/01/1901")])],
        ("conversations", 2, "signed_by_manager", "warning", "date_out_of_range"),
    ),
    (
        "unreadable report filed",
        [staff(), raw_table("conversations", [conversation(report_filed="misschien")])],
        ("conversations", 2, "report_filed", "warning", "unparseable_bool"),
    ),
    (
        "unknown conversation status",
        [staff(), raw_table("conversations", [conversation(status="bezig")])],
        ("conversations", 2, "status", "warning", "unknown_enum"),
    ),
    (
        "negative fte",
        [staff(employee("E3", fte="-0,5"))],
        ("employees", 4, "fte", "warning", "negative_value"),
    ),
    (
        "fte above 100 percent",
        [staff(employee("E3", fte="150"))],
        ("employees", 4, "fte", "warning", "value_out_of_range"),
    ),
    (
        "unreadable fte",
        [staff(employee("E3", fte="voltijds"))],
        ("employees", 4, "fte", "warning", "unparseable_number"),
    ),
    (
        "done agreement without done date",
        [staff(), raw_table("agreements", [agreement(status="gerealiseerd")])],
        ("agreements", 2, "done_date", "warning", "done_without_date"),
    ),
    (
        "unknown agreement category",
        [staff(), raw_table("agreements", [agreement(category="iets anders")])],
        ("agreements", 2, "category", "warning", "unknown_enum"),
    ),
    (
        "unknown agreement status",
        [staff(), raw_table("agreements", [agreement(status="half")])],
        ("agreements", 2, "status", "error", "unknown_enum"),
    ),
    (
        "unknown focus",
        [staff(), raw_table("agreements", [agreement(focus="zwakte")])],
        ("agreements", 2, "focus", "warning", "unknown_enum"),
    ),
    (
        "unknown owner",
        [staff(), raw_table("agreements", [agreement(owner="HR")])],
        ("agreements", 2, "owner", "warning", "unknown_enum"),
    ),
    (
        "agreement of an unknown conversation",
        [staff(), raw_table("agreements", [agreement(conversation_id="C404")])],
        ("agreements", 2, "conversation_id", "warning", "unknown_conversation"),
    ),
    (
        "agreement id twice",
        [staff(), raw_table("agreements", [agreement(), agreement()])],
        ("agreements", 3, "agreement_id", "error", "duplicate_id"),
    ),
    (
        "need without theme",
        [staff(), raw_table("training_needs", [need(theme=" ")])],
        ("training_needs", 2, "theme", "error", "required_missing"),
    ),
    (
        "negative hours",
        [staff(), raw_table("training_needs", [need(hours="-4")])],
        ("training_needs", 2, "hours", "warning", "negative_value"),
    ),
    (
        "negative cost",
        [staff(), raw_table("training_needs", [need(cost="€ -100,00")])],
        ("training_needs", 2, "cost", "warning", "negative_value"),
    ),
    (
        "unknown learning form",
        [staff(), raw_table("training_needs", [need(learning_form="hackathon")])],
        ("training_needs", 2, "learning_form", "warning", "unknown_enum"),
    ),
    (
        "unknown priority",
        [staff(), raw_table("training_needs", [need(priority="dringend")])],
        ("training_needs", 2, "priority", "warning", "unknown_enum"),
    ),
    (
        "need of an unknown employee",
        [staff(), raw_table("training_needs", [need("E9")])],
        ("training_needs", 2, "employee_id", "error", "unknown_employee"),
    ),
]


@pytest.mark.parametrize(
    ("sheets", "expected"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN]
)
def test_each_broken_row_class_is_reported_and_an_error_quarantines_the_row(
    sheets: list[RawTable], expected: tuple[str, int, str, str, str]
) -> None:
    dataset, report = run(*sheets)
    found = only(report)
    assert (
        found["table"],
        found["row"],
        found["field"],
        found["severity"],
        found["code"],
    ) == expected
    assert found["file"] == "export.xlsx"
    assert found["sheet"] == "Blad1"
    assert found["message_nl"].startswith(f"Rij {expected[1]}: ")
    assert found["message_en"].startswith(f"Row {expected[1]}: ")
    # an error quarantines the row, a warning keeps it; the counts balance
    table, severity = expected[0], expected[3]
    counts = report.counts[table]
    read = sum(len(s.frame) for s in sheets if s.table == table)
    assert counts.read == read
    assert counts.quarantined == (1 if severity == "error" else 0)
    assert counts.used == len(dataset.table(table)) == read - counts.quarantined


def test_held_without_date_message_names_the_field_in_dutch() -> None:
    rows = [conversation(conv_id=f"C{i}") for i in range(5)] + [
        conversation(conv_id="C9", held_date=None)
    ]
    _, report = run(staff(), raw_table("conversations", rows))
    assert only(report)["message_nl"].startswith(
        "Rij 7: 'Datum gesprek' is leeg, maar het gesprek staat op gehouden."
    )
    assert "Date held" in only(report)["message_en"]


def test_a_repaired_value_is_left_empty_in_the_dataset() -> None:
    dataset, _ = run(staff(), raw_table("training_needs", [need(hours="-4", cost="€ 1.250,00")]))
    row = dataset.training_needs.iloc[0]
    assert pd.isna(row["hours"])
    assert row["cost"] == 1250.0


def test_unknown_category_and_learning_form_become_other() -> None:
    dataset, report = run(
        staff(),
        raw_table("agreements", [agreement(category="iets anders")]),
        raw_table("training_needs", [need(learning_form="hackathon")]),
    )
    assert dataset.agreements["category"].tolist() == ["other"]
    assert dataset.training_needs["learning_form"].tolist() == ["other"]
    assert report.findings["message_nl"].str.contains("'Andere'").all()


def test_a_done_agreement_without_done_date_stays_done() -> None:
    dataset, _ = run(staff(), raw_table("agreements", [agreement(status="afgerond")]))
    assert dataset.agreements["status"].tolist() == ["done"]


def test_a_link_to_an_unknown_conversation_is_emptied_but_the_agreement_kept() -> None:
    dataset, _ = run(
        staff(),
        raw_table("conversations", [conversation(conv_id="C1")]),
        raw_table(
            "agreements",
            [agreement(conversation_id="C404"), agreement(agr_id="A2", conversation_id="C1")],
        ),
    )
    assert dataset.agreements["agreement_id"].tolist() == ["A1", "A2"]
    assert pd.isna(dataset.agreements["conversation_id"].iloc[0])
    assert dataset.agreements["conversation_id"].iloc[1] == "C1"


def test_a_missing_cost_is_not_a_finding() -> None:
    _, report = run(staff(), raw_table("training_needs", [need(cost=None)]))
    assert report.findings.empty


def test_rows_of_a_rejected_employee_are_quarantined_with_that_reason() -> None:
    dataset, report = run(
        staff(employee("E3", department=None)),
        raw_table("conversations", [conversation("E3")]),
        raw_table("agreements", [agreement("E3")]),
    )
    assert dataset.conversations.empty and dataset.agreements.empty
    others = report.findings[report.findings["table"] != "employees"]
    assert others["code"].tolist() == ["unknown_employee", "unknown_employee"]
    assert others["message_nl"].str.contains("werd afgekeurd").all()
    assert others["message_en"].str.contains("was rejected").all()


def test_the_first_usable_occurrence_of_an_employee_id_wins() -> None:
    dataset, report = run(
        raw_table(
            "employees", [employee("E1", department=None), employee("E1", department="Keuken")]
        )
    )
    assert dataset.employees["department"].tolist() == ["Keuken"]
    assert report.findings["code"].tolist() == ["required_missing"]


def test_a_quarantined_row_reports_its_errors_but_not_its_repairs() -> None:
    _, report = run(staff(employee("E3", department=None, fte="-1", end_date="nooit")))
    assert report.findings["code"].tolist() == ["required_missing"]


def test_plain_format_variation_is_never_a_finding() -> None:
    dataset, report = run(
        raw_table(
            "employees",
            [
                employee(" 00123 ", start_date=43000, fte="80%", end_date=" "),
                employee(124.0, department="  Zorg  en welzijn ", start_date="3-2-19", fte="0,5"),
                employee("E3", start_date=dt.datetime(2021, 5, 1, 0, 0), fte=1),
            ],
        ),
        raw_table(
            "conversations",
            [
                conversation(
                    "00123",
                    conversation_type="POP",
                    signed_by_employee="ja",
                    signed_by_manager="12/3/2026",
                    report_filed="x",
                ),
                conversation(
                    124,
                    conv_id="C2",
                    conversation_type="Functioneringsgesprek",
                    held_date=46100,
                    status="Afgerond",
                ),
                conversation(
                    "E3",
                    conv_id="C3",
                    conversation_type="beoordeling",
                    status="gepland",
                    held_date=None,
                    planned_date="2026-09-01",
                ),
            ],
        ),
        raw_table(
            "agreements",
            [
                agreement(
                    "124", conversation_id="C2", category="Vorming", status="Lopend", owner="Samen"
                )
            ],
        ),
        raw_table(
            "training_needs",
            [
                need(
                    "E3",
                    cost="€ 1.250,00",
                    hours="7,5",
                    learning_form="E-learning",
                    priority="Hoog",
                )
            ],
        ),
    )
    assert report.findings.empty
    assert dataset.employees["employee_id"].tolist() == ["00123", "124", "E3"]
    assert dataset.employees["department"].tolist()[1] == "Zorg en welzijn"
    assert dataset.conversations["employee_id"].tolist() == ["00123", "124", "E3"]
    assert dataset.conversations["status"].tolist() == ["held", "held", "planned"]
    assert dataset.conversations["signed_by_manager_date"].iloc[0] == pd.Timestamp("2026-03-12")
    assert dataset.training_needs["cost"].tolist() == [1250.0]


def test_status_is_derived_from_the_held_date_when_the_column_is_absent() -> None:
    rows: list[dict[str, Any]] = [
        {"employee_id": "E1", "conversation_type": "POP", "held_date": "15/03/2026"},
        {"employee_id": "E1", "conversation_type": "POP", "held_date": None},
        {"employee_id": "E1", "conversation_type": "POP", "held_date": "15/09/2026"},
    ]
    dataset, report = run(staff(), raw_table("conversations", rows))
    assert dataset.conversations["status"].tolist() == ["held", "planned", "planned"]
    assert report.findings.empty
    assert "status" not in dataset.present["conversations"]
    # no id column: ids are generated from the Excel row
    assert dataset.conversations["conversation_id"].tolist() == ["G-2", "G-3", "G-4"]


def test_the_dataset_has_canonical_columns_dtypes_and_a_fresh_index() -> None:
    dataset, _ = run(
        staff(employee("E3", department=None)),
        raw_table("conversations", [conversation()], first_row=5),
        raw_table("agreements", [agreement()]),
        raw_table("training_needs", [need()]),
    )
    for name in TABLE_NAMES:
        frame = dataset.table(name)
        assert tuple(frame.columns) == TABLES[name].columns
        assert frame.dtypes.to_dict() == empty_frame(name).dtypes.to_dict()
        assert frame.index.equals(pd.RangeIndex(len(frame)))


def test_absent_tables_are_empty_canonical_frames() -> None:
    dataset, report = run(staff())
    assert dataset.agreements.empty
    assert tuple(dataset.agreements.columns) == TABLES["agreements"].columns
    assert report.counts["agreements"].read == 0


def test_present_lists_the_optional_columns_the_source_had() -> None:
    dataset, _ = run(
        raw_table("employees", [employee(fte="1")]),
        raw_table("conversations", [conversation(report_filed="ja", signed_by_employee="ja")]),
    )
    assert dataset.present["employees"] == {"fte"}
    assert dataset.has_column("conversations", "report_filed")
    assert dataset.has_column("conversations", "signed_by_employee")
    assert not dataset.has_column("conversations", "signed_by_manager")


def test_generated_ids_are_deterministic_and_unique_across_files() -> None:
    first = raw_table("conversations", [conversation(conv_id=None)], file="a.xlsx")
    second = raw_table("conversations", [conversation("E2", conv_id=None)], file="b.xlsx")
    dataset, report = run(staff(), first, second)
    ids = dataset.conversations["conversation_id"].tolist()
    assert len(set(ids)) == 2 and all(i.startswith("G") for i in ids)
    assert run(staff(), first, second)[0].conversations["conversation_id"].tolist() == ids
    assert report.findings.empty
    assert dataset.sources == ("export.xlsx", "a.xlsx", "b.xlsx")


def test_a_generated_id_never_takes_an_id_that_was_given() -> None:
    sheet = raw_table("conversations", [conversation(conv_id="G-3"), conversation(conv_id=None)])
    dataset, report = run(staff(), sheet)
    assert dataset.conversations["conversation_id"].nunique() == 2
    assert report.findings.empty


def test_sheets_of_one_table_are_concatenated_keeping_their_place() -> None:
    one = raw_table("employees", [employee("E1")], file="a.xlsx", sheet="Zorg")
    two = raw_table(
        "employees",
        [employee("E2"), employee("E3", department=None)],
        file="b.csv",
        sheet=None,
        first_row=10,
    )
    dataset, report = run(one, two)
    assert dataset.employees["employee_id"].tolist() == ["E1", "E2"]
    found = only(report)
    assert (found["file"], found["row"]) == ("b.csv", 11)
    assert pd.isna(found["sheet"])


def test_findings_have_the_report_columns_and_are_sorted() -> None:
    _, report = run(
        staff(employee("E3", department=None)),
        raw_table(
            "conversations",
            [conversation(held_date=None), conversation("E9", conv_id="C2")],
            file="b.xlsx",
        ),
        raw_table("conversations", [conversation("E9", conv_id="C3")], file="a.xlsx", first_row=8),
    )
    findings = report.findings
    assert tuple(findings.columns) == FINDING_COLUMNS
    assert findings[["table", "file", "row"]].values.tolist() == [
        ["employees", "export.xlsx", 4],
        ["conversations", "a.xlsx", 8],
        ["conversations", "b.xlsx", 2],
        ["conversations", "b.xlsx", 3],
    ]


def test_counts_balance_and_report_serialises() -> None:
    _, report = run(
        staff(employee("E3", department=None), employee("E1")),
        raw_table("conversations", [conversation(), conversation("E9", conv_id="C2")]),
    )
    for counts in report.counts.values():
        assert counts.read == counts.used + counts.quarantined
    data = report.to_json("en")
    assert data["tables"]["employees"] == {"read": 4, "used": 2, "quarantined": 2}  # type: ignore[index]


def test_the_reference_date_decides_what_is_too_far_ahead(make_raw: MakeRaw) -> None:
    sheet = make_raw("conversations", [conversation(followup_date="01/01/2029")])
    assert run(staff(), sheet, today=dt.date(2026, 6, 1))[1].findings["code"].tolist() == [
        "date_out_of_range"
    ]
    assert run(staff(), sheet, today=dt.date(2027, 6, 1))[1].findings.empty


def test_per_kind_counts_findings_and_quotes_no_value():
    from popanalytics.i18n import t
    from popanalytics.schema.quality import FINDING_COLUMNS, QualityReport

    rows = [
        {
            "table": "conversations",
            "file": "x.csv",
            "sheet": None,
            "row": row,
            "field": "employee_id",
            "value": value,
            "severity": "error",
            "code": "unknown_employee",
            "message_nl": t("quality.msg.unknown_employee", "nl", row=row, value=value),
            "message_en": t("quality.msg.unknown_employee", "en", row=row, value=value),
        }
        for row, value in ((3, "E-4242"), (9, "E-7"))
    ]
    kinds = QualityReport(findings=pd.DataFrame(rows, columns=FINDING_COLUMNS)).per_kind("en")
    assert len(kinds) == 1
    assert kinds.loc[0, "rows"] == 2
    assert "E-4242" not in kinds.loc[0, "message"]
    assert "9" not in kinds.loc[0, "message"]


def test_a_kind_of_finding_reads_as_a_sentence_without_a_row():
    from popanalytics.schema.quality import kind_message

    assert kind_message("required_missing", "Afdeling", "nl") == "'Afdeling' is leeg."
    assert kind_message("required_missing", "Department", "en") == "'Department' is empty."
