"""Vectorised helpers on columns of raw cells (str, int, float, datetime or "").

Grids hold text cells already stripped of surrounding blanks, so a column of text needs no work
here; slow per-cell work (regular expressions) runs once per distinct value (``on_distinct``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable

import numpy as np
import pandas as pd


def all_text(series: pd.Series) -> bool:
    """True when every cell is a string (a text file's grid, or a text column of a sheet)."""
    return pd.api.types.infer_dtype(series, skipna=False) in ("string", "empty")


def as_text(series: pd.Series) -> pd.Series:
    """Each cell as text: numbers without a spurious ``.0``, dates as ``YYYY-MM-DD``."""
    if all_text(series):
        return series.astype(object) if series.dtype != object else series
    values = series.to_numpy(dtype=object)
    kinds = np.fromiter((_KIND.get(type(v), 3) for v in values), dtype=np.int8, count=len(values))
    out = np.empty(len(values), dtype=object)
    text = kinds == 0
    out[text] = [value.strip() for value in values[text]]
    dates = kinds == 1
    if dates.any():
        stamps = pd.DatetimeIndex(list(values[dates]))
        midnight = np.asarray(stamps == stamps.normalize(), dtype=bool)
        out[dates] = np.where(
            midnight, stamps.strftime("%Y-%m-%d"), stamps.strftime("%Y-%m-%d %H:%M:%S")
        )
    numbers = kinds == 2
    if numbers.any():
        floats = values[numbers].astype(float)
        whole = np.isfinite(floats) & (floats == np.round(floats)) & (np.abs(floats) < 1e15)
        formatted = floats.astype(str).astype(object)
        formatted[whole] = floats[whole].astype(np.int64).astype(str)
        out[numbers] = formatted
    other = kinds == 3
    out[other] = [cell_text(value) for value in values[other]]
    return pd.Series(out, index=series.index, dtype=object)


_KIND: dict[type, int] = {str: 0, dt.datetime: 1, pd.Timestamp: 1, float: 2, int: 2}


def cell_text(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.strftime("%Y-%m-%d")
        return value.isoformat(sep=" ")
    if isinstance(value, float):
        if not np.isfinite(value):
            return str(value)
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if value is None:
        return ""
    return str(value)


def on_distinct(text: pd.Series, function: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply a per-value function once per distinct value and spread the results back."""
    codes, uniques = pd.factorize(text.to_numpy(dtype=object), use_na_sentinel=False)
    results = function(pd.Series(uniques, dtype=object))
    return pd.Series(np.asarray(results)[codes], index=text.index)


def filled(series: pd.Series) -> np.ndarray:
    """True where a cell holds something other than blanks."""
    return (as_text(series) != "").to_numpy(dtype=bool)


def is_native_number(series: pd.Series) -> np.ndarray:
    if all_text(series):
        return np.zeros(len(series), dtype=bool)
    values = series.to_numpy(dtype=object)
    return np.fromiter(
        (isinstance(v, int | float) and not isinstance(v, bool) for v in values),
        dtype=bool,
        count=len(values),
    )


def is_native_date(series: pd.Series) -> np.ndarray:
    if all_text(series):
        return np.zeros(len(series), dtype=bool)
    values = series.to_numpy(dtype=object)
    return np.fromiter((isinstance(v, dt.datetime) for v in values), dtype=bool, count=len(values))


def normalise_word(text: str) -> str:
    """Lower case, accents removed, anything but letters and digits turned into single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = plain.replace("ß", "ss").lower()
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()
