"""The one exception type that reaches a user: a fatal problem, said in their language."""

from __future__ import annotations


class PopError(Exception):
    """A fatal problem with the input (file missing, unreadable, no employee table,
    a required column missing). Carries the message in Dutch and English and the
    place it concerns, so the CLI and the dashboard can show it without a traceback.
    """

    def __init__(
        self,
        message_nl: str,
        message_en: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        column: str | None = None,
        code: str = "fatal",
    ) -> None:
        super().__init__(message_en)
        self.message_nl = message_nl
        self.message_en = message_en
        self.file = file
        self.sheet = sheet
        self.column = column
        self.code = code

    def message(self, lang: str = "nl") -> str:
        return self.message_en if lang == "en" else self.message_nl
