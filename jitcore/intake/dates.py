"""Dates written in many ways, the way they are written decided from the data itself.

Understood: ISO ``2010-02-05`` (with or without a time), ``2010/02/05``, ``20100205``;
day-first or month-first ``05.02.2010`` / ``02/05/10``; months ``2010-02``, ``02/2010``,
``2010M02``; month names in English, German, French, Spanish and Dutch (``Jul 1995``,
``5. Februar 2010``, ``janv. 2024``, ``Feb 5, 2010``); ISO weeks ``2024-W05`` and ``KW 05/2024``
(the week's Monday); Excel day numbers (``40214`` = 2010-02-05) and Excel's own date cells.

Day-first or month-first is decided by a value with a first (or second) part above 12. When no
value decides it, the reading whose dates are more evenly spaced wins; when both are as regular,
day-first, except ``/`` in files with decimal points (US style), which is read month-first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jitcore.intake.cells import as_text, is_native_date, is_native_number, normalise_word
from jitcore.intake.vocabulary import MONTHS

_TIME = re.compile(
    r"^(.*?\d)[ T]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*"
    r"(?:Z|UTC|[+-]\d{2}:?\d{2})?$"
)
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
SERIAL_RANGE = (20_000, 80_000)  # Excel day numbers of 1954-10-03 .. 2119-01-10

Parser = Callable[[pd.Series], pd.Series]


@dataclass(frozen=True)
class DateFormat:
    """How a column's dates are written. ``period`` is ``M`` when only a month is given, ``W`` for
    ISO weeks; ``note`` says how an ambiguity was settled."""

    key: str
    description: str
    period: str | None = None
    note: str = ""
    ambiguous: bool = False


def bounded(dates: pd.Series) -> pd.Series:
    """Nanosecond dates, NaT outside the years 1800-2200 (typing errors such as 1024 or 20224)."""
    dates = pd.Series(dates)
    years = dates.dt.year
    return dates.where(years.between(1800, 2200)).astype("datetime64[ns]")


def _four_digit_year(years: pd.Series) -> pd.Series:
    """Two-digit years as strptime reads them: 69-99 → 1900s, 00-68 → 2000s."""
    value = pd.to_numeric(years, errors="coerce")
    short = years.str.len() == 2
    return value.where(~short, np.where(value < 69, 2000 + value, 1900 + value))


def _assemble(year: pd.Series, month: pd.Series, day: pd.Series | int = 1) -> pd.Series:
    frame = pd.DataFrame({"year": year, "month": month, "day": day}).apply(
        pd.to_numeric, errors="coerce"
    )
    ok = frame.notna().all(axis=1) & frame["month"].between(1, 12) & frame["day"].between(1, 31)
    ok &= frame["year"].between(1800, 2200)
    result = pd.Series(pd.NaT, index=year.index, dtype="datetime64[ns]")
    if ok.any():
        result[ok] = pd.to_datetime(frame[ok].astype(int), errors="coerce")
    return result


def _strptime(pattern: str, regex: str | None = None) -> Parser:
    def parse(text: pd.Series) -> pd.Series:
        candidates = text if regex is None else text.where(text.str.fullmatch(regex), "")
        return bounded(pd.to_datetime(candidates, format=pattern, errors="coerce"))

    return parse


_DMY = r"\d{1,2}([./-])\d{1,2}\1(?:\d{4}|\d{2})"


def _numeric_dmy(day_first: bool) -> Parser:
    def parse(text: pd.Series) -> pd.Series:
        parts = text.str.extract(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})$")
        day, month = (parts[0], parts[2]) if day_first else (parts[2], parts[0])
        return _assemble(_four_digit_year(parts[3]), month, day)

    return parse


def _year_month(regex: str, year_group: int, month_group: int) -> Parser:
    def parse(text: pd.Series) -> pd.Series:
        parts = text.str.extract(regex, flags=re.IGNORECASE)
        return _assemble(parts[year_group], parts[month_group])

    return parse


_WEEK_PATTERNS = (
    r"^(?P<year>\d{4})\s*[-/ .]?\s*(?:W|WK|KW|CW)\s*(?P<week>\d{1,2})(?:[-/ .]?(?P<day>[1-7]))?$",
    r"^(?:W|WK|KW|CW|week|woche|semaine|semana)\s*(?P<week>\d{1,2})\s*[-/ .,]\s*(?P<year>\d{4})$",
)


def _iso_week(text: pd.Series) -> pd.Series:
    result = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    for pattern in _WEEK_PATTERNS:
        parts = text.str.extract(pattern, flags=re.IGNORECASE)
        ok = parts["year"].notna() & result.isna()
        if ok.any():
            day = parts.loc[ok, "day"].fillna("1") if "day" in parts else "1"
            labels = parts.loc[ok, "year"] + "-W" + parts.loc[ok, "week"].str.zfill(2) + "-" + day
            weeks = pd.to_datetime(labels, format="%G-W%V-%u", errors="coerce")
            result[ok] = bounded(weeks).to_numpy()
    return result


_WORD = r"([^\W\d_]{3,}\.?)"
_MONTH_NAME_PATTERNS = (  # (regex, group of day, month word, year); day None = first of month
    (rf"^(\d{{1,2}})(?:st|nd|rd|th|er)?\.?[\s./-]*{_WORD}[\s./,-]*(\d{{4}}|\d{{2}})$", 0, 1, 2),
    (rf"^{_WORD}[\s./-]*(\d{{1,2}})(?:st|nd|rd|th)?,?[\s./-]+(\d{{4}})$", 1, 0, 2),
    (rf"^{_WORD}[\s./'-]*(\d{{4}}|\d{{2}})$", None, 0, 1),
    (rf"^(\d{{4}})[\s./-]*{_WORD}$", None, 1, 0),
)


def _month_names(text: pd.Series) -> pd.Series:
    result = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    for regex, day_group, month_group, year_group in _MONTH_NAME_PATTERNS:
        parts = text.str.extract(regex)
        ok = parts[year_group].notna() & result.isna()
        if not ok.any():
            continue
        month = parts.loc[ok, month_group].map(lambda word: MONTHS.get(normalise_word(word)))
        day = parts.loc[ok, day_group] if day_group is not None else 1
        result[ok] = _assemble(_four_digit_year(parts.loc[ok, year_group]), month, day)
    return result


def _month_names_only_month(text: pd.Series) -> bool:
    """True when month-name values carry no day (``Jul 1995``): the data is monthly."""
    sample = text.head(50)
    with_day = sample.str.match(_MONTH_NAME_PATTERNS[0][0]) | sample.str.match(
        _MONTH_NAME_PATTERNS[1][0]
    )
    return not bool(with_day.fillna(False).any())


def _shaped(shape: str, parser: Parser) -> Parser:
    """Run ``parser`` only on values of the right shape (cheap); NaT for the others."""
    pattern = re.compile(shape, re.IGNORECASE)

    def parse(text: pd.Series) -> pd.Series:
        result = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
        match = text.str.fullmatch(pattern).fillna(False).to_numpy(dtype=bool)
        if match.any():
            result[match] = parser(text[match]).to_numpy()
        return result

    return parse


def _ymd(text: pd.Series) -> pd.Series:
    return _strptime("%Y-%m-%d")(text.str.replace(r"[/.]", "-", regex=True))


#: key -> (parser, description, period)
_FAMILIES: dict[str, tuple[Parser, str, str | None]] = {
    "iso": (_shaped(r"\d{4}-\d{1,2}-\d{1,2}", _strptime("%Y-%m-%d")), "year-month-day (ISO)", None),
    "ymd": (_shaped(r"\d{4}([/.])\d{1,2}\1\d{1,2}", _ymd), "year/month/day", None),
    "compact": (_shaped(r"(?:19|20)\d{6}", _strptime("%Y%m%d")), "yyyymmdd", None),
    "dmy": (_shaped(_DMY, _numeric_dmy(True)), "day.month.year (day first)", None),
    "mdy": (_shaped(_DMY, _numeric_dmy(False)), "month/day/year (month first)", None),
    "ym": (
        _shaped(
            r"\d{4}\s*(?:[-/]|M)\s*\d{1,2}",
            _year_month(r"^(\d{4})\s*(?:[-/]|M)\s*(\d{1,2})$", 0, 1),
        ),
        "year-month",
        "M",
    ),
    "my": (
        _shaped(r"\d{1,2}[-/.]\d{4}", _year_month(r"^(\d{1,2})[-/.](\d{4})$", 1, 0)),
        "month/year",
        "M",
    ),
    "week": (_shaped(r"(?=.*\d)(?=.*w).*", _iso_week), "ISO week (the week's Monday)", "W"),
    "month_name": (_shaped(r"(?=.*\d)(?=.*[^\W\d_]{3}).*", _month_names), "month names", None),
}


def strip_time(text: pd.Series) -> pd.Series:
    """Drop a time of day (``2010-02-05 13:45:00`` → ``2010-02-05``)."""
    return text.str.replace(_TIME, r"\1", regex=True)


def _serials(values: pd.Series) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce")
    ok = numbers.between(*SERIAL_RANGE) & (numbers == numbers.round())
    days = numbers.where(ok)
    return _EXCEL_EPOCH + pd.to_timedelta(days, unit="D")


def _regularity(dates: pd.Series) -> float:
    """Share of gaps between consecutive distinct dates equal to the commonest gap (months as one)."""
    unique = pd.Series(pd.unique(dates.dropna())).sort_values()
    if len(unique) < 3:
        return 0.0
    gaps = unique.diff().dt.days.dropna()
    gaps = gaps.where(~gaps.between(28, 31), 30)
    return float((gaps == gaps.mode().iloc[0]).mean())


@dataclass(frozen=True)
class DateContext:
    """File conventions that settle an ambiguous day/month order."""

    day_first: bool | None = None
    decimal: str = "."
    delimiter: str = ","


def detect_date_format(
    series: pd.Series, *, context: DateContext = DateContext(), allow_serials: bool = False
) -> tuple[DateFormat | None, float]:
    """The best way to read the filled cells of ``series`` as dates, and the share it reads."""
    native = is_native_date(series)
    text = as_text(series)
    filled = (text != "").to_numpy(dtype=bool)
    total = int(filled.sum())
    if total == 0:
        return None, 0.0
    if native[filled].mean() >= 0.5:
        return DateFormat("native", "Excel dates"), float(native[filled].mean())
    distinct = pd.Series(pd.unique(text[filled & ~native]), dtype=object)
    distinct = pd.Series(pd.unique(strip_time(distinct)), dtype=object)
    sample = distinct.head(400)
    shares: dict[str, float] = {}
    for key, (parser, _, _) in _FAMILIES.items():
        shares[key] = float(parser(sample).notna().mean()) if len(sample) else 0.0
    if allow_serials:
        numbers = series[filled & is_native_number(series)]
        source = numbers if len(numbers) >= 0.5 * total else text[filled]
        shares["serial"] = float(_serials(source.head(400)).notna().mean())
    best = max(shares, key=lambda key: shares[key])
    if shares[best] == 0:
        return None, 0.0
    if best in ("dmy", "mdy"):
        return _settle_day_month(distinct, shares, context)
    _, description, period = _FAMILIES.get(best, (None, "Excel day numbers", None))
    if best == "month_name":
        period = "M" if _month_names_only_month(distinct) else None
    return DateFormat(best, description, period), shares[best]


def _settle_day_month(
    distinct: pd.Series, shares: dict[str, float], context: DateContext
) -> tuple[DateFormat, float]:
    parts = distinct.str.extract(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})$").dropna()
    first = pd.to_numeric(parts[0]).gt(12).any()
    second = pd.to_numeric(parts[2]).gt(12).any()
    separator = parts[1].mode().iloc[0] if len(parts) else "/"
    if context.day_first is not None:
        day_first, note, ambiguous = context.day_first, "as chosen", False
    elif first != second:
        day_first, ambiguous = bool(first), False
        example = parts[0 if first else 2].astype(int).idxmax()
        note = f"decided by values such as {distinct[example]}"
    else:
        regular_d = _regularity(_numeric_dmy(True)(distinct))
        regular_m = _regularity(_numeric_dmy(False)(distinct))
        if first and second:
            day_first = shares["dmy"] >= shares["mdy"]
            note = "values of both kinds are present; the reading that fits more values was used"
        elif abs(regular_d - regular_m) > 0.02:
            day_first = regular_d > regular_m
            note = "no day is above 12; this reading gives evenly spaced dates"
        else:
            us_style = separator == "/" and context.decimal == "." and context.delimiter == ","
            day_first = not us_style
            note = "no value tells; assumed from the file's conventions"
        ambiguous = True
    key = "dmy" if day_first else "mdy"
    sep = separator
    description = f"day{sep}month{sep}year" if day_first else f"month{sep}day{sep}year"
    return DateFormat(key, description, None, note, ambiguous), shares[key]


def parse_dates(series: pd.Series, fmt: DateFormat) -> pd.Series:
    """Dates (midnight, NaT where unreadable) for every cell, read with ``fmt`` first and, for
    cells it cannot read, with the other unambiguous formats."""
    result = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]")
    native = is_native_date(series)
    if native.any():
        native_dates = pd.to_datetime(pd.Series(series[native].tolist()), errors="coerce")
        result[native] = bounded(native_dates).to_numpy()
    if fmt.key == "serial":
        numbers = ~native & is_native_number(series)
        result[numbers] = _serials(series[numbers]).to_numpy()
    text = as_text(series)
    todo = result.isna() & (text != "")
    if todo.any():
        raw = pd.Series(pd.unique(text[todo]), dtype=object)
        distinct = strip_time(raw)
        parsed = pd.Series(pd.NaT, index=distinct.index, dtype="datetime64[ns]")
        skip = {"mdy"} if fmt.key == "dmy" else {"dmy"} if fmt.key == "mdy" else {"dmy", "mdy"}
        order = [fmt.key] + [key for key in _FAMILIES if key not in skip and key != fmt.key]
        for key in order:
            missing = parsed.isna()
            if not missing.any():
                break
            if key == "serial":
                parsed[missing] = _serials(distinct[missing]).to_numpy()
            elif key in _FAMILIES:
                parsed[missing] = _FAMILIES[key][0](distinct[missing]).to_numpy()
        lookup = pd.Series(parsed.to_numpy(), index=raw.to_numpy())
        result[todo] = lookup.reindex(text[todo].to_numpy()).to_numpy()
    return result.dt.normalize()


def looks_like_date(series: pd.Series) -> np.ndarray:
    """Per cell: a date in any understood format (used to find the header row)."""
    native = is_native_date(series)
    text = strip_time(as_text(series))
    found = native.copy()
    todo = ~found & (text != "").to_numpy(dtype=bool)
    for parser, _, _ in _FAMILIES.values():
        if not todo.any():
            break
        hits = parser(text[todo]).notna().to_numpy(dtype=bool)
        index = np.flatnonzero(todo)[hits]
        found[index] = True
        todo[index] = False
    return found
