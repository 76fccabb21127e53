"""Layouts (long, order lines, wide either way), column roles in five languages, overrides,
and totals rows and columns."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jitcore.errors import IntakeError
from jitcore.intake import IntakeOptions, inspect_file, read_demand
from tests.intake_files import LONG_ROWS, csv_bytes, xlsx_bytes


def _totals(data) -> dict[str, float]:
    return data.frame.groupby("sku")["quantity"].sum().to_dict()


@pytest.mark.parametrize(
    "header",
    [
        ("Date", "Product", "Quantity", "Unit price"),  # English
        ("Bestelldatum", "Artikelnummer", "Menge", "Preis"),  # German
        ("Date de commande", "Référence", "Quantité", "Prix"),  # French
        ("Fecha", "Producto", "Cantidad", "Precio"),  # Spanish
        ("Datum", "Artikelcode", "Aantal", "Prijs"),  # Dutch
    ],
)
def test_roles_from_header_names_in_five_languages(header) -> None:
    # The price column comes first among the numbers so a content-only guess would be wrong.
    rows = [(header[3], header[0], header[1], header[2])]
    rows += [("9.99", d, s, q) for d, s, q in LONG_ROWS]
    inspection = inspect_file(csv_bytes(rows), "x.csv")
    assert inspection.mapping == {"date": header[0], "sku": header[1], "quantity": header[2]}
    assert inspection.layout == "long"
    assert _totals(read_demand(csv_bytes(rows), filename="x.csv")) == {"A": 60.0, "B": 15.0}


def test_roles_from_contents_when_names_say_nothing() -> None:
    rows = [("c1", "c2", "c3")] + [(s, d, q) for d, s, q in LONG_ROWS]
    inspection = inspect_file(csv_bytes(rows), "x.csv")
    assert inspection.mapping == {"date": "c2", "sku": "c1", "quantity": "c3"}


def test_order_lines_are_summed_per_sku_and_period() -> None:
    rows = [("order", "customer", "date", "item", "qty")]
    rows += [
        ("1001", "Acme", "2024-03-04", "A", "2"),
        ("1002", "Bolt", "2024-03-04", "A", "3"),
        ("1003", "Acme", "2024-03-05", "A", "1"),
        ("1004", "Acme", "2024-03-05", "B", "7"),
        ("1005", "Core", "2024-03-06", "A", "4"),
    ]
    demand = read_demand(csv_bytes(rows), filename="orders.csv")
    assert demand.report.layout == "order_lines"
    assert demand.frequency == "D"
    frame = demand.frame.set_index(["sku", "date"])["quantity"]
    assert frame[("A", pd.Timestamp("2024-03-04"))] == 5.0
    assert _totals(demand) == {"A": 10.0, "B": 7.0}
    assert any("summed" in d for d in demand.report.decisions)


def test_wide_dates_as_rows_one_column_per_sku() -> None:
    rows = [("Month", "Bolts", "Nuts", "Washers")]
    rows += [("2024-01", "5", "1", ""), ("2024-02", "6", "2", "3"), ("2024-03", "7", "3", "4")]
    demand = read_demand(csv_bytes(rows), filename="wide.csv")
    assert demand.report.layout == "wide_skus_in_columns"
    assert demand.frequency == "M"
    assert _totals(demand) == {"Bolts": 18.0, "Nuts": 6.0, "Washers": 7.0}
    # An empty cell before a SKU starts is not demand: Washers starts in February.
    assert demand.series("Washers").index[0] == pd.Timestamp("2024-02-01")


def test_wide_skus_as_rows_periods_as_columns() -> None:
    rows = [("Item", "Description", "Jan 2024", "Feb 2024", "Mar 2024")]
    rows += [("A-1", "Bolt", "4", "5", "6"), ("B-2", "Nut", "0", "1", "0")]
    inspection = inspect_file(csv_bytes(rows), "w.csv")
    assert inspection.layout == "wide_skus_in_rows"
    assert inspection.mapping["sku"] == "Item"
    demand = read_demand(csv_bytes(rows), filename="w.csv")
    assert _totals(demand) == {"A-1": 15.0, "B-2": 1.0}
    assert demand.periods == 3 and demand.frequency == "M"


def test_iso_week_columns() -> None:
    rows = [("SKU", "2024-W01", "2024-W02", "2024-W03"), ("A", "1", "2", "3")]
    demand = read_demand(csv_bytes(rows), filename="w.csv")
    assert demand.frequency == "W"
    assert demand.start == pd.Timestamp("2024-01-01")  # Monday of ISO week 1
    assert demand.total == 6.0


def test_single_series_without_sku_column() -> None:
    rows = [("Month", "Passengers"), ("1949-01", "112"), ("1949-02", "118"), ("1949-03", "132")]
    demand = read_demand(csv_bytes(rows), filename="airline.csv")
    assert demand.skus == ("Passengers",)
    assert demand.total == 362.0
    rows[0] = ("Month", "Sales")  # a generic word: the file names the item
    assert read_demand(csv_bytes(rows), filename="airline.csv").skus == ("airline",)


def test_overrides_choose_other_columns_and_layout() -> None:
    rows = [("date", "sku", "qty", "ordered")] + [(d, s, q, "1") for d, s, q in LONG_ROWS]
    demand = read_demand(
        csv_bytes(rows), filename="o.csv", options=IntakeOptions(quantity_column="ORDERED")
    )
    assert demand.report.columns["quantity"] == "ordered"
    assert demand.total == 6.0
    no_sku = read_demand(
        csv_bytes(rows), filename="o.csv", options=IntakeOptions(layout="wide_skus_in_columns")
    )
    assert set(no_sku.skus) == {"qty", "ordered"}


def test_unknown_override_column_lists_the_columns() -> None:
    with pytest.raises(IntakeError) as info:
        read_demand(
            csv_bytes([("date", "sku", "qty"), *LONG_ROWS]),
            filename="o.csv",
            options=IntakeOptions(sku_column="Artikel"),
        )
    assert "no column named 'Artikel'" in info.value.message
    assert "'sku'" in info.value.hint


@pytest.mark.parametrize(
    "label",
    [
        "Total",
        "Grand Total",
        "Summe",
        "Gesamt",
        "Totaal",
        "Somme",
        "Suma",
        "Subtotal",
        "Total 2024",
        "Gesamtergebnis",
    ],
)
def test_totals_rows_are_left_out(label: str) -> None:
    rows = [("date", "sku", "qty"), *LONG_ROWS, (label, "", "75")]
    demand = read_demand(csv_bytes(rows), filename="t.csv")
    assert demand.total == 75.0
    assert demand.report.excluded == {"totals rows": 1}
    assert any(f"row 8 '{label}'" in d for d in demand.report.decisions)


def test_totals_row_and_column_of_a_wide_table() -> None:
    rows = [("Artikel", "Jan 2024", "Feb 2024", "Summe")]
    rows += [("A", "1", "2", "3"), ("B", "4", "5", "9"), ("Gesamt", "5", "7", "12")]
    demand = read_demand(csv_bytes(rows, delimiter=";"), filename="t.csv")
    assert _totals(demand) == {"A": 3.0, "B": 9.0}
    assert demand.report.excluded == {"totals columns": 1, "totals rows": 1}


def test_sum_formula_rows_and_columns_in_xlsx() -> None:
    # No label says "total": the SUM formulas do.
    rows = [
        ["Date", "Bolts", "Nuts", ""],
        [dt.date(2024, 1, 1), 1, 2, "=SUM(B2:C2)|3"],
        [dt.date(2024, 2, 1), 3, 4, "=SUM(B3:C3)|7"],
        [dt.date(2024, 3, 1), 5, 6, "=SUM(B4:C4)|11"],
        [None, "=SUM(B2:B4)|9", "=SUM(C2:C4)|12", "=SUM(D2:D4)|21"],
    ]
    demand = read_demand(xlsx_bytes({"S": rows}), filename="f.xlsx")
    assert _totals(demand) == {"Bolts": 9.0, "Nuts": 12.0}
    assert demand.report.excluded == {"totals columns": 1, "totals rows": 1}


def test_long_xlsx_with_subtotal_formula_row() -> None:
    rows = [["Datum", "Artikel", "Menge"]]
    rows += [[dt.date.fromisoformat(d), s, q] for d, s, q in LONG_ROWS]
    rows += [[None, None, "=SUBTOTAL(9,C2:C7)|75"]]
    demand = read_demand(xlsx_bytes({"S": rows}), filename="f.xlsx")
    assert demand.total == 75.0
    assert demand.report.excluded == {"totals rows": 1}


@settings(max_examples=25, deadline=None)
@given(
    table=st.lists(
        st.lists(st.one_of(st.none(), st.integers(0, 999)), min_size=4, max_size=4),
        min_size=3,
        max_size=15,
    ),
    transpose=st.booleans(),
)
def test_wide_tables_round_trip(table, transpose) -> None:
    """Monthly wide tables either way round: totals per SKU survive, empty cells are no data."""
    months = list(pd.date_range("2020-01-01", periods=len(table), freq="MS").strftime("%Y-%m"))
    skus = ["SKU 1", "SKU 2", "Nut", "Washer"]  # a name like "SKU 1" must not make a SKU column
    if transpose:  # one row per SKU, months as headers
        rows = [("Item", *months)]
        rows += [
            (sku, *("" if r[i] is None else r[i] for r in table)) for i, sku in enumerate(skus)
        ]
    else:
        rows = [("Month", *skus)]
        rows += [
            (m, *("" if v is None else v for v in r)) for m, r in zip(months, table, strict=True)
        ]
    expected = {
        sku: float(sum(r[i] for r in table if r[i] is not None))
        for i, sku in enumerate(skus)
        if any(r[i] is not None for r in table)
    }
    filled_months = {m for m, r in zip(months, table, strict=True) if any(v is not None for v in r)}
    if len(filled_months) < 2:
        return  # a single period is refused (tested elsewhere)
    demand = read_demand(csv_bytes(rows), filename="wide.csv")
    if len(expected) > 1:  # one column of numbers over dates is simply one item
        assert demand.report.layout == (
            "wide_skus_in_rows" if transpose else "wide_skus_in_columns"
        )
    assert _totals(demand) == expected
    for sku in expected:
        first = next(
            m for m, r in zip(months, table, strict=True) if r[skus.index(sku)] is not None
        )
        assert demand.series(sku).index[0] == pd.Timestamp(first + "-01")
