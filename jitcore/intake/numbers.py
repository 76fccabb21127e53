"""Numbers written as text: decimal point or comma, thousands separators, signs, currency.

The convention is decided once per file from unambiguous values (``12,5`` or ``1.234,56`` mean a
decimal comma; ``12.5`` or ``1,234.56`` a decimal point). ``1.234`` alone is ambiguous: it is
read as the file's convention, and a file with no evidence either way follows its delimiter
(semicolon-separated files come from locales with a decimal comma). A value such as ``05.02.2010``
is never a number: thousands groups have exactly three digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jitcore.intake.cells import as_text, is_native_number, on_distinct


@dataclass(frozen=True)
class NumberFormat:
    decimal: str  # "." or ","
    thousands: str  # "," or "."
    reason: str = ""

    def describe(self) -> str:
        if self.decimal == ",":
            return "Numbers use a decimal comma and '.' between thousands (1.234,5)"
        return "Numbers use a decimal point and ',' between thousands (1,234.5)"


DOT = NumberFormat(".", ",")
COMMA = NumberFormat(",", ".")

# Blanks, no-break spaces and apostrophes are thousands separators in every convention (1 234,5;
# 1'234.50); currency signs and codes around a number are dropped.
_NOISE = re.compile(r"[\s\u00a0\u202f'’]|[€$£¥]|\b(?:EUR|USD|GBP|CHF)\b", re.IGNORECASE)
_COMMA_EVIDENCE = re.compile(
    r"^[+-]?(?:\d+,\d{1,2}|\d+,\d{4,}|0,\d+|\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:\.\d{3}){2,})-?$"
)
_DOT_EVIDENCE = re.compile(
    r"^[+-]?(?:\d+\.\d{1,2}|\d+\.\d{4,}|0\.\d+|\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:,\d{3}){2,})-?$"
)
_VALID = {
    ".": re.compile(r"^[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$"),
    ",": re.compile(r"^[+-]?(?:(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d*)?|,\d+)(?:[eE][+-]?\d+)?$"),
}
_LOOSE = re.compile(r"^[(+-]?[\d.,\s\u00a0\u202f'’€$£¥]*\d[\d.,\s\u00a0\u202f'’€$£¥]*[)-]?$")


def looks_numeric(text: pd.Series) -> np.ndarray:
    """Cheap test used before the convention is known: digits with separators and signs only."""
    return text.str.match(_LOOSE).fillna(False).to_numpy(dtype=bool)


def detect_number_format(
    columns: Iterable[pd.Series] | pd.DataFrame, *, delimiter: str = ""
) -> NumberFormat:
    """Count unambiguous values of each convention over the first 5,000 filled cells of each of
    the given text columns (a table's columns are counted together, each distinct value once)."""
    if isinstance(columns, pd.DataFrame):
        rows = len(columns)
        flat = pd.Series(columns.to_numpy(dtype=object).ravel(order="F"), dtype=object)
        text = as_text(flat)
        filled = (text != "").to_numpy(dtype=bool)
        rank = np.cumsum(filled.reshape(-1, rows), axis=1).ravel() if rows else filled
        cells = [text[filled & (rank <= 5000)]]
    else:
        cells = [as_text(column) for column in columns]
        cells = [text[text != ""].head(5000) for text in cells]
    comma = dot = 0
    for text in cells:
        evidence = on_distinct(text, _evidence)
        comma += int((evidence.to_numpy() & 1).astype(bool).sum())
        dot += int((evidence.to_numpy() & 2).astype(bool).sum())
    if comma > dot:
        return NumberFormat(",", ".", f"{comma:,} values such as 12,5 have a decimal comma")
    if dot > comma:
        return NumberFormat(".", ",", f"{dot:,} values such as 12.5 have a decimal point")
    if delimiter == ";":
        return NumberFormat(",", ".", "semicolon-separated files use a decimal comma")
    return NumberFormat(".", ",", "no value shows a decimal comma")


def _evidence(values: pd.Series) -> np.ndarray:
    """Per value: 1 when it shows a decimal comma, 2 a decimal point, 0 neither."""
    clean = values.str.replace(_NOISE, "", regex=True)
    comma = clean.str.match(_COMMA_EVIDENCE).fillna(False).to_numpy(dtype=bool)
    dot = clean.str.match(_DOT_EVIDENCE).fillna(False).to_numpy(dtype=bool)
    return np.where(comma, 1, 0) + np.where(dot, 2, 0)


def parse_numbers(series: pd.Series, fmt: NumberFormat) -> tuple[np.ndarray, np.ndarray]:
    """Floats (NaN where empty or unreadable) and a mask of filled cells that are not numbers.

    Accepts a leading or trailing minus (``12-`` as SAP exports it), accounting negatives in
    parentheses ``(12)``, currency signs, and blanks or apostrophes between thousands.
    """
    native = is_native_number(series)
    values = np.full(len(series), np.nan)
    if native.any():
        values[native] = series.to_numpy(dtype=object)[native].astype(float)
    text = as_text(series)
    todo = (~native) & (text != "").to_numpy(dtype=bool)
    if todo.any():
        values[todo] = on_distinct(text[todo], lambda t: _parse_text(t, fmt)).to_numpy(float)
    bad = todo & np.isnan(values)
    values[~np.isfinite(values)] = np.nan
    return values, bad


def _parse_text(text: pd.Series, fmt: NumberFormat) -> np.ndarray:
    clean = text.str.replace(_NOISE, "", regex=True)
    negative = clean.str.match(r"^\(.*\)$") | clean.str.match(r"^[^-].*-$")
    clean = clean.str.replace(r"^\((.*)\)$", r"\1", regex=True)
    clean = clean.str.replace(r"^([^-].*)-$", r"\1", regex=True)
    valid = clean.str.match(_VALID[fmt.decimal]).fillna(False)
    clean = clean.where(valid, "")
    clean = clean.str.replace(fmt.thousands, "", regex=False)
    if fmt.decimal == ",":
        clean = clean.str.replace(",", ".", regex=False)
    numbers = pd.to_numeric(clean.replace("", np.nan), errors="coerce").to_numpy(
        dtype=float, copy=True
    )
    numbers[negative.fillna(False).to_numpy(dtype=bool)] *= -1
    return numbers
