"""Column roles (date, SKU, quantity) from header names in five languages and from contents,
and the labels that mark totals rows and columns."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jitcore.intake.cells import all_text, as_text, normalise_word, on_distinct
from jitcore.intake.dates import DateContext, DateFormat, detect_date_format
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
    finite = numbers[np.isfinite(numbers)]
    id_like = (
        number_share > 0.9
        and len(finite) > 10
        and bool(np.all(finite == np.round(finite)))
        and len(np.unique(finite)) == len(finite)
        and bool(np.all(np.diff(finite) > 0) or finite.min() > 1e6)
    )
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
