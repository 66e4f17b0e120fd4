"""A date field that shows dates as dd/mm/yyyy whatever the browser's locale.

ipywidgets' DatePicker is a native ``<input type="date">``, which Chromium
formats in the browser's locale (mm/dd/yyyy on an American system), whatever
the page's ``lang``. This field is a text input in the user's format with a
calendar button: the button opens the native picker only as a chooser (its
value is read as ISO), and the text always shows dd/mm/yyyy. What is typed is
parsed in the kernel; an invalid date leaves the value as it was and says so
under the field, in the user's language.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import anywidget
import traitlets

from popanalytics.i18n import t

_ESM = """
function render({ model, el }) {
  el.classList.add("pop-datefield");
  const label = document.createElement("label");
  label.className = "widget-label pop-datefield-label";
  const wrap = document.createElement("span");
  wrap.className = "pop-datefield-wrap";
  const input = document.createElement("input");
  input.type = "text";
  input.className = "pop-datefield-input";
  input.inputMode = "numeric";
  input.autocomplete = "off";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "pop-datefield-button";
  // a calendar icon drawn in SVG: no emoji font needed
  button.innerHTML = '<svg viewBox="0 0 16 16" aria-hidden="true"><rect x="1.5" y="3" width="13" ' +
    'height="11.5" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.3"/><path d="M1.5 ' +
    '6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" stroke-width="1.3"/></svg>';
  const native = document.createElement("input");
  native.type = "date";
  native.tabIndex = -1;
  native.className = "pop-datefield-native";
  const error = document.createElement("div");
  error.className = "pop-datefield-error";
  error.setAttribute("role", "alert");
  wrap.append(input, button, native);
  el.append(label, wrap, error);
  const draw = () => {
    label.textContent = model.get("description");
    input.value = model.get("text");
    input.placeholder = model.get("placeholder");
    input.setAttribute("aria-label", model.get("description"));
    button.title = model.get("calendar_title");
    button.setAttribute("aria-label", model.get("calendar_title"));
    native.value = model.get("iso");
    error.textContent = model.get("error");
    input.classList.toggle("pop-datefield-invalid", model.get("error") !== "");
  };
  const send = (text) => { model.set("typed", text); model.save_changes(); };
  input.addEventListener("change", () => send(input.value));
  input.addEventListener("keydown", (e) => { if (e.key === "Enter") send(input.value); });
  button.addEventListener("click", () => {
    native.value = model.get("iso");
    try { native.showPicker(); } catch (err) { native.focus(); native.click(); }
  });
  native.addEventListener("change", () => {
    if (!native.value) return;
    const [y, m, d] = native.value.split("-");
    send(`${d}/${m}/${y}`);
  });
  const names = ["description", "text", "placeholder", "iso", "error", "calendar_title"];
  for (const name of names) model.on(`change:${name}`, draw);
  draw();
  return () => { for (const name of names) model.off(`change:${name}`, draw); };
}
export default { render };
"""

_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(text: str) -> dt.date | None:
    """dd/mm/yyyy (also with - or .) or yyyy-mm-dd; None when not a real date."""
    found = _DMY.match(text)
    try:
        if found:
            day, month, year = (int(x) for x in found.groups())
            return dt.date(year, month, day)
        found = _ISO.match(text)
        if found:
            year, month, day = (int(x) for x in found.groups())
            return dt.date(year, month, day)
    except ValueError:
        return None
    return None


def format_date(value: dt.date | None) -> str:
    """dd/mm/yyyy, the format of the field in both languages (nl-BE and en-GB)."""
    return "" if value is None else value.strftime("%d/%m/%Y")


class DateField(anywidget.AnyWidget):  # type: ignore[misc]
    """A date as dd/mm/yyyy text with a calendar button; ``value`` is a date
    (or None) and is what the app observes, like DatePicker's ``value``."""

    _esm = _ESM
    description = traitlets.Unicode("").tag(sync=True)
    text = traitlets.Unicode("").tag(sync=True)
    iso = traitlets.Unicode("").tag(sync=True)
    typed = traitlets.Unicode("").tag(sync=True)
    placeholder = traitlets.Unicode("dd/mm/jjjj").tag(sync=True)
    calendar_title = traitlets.Unicode("").tag(sync=True)
    error = traitlets.Unicode("").tag(sync=True)
    value = traitlets.Any(None)  # kernel side only: a datetime.date or None
    lang = traitlets.Unicode("nl")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.observe(self._on_typed, names="typed")
        self.observe(self._on_value, names="value")
        self.observe(self._on_lang, names="lang")
        self._on_lang()

    def _on_lang(self, _change: object = None) -> None:
        self.placeholder = t("dash.date.placeholder", self.lang)
        self.calendar_title = t("dash.date.calendar", self.lang)
        if self.error:
            self.error = t("dash.date.invalid", self.lang, text=self.typed)

    def _on_value(self, change: dict[str, Any]) -> None:
        value = change["new"]
        with self.hold_sync():
            self.text = format_date(value)
            self.iso = "" if value is None else value.isoformat()
            self.error = ""

    def _on_typed(self, change: dict[str, Any]) -> None:
        text = change["new"]
        if not text.strip():
            return
        parsed = parse_date(text)
        if parsed is None:
            self.error = t("dash.date.invalid", self.lang, text=text)
            return
        if parsed == self.value:
            self.text = format_date(parsed)  # normalise what was typed
            self.error = ""
        else:
            self.value = parsed
        # a second identical entry must reach the kernel again
        self.typed = ""
