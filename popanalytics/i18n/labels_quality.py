"""Labels (Dutch, English) for the quality area."""

LABELS: dict[str, tuple[str, str]] = {
}
