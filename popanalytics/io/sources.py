"""What the user gave (paths, folders, uploads) as a flat list of files to read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from popanalytics.io import limits
from popanalytics.io.problems import fatal, megabytes

# the formats read; a folder holds only these, any other named file is fatal
EXCEL_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_EXTENSIONS = (".csv", ".txt")
SUPPORTED_EXTENSIONS = EXCEL_EXTENSIONS + TEXT_EXTENSIONS
# as messages list them
_EXTENSIONS_TEXT = ", ".join(SUPPORTED_EXTENSIONS)

Source = str | Path | tuple[str, bytes]


@dataclass(frozen=True)
class SourceFile:
    """One file to read: from disk (``path``) or uploaded (``data``)."""

    name: str
    path: Path | None = None
    data: bytes | None = None

    @property
    def extension(self) -> str:
        return Path(self.name).suffix.lower()

    @property
    def kind(self) -> str:
        """The format as a user names it: ``XLSX``, ``CSV``."""
        return self.extension.lstrip(".").upper()

    def read_bytes(self) -> bytes:
        """The file's bytes; a file beyond ``limits.MAX_FILE_BYTES`` is refused unread."""
        if self.data is not None:
            self._check_size(len(self.data))
            return self.data
        assert self.path is not None
        try:
            self._check_size(self.path.stat().st_size)
            with self.path.open("rb") as stream:
                # never more than the limit, even when the file grows meanwhile
                data = stream.read(limits.MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise fatal("unreadable", file=self.name, kind=self.kind) from exc
        self._check_size(len(data))
        return data

    def _check_size(self, size: int) -> None:
        if size > limits.MAX_FILE_BYTES:
            raise fatal(
                "file_too_large",
                file=self.name,
                size=megabytes(size),
                limit=megabytes(limits.MAX_FILE_BYTES),
            )


def expand_sources(sources: Sequence[Source]) -> list[SourceFile]:
    """Every file to read, in the order given; a folder becomes its supported files, sorted.

    Checks up front that every path exists and every named file has a supported
    type, so a typo fails before any (slow) reading starts.
    """
    if isinstance(sources, str | Path | tuple) and not _is_upload_list(sources):
        # a single source passed bare is a common slip; accept it
        sources = [sources]  # type: ignore[list-item]
    if not sources:
        raise fatal("no_sources")
    files: list[SourceFile] = []
    for source in sources:
        if isinstance(source, tuple):
            name, data = source
            files.append(_checked(SourceFile(name=Path(name).name, data=bytes(data))))
            continue
        path = Path(source)
        if path.is_dir():
            files.extend(_folder_files(path))
        elif path.is_file():
            files.append(_checked(SourceFile(name=path.name, path=path)))
        else:
            raise fatal("missing", file=str(source))
    return files


def _is_upload_list(sources: object) -> bool:
    """A tuple of sources, as opposed to one ``(name, bytes)`` upload."""
    return isinstance(sources, tuple) and not (
        len(sources) == 2
        and isinstance(sources[0], str)
        and isinstance(sources[1], bytes | bytearray | memoryview)
    )


def _checked(file: SourceFile) -> SourceFile:
    if file.extension not in SUPPORTED_EXTENSIONS:
        raise fatal(
            "unsupported",
            file=file.name,
            ext=file.extension or file.name,
            extensions=_EXTENSIONS_TEXT,
        )
    return file


def _folder_files(folder: Path) -> list[SourceFile]:
    """Supported files directly in ``folder``, by name; Office lock files and hidden files skipped."""
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        raise fatal("unreadable_folder", file=str(folder)) from exc
    found = [
        SourceFile(name=p.name, path=p)
        for p in entries
        if p.is_file()
        and p.suffix.lower() in SUPPORTED_EXTENSIONS
        and not p.name.startswith(("~$", "."))
    ]
    if not found:
        raise fatal("empty_folder", file=str(folder), extensions=_EXTENSIONS_TEXT)
    return found
