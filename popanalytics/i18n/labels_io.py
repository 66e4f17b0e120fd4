"""Labels (Dutch, English) for the io area: reading files, fatal problems."""

LABELS: dict[str, tuple[str, str]] = {
}
