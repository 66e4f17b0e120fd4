"""Text files: separator, encodings, line numbers, ragged lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from popanalytics.errors import PopError
from popanalytics.io import read_sources, read_sources_with_skipped
from popanalytics.io.header import header_score
from popanalytics.io.names import build_vocabulary
from popanalytics.io.readers import decode_text, detect_separator

HEADER = ["Personeelsnummer", "Afdeling", "Datum in dienst", "FTE"]
ROW = ["00123", "Zorg", "01/02/2015", "0,8"]


def _score(rows: list[list[object]]) -> int:
    return header_score(build_vocabulary(), rows)


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_separator_is_detected_from_the_header(separator: str) -> None:
    quoted = [f'"{v}"' if separator in v else v for v in ROW]
    text = separator.join(HEADER) + "\n" + separator.join(quoted) + "\n"
    assert detect_separator(text, _score) == separator


def test_semicolon_wins_over_decimal_commas_in_every_line() -> None:
    text = "Personeelsnummer;FTE;Uren\n001;0,8;1,5\n002;0,5;2,5\n003;1,0;7,6\n"
    assert detect_separator(text, _score) == ";"


def test_separator_without_a_known_header_is_the_most_frequent_in_the_first_line() -> None:
    assert detect_separator("\na;b;c,d\n", _score) == ";"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Vestiging;Sint-André\n".encode(), "Vestiging;Sint-André\n"),
        ("Vestiging;Sint-André\n".encode("utf-8-sig"), "Vestiging;Sint-André\n"),
        ("Vestiging;Sint-André\n".encode("cp1252"), "Vestiging;Sint-André\n"),
        ("Vestiging;Sint-André\n".encode("utf-16"), "Vestiging;Sint-André\n"),
    ],
    ids=["utf-8", "utf-8-bom", "cp1252", "utf-16-bom"],
)
def test_text_is_decoded_from_each_accepted_encoding(data: bytes, expected: str) -> None:
    assert decode_text(data, "x.csv") == expected


def test_bom_does_not_stick_to_the_first_header(data_dir: Path) -> None:
    (raw,) = read_sources([data_dir / "employees_comma_bom.csv"])
    assert raw.headers["employee_id"] == "Employee ID"


def test_csv_line_numbers_count_title_and_empty_lines(data_dir: Path) -> None:
    (raw,) = read_sources([data_dir / "gesprekken_titelrijen.csv"])
    lines = (data_dir / "gesprekken_titelrijen.csv").read_text(encoding="utf-8").splitlines()
    numbers: list[int] = raw.frame.index.tolist()
    for number, employee in zip(numbers, raw.frame["employee_id"], strict=True):
        assert lines[number - 1].startswith(employee)


def test_line_longer_than_the_header_keeps_its_row_and_lists_the_extra_column(
    tmp_path: Path,
) -> None:
    path = tmp_path / "medewerkers.csv"
    path.write_text(
        ";".join(HEADER) + "\n" + ";".join(ROW) + "\n" + ";".join([*ROW[:3], "1", "extra"]) + "\n",
        encoding="utf-8",
    )
    (raw,) = read_sources([path])
    assert list(raw.frame.index) == [2, 3]
    assert raw.frame["fte"].tolist() == ["0,8", "1"]
    assert raw.ignored_columns == ("E",)


def test_short_lines_leave_missing_cells_empty(tmp_path: Path) -> None:
    path = tmp_path / "medewerkers.csv"
    path.write_text(";".join(HEADER) + "\n00123;Zorg\n", encoding="utf-8")
    (raw,) = read_sources([path])
    assert list(raw.frame.loc[2]) == ["00123", "Zorg", None, None]


def test_txt_file_with_tabs_is_read(tmp_path: Path) -> None:
    path = tmp_path / "personeel.txt"
    path.write_text("\t".join(HEADER) + "\n" + "\t".join(ROW) + "\n", encoding="utf-8")
    (raw,) = read_sources([path])
    assert raw.table == "employees"
    assert raw.frame.loc[2, "employee_id"] == "00123"


def test_csv_with_only_a_header_gives_an_empty_table(tmp_path: Path) -> None:
    path = tmp_path / "medewerkers.csv"
    path.write_text(";".join(HEADER) + "\n", encoding="utf-8")
    (raw,) = read_sources([path])
    assert raw.frame.empty
    assert list(raw.frame.columns) == ["employee_id", "department", "start_date", "fte"]


def test_line_of_spaces_only_is_not_data(tmp_path: Path) -> None:
    path = tmp_path / "medewerkers.csv"
    path.write_text(";".join(HEADER) + "\n  ;  ; ;\t\n" + ";".join(ROW) + "\n", encoding="utf-8")
    (raw,) = read_sources([path])
    assert list(raw.frame.index) == [3]


def test_csv_that_matches_no_table_is_reported_as_skipped(tmp_path: Path) -> None:
    path = tmp_path / "kleuren.csv"
    path.write_text("Kleur;Code\nblauw;1\n", encoding="utf-8")
    assert read_sources_with_skipped([path]) == ([], [("kleuren.csv", None)])


def test_unclosed_quote_names_the_line_where_it_opens(tmp_path: Path) -> None:
    path = tmp_path / "medewerkers.csv"
    lines = ["Export HR", "", ";".join(HEADER), ";".join(ROW), '00124;"Zorg;01/01/2020;1', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(PopError) as caught:
        read_sources([path])
    assert caught.value.code == "io.csv_parse"
    assert "regel 5)" in caught.value.message("nl")
    assert "line 5)" in caught.value.message("en")
