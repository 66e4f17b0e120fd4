"""Labels (Dutch, English) for the quality area: findings and fatal validation problems.

A finding's message is ``quality.msg.<key>`` (what is wrong) followed by
``quality.then.<action>`` (what was done about it). Placeholders: ``{row}``
(Excel row number), ``{field}`` (the field's label), ``{value}`` (the cell as
written), ``{fallback}`` (the value used instead).
"""

LABELS: dict[str, tuple[str, str]] = {
    # what is wrong
    "quality.msg.required_missing": (
        "Rij {row}: '{field}' is leeg.",
        "Row {row}: '{field}' is empty.",
    ),
    "quality.msg.unparseable_date": (
        "Rij {row}: '{field}' bevat geen geldige datum ('{value}').",
        "Row {row}: '{field}' is not a valid date ('{value}').",
    ),
    "quality.msg.unparseable_number": (
        "Rij {row}: '{field}' bevat geen geldig getal ('{value}').",
        "Row {row}: '{field}' is not a valid number ('{value}').",
    ),
    "quality.msg.unparseable_bool": (
        "Rij {row}: '{field}' is geen ja/nee-waarde ('{value}').",
        "Row {row}: '{field}' is not a yes/no value ('{value}').",
    ),
    "quality.msg.unknown_enum": (
        "Rij {row}: '{field}' heeft een onbekende waarde ('{value}').",
        "Row {row}: '{field}' has an unknown value ('{value}').",
    ),
    "quality.msg.date_out_of_range": (
        "Rij {row}: '{field}' ligt vóór 1950 of meer dan 2 jaar in de toekomst ('{value}').",
        "Row {row}: '{field}' lies before 1950 or more than 2 years ahead ('{value}').",
    ),
    "quality.msg.negative_value": (
        "Rij {row}: '{field}' is negatief ('{value}').",
        "Row {row}: '{field}' is negative ('{value}').",
    ),
    "quality.msg.value_out_of_range": (
        "Rij {row}: '{field}' ligt buiten het toegelaten bereik ('{value}').",
        "Row {row}: '{field}' is outside the allowed range ('{value}').",
    ),
    "quality.msg.held_without_date": (
        "Rij {row}: '{field}' is leeg, maar het gesprek staat op gehouden.",
        "Row {row}: '{field}' is empty, but the conversation is marked as held.",
    ),
    "quality.msg.held_invalid_date": (
        "Rij {row}: '{field}' is geen bruikbare datum ('{value}'), maar het gesprek staat op gehouden.",
        "Row {row}: '{field}' is not a usable date ('{value}'), but the conversation is marked as held.",
    ),
    "quality.msg.done_without_date": (
        "Rij {row}: de afspraak staat op afgerond, maar '{field}' is leeg; "
        "ze telt mee als afgerond, niet voor tijdig afgerond.",
        "Row {row}: the agreement is marked as done, but '{field}' is empty; "
        "it counts as done, not for done on time.",
    ),
    "quality.msg.unknown_employee": (
        "Rij {row}: personeelsnummer '{value}' komt niet voor bij de medewerkers.",
        "Row {row}: employee ID '{value}' does not occur among the employees.",
    ),
    "quality.msg.employee_rejected": (
        "Rij {row}: de rij van medewerker '{value}' werd afgekeurd bij de medewerkers "
        "(zie daar de reden).",
        "Row {row}: the row of employee '{value}' was rejected in the employees table "
        "(see the reason there).",
    ),
    "quality.msg.duplicate_id": (
        "Rij {row}: '{field}' '{value}' komt al in een eerdere rij voor; de eerste rij telt.",
        "Row {row}: '{field}' '{value}' already occurs in an earlier row; the first row counts.",
    ),
    "quality.msg.unknown_conversation": (
        "Rij {row}: '{field}' '{value}' verwijst naar geen enkel gesprek.",
        "Row {row}: '{field}' '{value}' refers to no conversation.",
    ),
    # what was done about it
    "quality.then.quarantine": (
        "Deze rij is niet gebruikt.",
        "This row was not used.",
    ),
    "quality.then.empty": (
        "De waarde is leeg gelaten.",
        "The value was left empty.",
    ),
    "quality.then.fallback": (
        "De waarde '{fallback}' is gebruikt.",
        "The value '{fallback}' was used.",
    ),
    "quality.then.keep": ("", ""),
    # fatal problems
    "quality.fatal.no_employee_table": (
        "Er werd geen personeelstabel gevonden in {files}. "
        "Voeg een blad of bestand met medewerkers toe (bv. een blad 'Medewerkers' "
        "met de kolommen Personeelsnummer, Afdeling en Datum in dienst).{unrecognised}",
        "No employee table was found in {files}. "
        "Add a sheet or file with employees (e.g. a sheet 'Employees' "
        "with the columns Employee ID, Department and Start date).{unrecognised}",
    ),
    "quality.fatal.unrecognised": (
        " Niet herkend als tabel (leeg, of bovenaan geen kopregel met de verplichte kolommen): "
        "{places}.",
        " Not recognised as a table (empty, or no header row with the required columns at the "
        "top): {places}.",
    ),
    "quality.fatal.missing_column": (
        "De verplichte kolom '{label} ({field})' ontbreekt in {place}. "
        "Herkende kolomnamen: {aliases}.",
        "The required column '{label} ({field})' is missing in {place}. "
        "Recognised column names: {aliases}.",
    ),
    "quality.fatal.empty_employee_table": (
        "De personeelstabel in {place} bevat geen gegevens: onder de kolomkoppen staat geen enkele rij.",
        "The employee table in {place} holds no data: there is no row below the column headers.",
    ),
    "quality.fatal.no_usable_employees": (
        "De personeelstabel in {place} bevat geen enkele bruikbare rij. Eerste probleem: {example}",
        "The employee table in {place} holds no usable row. First problem: {example}",
    ),
    "quality.place.sheet": ("bestand '{file}', blad '{sheet}'", "file '{file}', sheet '{sheet}'"),
    "quality.place.file": ("bestand '{file}'", "file '{file}'"),
    "quality.place.join": (" en ", " and "),
    # progress of loading
    "quality.progress.reading": ("Bestanden inlezen…", "Reading files…"),
    "quality.progress.validating": ("Gegevens controleren…", "Checking the data…"),
    "quality.progress.done": ("Klaar", "Done"),
}
