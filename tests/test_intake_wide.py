"""Wide tables with thousands of columns: read in one pass, with the same results as the same
data in long form, and the same column profiles and cell kinds as column-by-column work."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from jitcore.intake import inspect_file, read_demand
from jitcore.intake.dates import DateContext, looks_like_date
from jitcore.intake.header import DATE, EMPTY, NUMBER, TEXT, classify
from jitcore.intake.numbers import DOT, detect_number_format, looks_numeric
from jitcore.intake.roles import BATCH_COLUMNS, profile_column, profile_columns

SKUS, WEEKS = 3000, 52


def _wide_and_long(skus: int, weeks: int) -> tuple[bytes, bytes, float]:
    """The same weekly demand as a wide CSV (one column per SKU; a few empty cells = no data)
    and as a long CSV (one row per filled cell), and the total quantity."""
    rng = np.random.default_rng(11)
    quantities = rng.poisson(4.0, (weeks, skus)).astype(object)
    blanks = rng.random((weeks, skus)) < 0.01
    blanks[0] = blanks[-1] = False  # every SKU spans the whole history
    quantities[blanks] = ""
    names = [f"SKU-{i:04d}" for i in range(skus)]
    dates = pd.date_range("2023-01-02", periods=weeks, freq="W-MON").strftime("%Y-%m-%d")
    wide = pd.DataFrame(quantities, columns=names)
    wide.insert(0, "Date", dates)
    long = pd.DataFrame(
        {
            "Date": np.tile(dates, skus),
            "SKU": np.repeat(names, weeks),
            "Qty": quantities.T.ravel(),
        }
    )
    long = long[long["Qty"] != ""]
    total = float(long["Qty"].astype(float).sum())
    return wide.to_csv(index=False).encode(), long.to_csv(index=False).encode(), total


@pytest.fixture(scope="module")
def files() -> tuple[bytes, bytes, float]:
    return _wide_and_long(SKUS, WEEKS)


def test_3000_sku_columns_read_as_the_same_data_in_long_form(files) -> None:
    wide, long, total = files
    from_wide = read_demand(wide, filename="demand.csv")
    from_long = read_demand(long, filename="demand.csv")
    assert from_wide.report.layout == "wide_skus_in_columns"
    assert from_long.report.layout == "long"
    assert from_wide.frequency == from_long.frequency == "W"
    assert len(from_wide.skus) == SKUS
    assert from_wide.fingerprint == from_long.fingerprint
    # Blank cells (about 1 %) are gaps inside each SKU's history and are filled with 0.
    assert len(from_wide.frame) == SKUS * WEEKS
    assert from_wide.total == pytest.approx(total)


def test_3000_sku_columns_inspect_as_wide_with_the_date_column(files) -> None:
    wide, _, _ = files
    found = inspect_file(wide, "demand.csv")
    assert found.layout == "wide_skus_in_columns"
    assert found.mapping == {"date": "Date", "sku": None, "quantity": None}
    assert found.header_row == 1
    assert found.frequency == "W"
    assert found.columns[:3] == ("Date", "SKU-0000", "SKU-0001")
    assert len(found.columns) == SKUS + 1
    assert found.candidates["date"][0] == "Date"
    assert found.candidates["quantity"][0] != "Date"


def test_many_period_columns_read_as_the_same_data_in_long_form() -> None:
    """SKUs in rows, 60 months as columns (day-first dates in the header, decimal commas)."""
    rng = np.random.default_rng(5)
    months = pd.date_range("2020-01-01", periods=60, freq="MS")
    quantities = rng.integers(0, 40, (120, 60)).astype(float) + 0.5
    skus = [f"A{i:03d}" for i in range(120)]
    wide = pd.DataFrame(
        [[f"{q:.1f}".replace(".", ",") for q in row] for row in quantities],
        columns=months.strftime("%d.%m.%Y"),
    )
    wide.insert(0, "Artikel", skus)
    long = pd.DataFrame(
        {
            "Datum": np.tile(months.strftime("%d.%m.%Y"), 120),
            "Artikel": np.repeat(skus, 60),
            "Menge": [f"{q:.1f}".replace(".", ",") for q in quantities.ravel()],
        }
    )
    from_wide = read_demand(wide.to_csv(index=False, sep=";").encode(), filename="m.csv")
    from_long = read_demand(long.to_csv(index=False, sep=";").encode(), filename="m.csv")
    assert from_wide.report.layout == "wide_skus_in_rows"
    assert from_wide.frequency == "M"
    assert from_wide.fingerprint == from_long.fingerprint
    assert from_wide.total == pytest.approx(quantities.sum())


def _mixed_table(columns: int) -> pd.DataFrame:
    """Columns of every kind the profiles tell apart, with blanks, totals and bad cells."""
    rng = np.random.default_rng(2)
    rows = 24
    data: dict[str, list[object]] = {
        "Date": list(pd.date_range("2024-01-01", periods=rows, freq="D").strftime("%d/%m/%Y")),
        "Serial": [45000 + 7 * i for i in range(rows)],
        "Order id": list(range(1000, 1000 + rows)),
        "Flag": ["yes" if i % 3 else "no" for i in range(rows)],
        "Item": [f"item {i % 5}" for i in range(rows)],
        "Empty": [""] * rows,
    }
    for i in range(columns - len(data)):
        values: list[object] = [str(v) for v in rng.integers(0, 50, rows)]
        values[i % rows] = ""
        if i % 7 == 0:
            values[3] = "n/a"
        if i % 11 == 0:
            values[5] = "1.234,5"
        data[f"Q{i}"] = values
    frame = pd.DataFrame(data, dtype=object)
    frame.loc[rows - 1, "Item"] = "Total"
    return frame


def test_batched_profiles_equal_column_by_column_profiles() -> None:
    frame = _mixed_table(60)
    context = DateContext(None, ".", ",")
    batched = profile_columns(frame, DOT, context)
    single = {name: profile_column(name, frame[name], DOT, context) for name in frame.columns}
    assert len(frame.columns) >= BATCH_COLUMNS
    assert batched == single
    assert batched["Date"].date_format is not None and batched["Date"].date_share == 1.0
    assert batched["Serial"].date_format is not None  # evenly spaced Excel day numbers
    assert batched["Order id"].id_like and batched["Flag"].boolean_like
    assert batched["Item"].totals == 1 and batched["Empty"].filled == 0
    assert batched["Q7"].number_share == pytest.approx(22 / 23)  # one blank, one "n/a"
    assert batched["Q0"].number_share == pytest.approx(21 / 23)  # and "1.234,5" (decimal point)


def test_classify_in_one_pass_equals_column_by_column() -> None:
    frame = _mixed_table(40)
    frame.loc[0, "Q1"] = "2024-03-05"
    kinds = classify(frame)
    for position, name in enumerate(frame.columns):
        text = frame[name].astype(str).str.strip()
        date = looks_like_date(frame[name])
        number = looks_numeric(text) & ~date
        expected = np.where(date, DATE, np.where(number, NUMBER, TEXT))
        expected = np.where(text != "", expected, EMPTY)
        assert np.array_equal(kinds[:, position], expected), name


def test_number_format_of_a_table_equals_counting_column_by_column() -> None:
    frame = _mixed_table(30)
    frame.loc[:4, "Q2"] = ["1,5", "2,25", "3,5", "0,75", "12,5"]
    by_table = detect_number_format(frame, delimiter=",")
    by_column = detect_number_format([frame[name] for name in frame.columns], delimiter=",")
    assert by_table == by_column
    # 5 values such as 12,5 in Q2 and "1.234,5" in Q0, Q11 and Q22; no decimal point anywhere.
    assert by_table.reason == "8 values such as 12,5 have a decimal comma"
