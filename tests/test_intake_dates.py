"""Dates: every written form understood, day/month order decided from the data."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jitcore.intake import IntakeOptions, read_demand
from jitcore.intake.dates import DateContext, detect_date_format, parse_dates
from tests.intake_files import csv_bytes


def _read(values, **context):
    series = pd.Series(values, dtype=object)
    fmt, share = detect_date_format(series, context=DateContext(**context), allow_serials=True)
    assert fmt is not None and share == 1.0
    return fmt, [d.date().isoformat() for d in parse_dates(series, fmt)]


#: Dates written with month names, in five languages (English, German, French, Spanish, Dutch).
MONTH_NAMES = [
    (["Jul 1995", "Aug 1995"], ["1995-07-01", "1995-08-01"]),
    (["Jul-95", "Dec-95"], ["1995-07-01", "1995-12-01"]),
    (["July 1995", "August 1995"], ["1995-07-01", "1995-08-01"]),
    (["5. Februar 2010", "6. März 2010"], ["2010-02-05", "2010-03-06"]),  # German
    (["Mai 2024", "Okt 2024", "Dez 2024"], ["2024-05-01", "2024-10-01", "2024-12-01"]),
    (["janv. 2024", "févr. 2024", "août 2024"], ["2024-01-01", "2024-02-01", "2024-08-01"]),
    (["ene 2024", "dic 2024"], ["2024-01-01", "2024-12-01"]),  # Spanish
    (["mrt 2024", "mei 2024", "okt 2024"], ["2024-03-01", "2024-05-01", "2024-10-01"]),  # Dutch
    (["Feb 5, 2010", "March 12, 2010"], ["2010-02-05", "2010-03-12"]),
    (["05-Feb-2010", "12-Feb-2010"], ["2010-02-05", "2010-02-12"]),
    (["2024 Jan", "2024 Feb"], ["2024-01-01", "2024-02-01"]),
]


@pytest.mark.parametrize(
    ("values", "expected", "key"),
    [
        (["2010-02-05", "2010-02-12"], ["2010-02-05", "2010-02-12"], "iso"),
        (["2010-02-05 13:45:00", "2010-02-12T08:00:00Z"], ["2010-02-05", "2010-02-12"], "iso"),
        (["2010/02/05", "2010.02.12"], ["2010-02-05", "2010-02-12"], "ymd"),
        (["20100205", "20100212"], ["2010-02-05", "2010-02-12"], "compact"),
        (["05.02.2010", "25.02.2010"], ["2010-02-05", "2010-02-25"], "dmy"),
        (["02/05/2010", "02/25/2010"], ["2010-02-05", "2010-02-25"], "mdy"),
        (["05-02-10", "25-02-10"], ["2010-02-05", "2010-02-25"], "dmy"),
        (["2024-01", "2024-02"], ["2024-01-01", "2024-02-01"], "ym"),
        (["2024M01", "2024M12"], ["2024-01-01", "2024-12-01"], "ym"),
        (["01/2024", "02.2024"], ["2024-01-01", "2024-02-01"], "my"),
        (["40214", "40221"], ["2010-02-05", "2010-02-12"], "serial"),
        *((values, expected, "month_name") for values, expected in MONTH_NAMES),
    ],
)
def test_written_forms(values, expected, key) -> None:
    fmt, dates = _read(values)
    assert fmt.key == key
    assert dates == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["2024-W05", "2024-W06"], ["2024-01-29", "2024-02-05"]),
        (["2024W52", "2025W01"], ["2024-12-23", "2024-12-30"]),
        (["KW 05/2024", "KW 06/2024"], ["2024-01-29", "2024-02-05"]),
        (["2020-W53", "2021-W01"], ["2020-12-28", "2021-01-04"]),
    ],
)
def test_iso_weeks_are_their_monday(values, expected) -> None:
    fmt, dates = _read(values)
    assert fmt.key == "week" and fmt.period == "W"
    assert dates == expected


def test_day_first_decided_by_a_day_above_12() -> None:
    fmt, dates = _read(["01/02/2024", "13/02/2024"])
    assert fmt.key == "dmy" and not fmt.ambiguous
    assert dates == ["2024-02-01", "2024-02-13"]


def test_month_first_decided_by_a_day_above_12() -> None:
    fmt, dates = _read(["02/01/2024", "02/13/2024"])
    assert fmt.key == "mdy" and not fmt.ambiguous
    assert dates == ["2024-02-01", "2024-02-13"]


def test_ambiguous_order_prefers_evenly_spaced_dates() -> None:
    # Two years of monthly data on the 1st: read day-first every gap is a month; read month-first
    # they are 1-12 January of each year, with a gap of almost a year in between.
    firsts = [dt.date(year, month, 1) for year in (2023, 2024) for month in range(1, 13)]
    fmt, dates = _read([d.strftime("%d/%m/%Y") for d in firsts])
    assert fmt.ambiguous and fmt.key == "dmy" and "evenly spaced" in fmt.note
    assert dates == [d.isoformat() for d in firsts]
    fmt, dates = _read([d.strftime("%m/%d/%Y") for d in firsts])
    assert fmt.ambiguous and fmt.key == "mdy"
    assert dates == [d.isoformat() for d in firsts]


def test_ambiguous_and_equally_regular_follows_the_file_conventions() -> None:
    values = ["01/02/2024", "01/03/2024", "01/04/2024"]  # Feb-Apr monthly, or 2-4 Jan daily
    assert _read(values, decimal=".", delimiter=",")[0].key == "mdy"
    assert _read(values, decimal=",", delimiter=";")[0].key == "dmy"
    assert _read(["01.02.2024", "01.03.2024"])[0].key == "dmy"


def test_ambiguous_dots_default_to_day_first_and_user_can_override() -> None:
    rows = [("Datum", "Artikel", "Menge"), ("01.02.2024", "A", "1"), ("01.03.2024", "A", "2")]
    demand = read_demand(csv_bytes(rows, delimiter=";"), filename="d.csv")
    assert demand.start == pd.Timestamp("2024-02-01") and demand.frequency == "M"
    assert any("ambiguous" in w for w in demand.report.warnings)
    flipped = read_demand(
        csv_bytes(rows, delimiter=";"), filename="d.csv", options=IntakeOptions(day_first=False)
    )
    assert flipped.start == pd.Timestamp("2024-01-02") and flipped.frequency == "D"


def test_excel_serials_in_a_csv_date_column() -> None:
    rows = [("date", "sku", "qty"), ("45292", "A", "1"), ("45323", "A", "2"), ("45352", "A", "3")]
    demand = read_demand(csv_bytes(rows), filename="s.csv")
    assert demand.start == pd.Timestamp("2024-01-01")
    assert demand.frequency == "M" and demand.total == 6.0


FORMATS = {
    "%Y-%m-%d": "iso",
    "%d.%m.%Y": "dmy",
    "%m/%d/%Y": "mdy",
    "%d/%m/%y": "dmy",
    "%Y%m%d": "compact",
    "%d %b %Y": "month_name",
}


@settings(max_examples=40, deadline=None)
@given(
    start=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 1, 1)),
    fmt=st.sampled_from(list(FORMATS)),
)
def test_any_daily_run_round_trips(start: dt.date, fmt: str) -> None:
    # 20 consecutive days always include a day above 12, so the order is never ambiguous.
    days = [start + dt.timedelta(days=i) for i in range(20)]
    series = pd.Series([d.strftime(fmt) for d in days], dtype=object)
    found, share = detect_date_format(series)
    assert share == 1.0 and found.key == FORMATS[fmt]
    assert [d.date() for d in parse_dates(series, found)] == days
