"""Labels (Dutch, English) for hostile input: limits, binary data, cleaned text, absurd numbers."""

LABELS: dict[str, tuple[str, str]] = {
    # fatal: a file or sheet beyond the limits of popanalytics/io/limits.py
    "io.error.file_too_large": (
        "Het bestand '{file}' is te groot om in te lezen ({size} MB; de grens is {limit} MB).",
        "The file '{file}' is too large to read ({size} MB; the limit is {limit} MB).",
    ),
    "io.error.zip_bomb": (
        "Het bestand '{file}' wordt niet ingelezen: het onderdeel '{part}' pakt uit tot "
        "{size} MB (gecomprimeerd {compressed} MB), meer dan een werkboek kan bevatten "
        "(grens {limit} MB in totaal). Het bestand is beschadigd of kwaadwillig.",
        "The file '{file}' is not read: its part '{part}' unpacks to {size} MB "
        "({compressed} MB compressed), more than a workbook can hold (limit {limit} MB "
        "in all). The file is corrupt or malicious.",
    ),
    "io.error.sheet_too_wide": (
        "Het blad '{sheet}' in het bestand '{file}' is te breed: cel {cell} bevat een waarde "
        "in kolom {columns}, de grens is {limit} kolommen. Verwijder wat rechts van de "
        "gegevens staat en probeer opnieuw.",
        "The sheet '{sheet}' in the file '{file}' is too wide: cell {cell} holds a value in "
        "column {columns}; the limit is {limit} columns. Delete what stands to the right of "
        "the data and try again.",
    ),
    "io.error.sheet_too_long": (
        "Het blad '{sheet}' in het bestand '{file}' is te lang: cel {cell} bevat een waarde "
        "op rij {rows}, de grens is {limit} rijen.",
        "The sheet '{sheet}' in the file '{file}' is too long: cell {cell} holds a value in "
        "row {rows}; the limit is {limit} rows.",
    ),
    "io.error.sheet_too_many_cells": (
        "Het blad '{sheet}' in het bestand '{file}' is te groot: de gegevens lopen tot cel "
        "{cell} ({rows} rijen x {columns} kolommen = {cells} cellen), de grens is {limit} "
        "cellen per blad. Staat er een verdwaalde waarde ver onder of rechts van de gegevens? "
        "Verwijder ze en probeer opnieuw.",
        "The sheet '{sheet}' in the file '{file}' is too large: its data reaches cell {cell} "
        "({rows} rows x {columns} columns = {cells} cells); the limit is {limit} cells per "
        "sheet. Is there a stray value far below or to the right of the data? Delete it and "
        "try again.",
    ),
    "io.error.workbook_too_large": (
        "Het bestand '{file}' is te groot: de bladen samen hebben {cells} cellen, de grens is "
        "{limit} cellen per bestand. Splits het over meerdere bestanden.",
        "The file '{file}' is too large: its sheets hold {cells} cells together; the limit is "
        "{limit} cells per file. Split it over several files.",
    ),
    "io.error.too_large_to_read": (
        "Het bestand '{file}' kan niet ingelezen worden: een blad loopt veel verder door dan "
        "zijn gegevens (meer dan {limit} cellen). Staat er een verdwaalde waarde ver onder "
        "of rechts van de gegevens? Verwijder ze en probeer opnieuw.",
        "The file '{file}' cannot be read: a sheet reaches much further than its data (more "
        "than {limit} cells). Is there a stray value far below or to the right of the data? "
        "Delete it and try again.",
    ),
    # fatal: text files
    "io.error.csv_nul": (
        "Het tekstbestand '{file}' bevat NUL-bytes (binaire gegevens?), eerst op regel {line}. "
        "Is het wel een CSV-bestand?",
        "The text file '{file}' contains NUL bytes (binary data?), first on line {line}. "
        "Is it a CSV file at all?",
    ),
    "io.error.csv_field_too_large": (
        "Het tekstbestand '{file}' heeft een te groot veld ({size} MB) op regel {line}, "
        "kolom {column}; de grens is {limit} MB per veld. Ontbreekt er een "
        "aanhalingsteken?",
        "The text file '{file}' has a field that is too large ({size} MB) on line {line}, "
        "column {column}; the limit is {limit} MB per field. Is a quote missing?",
    ),
    "io.error.csv_too_many_lines": (
        "Het tekstbestand '{file}' heeft te veel regels ({lines}); de grens is {limit} regels.",
        "The text file '{file}' has too many lines ({lines}); the limit is {limit} lines.",
    ),
    "io.error.csv_too_many_fields": (
        "Het tekstbestand '{file}' heeft te veel velden ({fields} scheidingstekens); de grens "
        "is {limit}.",
        "The text file '{file}' has too many fields ({fields} separators); the limit is {limit}.",
    ),
    # warnings: what was cleaned on import (one finding per table and field)
    "quality.msg.control_characters": (
        "In {value} cellen van '{field}' werden onzichtbare stuurtekens verwijderd "
        "(bijvoorbeeld rij {row}).",
        "Invisible control characters were removed from {value} cells of '{field}' "
        "(for example row {row}).",
    ),
    # a number no real record holds (non-finite, or beyond the field's sane maximum)
    "quality.msg.absurd_number": (
        "Rij {row}: '{field}' is geen bruikbaar getal ('{value}').",
        "Row {row}: '{field}' is not a usable number ('{value}').",
    ),
}
