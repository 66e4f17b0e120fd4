"""Labels (Dutch, English) of the demo writer."""

LABELS: dict[str, tuple[str, str]] = {
    "demo.too_many_rows": (
        "De demo-export heeft {rows} rijen in het blad '{sheet}', meer dan Excel toelaat "
        "({limit}). Geef een map op in plaats van een .xlsx-bestand: dan wordt elke tabel "
        "een CSV-bestand.",
        "The demo export has {rows} rows in sheet '{sheet}', more than Excel allows "
        "({limit}). Give a folder instead of an .xlsx file: each table is then written "
        "as a CSV file.",
    ),
    "demo.unsupported_suffix": (
        "Kan de demo niet schrijven naar '{path}': geef een .xlsx-bestand of een map op.",
        "Cannot write the demo to '{path}': give an .xlsx file or a folder.",
    ),
}
