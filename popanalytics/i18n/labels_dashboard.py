"""Labels (Dutch, English) for the dashboard area."""

LABELS: dict[str, tuple[str, str]] = {
    "dash.title": ("POP-analyse", "POP analytics"),
    "dash.header.meta": (
        "Gegevens: {source} · Cyclus {cycle} · Referentiedatum {date} · Publiek: {audience}",
        "Data: {source} · Cycle {cycle} · Reference date {date} · Audience: {audience}",
    ),
    "dash.header.demo": ("demogegevens (fictieve zorggroep)", "demo data (fictitious care group)"),
    "dash.header.no_data": (
        "Nog geen gegevens geladen: laad een export met de knop hieronder.",
        "No data loaded yet: load an export with the button below.",
    ),
    # views
    "dash.view.overzicht": ("Overzicht", "Overview"),
    "dash.view.gespreksdekking": ("Gespreksdekking", "Conversation coverage"),
    "dash.view.afspraken": ("Afspraken", "Agreements"),
    "dash.view.opvolging": ("Opvolging", "Follow-up"),
    "dash.view.opleidingsnoden": ("Opleidingsnoden", "Training needs"),
    "dash.view.procesindicatoren": ("Procesindicatoren", "Process indicators"),
    "dash.view.datakwaliteit": ("Datakwaliteit", "Data quality"),
    "dash.view.export": ("Export", "Export"),
    "dash.intro.overzicht": (
        "De kerncijfers van de cyclus, met het verschil tegenover de vorige cyclus.",
        "The key figures of the cycle, with the change against the previous cycle.",
    ),
    "dash.intro.gespreksdekking": (
        "Hoeveel medewerkers hadden hun gesprek, en hoeveel gesprekken staan nog gepland of werden gemist.",
        "How many employees had their conversation, and how many conversations are still planned or were missed.",
    ),
    "dash.intro.afspraken": (
        "Hoeveel afspraken zijn gerealiseerd, en op tijd; en over welke soort afspraken het gaat.",
        "How many agreements were completed, and on time; and what kind of agreements they are.",
    ),
    "dash.intro.opvolging": (
        "Afspraken waarvan de opvolg- of einddatum voorbij is zonder dat ze afgerond zijn.",
        "Agreements whose follow-up or due date has passed without them being done.",
    ),
    "dash.intro.opleidingsnoden": (
        "De opleidingsnoden uit de gesprekken: per afdeling en thema, met uren, kostprijs en stand van zaken.",
        "The training needs from the conversations: per department and theme, with hours, cost and status.",
    ),
    "dash.intro.procesindicatoren": (
        "Worden de gesprekken goed gevoerd: tijdig uitgenodigd, verslag ondertekend en bewaard, opvolging gepland, vertrekkend van sterktes?",
        "Are the conversations done well: invited in time, report signed and filed, follow-up planned, building on strengths?",
    ),
    "dash.intro.datakwaliteit": (
        "Elke rij van de export is gebruikt of staat hieronder, met de reden.",
        "Every row of the export is used or listed below, with the reason.",
    ),
    "dash.intro.export": (
        "Download het Excel-overzicht voor de huidige filters.",
        "Download the Excel overview for the current filters.",
    ),
    # sections of the overview
    "dash.section.coverage": ("Gespreksdekking", "Conversation coverage"),
    "dash.section.agreements": ("Afspraken en opvolging", "Agreements and follow-up"),
    "dash.section.training": ("Opleidingsnoden", "Training needs"),
    "dash.section.process": ("Proceskwaliteit", "Process quality"),
    # KPI tiles
    "dash.kpi.employees": ("{n} medewerkers", "{n} employees"),
    "dash.kpi.points": ("{n} ptn", "{n} pts"),
    "dash.kpi.delta": ("{arrow} {amount} t.o.v. {cycle}", "{arrow} {amount} vs {cycle}"),
    "dash.kpi.no_previous": ("geen vergelijking met {cycle}", "no comparison with {cycle}"),
    # filters
    "dash.filter.cycle": ("Cyclus", "Cycle"),
    "dash.filter.cycle_auto": ("van de referentiedatum", "of the reference date"),
    "dash.filter.reference_date": ("Referentiedatum", "Reference date"),
    "dash.filter.department": ("Afdeling", "Department"),
    "dash.filter.team": ("Team", "Team"),
    "dash.filter.location": ("Vestiging", "Location"),
    "dash.filter.job_title": ("Functie", "Job title"),
    "dash.filter.conversation_type": ("Soort gesprek", "Conversation type"),
    "dash.filter.audience": ("Publiek", "Audience"),
    "dash.filter.group_by": ("Per", "Group by"),
    "dash.filter.all": ("Alle", "All"),
    "dash.audience.hr": ("HR", "HR"),
    "dash.audience.management": ("Management", "Management"),
    # upload
    "dash.upload.button": ("Eigen export laden", "Load your export"),
    "dash.upload.tooltip": (
        "Excel (.xlsx, .xls, .ods) of CSV; één of meer bestanden. De gegevens blijven enkel in het geheugen.",
        "Excel (.xlsx, .xls, .ods) or CSV; one or more files. The data stays in memory only.",
    ),
    "dash.upload.loading": ("Bezig met laden van {names} …", "Loading {names} …"),
    # errors
    "dash.error.unexpected": (
        "Er liep iets mis bij het verwerken. Controleer het bestand en probeer opnieuw.",
        "Something went wrong while processing. Check the file and try again.",
    ),
    "dash.error.compute": (
        "Deze cijfers konden niet berekend worden voor de gekozen filters.",
        "These figures could not be computed for the chosen filters.",
    ),
    "dash.error.export": (
        "Het Excel-overzicht kon niet gemaakt worden.",
        "The Excel overview could not be made.",
    ),
    "dash.error.settings": (
        "Ongeldige instelling voor het dashboard: {name} = '{value}'.",
        "Invalid dashboard setting: {name} = '{value}'.",
    ),
    # charts
    "dash.chart.no_data": ("Geen gegevens voor deze selectie", "No data for this selection"),
    "dash.chart.suppressed_note": (
        "< {k}: minder dan {k} medewerkers, niet getoond ter bescherming van de privacy",
        "< {k}: fewer than {k} employees, not shown to protect privacy",
    ),
    "dash.chart.bucket": ("{bucket} dagen", "{bucket} days"),
    "dash.chart.this_cycle": ("Deze cyclus", "This cycle"),
    "dash.chart.previous_cycle": ("Vorige cyclus", "Previous cycle"),
    "dash.chart.coverage_by_type": (
        "Gespreksdekking per soort gesprek",
        "Coverage per conversation type",
    ),
    "dash.chart.coverage_status_of": (
        "{type}: gehouden, gepland en gemist per groep",
        "{type}: held, planned and missed per group",
    ),
    "dash.chart.coverage_trend": ("Gespreksdekking over de cycli", "Coverage over the cycles"),
    "dash.chart.agreements_rates": (
        "Afspraken gerealiseerd en op tijd, per groep",
        "Agreements completed and on time, per group",
    ),
    "dash.chart.mix_category": ("Afspraken per soort", "Agreements by category"),
    "dash.chart.mix_focus": ("Afspraken per focus", "Agreements by focus"),
    "dash.chart.overdue_buckets": (
        "Achterstallige afspraken per groep, naar aantal dagen",
        "Overdue agreements per group, by days overdue",
    ),
    "dash.chart.training_heatmap": (
        "Opleidingsnoden per afdeling en thema",
        "Training needs per department and theme",
    ),
    "dash.chart.training_hours_cost": ("Uren en kostprijs per thema", "Hours and cost per theme"),
    "dash.chart.training_funnel": (
        "Stand van de opleidingsnoden",
        "Progress of the training needs",
    ),
    "dash.chart.process_heatmap": ("Proceskwaliteit per groep", "Process quality per group"),
    "dash.chart.quality_counts": ("Rijen gebruikt en niet gebruikt", "Rows used and not used"),
    "dash.series.held": ("Gesprekken gehouden", "Conversations held"),
    "dash.series.planned": ("Gesprekken gepland", "Conversations planned"),
    "dash.series.missed": ("Gesprekken gemist", "Conversations missed"),
    "dash.series.used": ("Gebruikt", "Used"),
    "dash.series.quarantined": ("Niet gebruikt", "Not used"),
    "dash.axis.share": ("Aandeel", "Share"),
    "dash.axis.count": ("Aantal", "Count"),
    "dash.axis.cycle": ("Cyclus", "Cycle"),
    "dash.axis.agreements": ("Afspraken", "Agreements"),
    "dash.axis.conversations": ("Gesprekken", "Conversations"),
    "dash.axis.needs": ("Noden", "Needs"),
    "dash.axis.rows": ("Rijen", "Rows"),
    # follow-up list
    "dash.followup.list": ("Achterstallige afspraken", "Overdue agreements"),
    "dash.followup.sort_hint": (
        "Klik op een kolomtitel om te sorteren; nog eens klikken keert de volgorde om.",
        "Click a column header to sort; click again to reverse the order.",
    ),
    "dash.followup.count": (
        "{n} achterstallige afspraken; de eerste {shown} worden getoond.",
        "{n} overdue agreements; the first {shown} are shown.",
    ),
    "dash.followup.none": ("Geen achterstallige afspraken.", "No overdue agreements."),
    "dash.followup.management_note": (
        "Het management ziet enkel geaggregeerde cijfers; groepen van minder dan {k} medewerkers worden niet getoond. De lijst per medewerker is voorbehouden aan HR.",
        "Management sees aggregates only; groups of fewer than {k} employees are not shown. The list per employee is for HR only.",
    ),
    "dash.column.name": ("Medewerker", "Employee"),
    "dash.column.employee_id": ("Personeelsnummer", "Employee ID"),
    "dash.column.manager_name": ("Leidinggevende", "Manager"),
    "dash.column.team": ("Team", "Team"),
    "dash.column.department": ("Afdeling", "Department"),
    "dash.column.category": ("Soort afspraak", "Category"),
    "dash.column.due_date": ("Deadline", "Due date"),
    "dash.column.followup_date": ("Opvolgdatum", "Follow-up date"),
    "dash.column.days_overdue": ("Dagen te laat", "Days overdue"),
    # data quality
    "dash.quality.table": ("Tabel", "Table"),
    "dash.quality.read": ("Gelezen", "Read"),
    "dash.quality.used": ("Gebruikt", "Used"),
    "dash.quality.quarantined": ("Niet gebruikt", "Not used"),
    "dash.quality.findings": ("Bevindingen", "Findings"),
    "dash.quality.no_findings": (
        "Geen bevindingen: elke rij is gebruikt.",
        "No findings: every row was used.",
    ),
    "dash.quality.summary": (
        "{errors} rij(en) niet gebruikt (fout), {warnings} waarschuwing(en) (rij gebruikt); {shown} getoond.",
        "{errors} row(s) not used (error), {warnings} warning(s) (row used); {shown} shown.",
    ),
    "dash.quality.severity": ("Ernst", "Severity"),
    "dash.quality.file": ("Bestand", "File"),
    "dash.quality.sheet": ("Blad", "Sheet"),
    "dash.quality.row": ("Rij", "Row"),
    "dash.quality.field": ("Veld", "Field"),
    "dash.quality.value": ("Waarde", "Value"),
    "dash.quality.message": ("Reden", "Reason"),
    "dash.quality.rows": ("Rijen", "Rows"),
    # export
    "dash.export.button": ("Maak Excel-overzicht", "Build Excel overview"),
    "dash.export.busy": ("Het overzicht wordt gemaakt …", "Building the overview …"),
    "dash.export.download": ("Download het Excel-overzicht", "Download the Excel overview"),
    "dash.export.filename": ("pop-overzicht", "pop-overview"),
    "dash.export.summary": (
        "Cyclus {cycle}, referentiedatum {date}, publiek {audience}; filters: {filters}.",
        "Cycle {cycle}, reference date {date}, audience {audience}; filters: {filters}.",
    ),
    "dash.export.no_filters": ("geen", "none"),
    "dash.quality.unrecognised": (
        "Niet gebruikt, want niet herkend als tabel: {places}.",
        "Not used, as not recognised as a table: {places}.",
    ),
}
