"""Cleaning choices and aggregation: duplicates, returns, non-numbers, gaps, future dates,
and the day / week / month periods with their labels."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from jitcore.errors import IntakeError
from jitcore.intake import IntakeOptions, read_demand
from tests.intake_files import LONG_ROWS, csv_bytes

HEADER = ("date", "sku", "qty")
TODAY = dt.date(2024, 6, 30)


def _read(rows, **options):
    return read_demand(
        csv_bytes([HEADER, *rows]), filename="c.csv", options=IntakeOptions(today=TODAY, **options)
    )


def _series(data, sku: str) -> list[float]:
    return data.series(sku).tolist()


def test_exact_duplicate_rows_dropped_by_default_or_kept() -> None:
    rows = [*LONG_ROWS, LONG_ROWS[0], LONG_ROWS[0]]
    dropped = _read(rows)
    assert dropped.total == 75.0
    assert dropped.report.excluded == {"exact duplicate rows": 2}
    assert any("rows 8 and 9" in w for w in dropped.report.warnings)
    kept = _read(rows, duplicates="keep")
    assert kept.total == 95.0
    assert kept.report.excluded == {}


def test_returns_net_ignore_or_separate() -> None:
    rows = [
        ("2024-01-01", "A", "10"),
        ("2024-01-01", "A", "-4"),  # return in the same week
        ("2024-01-08", "A", "5"),
        ("2024-01-15", "A", "-2"),  # only a return that week
        ("2024-01-22", "A", "6"),
    ]
    net = _read(rows)
    assert _series(net, "A") == [6.0, 5.0, 0.0, 6.0]  # -2 alone is clipped to zero
    assert net.report.returns == {"A": 6.0}
    assert any("more returns than sales" in w for w in net.report.warnings)
    ignore = _read(rows, returns="ignore")
    assert _series(ignore, "A") == [10.0, 5.0, 0.0, 6.0]  # the return week becomes a gap → 0
    assert ignore.report.excluded["returns (negative quantities)"] == 2
    separate = _read(rows, returns="separate")
    assert _series(separate, "A") == [10.0, 5.0, 0.0, 6.0]
    assert separate.report.returns == {"A": 6.0}


def test_non_numeric_quantities_reported_with_row_numbers() -> None:
    rows = [
        *LONG_ROWS[:2],
        ("2024-01-08", "A", "n/a"),
        ("2024-01-08", "B", "5"),
        ("2024-01-15", "A", "30"),
        ("2024-01-15", "B", "ca. 5"),
    ]
    demand = _read(rows)
    assert demand.report.excluded == {"non-numeric quantities": 2}
    warning = next(w for w in demand.report.warnings if "could not be read" in w)
    assert "row 4 ('n/a')" in warning and "row 7 ('ca. 5')" in warning
    assert _series(demand, "A") == [10.0, 0.0, 30.0]  # the unreadable week is a gap → 0


def test_missing_periods_zero_or_interpolated() -> None:
    rows = [("2024-01-01", "A", "10"), ("2024-01-22", "A", "40")]
    zero = _read(rows)
    assert _series(zero, "A") == [10.0, 0.0, 0.0, 40.0]
    assert any("2 missing weeks" in w for w in zero.report.warnings)
    interpolated = _read(rows, missing_periods="interpolate")
    assert _series(interpolated, "A") == [10.0, 20.0, 30.0, 40.0]


def test_gaps_only_inside_each_skus_active_range() -> None:
    rows = [
        ("2024-01-01", "A", "1"),
        ("2024-01-29", "A", "1"),
        ("2024-01-15", "B", "3"),
        ("2024-01-22", "B", "4"),
    ]
    demand = _read(rows)
    assert len(demand.series("A")) == 5
    assert demand.series("B").index[0] == pd.Timestamp("2024-01-15")
    assert len(demand.series("B")) == 2


def test_future_dates_dropped_by_default_or_kept() -> None:
    rows = [("2024-06-03", "A", "1"), ("2024-06-10", "A", "2"), ("2024-07-01", "A", "50")]
    dropped = _read(rows)
    assert dropped.total == 3.0
    assert dropped.report.excluded == {"future dates": 1}
    kept = _read(rows, future_dates="keep")
    assert kept.total == 53.0
    assert kept.end == pd.Timestamp("2024-07-01")


def test_days_summed_into_weeks_labelled_by_monday() -> None:
    # Wednesday 3 Jan 2024 to Tuesday 16 Jan 2024, one unit a day.
    rows = [((dt.date(2024, 1, 3) + dt.timedelta(days=i)).isoformat(), "A", "1") for i in range(14)]
    daily = _read(rows)
    assert daily.frequency == "D" and daily.total == 14.0
    weekly = _read(rows, frequency="W")
    assert weekly.series("A").index.tolist() == [
        pd.Timestamp("2024-01-01"),
        pd.Timestamp("2024-01-08"),
        pd.Timestamp("2024-01-15"),
    ]
    assert _series(weekly, "A") == [5.0, 7.0, 2.0]
    assert weekly.pandas_freq == "W-MON"


def test_weekly_data_keeps_its_own_weekday() -> None:
    fridays = [(dt.date(2010, 2, 5) + dt.timedelta(weeks=i)).isoformat() for i in range(3)]
    demand = _read([(d, "A", "1") for d in fridays])
    assert demand.frequency == "W"
    assert demand.start == pd.Timestamp("2010-02-05")
    assert demand.pandas_freq == "W-FRI"


def test_days_and_weeks_summed_into_months_labelled_by_first_day() -> None:
    rows = [("2024-01-15", "A", "1"), ("2024-01-31", "A", "2"), ("2024-03-01", "A", "4")]
    monthly = _read(rows, frequency="M")
    assert monthly.series("A").index.tolist() == [
        pd.Timestamp("2024-01-01"),
        pd.Timestamp("2024-02-01"),
        pd.Timestamp("2024-03-01"),
    ]
    assert _series(monthly, "A") == [3.0, 0.0, 4.0]


def test_month_end_dates_are_monthly() -> None:
    rows = [("2024-01-31", "A", "1"), ("2024-02-29", "A", "2"), ("2024-03-31", "A", "3")]
    demand = _read(rows)
    assert demand.frequency == "M"
    assert demand.start == pd.Timestamp("2024-01-01")


def test_cannot_split_months_into_days() -> None:
    rows = [("2024-01", "A", "1"), ("2024-02", "A", "2")]
    with pytest.raises(IntakeError, match="cannot be split"):
        _read(rows, frequency="D")


def test_rows_without_a_sku_are_reported() -> None:
    demand = _read([*LONG_ROWS, ("2024-01-15", "", "9")])
    assert demand.report.excluded == {"rows without a SKU": 1}
    assert demand.total == 75.0


def test_date_typo_far_in_the_past_is_refused_not_filled() -> None:
    rows = [("2024-01-01", "A", "1"), ("2024-01-02", "A", "1"), ("1024-01-03", "A", "1")]
    demand = _read(rows)  # year 1024 is not a date the reader accepts: reported, not filled
    assert demand.report.excluded == {"rows without a valid date": 1}
    rows = [("2024-01-01", "A", "1"), ("1900-01-02", "A", "1")]
    with pytest.raises(IntakeError, match="Filling the gaps"):
        read_demand(
            csv_bytes([HEADER, *rows]),
            filename="c.csv",
            options=IntakeOptions(limits={"max_cells": 10_000}),
        )
