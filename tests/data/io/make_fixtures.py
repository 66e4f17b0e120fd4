"""Writes the data-file fixtures of tests/io (run it again after changing it).

    .venv/bin/python tests/data/io/make_fixtures.py

Every name and id here is made up. The CSV files are written from literal text
here so that their encodings (Windows-1252, UTF-8 with BOM) are exact.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

HERE = Path(__file__).parent
D = dt.datetime


def write_text(name: str, text: str, encoding: str) -> None:
    (HERE / name).write_bytes(text.encode(encoding))


def csv_files() -> None:
    # Belgian Excel "CSV (puntkomma)": ';', Windows-1252, decimal comma
    write_text(
        "medewerkers_puntkomma_cp1252.csv",
        "Personeelsnummer;Naam;Afdeling;Vestiging;Datum in dienst;FTE\r\n"
        "00123;Persoon A;Zorg;Campus Sint-André;01/02/2015;0,8\r\n"
        "00124;Persoon B;Keuken;Campus Hélène;15/09/2019;1\r\n",
        "cp1252",
    )
    # English headers, ',' and UTF-8 with BOM, a quoted value holding the separator
    write_text(
        "employees_comma_bom.csv",
        "Employee ID,Name,Department,Location,Hire Date,FTE\n"
        '00201,Person C,Care,"Campus Noord, gebouw B",2018-03-01,0.5\n'
        "00202,Person D,Kitchen,Campus Zuid,2020-11-16,1\n",
        "utf-8-sig",
    )
    # title rows above the header, an empty line inside, empty ';' lines at the end
    write_text(
        "gesprekken_titelrijen.csv",
        "Export personeelsgesprekken\n"
        "Datum export: 01/03/2026\n"
        "\n"
        "Personeelsnummer;Soort gesprek;Datum gesprek;Status\n"
        "00123;POP-gesprek;12/01/2026;gehouden\n"
        "00124;Functioneringsgesprek;;gepland\n"
        "\n"
        "00201;Evaluatiegesprek;03/02/2026;gehouden\n"
        ";;;\n"
        ";;;\n",
        "utf-8",
    )


def folder_source() -> None:
    folder = HERE / "export_map"
    folder.mkdir(exist_ok=True)
    (folder / "gesprekken.csv").write_text(
        "Personeelsnummer;Soort gesprek;Datum gesprek\n00301;POP;05/01/2026\n", encoding="utf-8"
    )
    (folder / "medewerkers.csv").write_text(
        "Personeelsnummer;Afdeling;Datum in dienst\n00301;Zorg;01/01/2020\n", encoding="utf-8"
    )
    (folder / "lees_mij.md").write_text("Not data: ignored in a folder.\n", encoding="utf-8")


def pop_workbook() -> None:
    """Several sheets in an unusual order, title rows, trailing formatted empty rows."""
    wb = Workbook()
    info = wb.active
    info.title = "Info"
    info.append(["Export uit het HR-systeem"])
    info.append(["Aangemaakt op", D(2026, 3, 1)])

    conv = wb.create_sheet("Gesprekken")
    conv.append(["Personeelsgesprekken 2026"])  # row 1: title
    conv.append([])  # row 2: empty
    conv.append(["Personeelsnummer", "Soort gesprek", "Datum gesprek", "Status", "Opmerking"])
    conv.append(["00123", "POP-gesprek", D(2026, 1, 12), "gehouden", "vlot"])  # row 4
    conv.append(["00124", "Beoordeling", None, "gepland", None])  # row 5
    # formatted but empty rows at the end of the sheet
    for row in range(6, 12):
        for col in range(1, 6):
            conv.cell(row=row, column=col).fill = PatternFill("solid", fgColor="FFFF00")
    conv.cell(row=11, column=2).value = "   "  # whitespace only is empty too

    emp = wb.create_sheet("Medewerkers")
    emp.append(["Personeelsnummer", "Naam", "Afdeling", "Datum in dienst", "FTE"])
    emp["A1"].font = Font(bold=True)
    emp.append(["00123", "Persoon A", "Zorg", D(2015, 2, 1), 0.8])
    emp.append([124, "Persoon B", "Keuken", D(2019, 9, 15), 1])  # id typed as a number

    agr = wb.create_sheet("Actiepunten")
    agr.append(["Personeelsnummer", "Categorie", "Omschrijving", "Status", "Deadline"])
    agr.append(["00123", "Opleiding", "Cursus tillen", "open", D(2026, 6, 30)])

    needs = wb.create_sheet("Blad1")  # name says nothing: recognised by its headers
    needs.append(["Personeelsnummer", "Thema", "Leervorm", "Uren", "Kostprijs", "Status"])
    needs.append(["00124", "Veiligheid", "Externe opleiding", 8, "€ 250,00", "aangevraagd"])
    wb.save(HERE / "pop_export.xlsx")


def flat_workbook() -> None:
    """One row per conversation with the employee columns repeated."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Export"
    ws.append(["HR-export gesprekken"])  # row 1: title
    ws.append(
        [
            "Personeelsnummer",
            "Naam",
            "Afdeling",
            "Datum in dienst",
            "Leidinggevende",
            "Soort gesprek",
            "Datum gesprek",
            "Status",
            "Gevoerd door",
        ]
    )
    rows = [
        [
            "00123",
            "Persoon A",
            "Zorg",
            D(2015, 2, 1),
            "M01",
            "POP",
            D(2026, 1, 12),
            "gehouden",
            "M01",
        ],  # 3
        [
            "00123",
            "Persoon A",
            "Zorg",
            D(2015, 2, 1),
            "M01",
            "Beoordeling",
            None,
            "gepland",
            "M02",
        ],  # 4
        [
            "00124",
            "Persoon B",
            "Keuken",
            D(2019, 9, 15),
            "M02",
            None,
            None,
            None,
            None,
        ],  # 5: no conversation
        [
            "00125",
            "Persoon C",
            "Zorg",
            D(2021, 4, 1),
            "M01",
            "POP",
            D(2026, 2, 2),
            "gehouden",
            None,
        ],  # 6
        [
            "00125",
            "Persoon C",
            "Onthaal",
            D(2021, 4, 1),
            "M01",
            "Functionering",
            None,
            "gepland",
            None,
        ],  # 7: conflict
    ]
    for row in rows:
        ws.append(row)
    ws.append([None] * 9)
    wb.save(HERE / "flat_export.xlsx")


def other_headers_workbook() -> None:
    """Headers and a sheet name only the mapping file makes known."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Blad1"
    ws.append(["Pers. nr.", "Afdeling", "In dienst vanaf", "Kleur"])
    ws.append(["00401", "Zorg", D(2022, 5, 1), "blauw"])
    conv = wb.create_sheet("Blad2")
    conv.append(["Pers. nr.", "Soort", "Datum gesprek"])
    conv.append(["00401", "POP", D(2026, 1, 20)])
    wb.save(HERE / "andere_koppen.xlsx")
    write_text(
        "mapping.toml",
        "[sheets]\n"
        'employees = ["Blad1"]\n'
        "\n"
        "[employees]\n"
        'employee_id = ["Pers. nr."]\n'
        'start_date = ["In dienst vanaf"]\n'
        "\n"
        "[conversations]\n"
        'employee_id = "Pers. nr."\n'
        'conversation_type = ["Soort"]\n',
        "utf-8",
    )
    write_text("mapping_unknown_table.toml", '[medewerkerz]\nemployee_id = ["Nr"]\n', "utf-8")
    write_text("mapping_unknown_field.toml", '[employees]\nhire_day = ["Start"]\n', "utf-8")
    write_text("mapping_broken.toml", "[employees\nemployee_id = \n", "utf-8")
    write_text("mapping_bad_value.toml", "[employees]\nemployee_id = 12\n", "utf-8")


def ods_file() -> None:
    """An OpenDocument workbook whose only sheet is called Blad1: the file name names it."""
    frame = pd.DataFrame(
        {
            "Stamnummer": ["00501", "00502"],
            "Dienst": ["Zorg", "Onthaal"],
            "Startdatum": [dt.date(2017, 1, 9), dt.date(2023, 6, 1)],
        }
    )
    frame.to_excel(HERE / "medewerkers.ods", sheet_name="Blad1", index=False, engine="odf")  # type: ignore[arg-type]


def converted_by_libreoffice() -> None:
    """pop_export.xls and pop_export.ods: the same workbook saved by LibreOffice.

    No Python library writes .xls any more, and a LibreOffice .ods is what users
    of it really send; skipped (the kept files stay) when LibreOffice is missing.
    """
    soffice = shutil.which("soffice")
    if soffice is None:
        return
    for fmt in ("xls", "ods"):
        _convert(soffice, fmt)


def _convert(soffice: str, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                str(HERE),
                str(HERE / "pop_export.xlsx"),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def broken_files() -> None:
    (HERE / "kapot.xlsx").write_bytes(b"This is not a zip archive, just text.\n")
    # what Office writes for a password-protected .xlsx: an OLE compound file
    # (signature D0 CF 11 E0 A1 B1 1A E1) holding a stream named EncryptedPackage
    ole = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1016)
    entry = "EncryptedPackage".encode("utf-16-le")
    ole[512 : 512 + len(entry)] = entry
    (HERE / "beveiligd.xlsx").write_bytes(bytes(ole))
    (HERE / "notities.pdf").write_bytes(b"%PDF-1.4\n% not supported\n")
    # a password-protected .ods: its parts are encrypted and the manifest says so
    with zipfile.ZipFile(HERE / "beveiligd.ods", "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
            '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x">'
            '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="x"/>'
            "</manifest:encryption-data></manifest:file-entry></manifest:manifest>",
        )
        archive.writestr("content.xml", bytes(range(256)))


if __name__ == "__main__":
    csv_files()
    folder_source()
    pop_workbook()
    flat_workbook()
    other_headers_workbook()
    ods_file()
    converted_by_libreoffice()
    broken_files()
