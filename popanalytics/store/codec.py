"""DataFrames to Arrow tables and back, with every dtype restored exactly.

Figures computed on a snapshot must equal those computed on its source files
bit for bit, so a frame comes back with the very dtypes it was written with:
the dtype of each column is recorded (in the manifest) and restored on read.
On disk, repeated text is dictionary-encoded (a categorical in Arrow), and
dates that are all at midnight are stored as dates (date32), not timestamps.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# a text column with at most this share of distinct values is stored as a dictionary
_DICTIONARY_SHARE = 0.5


def encode(frame: pd.DataFrame) -> tuple[pa.Table, list[list[str]]]:
    """``frame`` as an Arrow table plus ``[[column, dtype], ...]`` to restore it.

    The index must be the default RangeIndex (validated tables have it); an
    object column is stored as text (its values' ``str``), the only lossy case.
    """
    if not (isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0):
        frame = frame.reset_index(drop=True)
    arrays: list[pa.Array] = []
    dtypes: list[list[str]] = []
    for name in frame.columns:
        series = frame[name]
        arrays.append(_column(series))
        dtypes.append([str(name), _dtype_name(series.dtype)])
    table = pa.Table.from_arrays(arrays, names=[str(c) for c in frame.columns])
    return table, dtypes


def decode(table: pa.Table, dtypes: list[list[str]]) -> pd.DataFrame:
    """The frame ``encode`` was given, from its Arrow table and dtype record."""
    data: dict[str, Any] = {}
    for name, dtype in dtypes:
        column = table.column(name)
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        data[name] = _to_pandas(column, dtype)
    return pd.DataFrame(data, index=pd.RangeIndex(table.num_rows), copy=False)


def _dtype_name(dtype: Any) -> str:
    if isinstance(dtype, pd.StringDtype):
        # "str" is pandas' default string dtype (NaN for missing); "string" the NA one
        return "str" if dtype.na_value is not pd.NA else "string"
    return str(dtype)


def _column(series: pd.Series) -> pa.Array:
    dtype = series.dtype
    if isinstance(dtype, pd.StringDtype) or dtype == np.dtype(object):
        values = series if isinstance(dtype, pd.StringDtype) else series.map(_text)
        array = pa.array(values.astype("string"), type=pa.large_string())
        if len(array) and array.null_count < len(array):
            distinct = len(pc.unique(array))
            if distinct <= max(1, int(len(array) * _DICTIONARY_SHARE)):
                return array.dictionary_encode()
        return array
    if isinstance(dtype, np.dtype) and dtype.kind == "M":
        array = pa.array(series)
        try:  # every value at midnight: a date on disk
            return array.cast(pa.date32(), safe=True)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return array
    return pa.array(series)


def _text(value: object) -> object:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


# pandas' nullable dtypes: Arrow's nulls become pd.NA
_NULLABLE = ("boolean", "Int8", "Int16", "Int32", "Int64", "Float64")


def _to_pandas(column: pa.ChunkedArray, dtype: str) -> pd.Series:
    if dtype in ("str", "string"):
        text = pd.StringDtype(na_value=np.nan) if dtype == "str" else pd.StringDtype()
        return pd.Series(column.to_pandas(), copy=False).astype(text)
    if dtype == "object":
        return pd.Series(column.to_pylist(), dtype=object)
    if dtype.startswith("datetime64"):
        if pa.types.is_date32(column.type):
            column = column.cast(pa.timestamp("s"))
        return pd.Series(column.to_pandas(), copy=False).astype(pd.api.types.pandas_dtype(dtype))
    if dtype in _NULLABLE:
        mapped = column.to_pandas(types_mapper=lambda _type: pd.api.types.pandas_dtype(dtype))
        return pd.Series(mapped, copy=False)
    series = pd.Series(column.to_pandas(), copy=False)
    target = pd.api.types.pandas_dtype(dtype)
    return series if series.dtype == target else series.astype(target)
