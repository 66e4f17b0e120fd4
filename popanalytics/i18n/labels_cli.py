"""Labels (Dutch, English) for the command line."""

LABELS: dict[str, tuple[str, str]] = {
    "cli.bad_parameter": ("Ongeldige parameter: {detail}", "Invalid parameter: {detail}"),
    "cli.validate.heading": ("Datakwaliteit", "Data quality"),
    "cli.validate.table": ("Tabel", "Table"),
    "cli.validate.read": ("Gelezen", "Read"),
    "cli.validate.used": ("Gebruikt", "Used"),
    "cli.validate.quarantined": ("Niet gebruikt", "Quarantined"),
    "cli.validate.unrecognised": (
        "Niet gebruikt, want niet herkend als tabel: {places}.",
        "Not used, as not recognised as a table: {places}.",
    ),
    "cli.validate.no_findings": (
        "Geen bevindingen: elke rij is gebruikt.",
        "No findings: every row was used.",
    ),
    "cli.validate.summary": (
        "{errors} rij(en) niet gebruikt (fout), {warnings} waarschuwing(en) (rij gebruikt):",
        "{errors} row(s) not used (error), {warnings} warning(s) (row used):",
    ),
    "cli.validate.place": ("Bestand:blad:rij", "File:sheet:row"),
    "cli.validate.severity": ("Ernst", "Severity"),
    "cli.validate.message": ("Melding", "Message"),
    "cli.metrics.metric": ("Cijfer", "Figure"),
    "cli.metrics.group": ("Groep", "Group"),
    "cli.metrics.value": ("Waarde", "Value"),
    "cli.written": ("Geschreven: {path}", "Written: {path}"),
    "cli.followup.written": (
        "{count} opvolgbestand(en) geschreven in {path}",
        "{count} follow-up file(s) written to {path}",
    ),
    "cli.followup.hr_only": (
        "Opvolglijsten per leidinggevende noemen medewerkers bij naam en bestaan alleen voor "
        "het publiek hr.",
        "Follow-up lists per manager name employees and exist for the hr audience only.",
    ),
    "cli.demo.size": (
        "Het aantal medewerkers moet minstens 1 zijn.",
        "The number of employees must be at least 1.",
    ),
    "cli.unexpected": (
        "Er ging iets onverwacht mis ({error}: {detail}). Er is niets gewijzigd.",
        "Something unexpected went wrong ({error}: {detail}). Nothing was changed.",
    ),
}
