"""Column roles (date, SKU, quantity) from header names in five languages and from contents,
and the labels that mark totals rows and columns."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jitcore.intake.cells import all_text, as_text, is_native_date, normalise_word, on_distinct
from jitcore.intake.dates import DateContext, DateFormat, detect_date_format, looks_like_date
from jitcore.intake.numbers import NumberFormat, parse_numbers
from jitcore.intake.vocabulary import BOOLEAN, NOT_QUANTITY, NOT_SKU, ROLE_STEMS, ROLE_WORDS

#: A cell or header that labels a total: Total, Grand Total, Subtotal, Summe, Gesamt, Totaal,
#: Somme, Sous-total, Suma, Total general (optionally followed by a colon, a year or a word).
TOTAL_LABEL = re.compile(
    r"^\s*(?:grand[\s-]*total|sub[\s-]*total|sous[\s-]*total|totals?|totale|totales|"
    r"gesamt(?:summe|ergebnis)?|insgesamt|summe|zwischensumme|totaal|eindtotaal|subtotaal|somme|"
    r"suma(?:\s+total)?|total\s+g[eé]n[eé]ral|sum|year\s+total|jahressumme)"
    r"(?:\s*[:.=-]?\s*(?:\d{2,4}|eur|usd|chf|gbp|jahr|year|all|alle|kw|qty|units|stk|"
    r"general|g[eé]n[eé]ral))?\s*[:.]?\s*$",
    re.IGNORECASE,
)


def name_score(name: str, role: str) -> float:
    """How strongly a header names a role: 2 whole word, 1 stem inside a word, 0 otherwise;
    negative words (price, id, description ...) lower the score."""
    normal = normalise_word(name)
    if not normal:
        return 0.0
    words = set(normal.split())
    score = 0.0
    if normal in ROLE_WORDS[role] or words & ROLE_WORDS[role]:
        score = 2.0
    elif any(stem in normal.replace(" ", "") for stem in ROLE_STEMS[role]):
        score = 1.0
    if role == "quantity" and words & NOT_QUANTITY:
        score -= 1.5
    if role == "sku" and words & NOT_SKU:
        score -= 1.5
    return score


def total_mask(series: pd.Series) -> np.ndarray:
    """Cells that label a total."""
    if all_text(series):
        text_only = np.ones(len(series), dtype=bool)
    else:
        values = series.to_numpy(dtype=object)
        text_only = np.fromiter((isinstance(v, str) for v in values), bool, count=len(series))
    hits = on_distinct(as_text(series), _total_labels).to_numpy(dtype=bool)
    return text_only & hits


def _total_labels(values: pd.Series) -> np.ndarray:
    """Per distinct value: a totals label? (numbers and blanks never are)."""
    result = np.zeros(len(values), dtype=bool)
    candidates = (values != "").to_numpy(dtype=bool)
    candidates = candidates & pd.to_numeric(values, errors="coerce").isna().to_numpy(dtype=bool)
    if candidates.any():
        matched = values[candidates].str.match(TOTAL_LABEL).fillna(False)
        result[candidates] = matched.to_numpy(dtype=bool)
    return result


@dataclass(frozen=True)
class ColumnProfile:
    """What a column contains, measured on its filled cells (totals labels left out)."""

    name: str
    filled: int
    date_share: float
    date_format: DateFormat | None
    number_share: float
    distinct: int
    boolean_like: bool
    id_like: bool
    totals: int

    @property
    def text_like(self) -> bool:
        return self.filled > 0 and self.number_share < 0.5 and self.date_share < 0.5

    def score(self, role: str) -> float:
        return name_score(self.name, role)


def profile_column(
    name: str, series: pd.Series, number_format: NumberFormat, context: DateContext
) -> ColumnProfile:
    text = as_text(series)
    totals = total_mask(series.head(5000))
    keep = (text != "").to_numpy(dtype=bool, copy=True)
    keep[: len(totals)] &= ~totals
    cells = series[keep]
    filled = int(keep.sum())
    if not filled:
        return ColumnProfile(name, 0, 0.0, None, 0.0, 0, False, False, int(totals.sum()))
    sample = cells.head(2000)
    numbers, bad = parse_numbers(sample, number_format)
    number_share = float(1.0 - bad.mean())
    allow_serials = name_score(name, "date") > 0 or _regular_integers(numbers)
    date_format, date_share = detect_date_format(
        sample, context=context, allow_serials=allow_serials
    )
    distinct_text = pd.unique(text[keep])
    boolean_like = len(distinct_text) <= 2 and all(
        normalise_word(value) in BOOLEAN for value in distinct_text
    )
    id_like = _id_like(name, numbers, number_share)
    return ColumnProfile(
        name=name,
        filled=filled,
        date_share=date_share,
        date_format=date_format,
        number_share=number_share,
        distinct=len(distinct_text),
        boolean_like=boolean_like,
        id_like=id_like,
        totals=int(totals.sum()),
    )


def _regular_integers(numbers: np.ndarray) -> bool:
    """Excel day numbers without a date header: whole numbers in the serial range, evenly spaced."""
    values = np.unique(numbers[np.isfinite(numbers)])
    if len(values) < 3 or values.min() < 20_000 or values.max() > 80_000:
        return False
    if not np.all(values == np.round(values)):
        return False
    gaps = np.diff(values)
    return bool(np.all(np.isin(gaps, [1, 7])) or np.all((gaps >= 28) & (gaps <= 31)))


#: Tables with at least this many columns are profiled in one pass over all their cells.
BATCH_COLUMNS = 20
_TOTALS_ROWS = 5000
_SAMPLE = 2000


def profile_columns(
    frame: pd.DataFrame, number_format: NumberFormat, context: DateContext
) -> dict[str, ColumnProfile]:
    """``profile_column`` for every column of ``frame``, with the same results.

    A wide table (hundreds of SKU columns) is profiled in one pass: all cells are stacked into
    one column, numbers and totals labels are read once per distinct text, and the date formats
    are only tried on the columns where some cell looks like a date (the others read no date).
    """
    names = [str(name) for name in frame.columns]
    if len(names) < BATCH_COLUMNS or frame.empty:
        return {
            name: profile_column(name, frame[column], number_format, context)
            for name, column in zip(names, frame.columns, strict=True)
        }
    rows, width = frame.shape
    flat = pd.Series(frame.to_numpy(dtype=object).ravel(order="F"), dtype=object)
    text = as_text(flat)
    filled = (text != "").to_numpy(dtype=bool)
    row_of = np.tile(np.arange(rows), width)
    head = row_of < _TOTALS_ROWS
    totals = np.zeros(len(flat), dtype=bool)
    totals[head] = total_mask(flat[head])
    keep = filled & ~totals
    by_column = keep.reshape(width, rows)
    rank = np.cumsum(by_column, axis=1).ravel()
    sample = keep & (rank <= _SAMPLE)
    numbers = np.full(len(flat), np.nan)
    bad = np.zeros(len(flat), dtype=bool)
    numbers[sample], bad[sample] = parse_numbers(flat[sample], number_format)
    codes, uniques = pd.factorize(text.to_numpy(dtype=object), use_na_sentinel=False)
    datelike = np.zeros(len(flat), dtype=bool)
    datelike[sample] = looks_like_date(pd.Series(uniques, dtype=object))[
        codes[sample]
    ] | is_native_date(flat[sample])
    distinct = pd.DataFrame({"column": np.repeat(np.arange(width), rows), "code": codes})[keep]
    distinct_counts = np.bincount(distinct.drop_duplicates()["column"].to_numpy(), minlength=width)
    totals_counts = totals.reshape(width, rows).sum(axis=1)
    filled_counts = by_column.sum(axis=1)
    profiles: dict[str, ColumnProfile] = {}
    for index, name in enumerate(names):
        start, stop = index * rows, (index + 1) * rows
        if not filled_counts[index]:
            profiles[name] = ColumnProfile(
                name, 0, 0.0, None, 0.0, 0, False, False, int(totals_counts[index])
            )
            continue
        chosen = sample[start:stop]
        column_numbers = numbers[start:stop][chosen]
        number_share = float(1.0 - bad[start:stop][chosen].mean())
        allow_serials = name_score(name, "date") > 0 or _regular_integers(column_numbers)
        if allow_serials or datelike[start:stop].any():
            cells = flat[start:stop][chosen]
            date_format, date_share = detect_date_format(
                cells, context=context, allow_serials=allow_serials
            )
        else:
            date_format, date_share = None, 0.0
        count = int(distinct_counts[index])
        boolean_like = count <= 2 and all(
            normalise_word(value) in BOOLEAN
            for value in pd.unique(text[start:stop][keep[start:stop]])
        )
        profiles[name] = ColumnProfile(
            name=name,
            filled=int(filled_counts[index]),
            date_share=date_share,
            date_format=date_format,
            number_share=number_share,
            distinct=count,
            boolean_like=boolean_like,
            id_like=_id_like(name, column_numbers, number_share),
            totals=int(totals_counts[index]),
        )
    return profiles


def _id_like(name: str, numbers: np.ndarray, number_share: float) -> bool:
    """Identifiers: whole, distinct numbers that rise row by row or are above a million —
    unless the header names a quantity (``quantity``, ``qty``, ``Menge`` …): 1, 2, …, N is
    then a demand that grew by one each period, not a row number."""
    if name_score(name, "quantity") > 0:
        return False
    finite = numbers[np.isfinite(numbers)]
    return (
        number_share > 0.9
        and len(finite) > 10
        and bool(np.all(finite == np.round(finite)))
        and len(np.unique(finite)) == len(finite)
        and bool(np.all(np.diff(finite) > 0) or finite.min() > 1e6)
    )
