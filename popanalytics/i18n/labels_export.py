"""Labels (Dutch, English) for the export area."""

LABELS: dict[str, tuple[str, str]] = {
}
