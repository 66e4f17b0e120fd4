"""Labels (Dutch, English) for steering the cycle: progress curve, projection,
targets and each manager's next actions (CLI, dashboard and workbooks)."""

LABELS: dict[str, tuple[str, str]] = {
    # targets
    "target.unknown_metric": (
        "Onbekend cijfer voor een doel: {metric!r}. Gekende cijfers: {known}.",
        "Unknown figure for a target: {metric!r}. Known figures: {known}.",
    ),
    "target.rate_range": (
        "Het doel voor {metric} moet een aandeel tussen 0 en 1 zijn (bv. 0.9 of 90%), niet {value}.",
        "The target for {metric} must be a share between 0 and 1 (e.g. 0.9 or 90%), not {value}.",
    ),
    "target.negative": (
        "Het doel voor {metric} mag niet negatief zijn: {value}.",
        "The target for {metric} cannot be negative: {value}.",
    ),
    "target.not_a_number": (
        "Het doel voor {metric} is geen getal: {value!r}.",
        "The target for {metric} is not a number: {value!r}.",
    ),
    "target.syntax": (
        "Verwacht CIJFER=WAARDE (bv. coverage_development=0.9), niet {text!r}.",
        "Expected METRIC=VALUE (e.g. coverage_development=0.9), not {text!r}.",
    ),
    "target.label": ("Doel {value}", "Target {value}"),
    "target.reached": ("gehaald", "reached"),
    "target.not_reached": ("niet gehaald", "not reached"),
    # progress
    "progress.unknown_type": (
        "Onbekend gesprekstype {type!r}; kies uit: {known}.",
        "Unknown conversation type {type!r}; choose from: {known}.",
    ),
    "progress.before_start": (
        "De referentiedatum {date} ligt voor het begin van cyclus {cycle} ({start}).",
        "The reference date {date} is before the start of cycle {cycle} ({start}).",
    ),
    "cli.progress.week": ("Week", "Week"),
    "cli.progress.date": ("Datum", "Date"),
    "cli.progress.this_cycle": ("Deze cyclus", "This cycle"),
    "cli.progress.previous_cycle": ("Vorige cyclus ({date})", "Previous cycle ({date})"),
    "cli.progress.previous": ("Vorige cyclus", "Previous cycle"),
    "cli.progress.projection": (
        "Projectie op het einde van de cyclus ({end}) als alles wat gepland is doorgaat: {value}",
        "Projection at the cycle's end ({end}) if everything planned is held: {value}",
    ),
    "cli.progress.title": (
        "Dekking {type}, cyclus {cycle}, tot {date}",
        "Coverage {type}, cycle {cycle}, up to {date}",
    ),
    "cli.metrics.target": ("Doel", "Target"),
    "export.targets.sheet": ("Doelen", "Targets"),
    # actions
    "action.agreement_overdue": ("Afspraak over tijd", "Agreement overdue"),
    "action.invitation": (
        "Uitnodiging ontbreekt of te laat (< 14 dagen vooraf)",
        "Invitation missing or late (< 14 days ahead)",
    ),
    "action.no_conversation": (
        "Nog geen gesprek gehouden of gepland",
        "No conversation held or planned yet",
    ),
    "action.report_unsigned": ("Verslag niet door beiden getekend", "Report not signed by both"),
    "action.followup_date_missing": ("Geen opvolgdatum", "No follow-up date"),
    "field.action": ("Actie", "Action"),
    "field.action_due": ("Te doen tegen", "Due by"),
    "field.days": ("Dagen te laat (−: nog)", "Days late (−: left)"),
    "field.item_id": ("Gesprek/afspraak", "Conversation/agreement"),
    "field.item_date": ("Datum gesprek/opvolging", "Conversation/follow-up date"),
    "export.followup.actions": (
        "Wat nu te doen ({conversation_type}), dringendste eerst",
        "What to do next ({conversation_type}), most urgent first",
    ),
    # dashboard
    "dash.view.acties": ("Acties", "Actions"),
    "dash.intro.acties": (
        "Wat elke leidinggevende nu moet doen, dringendste eerst: wie nog geen gesprek "
        "heeft of gepland heeft, uitnodigingen die de twee weken vooraf missen, verslagen "
        "zonder handtekeningen of opvolgdatum, en afspraken over tijd.",
        "What each manager must do next, most urgent first: who has no conversation held "
        "or planned, invitations missing the two weeks' notice, reports without signatures "
        "or a follow-up date, and overdue agreements.",
    ),
    "dash.actions.manager": ("Leidinggevende", "Manager"),
    "dash.actions.all_managers": ("(alle)", "(all)"),
    "dash.actions.count": (
        "{n} acties; de eerste {shown} getoond.",
        "{n} actions; the first {shown} shown.",
    ),
    "dash.actions.none": ("Geen acties: alles is in orde.", "No actions: everything is in order."),
    "dash.actions.per_manager": (
        "Acties per leidinggevende ({type})",
        "Actions per manager ({type})",
    ),
    "dash.actions.per_group": ("Acties per groep ({type})", "Actions per group ({type})"),
    "dash.actions.management_note": (
        "Voor het management alleen aantallen per groep; groepen met minder dan {k} "
        "medewerkers tonen '< {k}'.",
        "Management sees counts per group only; groups with fewer than {k} employees show '< {k}'.",
    ),
    "dash.column.action": ("Actie", "Action"),
    "dash.column.action_due": ("Te doen tegen", "Due by"),
    "dash.column.days": ("Dagen te laat", "Days late"),
    "dash.column.item_date": ("Datum", "Date"),
    "dash.column.group": ("Groep", "Group"),
    "dash.column.total": ("Totaal", "Total"),
    "dash.chart.coverage_rate_per_group": (
        "{type}: dekking per {group} (n / N), organisatie als referentie",
        "{type}: coverage per {group} (n / N), organisation as reference",
    ),
    "dash.chart.organisation": ("Organisatie {value}", "Organisation {value}"),
    "dash.chart.lags": (
        "Blijft achter (> 10 punten onder de organisatie)",
        "Lags (> 10 points below the organisation)",
    ),
    "dash.chart.coverage_heatmap": (
        "Dekking per {group} en gesprekstype",
        "Coverage per {group} and conversation type",
    ),
    "dash.chart.progress": (
        "{type}: dekking week na week, tegenover de vorige cyclus",
        "{type}: coverage week by week, against the previous cycle",
    ),
    "dash.chart.progress_previous": ("Vorige cyclus ({cycle})", "Previous cycle ({cycle})"),
    "dash.chart.progress_current": ("Deze cyclus ({cycle})", "This cycle ({cycle})"),
    "dash.chart.projection": ("Projectie (wat gepland is)", "Projection (what is planned)"),
    "dash.chart.target": ("Doel", "Target"),
    "dash.axis.week": ("Week van de cyclus", "Week of the cycle"),
    "dash.progress.projection_title": (
        "Projectie op het einde van de cyclus per {group}",
        "Projection at the cycle's end per {group}",
    ),
    "dash.column.current_rate": ("Dekking nu", "Coverage now"),
    "dash.column.projection": ("Projectie", "Projection"),
    "dash.column.planned": ("Gepland (nog niet gedekt)", "Planned (not yet covered)"),
    "dash.column.target": ("Doel", "Target"),
    "dash.column.target_status": ("Doel gehaald?", "Target reached?"),
    "dash.targets.title": ("Doelen (voor deze sessie)", "Targets (for this session)"),
    "dash.targets.metric": ("Cijfer", "Figure"),
    "dash.targets.value": ("Doel", "Target"),
    "dash.targets.set": ("Doel instellen", "Set target"),
    "dash.targets.clear": ("Doel wissen", "Clear target"),
    "dash.targets.none": ("Geen doelen ingesteld.", "No targets set."),
    "dash.targets.current": ("Doelen: {list}", "Targets: {list}"),
    "dash.date.invalid": (
        "Geen geldige datum: {text!r}. Schrijf dd/mm/jjjj.",
        "Not a valid date: {text!r}. Write dd/mm/yyyy.",
    ),
    "dash.date.placeholder": ("dd/mm/jjjj", "dd/mm/yyyy"),
    "dash.date.calendar": ("Kies een datum", "Pick a date"),
}
