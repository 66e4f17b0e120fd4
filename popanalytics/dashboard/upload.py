"""The upload button: files go to the kernel in chunks, and a too-large upload is refused first.

ipywidgets' FileUpload sends every picked file in one websocket message, so
anything above the server's message limit (tornado's default: 10 MiB) was
dropped with the connection and the page said nothing. This widget instead:

- checks the total size in the page *before* sending; over the limit it sends
  only the names and sizes, and the dashboard says the files are too large,
  naming the limit;
- sends the content in chunks of ``UPLOAD_CHUNK_BYTES`` (each one websocket
  message, far below the server's limit), which the kernel reassembles; the
  kernel counts the bytes itself too and drops an upload that passes the limit
  whatever the page claimed.

``value`` has FileUpload's shape (dicts with name, type, size, content,
last_modified), so what reads an upload does not change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import anywidget
import traitlets

from popanalytics.dashboard.limits import MB, UPLOAD_CHUNK_BYTES, max_upload_bytes
from popanalytics.errors import PopError
from popanalytics.i18n import LANGS, fmt_number, t

# Content is read with File.slice().arrayBuffer() one chunk at a time, so the page
# never holds a second copy of a large file; the button label and tooltip come from
# the kernel (i18n), textContent only.
_UPLOAD_ESM = """
function render({ model, el }) {
  const button = document.createElement("button");
  button.className = "jupyter-button widget-upload pop-upload-button";
  const input = document.createElement("input");
  input.type = "file";
  input.style.display = "none";
  el.append(button, input);
  const draw = () => {
    button.textContent = model.get("description");
    button.title = model.get("tooltip");
    input.accept = model.get("accept");
    input.multiple = model.get("multiple");
  };
  const names = ["description", "tooltip", "accept", "multiple"];
  for (const name of names) model.on(`change:${name}`, draw);
  draw();
  button.addEventListener("click", () => { input.value = ""; input.click(); });
  input.addEventListener("change", async () => {
    const files = Array.from(input.files || []);
    if (files.length === 0) return;
    const meta = files.map((f) => ({
      name: f.name, type: f.type, size: f.size, last_modified: f.lastModified,
    }));
    const total = files.reduce((sum, f) => sum + f.size, 0);
    if (total > model.get("max_bytes")) {
      model.send({ kind: "too_large", files: meta });
      return;
    }
    const chunk = model.get("chunk_bytes");
    button.disabled = true;
    try {
      model.send({ kind: "start", files: meta });
      for (let i = 0; i < files.length; i++) {
        for (let offset = 0; offset < files[i].size; offset += chunk) {
          const part = await files[i].slice(offset, offset + chunk).arrayBuffer();
          model.send({ kind: "chunk", file: i }, undefined, [part]);
        }
      }
      model.send({ kind: "end" });
    } finally {
      button.disabled = false;
    }
  });
  return () => { for (const name of names) model.off(`change:${name}`, draw); };
}
export default { render };
"""


class ChunkedUpload(anywidget.AnyWidget):  # type: ignore[misc]
    """An upload button with a size limit checked in the page and in the kernel.

    Observe ``value`` (the files of a complete upload), ``rejected`` (name and
    size of files refused as too large) and ``received`` (0..1 while receiving).
    """

    _esm = _UPLOAD_ESM
    description = traitlets.Unicode("").tag(sync=True)
    tooltip = traitlets.Unicode("").tag(sync=True)
    accept = traitlets.Unicode("").tag(sync=True)
    multiple = traitlets.Bool(True).tag(sync=True)
    max_bytes = traitlets.Int(0).tag(sync=True)
    chunk_bytes = traitlets.Int(UPLOAD_CHUNK_BYTES).tag(sync=True)
    # kernel-side only: the content never travels back to the page
    value = traitlets.Tuple()
    rejected = traitlets.Tuple()
    received = traitlets.Float(0.0)

    def __init__(self, *, max_bytes: int | None = None, **kwargs: Any) -> None:
        super().__init__(max_bytes=max_upload_bytes() if max_bytes is None else max_bytes, **kwargs)
        self._meta: list[dict[str, Any]] = []
        self._parts: list[bytearray] = []
        self.on_msg(self._on_msg)

    def _on_msg(self, _widget: object, content: dict[str, Any], buffers: Sequence[Any]) -> None:
        kind = content.get("kind") if isinstance(content, dict) else None
        if kind == "too_large":
            self._refuse(content.get("files", []))
        elif kind == "start":
            self._start(content.get("files", []))
        elif kind == "chunk" and self._meta:
            self._chunk(int(content.get("file", -1)), buffers)
        elif kind == "end" and self._meta:
            self._finish()

    def _start(self, files: list[dict[str, Any]]) -> None:
        self._meta = [_file_meta(f) for f in files]
        self._parts = [bytearray() for _ in self._meta]
        if not self._meta or self._declared() > self.max_bytes:
            self._refuse(files)
            return
        self.received = 0.0

    def _chunk(self, index: int, buffers: Sequence[Any]) -> None:
        if not 0 <= index < len(self._parts):
            return self._refuse(self._meta)
        for buffer in buffers:
            self._parts[index] += buffer
        got = sum(len(p) for p in self._parts)
        # the page said how much would come: more than that, or more than the limit, ends it
        if got > self.max_bytes or len(self._parts[index]) > self._meta[index]["size"]:
            return self._refuse(self._meta)
        self.received = got / max(1, self._declared())

    def _finish(self) -> None:
        files = tuple(
            {**meta, "size": len(part), "content": memoryview(bytes(part))}
            for meta, part in zip(self._meta, self._parts, strict=True)
        )
        self._meta, self._parts = [], []
        self.received = 0.0
        self.value = files

    def _refuse(self, files: list[dict[str, Any]]) -> None:
        self._meta, self._parts = [], []
        self.received = 0.0
        self.rejected = tuple(_file_meta(f) for f in files)

    def _declared(self) -> int:
        return sum(int(m["size"]) for m in self._meta)


def _file_meta(raw: Any) -> dict[str, Any]:
    """Name, type, size and modification time of a file as the page describes it."""
    info = raw if isinstance(raw, dict) else {}
    try:
        size = max(0, int(info.get("size", 0)))
    except (TypeError, ValueError):
        size = 0
    try:
        modified = dt.datetime.fromtimestamp(float(info["last_modified"]) / 1000, tz=dt.UTC)
    except (KeyError, TypeError, ValueError, OverflowError, OSError):
        modified = None
    return {
        "name": str(info.get("name", "")),
        "type": str(info.get("type", "")),
        "size": size,
        "last_modified": modified,
    }


def too_large_error(files: Sequence[dict[str, Any]], max_bytes: int) -> PopError:
    """The message for an upload refused as too large: the files, their size, the limit."""
    names = ", ".join(str(f.get("name", "")) for f in files)
    total = sum(int(f.get("size", 0)) for f in files)
    nl, en = (
        t(
            "dash.upload.too_large",
            lang,
            names=names,
            size=fmt_number(total / MB, lang, 1),
            limit=fmt_number(max_bytes / MB, lang, 0 if max_bytes % MB == 0 else 1),
        )
        for lang in LANGS
    )
    return PopError(nl, en, code="upload_too_large")
