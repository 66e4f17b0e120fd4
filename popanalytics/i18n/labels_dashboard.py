"""Labels (Dutch, English) for the dashboard area."""

LABELS: dict[str, tuple[str, str]] = {
}
