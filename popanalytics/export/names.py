"""Names that Windows and Excel accept: file names and sheet titles from user text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Characters Windows forbids in file names, and control characters.
_FILE_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"0123456789", "¹", "²", "³")
}
MAX_STEM = 80  # well below Windows' 255, leaving room for a folder path
MAX_SHEET = 31  # Excel's limit


def safe_stem(text: str, fallback: str = "_", max_len: int = MAX_STEM) -> str:
    """A file name stem safe on Windows: no forbidden or control characters,
    no reserved device name, no trailing dot or space, at most ``max_len`` chars."""
    text = unicodedata.normalize("NFC", text)
    stem = _FILE_FORBIDDEN.sub("_", text)
    stem = re.sub(r"\s+", " ", stem).strip(" .")
    stem = stem[:max_len].rstrip(" .")
    if not stem:
        stem = fallback
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = f"_{stem}"
    return stem


def unique_stems(stems: Iterable[str], max_len: int = MAX_STEM) -> list[str]:
    """Make stems unique case-insensitively (Windows file names are), suffixing _2, _3…"""
    seen: set[str] = set()
    out: list[str] = []
    for stem in stems:
        candidate, n = stem, 1
        while candidate.casefold() in seen:
            n += 1
            suffix = f"_{n}"
            candidate = stem[: max_len - len(suffix)].rstrip(" .") + suffix
        seen.add(candidate.casefold())
        out.append(candidate)
    return out


def sheet_title(name: str, fallback: str = "_") -> str:
    """One Excel sheet title: at most 31 chars, none of []:*?/\\, no leading or
    trailing apostrophe, not "History"."""
    base = _SHEET_FORBIDDEN.sub("_", unicodedata.normalize("NFC", name)).strip().strip("'")
    base = base[:MAX_SHEET].strip() or fallback
    return f"_{base}"[:MAX_SHEET] if base.casefold() == "history" else base


def sheet_titles(names: Iterable[str], fallback: str = "_") -> list[str]:
    """Excel sheet titles (``sheet_title``), unique case-insensitively."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        base = sheet_title(name, fallback)
        candidate, n = base, 1
        while candidate.casefold() in seen:
            n += 1
            suffix = f" ({n})"
            candidate = base[: MAX_SHEET - len(suffix)].rstrip() + suffix
        seen.add(candidate.casefold())
        out.append(candidate)
    return out
