"""Sources: files in any order, folders, uploads, and the fatal problems of each."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from popanalytics.errors import PopError
from popanalytics.io import SUPPORTED_EXTENSIONS, RawTable, read_sources

ByTable = Callable[[Sequence[RawTable]], dict[str, RawTable]]


def _signature(tables: Sequence[RawTable]) -> set[tuple[str, str, tuple[int, ...]]]:
    return {(t.table, t.file, tuple(t.frame.index)) for t in tables}


def test_several_files_read_the_same_in_any_order(data_dir: Path) -> None:
    files = [
        data_dir / "gesprekken_titelrijen.csv",
        data_dir / "medewerkers_puntkomma_cp1252.csv",
        data_dir / "pop_export.xlsx",
    ]
    assert _signature(read_sources(files)) == _signature(read_sources(files[::-1]))


def test_folder_source_reads_every_supported_file_sorted_by_name(
    data_dir: Path, by_table: ByTable
) -> None:
    tables = read_sources([data_dir / "export_map"])
    assert [t.file for t in tables] == ["gesprekken.csv", "medewerkers.csv"]
    assert by_table(tables)["employees"].frame.loc[2, "employee_id"] == "00301"


def test_folder_skips_office_lock_files(data_dir: Path, tmp_path: Path) -> None:
    shutil.copy(data_dir / "export_map" / "medewerkers.csv", tmp_path / "medewerkers.csv")
    (tmp_path / "~$medewerkers.xlsx").write_bytes(b"owner file")
    assert [t.file for t in read_sources([tmp_path])] == ["medewerkers.csv"]


@pytest.mark.parametrize("file", ["medewerkers_puntkomma_cp1252.csv", "pop_export.xlsx"])
def test_uploaded_file_reads_like_the_file_on_disk(data_dir: Path, file: str) -> None:
    on_disk = read_sources([data_dir / file])
    uploaded = read_sources([(file, (data_dir / file).read_bytes())])
    assert _signature(uploaded) == _signature(on_disk)
    for a, b in zip(on_disk, uploaded, strict=True):
        assert a.frame.equals(b.frame)


def test_upload_content_as_memoryview_is_accepted(data_dir: Path) -> None:
    # ipywidgets' FileUpload hands the content over as a memoryview
    content = memoryview((data_dir / "employees_comma_bom.csv").read_bytes())
    (raw,) = read_sources([("employees.csv", content)])  # type: ignore[list-item]
    assert raw.frame["employee_id"].tolist() == ["00201", "00202"]


def test_single_source_may_be_given_without_a_list(data_dir: Path) -> None:
    path = data_dir / "employees_comma_bom.csv"
    assert _signature(read_sources(path)) == _signature(read_sources([path]))  # type: ignore[arg-type]
    upload = ("employees.csv", path.read_bytes())
    assert [t.table for t in read_sources(upload)] == ["employees"]  # type: ignore[arg-type]


def _empty_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "leeg"
    folder.mkdir()
    (folder / "notities.docx").write_bytes(b"not supported")
    return folder


# how to build the source, what the error code is, the name the message must hold
FATAL = [
    ("missing file", lambda d, t: d / "bestaat_niet.xlsx", "io.missing", "bestaat_niet.xlsx"),
    ("missing folder", lambda d, t: t / "geen_map", "io.missing", "geen_map"),
    ("empty folder", lambda d, t: _empty_folder(t), "io.empty_folder", "leeg"),
    ("corrupt xlsx", lambda d, t: d / "kapot.xlsx", "io.unreadable", "kapot.xlsx"),
    ("password", lambda d, t: d / "beveiligd.xlsx", "io.encrypted", "beveiligd.xlsx"),
    ("password ods", lambda d, t: d / "beveiligd.ods", "io.encrypted", "beveiligd.ods"),
    ("unsupported", lambda d, t: d / "notities.pdf", "io.unsupported", "notities.pdf"),
    ("upload unsupported", lambda d, t: ("foto.png", b"\x89PNG"), "io.unsupported", "foto.png"),
    (
        "upload password",
        lambda d, t: ("geheim.xlsx", (d / "beveiligd.xlsx").read_bytes()),
        "io.encrypted",
        "geheim.xlsx",
    ),
    (
        "corrupt xls",
        lambda d, t: ("oud.xls", b"\xd0\xcf\x11\xe0 broken"),
        "io.unreadable",
        "oud.xls",
    ),
    ("corrupt ods", lambda d, t: ("blad.ods", b"PK\x03\x04 broken"), "io.unreadable", "blad.ods"),
    (
        "undecodable csv",
        lambda d, t: ("lijst.csv", b"Personeelsnummer;Afdeling\n\x81\x8d\x90;x\n"),
        "io.encoding",
        "lijst.csv",
    ),
    # a NUL byte means binary data, not another encoding (issue 8)
    ("binary csv", lambda d, t: ("data.csv", b"PK\x03\x04\x00\x00\x00"), "io.csv_nul", "data.csv"),
]


@pytest.mark.parametrize(
    ("make", "code", "named"), [f[1:] for f in FATAL], ids=[f[0] for f in FATAL]
)
def test_fatal_problem_is_a_poperror_naming_the_file_in_both_languages(
    data_dir: Path,
    tmp_path: Path,
    make: Callable[[Path, Path], object],
    code: str,
    named: str,
) -> None:
    with pytest.raises(PopError) as caught:
        read_sources([make(data_dir, tmp_path)])  # type: ignore[list-item]
    error = caught.value
    assert error.code == code
    assert named in (error.file or "")
    assert named in error.message("nl")
    assert named in error.message("en")
    assert error.message("nl") != error.message("en")


def test_no_source_at_all_is_fatal() -> None:
    with pytest.raises(PopError) as caught:
        read_sources([])
    assert caught.value.code == "io.no_sources"


def test_password_protected_workbook_is_said_to_be_so(data_dir: Path) -> None:
    with pytest.raises(PopError) as caught:
        read_sources([data_dir / "beveiligd.xlsx"])
    assert "wachtwoord" in caught.value.message("nl")
    assert "password" in caught.value.message("en")


def test_single_upload_as_memoryview_may_be_given_without_a_list(data_dir: Path) -> None:
    content = memoryview((data_dir / "employees_comma_bom.csv").read_bytes())
    assert [t.table for t in read_sources(("employees.csv", content))] == ["employees"]  # type: ignore[arg-type]


def test_workbook_saved_under_a_csv_name_is_read_as_a_workbook(data_dir: Path) -> None:
    content = (data_dir / "pop_export.xlsx").read_bytes()
    as_csv = read_sources([("pop_export.csv", content)])
    as_xlsx = read_sources([("pop_export.xlsx", content)])
    assert [(t.table, t.sheet, len(t.frame)) for t in as_csv] == [
        (t.table, t.sheet, len(t.frame)) for t in as_xlsx
    ]


def test_password_protected_workbook_under_a_csv_name_is_said_to_be_so(data_dir: Path) -> None:
    with pytest.raises(PopError) as caught:
        read_sources([("geheim.csv", (data_dir / "beveiligd.xlsx").read_bytes())])
    assert caught.value.code == "io.encrypted"


def test_a_library_failing_on_one_sheet_names_that_sheet(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(raw: object) -> object:
        raise ValueError("a library's own words")

    monkeypatch.setattr("popanalytics.io.read.split_body", broken)
    with pytest.raises(PopError) as caught:
        read_sources([data_dir / "pop_export.xlsx"])
    error = caught.value
    assert error.code == "io.unreadable_sheet"
    assert error.file == "pop_export.xlsx" and error.sheet is not None
    for lang in ("nl", "en"):
        assert f"'{error.sheet}'" in error.message(lang)
        assert "'pop_export.xlsx'" in error.message(lang)
        assert "library" not in error.message(lang)


def test_unsupported_type_message_lists_every_supported_extension() -> None:
    with pytest.raises(PopError) as caught:
        read_sources([("foto.png", b"\x89PNG")])
    for lang in ("nl", "en"):
        assert all(ext in caught.value.message(lang) for ext in SUPPORTED_EXTENSIONS)
