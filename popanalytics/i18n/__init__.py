"""One catalogue of labels (nl, en) and nl-BE number/date formatting.

Labels live in the ``labels_*`` modules of this package, one per area, each a
dict ``key -> (dutch, english)``; they are merged here into one catalogue. No
label literal lives anywhere else in the code.
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
import pkgutil
from typing import Literal

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal, format_percent

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")  # every language the UI speaks
_LOCALE = {"nl": "nl_BE", "en": "en_GB"}

CATALOGUE: dict[str, tuple[str, str]] = {}
# Every ``labels_<area>`` module of this package is part of the catalogue, so an
# area adds labels without touching this file.
for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if not _info.name.startswith("labels_"):
        continue
    _labels: dict[str, tuple[str, str]] = importlib.import_module(f"{__name__}.{_info.name}").LABELS
    _clash = CATALOGUE.keys() & _labels.keys()
    if _clash:
        raise RuntimeError(f"label keys defined twice: {sorted(_clash)}")
    CATALOGUE.update(_labels)


def t(key: str, lang: str = "nl", **values: object) -> str:
    """The label for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    nl, en = CATALOGUE[key]
    text = en if lang == "en" else nl
    return text.format(**values) if values else text


def has_label(key: str) -> bool:
    return key in CATALOGUE


def field_label(name: object, lang: str = "nl") -> str:
    """The shown name of a data-model field; the raw name when it has no label, and
    "" for no field at all (a finding about a whole row)."""
    if name is None or (isinstance(name, float) and math.isnan(name)):
        return ""
    key = f"field.{name}"
    return t(key, lang) if key in CATALOGUE else str(name)


def fmt_percent(rate: float | None, lang: str = "nl", digits: int = 1) -> str:
    """``0.627`` → ``62,7 %`` (nl-BE) or ``62.7%`` (en); None/NaN → ``–``."""
    if rate is None or (isinstance(rate, float) and math.isnan(rate)):
        return "–"
    pattern = "#,##0." + "0" * digits + " %" if digits else "#,##0 %"
    if lang == "en":
        pattern = pattern.replace(" %", "%")
    return format_percent(rate, locale=_LOCALE.get(lang, "nl_BE"), format=pattern)


def fmt_number(value: float | None, lang: str = "nl", digits: int = 0) -> str:
    """``1250.5`` → ``1.250,5`` (nl-BE); None/NaN → ``–``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, locale=_LOCALE.get(lang, "nl_BE"), format=pattern)


def fmt_date(value: dt.date | None, lang: str = "nl") -> str:
    """A date as ``30/06/2026`` (nl-BE) or ``30 Jun 2026`` (en); None → ``–``."""
    if value is None:
        return "–"
    if lang == "en":
        return _babel_date(value, locale="en_GB", format="d MMM y")
    return _babel_date(value, locale="nl_BE", format="dd/MM/y")
