"""Labels (Dutch, English) of the presentation layer, shared by every surface."""

LABELS: dict[str, tuple[str, str]] = {
    # what a suppressed cell shows: chart, tile, workbook cell and CLI alike
    "figure.suppressed": ("< {k}", "< {k}"),
}
