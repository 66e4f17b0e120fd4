"""Fatal import problems as `PopError`, worded from the io label catalogue."""

from __future__ import annotations

from popanalytics.errors import PopError
from popanalytics.i18n import t


def fatal(
    label: str,
    *,
    file: str | None = None,
    sheet: str | None = None,
    column: str | None = None,
    **values: object,
) -> PopError:
    """A `PopError` for label ``io.error.<label>``, in Dutch and English.

    ``file``, ``sheet`` and ``column`` are both placeholders of the message and
    the place the error names.
    """
    fill = {"file": file, "sheet": sheet, "column": column, **values}
    return PopError(
        t(f"io.error.{label}", "nl", **fill),
        t(f"io.error.{label}", "en", **fill),
        file=file,
        sheet=sheet,
        column=column,
        code=f"io.{label}",
    )


def count_text(number: int) -> str:
    """``2675676`` → ``2.675.676``: a count as the messages show it."""
    return f"{number:,}".replace(",", ".")


def megabytes(size: int) -> str:
    """A size in bytes as whole megabytes, as the messages show it (at least 1)."""
    return str(max(1, round(size / 1e6)))
