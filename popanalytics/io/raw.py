"""What the importer hands to the schema: raw frames with canonical headers."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Cleaned:
    """Cells of one column that control characters were removed from on import."""

    cells: int
    first_row: int  # the row number of the first of them, as the user sees it


@dataclass
class RawTable:
    """One source sheet (or CSV file) recognised as one canonical table.

    ``frame`` holds the cells as read (object dtype: str, numbers, datetimes,
    None), with columns renamed to canonical field names; unrecognised columns
    are dropped and listed in ``ignored_columns``. Fully empty rows are already
    removed. ``frame.index`` is the row number as the user sees it in Excel
    (header row included; for CSV the line number), so a finding can name it.
    """

    table: str
    frame: pd.DataFrame
    file: str
    sheet: str | None
    ignored_columns: tuple[str, ...] = ()
    # canonical field -> the header text as it stood in the file
    headers: dict[str, str] = field(default_factory=dict)
    # canonical field -> the cells control characters were removed from (a warning)
    controls: dict[str, Cleaned] = field(default_factory=dict)
