"""The user mapping file: extra sheet names and header aliases, in TOML.

```toml
[sheets]            # table -> extra sheet/file names
employees = ["Blad1"]
[employees]         # field -> extra header aliases
employee_id = ["Pers. nr."]
```

Unknown tables or fields are fatal: a typo in the mapping file would otherwise
silently leave a column unrecognised.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from popanalytics.io.problems import fatal
from popanalytics.model import TABLE_NAMES, TABLES

SHEETS_KEY = "sheets"


@dataclass(frozen=True)
class UserMapping:
    """Extra names given by the user, on top of the built-in aliases of model.py."""

    # table -> extra sheet/file names
    sheets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # table -> field -> extra header aliases
    fields: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)


def load_mapping(path: str | Path | None) -> UserMapping:
    """Read and check a mapping file; ``None`` means no mapping (built-in aliases only)."""
    if path is None:
        return UserMapping()
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise fatal("mapping_missing", file=str(path))
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise fatal("mapping_syntax", file=name, detail=str(exc)) from exc
    except OSError as exc:
        raise fatal("mapping_syntax", file=name, detail=exc.strerror or str(exc)) from exc
    return parse_mapping(data, name)


def parse_mapping(data: Mapping[str, object], file: str) -> UserMapping:
    """Check the parsed TOML against the data model and turn it into a `UserMapping`."""
    sheets: dict[str, tuple[str, ...]] = {}
    fields: dict[str, dict[str, tuple[str, ...]]] = {}
    for key, value in data.items():
        if key == SHEETS_KEY:
            section = _section(value, file, key)
            for table, names in section.items():
                _check_table(table, file)
                sheets[table] = _names(names, file, f"{SHEETS_KEY}.{table}")
            continue
        _check_table(key, file)
        spec = TABLES[key]
        known = [f.name for f in spec.fields]
        table_fields: dict[str, tuple[str, ...]] = {}
        for field_name, aliases in _section(value, file, key).items():
            if field_name not in known:
                raise fatal(
                    "mapping_field",
                    file=file,
                    name=field_name,
                    table=key,
                    known=", ".join(known),
                )
            table_fields[field_name] = _names(aliases, file, f"{key}.{field_name}")
        fields[key] = table_fields
    return UserMapping(sheets=sheets, fields=fields)


def _check_table(table: str, file: str) -> None:
    if table not in TABLE_NAMES:
        raise fatal("mapping_table", file=file, name=table, known=", ".join(TABLE_NAMES))


def _section(value: object, file: str, key: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise fatal("mapping_value", file=file, name=key)
    return value


def _names(value: object, file: str, key: str) -> tuple[str, ...]:
    """A name or a list of names; anything else is a mistake worth a clear message."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise fatal("mapping_value", file=file, name=key)
