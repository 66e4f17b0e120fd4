"""Labels (Dutch, English) for serving the dashboard: the terminal, the busy page, uploads."""

LABELS: dict[str, tuple[str, str]] = {
    # the HTTP reason of the 503 page: ASCII only (it goes into the status line)
    "serve.busy": (
        "Het dashboard is druk bezet. Probeer het over een minuut opnieuw.",
        "The dashboard is busy. Please try again in a minute.",
    ),
    "serve.remote_warning": (
        "LET OP: het dashboard is bereikbaar vanaf het netwerk ({host}). Wie de link met "
        "het token heeft, ziet de gegevens. Deel hem alleen met wie dat mag.",
        "WARNING: the dashboard is reachable from the network ({host}). Anyone with the "
        "link and its token sees the data. Share it only with those allowed to.",
    ),
    "serve.open_url": (
        "Open het dashboard op {url}",
        "Open the dashboard at {url}",
    ),
    "serve.bad_limit": (
        "{option} moet minstens 1 zijn.",
        "{option} must be at least 1.",
    ),
    "dash.upload.too_large": (
        "{names}: samen {size} MB, meer dan de grens van {limit} MB voor een upload. "
        "Niets is verstuurd. Laad minder of kleinere bestanden, of start het dashboard "
        "met het bestand: popanalytics serve BESTAND.",
        "{names}: {size} MB together, more than the upload limit of {limit} MB. "
        "Nothing was sent. Load fewer or smaller files, or start the dashboard on the "
        "file: popanalytics serve FILE.",
    ),
    "dash.upload.receiving": (
        "Ontvangen: {percent} …",
        "Receiving: {percent} …",
    ),
}
