"""Labels (Dutch, English) for the metrics area: names and definitions of figures."""

LABELS: dict[str, tuple[str, str]] = {
    # population
    "metric.population": ("Populatie", "Population"),
    "metric.population.definition": (
        "Medewerkers in dienst op minstens één dag van de cyclus tot de referentiedatum.",
        "Employees employed on at least one day of the cycle up to the reference date.",
    ),
    "metric.population_new": ("Nieuwe medewerkers", "New employees"),
    "metric.population_new.definition": (
        "Medewerkers van de populatie met minder dan de minimale anciënniteit (standaard 90 dagen) op min(einde cyclus, referentiedatum); ze tellen niet mee voor de dekking.",
        "Population employees with less than the minimum tenure (default 90 days) on min(cycle end, reference date); left out of coverage.",
    ),
    "metric.population_absent": ("Langdurig afwezig", "Long-term absent"),
    "metric.population_absent.definition": (
        "Medewerkers van de populatie, niet nieuw, die op de referentiedatum langdurig afwezig zijn; ze tellen niet mee voor de dekking.",
        "Population employees, not new, who are long-term absent on the reference date; left out of coverage.",
    ),
    # coverage
    "metric.coverage_development": ("Dekking POP-gesprek", "Coverage development conversation"),
    "metric.coverage_development.definition": (
        "Aandeel van de medewerkers (niet nieuw, niet langdurig afwezig) met minstens één gehouden ontwikkelingsgesprek in de cyclus tot de referentiedatum.",
        "Share of employees (not new, not long-term absent) with at least one development conversation held in the cycle up to the reference date.",
    ),
    "metric.coverage_performance": ("Dekking functioneringsgesprek", "Coverage performance review"),
    "metric.coverage_performance.definition": (
        "Aandeel van de medewerkers (niet nieuw, niet langdurig afwezig) met minstens één gehouden functioneringsgesprek in de cyclus tot de referentiedatum.",
        "Share of employees (not new, not long-term absent) with at least one performance review held in the cycle up to the reference date.",
    ),
    "metric.coverage_appraisal": ("Dekking beoordelingsgesprek", "Coverage appraisal"),
    "metric.coverage_appraisal.definition": (
        "Aandeel van de medewerkers (niet nieuw, niet langdurig afwezig) met minstens één gehouden beoordelingsgesprek in de cyclus tot de referentiedatum.",
        "Share of employees (not new, not long-term absent) with at least one appraisal held in the cycle up to the reference date.",
    ),
    "metric.coverage_any": ("Dekking gesprekken", "Coverage any conversation"),
    "metric.coverage_any.definition": (
        "Aandeel van de medewerkers (niet nieuw, niet langdurig afwezig) met minstens één gehouden gesprek van om het even welk type in de cyclus tot de referentiedatum.",
        "Share of employees (not new, not long-term absent) with at least one conversation of any type held in the cycle up to the reference date.",
    ),
    # conversation status
    "metric.conversations_planned": ("Gepland, nog niet gehouden", "Planned, not yet held"),
    "metric.conversations_planned.definition": (
        "Gesprekken gepland in de cyclus, niet gehouden en niet geannuleerd op de referentiedatum, met geplande datum op of na de referentiedatum.",
        "Conversations planned in the cycle, not held and not cancelled on the reference date, planned on or after it.",
    ),
    "metric.conversations_missed": ("Gemist", "Missed"),
    "metric.conversations_missed.definition": (
        "Gesprekken gepland in de cyclus vóór de referentiedatum, niet gehouden en niet geannuleerd (uitgesteld telt mee).",
        "Conversations planned in the cycle before the reference date, not held and not cancelled (postponed included).",
    ),
    "metric.conversations_cancelled": ("Geannuleerd", "Cancelled"),
    "metric.conversations_cancelled.definition": (
        "Gesprekken gepland in de cyclus met status geannuleerd.",
        "Conversations planned in the cycle with status cancelled.",
    ),
    "metric.conversations_held": ("Gehouden gesprekken", "Conversations held"),
    "metric.conversations_held.definition": (
        "Gesprekken gehouden in de cyclus tot de referentiedatum.",
        "Conversations held in the cycle up to the reference date.",
    ),
    # agreements
    "metric.agreements_total": ("Afspraken", "Agreements"),
    "metric.agreements_total.definition": (
        "Afspraken gemaakt in de cyclus tot de referentiedatum (afspraakdatum, anders de datum van het gesprek).",
        "Agreements made in the cycle up to the reference date (agreed date, else the conversation's date).",
    ),
    "metric.agreements_completion": ("Afspraken gerealiseerd", "Agreements completed"),
    "metric.agreements_completion.definition": (
        "Afgeronde afspraken / alle niet-geannuleerde afspraken van de cyclus.",
        "Done agreements / all agreements of the cycle that are not cancelled.",
    ),
    "metric.agreements_on_time": ("Afspraken op tijd", "Agreements on time"),
    "metric.agreements_on_time.definition": (
        "Afgeronde afspraken met afrondingsdatum op of vóór de deadline / afgeronde afspraken met een deadline en afrondingsdatum.",
        "Done agreements with done date on or before the due date / done agreements with a due date and done date.",
    ),
    "metric.agreements_days_to_done_median": ("Mediaan dagen tot afgerond", "Median days to done"),
    "metric.agreements_days_to_done_median.definition": (
        "Mediaan aantal dagen van afspraakdatum tot afrondingsdatum, over afgeronde afspraken met beide datums.",
        "Median days from agreed date to done date, over done agreements with both dates.",
    ),
    "metric.agreements_mix": ("Verdeling afspraken", "Agreement mix"),
    "metric.agreements_mix.definition": (
        "Afspraken van de cyclus in een soort, verantwoordelijke of focus / alle afspraken van de cyclus.",
        "Agreements of the cycle in a category, owner or focus / all agreements of the cycle.",
    ),
    "metric.strength_focus": ("Focus op sterktes", "Strength focus"),
    "metric.strength_focus.definition": (
        "Afspraken van de cyclus met focus sterkte / afspraken van de cyclus met een focus.",
        "Agreements of the cycle with focus strength / agreements of the cycle with a focus.",
    ),
    # follow-up
    "metric.agreements_overdue": ("Achterstallige afspraken", "Overdue agreements"),
    "metric.agreements_overdue.definition": (
        "Afspraken (van elke cyclus) die op de referentiedatum niet afgerond of geannuleerd zijn en waarvan de opvolgdatum (anders de deadline) vóór de referentiedatum ligt.",
        "Agreements (of any cycle) not done or cancelled on the reference date whose follow-up date (else due date) is before it.",
    ),
    "metric.followup_missing": ("Gesprekken zonder opvolging", "Conversations lacking follow-up"),
    "metric.followup_missing.definition": (
        "Gehouden gesprekken van de cyclus zonder opvolgdatum en zonder afspraak met opvolgdatum of deadline.",
        "Held conversations of the cycle without a follow-up date and without an agreement with a follow-up or due date.",
    ),
    "metric.out_of_cycle_development": ("Buiten cyclus POP-gesprek", "Out of cycle development"),
    "metric.out_of_cycle_development.definition": (
        "Medewerkers in dienst op de referentiedatum (niet nieuw, niet afwezig) wier laatste ontwikkelingsgesprek langer dan een cyclus plus de marge geleden is, of die er nooit een hadden.",
        "Employees employed on the reference date (not new, not absent) whose last development conversation is more than a cycle plus the grace period ago, or who never had one.",
    ),
    "metric.out_of_cycle_performance": ("Buiten cyclus functionering", "Out of cycle performance"),
    "metric.out_of_cycle_performance.definition": (
        "Medewerkers in dienst op de referentiedatum (niet nieuw, niet afwezig) wier laatste functioneringsgesprek langer dan een cyclus plus de marge geleden is, of die er nooit een hadden.",
        "Employees employed on the reference date (not new, not absent) whose last performance review is more than a cycle plus the grace period ago, or who never had one.",
    ),
    "metric.out_of_cycle_appraisal": ("Buiten cyclus beoordeling", "Out of cycle appraisal"),
    "metric.out_of_cycle_appraisal.definition": (
        "Medewerkers in dienst op de referentiedatum (niet nieuw, niet afwezig) wier laatste beoordelingsgesprek langer dan een cyclus plus de marge geleden is, of die er nooit een hadden.",
        "Employees employed on the reference date (not new, not absent) whose last appraisal is more than a cycle plus the grace period ago, or who never had one.",
    ),
    "metric.out_of_cycle_any": ("Buiten cyclus (elk gesprek)", "Out of cycle (any conversation)"),
    "metric.out_of_cycle_any.definition": (
        "Medewerkers in dienst op de referentiedatum (niet nieuw, niet afwezig) wier laatste gesprek van om het even welk type langer dan een cyclus plus de marge geleden is, of die er nooit een hadden.",
        "Employees employed on the reference date (not new, not absent) whose last conversation of any type is more than a cycle plus the grace period ago, or who never had one.",
    ),
    # training needs
    "metric.training_needs": ("Opleidingsnoden", "Training needs"),
    "metric.training_needs.definition": (
        "Opleidingsnoden aangevraagd in de cyclus tot de referentiedatum (aanvraagdatum, anders de datum van het gesprek), geweigerde inbegrepen.",
        "Training needs requested in the cycle up to the reference date (requested date, else the conversation's date), rejected ones included.",
    ),
    "metric.training_hours": ("Opleidingsuren", "Training hours"),
    "metric.training_hours.definition": (
        "Som van de uren van de opleidingsnoden van de cyclus (ontbrekend telt als 0).",
        "Sum of the hours of the training needs of the cycle (missing counts as 0).",
    ),
    "metric.training_cost": ("Opleidingskost (EUR)", "Training cost (EUR)"),
    "metric.training_cost.definition": (
        "Som van de kostprijs van de opleidingsnoden van de cyclus (ontbrekend telt als 0 en wordt apart gemeld).",
        "Sum of the cost of the training needs of the cycle (missing counts as 0 and is reported apart).",
    ),
    "metric.training_cost_missing": ("Noden zonder kostprijs", "Needs without cost"),
    "metric.training_cost_missing.definition": (
        "Opleidingsnoden van de cyclus zonder kostprijs.",
        "Training needs of the cycle without a cost.",
    ),
    "metric.training_employees": (
        "Medewerkers met opleidingsnood",
        "Employees with a training need",
    ),
    "metric.training_employees.definition": (
        "Verschillende medewerkers met minstens één opleidingsnood in de cyclus.",
        "Distinct employees with at least one training need in the cycle.",
    ),
    "metric.training_share_employees": ("Aandeel met opleidingsnood", "Share with a training need"),
    "metric.training_share_employees.definition": (
        "Medewerkers met minstens één opleidingsnood in de cyclus / de populatie.",
        "Employees with at least one training need in the cycle / the population.",
    ),
    "metric.training_fulfilment": ("Opleidingsnoden ingevuld", "Training needs fulfilled"),
    "metric.training_fulfilment.definition": (
        "Gevolgde opleidingsnoden / alle niet-geweigerde opleidingsnoden van de cyclus.",
        "Completed training needs / all training needs of the cycle that are not rejected.",
    ),
    "metric.training_open_demand": ("Openstaande vraag", "Open demand"),
    "metric.training_open_demand.definition": (
        "Opleidingsnoden van de cyclus die op de referentiedatum gevraagd, goedgekeurd of gepland zijn.",
        "Training needs of the cycle that are requested, approved or planned on the reference date.",
    ),
    # process quality
    "metric.notice_given": ("Tijdig uitgenodigd", "Notice given"),
    "metric.notice_given.definition": (
        "Gehouden gesprekken met minstens 14 dagen tussen uitnodiging en gesprek / gehouden gesprekken met een uitnodigingsdatum.",
        "Held conversations with at least 14 days between invitation and conversation / held conversations with an invitation date.",
    ),
    "metric.report_signed": ("Verslag door beiden getekend", "Report signed by both"),
    "metric.report_signed.definition": (
        "Gehouden gesprekken getekend door medewerker en leidinggevende / gehouden gesprekken.",
        "Held conversations signed by employee and manager / held conversations.",
    ),
    "metric.signature_days_median": ("Mediaan dagen tot ondertekening", "Median days to signature"),
    "metric.signature_days_median.definition": (
        "Mediaan aantal dagen van het gesprek tot de tweede handtekening, waar beide handtekeningdatums gekend zijn.",
        "Median days from the conversation to the second signature, where both signature dates are known.",
    ),
    "metric.report_filed": ("Verslag in personeelsdossier", "Report filed"),
    "metric.report_filed.definition": (
        "Gehouden gesprekken met verslag in het personeelsdossier / gehouden gesprekken (enkel als de bron die kolom heeft).",
        "Held conversations with the report in the personnel file / held conversations (only when the source has that column).",
    ),
    "metric.followup_planned": ("Opvolging gepland", "Follow-up planned"),
    "metric.followup_planned.definition": (
        "Gehouden gesprekken met een opvolgdatum (op het gesprek of op een afspraak) / gehouden gesprekken.",
        "Held conversations with a follow-up date (on the conversation or an agreement) / held conversations.",
    ),
    # managers
    "metric.manager_coverage": ("Dekking team", "Team coverage"),
    "metric.manager_coverage.definition": (
        "Dekking van het gekozen gesprekstype over het team van de leidinggevende; een team loopt achter als het meer dan 10 procentpunt onder de organisatie ligt.",
        "Coverage of the selected conversation type over the manager's team; a team lags when more than 10 percentage points below the organisation.",
    ),
    "metric.manager_lags": ("Loopt achter", "Lags"),
    # overdue buckets
    "metric.bucket.1-30": ("1–30 dagen", "1–30 days"),
    "metric.bucket.31-90": ("31–90 dagen", "31–90 days"),
    "metric.bucket.91-180": ("91–180 dagen", "91–180 days"),
    "metric.bucket.>180": ("> 180 dagen", "> 180 days"),
}
