"""Labels (Dutch, English) for the io area: reading files, fatal problems."""

LABELS: dict[str, tuple[str, str]] = {
    # fatal problems while reading sources
    "io.error.no_sources": (
        "Er werd geen bestand opgegeven om in te lezen.",
        "No file was given to read.",
    ),
    "io.error.missing": (
        "Het bestand of de map '{file}' bestaat niet.",
        "The file or folder '{file}' does not exist.",
    ),
    "io.error.empty_folder": (
        "De map '{file}' bevat geen bruikbare bestanden ({extensions}).",
        "The folder '{file}' holds no supported files ({extensions}).",
    ),
    "io.error.unreadable_folder": (
        "De map '{file}' kan niet gelezen worden.",
        "The folder '{file}' cannot be read.",
    ),
    "io.error.unsupported": (
        "Het bestand '{file}' heeft een niet-ondersteund type ('{ext}'). "
        "Gebruik een van deze types: {extensions}.",
        "The file '{file}' has an unsupported type ('{ext}'). "
        "Use one of these types: {extensions}.",
    ),
    "io.error.unreadable": (
        "Het bestand '{file}' kan niet gelezen worden: het is beschadigd of geen geldig {kind}-bestand.",
        "The file '{file}' cannot be read: it is corrupt or not a valid {kind} file.",
    ),
    "io.error.unreadable_sheet": (
        "Het blad '{sheet}' in het bestand '{file}' kan niet gelezen worden: "
        "het is beschadigd of geen geldig {kind}-blad.",
        "The sheet '{sheet}' in the file '{file}' cannot be read: "
        "it is corrupt or not a valid {kind} sheet.",
    ),
    "io.error.encrypted": (
        "Het bestand '{file}' is beveiligd met een wachtwoord. "
        "Sla het op zonder wachtwoord en probeer opnieuw.",
        "The file '{file}' is password-protected. Save it without a password and try again.",
    ),
    "io.error.encoding": (
        "Het tekstbestand '{file}' kan niet gelezen worden: de tekens zijn geen UTF-8 en geen Windows-1252.",
        "The text file '{file}' cannot be read: its characters are neither UTF-8 nor Windows-1252.",
    ),
    "io.error.csv_parse": (
        "Het tekstbestand '{file}' kan niet gelezen worden als CSV (rond regel {line}).",
        "The text file '{file}' cannot be read as CSV (around line {line}).",
    ),
    # the mapping file
    "io.error.mapping_missing": (
        "Het koppelingsbestand '{file}' bestaat niet.",
        "The mapping file '{file}' does not exist.",
    ),
    "io.error.mapping_syntax": (
        "Het koppelingsbestand '{file}' is geen geldig TOML-bestand: {detail}",
        "The mapping file '{file}' is not valid TOML: {detail}",
    ),
    "io.error.mapping_table": (
        "Het koppelingsbestand '{file}' noemt een onbekende tabel '{name}'. "
        "Gekende tabellen: {known}.",
        "The mapping file '{file}' names an unknown table '{name}'. Known tables: {known}.",
    ),
    "io.error.mapping_field": (
        "Het koppelingsbestand '{file}' noemt een onbekend veld '{name}' in tabel '{table}'. "
        "Gekende velden: {known}.",
        "The mapping file '{file}' names an unknown field '{name}' in table '{table}'. "
        "Known fields: {known}.",
    ),
    "io.error.mapping_value": (
        "In het koppelingsbestand '{file}' moet '{name}' een tekst of een lijst van teksten zijn.",
        "In the mapping file '{file}', '{name}' must be a text or a list of texts.",
    ),
}
