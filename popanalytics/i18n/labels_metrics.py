"""Labels (Dutch, English) for the metrics area."""

LABELS: dict[str, tuple[str, str]] = {
}
