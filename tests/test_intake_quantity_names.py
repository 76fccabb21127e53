"""A column named like a quantity is the quantity, whatever its values: 1, 2, …, N used to be
taken for a row number ("No column with quantities")."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jitcore.errors import IntakeError
from jitcore.intake import read_demand

NAMES = ["quantity", "Quantity", "qty", "units", "Menge", "Bestellmenge", "cantidad", "aantal",
         "Units sold"]  # fmt: skip


def _file(header: str, n: int, *, skus: int = 1) -> bytes:
    dates = pd.date_range("2018-01-01", periods=n, freq="W-MON").strftime("%Y-%m-%d")
    rows = [f"{day},SKU-{s},{i + 1}" for s in range(skus) for i, day in enumerate(dates)]
    return ("date,sku," + header + "\n" + "\n".join(rows) + "\n").encode()


@settings(max_examples=60, deadline=None)
@given(header=st.sampled_from(NAMES), n=st.integers(11, 300), skus=st.integers(1, 3))
def test_a_rising_count_in_a_quantity_column_is_demand(header, n, skus) -> None:
    data = read_demand(_file(header, n, skus=skus), filename="counts.csv")
    assert len(data.skus) == skus
    assert data.total == pytest.approx(skus * n * (n + 1) / 2)  # 1 + 2 + … + n per SKU
    assert data.series(data.skus[0]).iloc[-1] == n


def test_an_unnamed_row_number_is_still_no_quantity() -> None:
    with pytest.raises(IntakeError, match="No column with quantities"):
        read_demand(_file("n", 40), filename="rows.csv")
