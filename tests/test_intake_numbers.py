"""Numbers written as text: decimal comma or point, thousands separators, signs, currency."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jitcore.intake import read_demand
from jitcore.intake.numbers import COMMA, DOT, detect_number_format, parse_numbers
from tests.intake_files import csv_bytes


def _parse(values, fmt):
    numbers, bad = parse_numbers(pd.Series(values, dtype=object), fmt)
    return [None if np.isnan(v) else float(v) for v in numbers], bad.tolist()


@pytest.mark.parametrize(
    ("values", "decimal"),
    [
        (["12,5", "3", "7"], ","),
        (["1.234,56", "12"], ","),
        (["1.234.567", "2"], ","),
        (["12.5", "3"], "."),
        (["1,234.56"], "."),
        (["1,234,567"], "."),
    ],
)
def test_convention_detected_from_unambiguous_values(values, decimal) -> None:
    assert detect_number_format([pd.Series(values, dtype=object)]).decimal == decimal


def test_ambiguous_values_follow_the_delimiter() -> None:
    column = [pd.Series(["1.234", "2.500"], dtype=object)]
    assert detect_number_format(column, delimiter=";").decimal == ","
    assert detect_number_format(column, delimiter=",").decimal == "."


def test_decimal_comma_with_thousands_dots() -> None:
    values, bad = _parse(["1.234,5", "12,75", "1.234", "-3,5", "0,25"], COMMA)
    assert values == [1234.5, 12.75, 1234.0, -3.5, 0.25]
    assert bad == [False] * 5


def test_decimal_point_with_thousands_commas() -> None:
    values, _ = _parse(["1,234.5", "12.75", "1,234", "1,234,567.25"], DOT)
    assert values == [1234.5, 12.75, 1234.0, 1234567.25]


def test_dates_and_words_are_never_numbers() -> None:
    values, bad = _parse(["05.02.2010", "1.2.3", "n/a", "12 kg", "-", "1,2,3"], COMMA)
    assert values == [None] * 6
    assert bad == [True] * 6
    values, bad = _parse(["05.02.2010", "2010-02-05"], DOT)
    assert values == [None, None] and bad == [True, True]


def test_signs_currency_and_blanks() -> None:
    values, _ = _parse(["12-", "(7)", "€ 1.234,50", "1 234,5", "+4", "1'234,5"], COMMA)
    assert values == [-12.0, -7.0, 1234.5, 1234.5, 4.0, 1234.5]
    values, _ = _parse(["$1,234.50", "USD 12", "1\u00a0234.5"], DOT)
    assert values == [1234.5, 12.0, 1234.5]


def test_empty_cells_are_missing_not_bad() -> None:
    values, bad = _parse(["", "5"], DOT)
    assert values == [None, 5.0] and bad == [False, False]


def test_native_excel_numbers_pass_through() -> None:
    values, bad = _parse([3, 2.5, "1,5"], COMMA)
    assert values == [3.0, 2.5, 1.5] and bad == [False] * 3


def test_german_file_totals_with_decimal_comma() -> None:
    rows = [
        ("Datum", "Artikel", "Menge"),
        ("05.02.2010", "A", "1.234,5"),
        ("12.02.2010", "A", "0,5"),
        ("19.02.2010", "A", "10"),
    ]
    demand = read_demand(csv_bytes(rows, delimiter=";"), filename="de.csv")
    assert demand.total == 1245.0
    assert demand.start == pd.Timestamp("2010-02-05")


def _german(value: float) -> str:
    text = f"{value:,.2f}"  # 1,234.50
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda x: round(x, 2)))
def test_round_trip_both_conventions(value: float) -> None:
    us, _ = _parse([f"{value:,.2f}"], DOT)
    de, _ = _parse([_german(value)], COMMA)
    assert us[0] == pytest.approx(value, abs=1e-9)
    assert de[0] == pytest.approx(value, abs=1e-9)
