"""Hostile input files, built small and on the fly (none is stored in git).

Each builder writes one file into a folder and returns its path. A normal
employees sheet (5 rows) is the base; the hostile part is patched into the XML
or the bytes, the way a broken export or an attacker would have it. Used by
tests/test_cli_hostile.py and bench/load.py (``CASES``).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from openpyxl import Workbook

EMPLOYEE_HEADER = ("Personeelsnummer", "Afdeling", "Datum in dienst")
EMPLOYEES = 5
SHEET = "Medewerkers"


def employee_rows(count: int = EMPLOYEES) -> list[tuple[str, str, str]]:
    return [(f"E{i:03d}", "Zorg", "01/02/2020") for i in range(1, count + 1)]


def workbook(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    """An .xlsx with one sheet per entry, rows from A1 down."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    wb.save(path)
    return path


def employees_workbook(path: Path) -> Path:
    return workbook(path, {SHEET: [EMPLOYEE_HEADER, *employee_rows()]})


def patch_sheet(path: Path, change: Callable[[bytes], bytes], part: str = "") -> Path:
    """Rewrite the first work sheet's XML (or ``part``) of the workbook at ``path``."""
    part = part or "xl/worksheets/sheet1.xml"
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, change(data) if info.filename == part else data)
    path.write_bytes(out.getvalue())
    return path


def _append_row(row: int, cell_xml: str) -> Callable[[bytes], bytes]:
    def change(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", f'<row r="{row}">{cell_xml}</row></sheetData>'.encode())

    return change


def _ref_parts(ref: str) -> tuple[str, int]:
    letters = ref.rstrip("0123456789")
    return letters, int(ref[len(letters) :])


# --- xlsx -----------------------------------------------------------------------------


def declared_dimension(path: Path) -> Path:
    """Small data, but a ``<dimension ref>`` claiming the whole grid A1:XFD1048576."""
    employees_workbook(path)
    return patch_sheet(
        path,
        lambda xml: re.sub(
            rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:XFD1048576"/>', xml
        ),
    )


def stray_value(path: Path, ref: str = "XFD1048576") -> Path:
    """One value far away from the data: the real extent reaches ``ref``."""
    employees_workbook(path)
    _, row = _ref_parts(ref)
    cell = f'<c r="{ref}" t="inlineStr"><is><t>x</t></is></c>'
    return patch_sheet(path, _append_row(row, cell))


def stray_blank(path: Path, ref: str = "Z1048576") -> Path:
    """An empty inline string far away: calamine would count it, it holds nothing."""
    employees_workbook(path)
    _, row = _ref_parts(ref)
    cell = f'<c r="{ref}" t="inlineStr"><is><t></t></is></c>'
    return patch_sheet(path, _append_row(row, cell))


def formatted_empty(path: Path, ref: str = "XFD1048576") -> Path:
    """A formatted empty cell at the end of the grid (a style, no value)."""
    employees_workbook(path)
    _, row = _ref_parts(ref)
    return patch_sheet(path, _append_row(row, f'<c r="{ref}" s="0"/>'))


def lying_zip(path: Path, declared: int = 3 * 1024**3) -> Path:
    """A zip whose directory declares a sheet of ``declared`` bytes (a zip bomb's
    signature), while the data is small."""
    employees_workbook(path)
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    # the central directory entry: signature PK\1\2, uncompressed size at offset 24
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + name_length] == name:
            struct.pack_into("<I", data, position + 24, min(declared, 0xFFFFFFFF))
        position = data.find(b"PK\x01\x02", position + 4)
    path.write_bytes(bytes(data))
    return path


def compression_bomb(path: Path, megabytes: int = 40) -> Path:
    """A workbook with an extra part of zeros that compresses ~1,000 times."""
    employees_workbook(path)
    block = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/image1.bin", "w", force_zip64=True) as part,
    ):
        for _ in range(megabytes):
            part.write(block)
    return path


def training_workbook(path: Path, hours: object = 8, cost: object = 250) -> Path:
    """Employees plus one training need per employee; the first has ``hours`` and ``cost``."""
    needs = [("Personeelsnummer", "Thema", "Status", "Uren", "Kostprijs")]
    for i, (employee, _dep, _start) in enumerate(employee_rows()):
        needs.append(
            (employee, "Valpreventie", "gevraagd", hours if i == 0 else 4, cost if i == 0 else 100)
        )
    return workbook(path, {SHEET: [EMPLOYEE_HEADER, *employee_rows()], "Opleidingsnoden": needs})


def number_cell(path: Path, text: str) -> Path:
    """A training workbook whose first cost cell holds the raw XML number ``text``
    (``1e309`` overflows to infinity in any reader)."""
    training_workbook(path, cost=12345)
    return patch_sheet(
        path,
        lambda xml: xml.replace(b"<v>12345</v>", f"<v>{text}</v>".encode()),
        part="xl/worksheets/sheet2.xml",
    )


# --- ods ------------------------------------------------------------------------------

_ODS_CELL = (
    b'<table:table-cell office:value-type="string" office:string-value="x">'
    b"<text:p>x</text:p></table:table-cell>"
)


def ods_workbook(path: Path) -> Path:
    """The employees sheet as .ods (pandas' odf writer)."""
    import pandas as pd

    frame = pd.DataFrame(employee_rows(), columns=list(EMPLOYEE_HEADER))
    frame.to_excel(path, engine="odf", index=False, sheet_name=SHEET)
    return path


def ods_far_value(path: Path) -> Path:
    """An .ods whose value sits after a million repeated empty rows, in the last
    column: a few bytes of XML that expand into a 17-billion-cell grid."""
    ods_workbook(path)
    far = (
        b'<table:table-row table:number-rows-repeated="1048570"><table:table-cell/>'
        b"</table:table-row><table:table-row>"
        b'<table:table-cell table:number-columns-repeated="16383"/>'
        + _ODS_CELL
        + b"</table:table-row></table:table>"
    )
    return patch_sheet(path, lambda xml: xml.replace(b"</table:table>", far), part="content.xml")


def ods_repeated_empty(path: Path) -> Path:
    """Formatted empty rows repeated to the end of the grid (what LibreOffice writes)."""
    ods_workbook(path)
    empty = (
        b'<table:table-row table:number-rows-repeated="1048570">'
        b'<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
        b"</table:table>"
    )
    return patch_sheet(path, lambda xml: xml.replace(b"</table:table>", empty), part="content.xml")


# --- text -----------------------------------------------------------------------------


def _csv_text(rows: Sequence[Sequence[str]]) -> str:
    return "".join(";".join(row) + "\n" for row in rows)


def big_field_csv(path: Path, megabytes: int = 10) -> Path:
    """A 10 MB field on line 7, column 2 (a quote that never closes, say)."""
    rows = [
        EMPLOYEE_HEADER,
        *employee_rows(),
        ("E099", "x" * (megabytes * 1_000_000), "01/02/2020"),
    ]
    path.write_text(_csv_text(rows), encoding="utf-8")
    return path


def nul_csv(path: Path) -> Path:
    """A NUL byte on line 7."""
    text = _csv_text([EMPLOYEE_HEADER, *employee_rows()])
    path.write_bytes(text.encode() + b"E099;Zo\x00rg;01/02/2020\n")
    return path


def long_csv(path: Path, lines: int) -> Path:
    """A header, five employees and then ``lines`` empty lines."""
    path.write_text(_csv_text([EMPLOYEE_HEADER, *employee_rows()]) + "\n" * lines, encoding="utf-8")
    return path


ESCAPE = "\x1b[31m"


def control_csv(path: Path) -> Path:
    """Terminal escape codes, C1 controls and U+FFFE/U+FFFF in text cells.

    Lines 7 and 8 hold them in the department; line 8 also in the id.
    """
    rows = [
        EMPLOYEE_HEADER,
        *employee_rows(),
        ("E100", f"Zorg{ESCAPE}ROOD\x1b[0m", "01/02/2020"),
        ("E1\x07" + "01", "Keu\ufffeken\uffff\x85", "01/02/2020"),
    ]
    path.write_text(_csv_text(rows), encoding="utf-8")
    return path


# --- the catalogue the bench runs ---------------------------------------------------------

# name -> (file name, builder); each gives its clear message within 60 s and 3 GB
CASES: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "dimension A1:XFD1048576": ("dimension.xlsx", declared_dimension),
    "value at XFD1048576": ("stray_xfd.xlsx", stray_value),
    "value at Z1048576": ("stray_z.xlsx", lambda p: stray_value(p, "Z1048576")),
    "blank string at Z1048576": ("blank_z.xlsx", stray_blank),
    "formatted cell XFD1048576": ("formatted.xlsx", formatted_empty),
    "zip declares 3 GB": ("lying.xlsx", lying_zip),
    "zip part 1000:1": ("bomb.xlsx", compression_bomb),
    "ods: value after 1M rows": ("far.ods", ods_far_value),
    "ods: 1M empty rows": ("empty.ods", ods_repeated_empty),
    "10 MB CSV field": ("bigfield.csv", big_field_csv),
    "NUL byte in CSV": ("nul.csv", nul_csv),
    "escape codes in CSV": ("controls.csv", control_csv),
    "cost 1e309 (inf)": ("inf.xlsx", lambda p: number_cell(p, "1e309")),
    "cost 1e308": ("cost.xlsx", lambda p: training_workbook(p, cost=1e308)),
}
