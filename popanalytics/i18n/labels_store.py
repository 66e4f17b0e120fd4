"""Labels (Dutch, English) for the snapshot store: import, list, forget, open, compare."""

LABELS: dict[str, tuple[str, str]] = {
    # fatal problems: each names the folder
    "store.error.not_a_store": (
        "De map {folder} is geen popanalytics-opslag (er staat geen store.json in). "
        "Geef een lege of nieuwe map op voor een nieuwe opslag.",
        "The folder {folder} is not a popanalytics store (it holds no store.json). "
        "Give an empty or new folder for a new store.",
    ),
    "store.error.missing": (
        "De opslag {folder} bestaat niet. Importeer eerst met 'popanalytics import'.",
        "The store {folder} does not exist. Import first with 'popanalytics import'.",
    ),
    "store.error.empty": (
        "De opslag {folder} bevat nog geen momentopname. Importeer eerst met "
        "'popanalytics import'.",
        "The store {folder} holds no snapshot yet. Import first with 'popanalytics import'.",
    ),
    "store.error.unknown_snapshot": (
        "De opslag {folder} heeft geen momentopname '{snapshot}'. Bekijk de lijst met "
        "'popanalytics snapshots --store {folder}'.",
        "The store {folder} has no snapshot '{snapshot}'. See the list with "
        "'popanalytics snapshots --store {folder}'.",
    ),
    "store.error.incomplete": (
        "De momentopname {snapshot} in {folder} is onvolledig (een onderbroken import?): "
        "{detail}. Verwijder ze met 'popanalytics forget --store {folder} --snapshot {snapshot}'.",
        "The snapshot {snapshot} in {folder} is incomplete (an interrupted import?): "
        "{detail}. Remove it with 'popanalytics forget --store {folder} --snapshot {snapshot}'.",
    ),
    "store.error.tampered": (
        "Het bestand {file} van momentopname {snapshot} in {folder} komt niet overeen met "
        "zijn manifest (andere inhoud dan bij de import). De momentopname wordt niet gelezen.",
        "The file {file} of snapshot {snapshot} in {folder} does not match its manifest "
        "(other content than at import). The snapshot is not read.",
    ),
    "store.error.newer": (
        "De opslag {folder} is geschreven door een nieuwere versie van popanalytics "
        "(formaat {found}, deze versie leest tot formaat {supported}). Werk popanalytics bij.",
        "The store {folder} was written by a newer version of popanalytics (format {found}; "
        "this version reads up to format {supported}). Upgrade popanalytics.",
    ),
    "store.error.unreadable": (
        "De opslag {folder} kon niet gelezen of geschreven worden: {detail}.",
        "The store {folder} could not be read or written: {detail}.",
    ),
    "store.error.keep": (
        "--keep moet minstens 1 zijn (de nieuwste momentopname blijft altijd).",
        "--keep must be at least 1 (the newest snapshot always stays).",
    ),
    "store.error.data_and_store": (
        "Geef ofwel bestanden (DATA) ofwel --store, niet allebei.",
        "Give either files (DATA) or --store, not both.",
    ),
    "store.error.no_data": (
        "Geef de te lezen bestanden (DATA) of een opslag (--store MAP).",
        "Give the files to read (DATA) or a store (--store DIR).",
    ),
    "store.error.mapping_with_store": (
        "--mapping hoort bij bestanden (DATA): een momentopname is al ingelezen met de "
        "koppeling van bij de import (zie `popanalytics snapshots`).",
        "--mapping goes with files (DATA): a snapshot was read with the mapping given at "
        "import (see `popanalytics snapshots`).",
    ),
    "store.error.snapshot_without_store": (
        "--snapshot hoort bij --store.",
        "--snapshot goes with --store.",
    ),
    # command output
    "store.imported": (
        "Momentopname {snapshot} geschreven in {folder}.",
        "Snapshot {snapshot} written to {folder}.",
    ),
    "store.already": (
        "Deze bestanden zijn al geïmporteerd als momentopname {snapshot}: geen nieuwe "
        "momentopname.",
        "These files were already imported as snapshot {snapshot}: no new snapshot.",
    ),
    "store.forgotten": (
        "{count} momentopname(s) verwijderd uit {folder}.",
        "{count} snapshot(s) removed from {folder}.",
    ),
    "store.list.empty": ("Geen momentopnames in {folder}.", "No snapshots in {folder}."),
    "store.list.id": ("Momentopname", "Snapshot"),
    "store.list.imported_at": ("Geïmporteerd op", "Imported at"),
    "store.list.label": ("Label", "Label"),
    "store.list.sources": ("Bestanden", "Files"),
    "store.list.employees": ("Medewerkers", "Employees"),
    # dashboard
    "store.dash.header": (
        "Momentopname {snapshot}, geïmporteerd op {imported}",
        "Snapshot {snapshot}, imported at {imported}",
    ),
    "store.dash.pick": ("Momentopname", "Snapshot"),
    "store.dash.save": ("Bewaar als momentopname", "Save as snapshot"),
    "store.dash.saved": (
        "Bewaard als momentopname {snapshot}.",
        "Saved as snapshot {snapshot}.",
    ),
    "store.dash.loading": ("Momentopname {snapshot} laden…", "Loading snapshot {snapshot}…"),
    "dash.view.sinds": ("Sinds vorige import", "Since the previous import"),
    "dash.intro.sinds": (
        "Wat er veranderde tussen de vorige momentopname ({previous}) en deze: gesprekken "
        "die nu gehouden zijn, afspraken die nu afgerond zijn, afspraken die sindsdien over "
        "tijd raakten en nieuwe opleidingsnoden.",
        "What changed between the previous snapshot ({previous}) and this one: conversations "
        "now held, agreements now completed, agreements that became overdue since, and new "
        "training needs.",
    ),
    "dash.intro.sinds.none": (
        "Er is geen vorige momentopname om mee te vergelijken.",
        "There is no previous snapshot to compare with.",
    ),
    "dash.chart.since": ("Sinds vorige import, per groep", "Since the previous import, per group"),
    # metrics of "since the previous import"
    "metric.since_conversations_held": ("Nieuw gehouden gesprekken", "Conversations newly held"),
    "metric.since_agreements_done": ("Nieuw afgeronde afspraken", "Agreements newly completed"),
    "metric.since_agreements_overdue": (
        "Afspraken nieuw over tijd",
        "Agreements that became overdue",
    ),
    "metric.since_training_needs": ("Nieuwe opleidingsnoden", "New training needs"),
}
