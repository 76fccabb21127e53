"""Reading bytes: encodings, delimiters, title rows, header detection, Excel sheets and cells."""

from __future__ import annotations

import codecs
import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as st_settings
from hypothesis import strategies as hst

from jitcore.intake import IntakeOptions, inspect_file, read_demand
from jitcore.intake.text import decode, sniff_delimiter
from tests.intake_files import LONG_ROWS, csv_bytes, long_csv, xlsx_bytes

GERMAN = [
    ("Datum", "Artikel", "Menge"),
    ("01.01.2024", "Müsli groß", "10"),
    ("08.01.2024", "Müsli groß", "20"),
    ("15.01.2024", "Crème brûlée", "7"),
    ("22.01.2024", "Crème brûlée", "3"),
]


def _totals(data) -> dict[str, float]:
    return data.frame.groupby("sku")["quantity"].sum().to_dict()


@pytest.mark.parametrize(
    ("encoding", "prefix", "expected"),
    [
        ("utf-8", b"", "UTF-8"),
        ("utf-8", codecs.BOM_UTF8, "UTF-8 with BOM"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "UTF-16"),
        ("utf-16-le", b"", "UTF-16 (no BOM)"),
        ("cp1252", b"", "Windows-1252 (Western European)"),
    ],
)
def test_encodings_keep_accented_sku_names(encoding, prefix, expected) -> None:
    data = prefix + csv_bytes(GERMAN, delimiter=";", encoding=encoding)
    demand = read_demand(data, filename="de.csv")
    assert demand.report.encoding == expected
    assert _totals(demand) == {"Crème brûlée": 10.0, "Müsli groß": 30.0}


def test_latin1_bytes_undefined_in_cp1252_still_decode() -> None:
    decoded = decode("Menge;Größe\x81".encode("latin-1"))
    assert decoded.text.startswith("Menge;Größe")


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_delimiter_is_detected(delimiter: str) -> None:
    demand = read_demand(long_csv(delimiter=delimiter), filename="x.txt")
    assert demand.report.delimiter == delimiter
    assert _totals(demand) == {"A": 60.0, "B": 15.0}


def test_sniffer_ignores_title_rows_and_decimal_commas() -> None:
    text = "Report;2024\nDatum;Artikel;Menge\n01.01.2024;A;1,5\n02.01.2024;A;2\n"
    assert sniff_delimiter(text) == ";"


def test_header_below_title_rows_and_blank_lines() -> None:
    rows = [
        ("Sales report, north region",),
        ("Exported 05.02.2024 by ERP",),
        (),
        ("date", "sku", "qty"),
        *LONG_ROWS,
    ]
    inspection = inspect_file(csv_bytes(rows), "report.csv")
    assert inspection.header_row == 4
    assert inspection.mapping == {"date": "date", "sku": "sku", "quantity": "qty"}
    demand = read_demand(csv_bytes(rows), filename="report.csv")
    assert demand.total == 75.0
    assert demand.report.rows_read == 6


def test_file_without_header_gets_letter_names() -> None:
    data = csv_bytes(LONG_ROWS)
    inspection = inspect_file(data, "nohead.csv")
    assert inspection.header_row == 0
    assert inspection.columns == ("Column A", "Column B", "Column C")
    demand = read_demand(data, filename="nohead.csv")
    assert _totals(demand) == {"A": 60.0, "B": 15.0}


def test_quoted_fields_with_delimiters_inside() -> None:
    text = 'date,sku,qty\n2024-01-01,"Bolt, M6",3\n2024-01-02,"Bolt, M6","1,200"\n'
    demand = read_demand(text.encode(), filename="q.csv")
    assert _totals(demand) == {"Bolt, M6": 1203.0}


def test_ragged_rows_with_notes_below_the_table() -> None:
    text = "date,sku,qty\n" + "".join(f"{d},{s},{q}\n" for d, s, q in LONG_ROWS)
    text += "\nSource: ERP export, all stores,,,,extra\n"
    demand = read_demand(text.encode(), filename="notes.csv")
    assert demand.total == 75.0
    assert demand.report.excluded == {"rows without a valid date": 1}


def test_xlsx_picks_named_sheet_and_lists_all_sheets() -> None:
    rows_a = [["date", "sku", "qty"], *[[dt.date.fromisoformat(d), s, q] for d, s, q in LONG_ROWS]]
    rows_b = [
        ["Datum", "Artikel", "Menge"],
        [dt.date(2024, 3, 1), "X", 4],
        [dt.date(2024, 3, 2), "X", 6],
    ]
    data = xlsx_bytes({"Notes": [["nothing here"]], "Weekly": rows_a, "Daily": rows_b})
    inspection = inspect_file(data, "book.xlsx")
    assert inspection.sheets == ("Notes", "Weekly", "Daily")
    assert inspection.sheet == "Weekly"  # the first sheet holding a table
    weekly = read_demand(data, filename="book.xlsx")
    assert weekly.frequency == "W" and weekly.total == 75.0
    daily = read_demand(data, filename="book.xlsx", options=IntakeOptions(sheet="Daily"))
    assert daily.frequency == "D" and daily.skus == ("X",) and daily.total == 10.0
    assert daily.report.sheet == "Daily"


def test_xlsx_unknown_sheet_is_a_clear_error() -> None:
    data = xlsx_bytes({"Only": [["date", "sku", "qty"], ["2024-01-01", "A", 1]]})
    with pytest.raises(Exception) as info:
        read_demand(data, filename="b.xlsx", options=IntakeOptions(sheet="Missing"))
    assert "no sheet named 'Missing'" in info.value.message
    assert "'Only'" in info.value.hint


def test_xlsx_excel_serial_numbers_as_dates() -> None:
    # 45292 is 2024-01-01 in Excel's 1900 date system.
    rows = [["Date", "Item", "Units"]] + [[45292 + 7 * i, "A", i + 1] for i in range(4)]
    demand = read_demand(xlsx_bytes({"S": rows}), filename="serial.xlsx")
    assert demand.start == pd.Timestamp("2024-01-01")
    assert demand.end == pd.Timestamp("2024-01-22")
    assert demand.frequency == "W" and demand.total == 10.0


def test_xlsx_dates_as_column_headers() -> None:
    months = [dt.date(2024, m, 1) for m in range(1, 7)]
    rows = [["Item", *months], ["A", 1, 2, 3, 4, 5, 6], ["B", 0, 0, 5, 0, 0, 1]]
    demand = read_demand(xlsx_bytes({"S": rows}), filename="wide.xlsx")
    assert demand.report.layout == "wide_skus_in_rows"
    assert demand.frequency == "M" and demand.periods == 6
    assert _totals(demand) == {"A": 21.0, "B": 6.0}


def test_raw_preview_shows_the_file_as_it_is() -> None:
    rows = [("Title",), ("date", "sku", "qty"), *LONG_ROWS]
    inspection = inspect_file(csv_bytes(rows), "p.csv")
    assert list(inspection.raw_preview.columns) == ["A", "B", "C"]
    assert inspection.raw_preview.iloc[0, 0] == "Title"
    assert inspection.raw_preview.iloc[2].tolist() == ["2024-01-01", "A", "10"]


# Date style -> delimiter used with decimal points (thousands commas rule out ",").
_DATE_STYLES = {
    "%Y-%m-%d": "|",
    "%d.%m.%Y": "\t",
    "%m/%d/%Y": "|",
    "%d/%m/%Y": "\t",
    "%Y%m%d": "\t",
}


@st_settings(max_examples=30, deadline=None)
@given(
    quantities=hst.lists(
        hst.lists(hst.integers(min_value=0, max_value=50_000), min_size=3, max_size=12),
        min_size=1,
        max_size=4,
    ),
    style=hst.sampled_from(list(_DATE_STYLES)),
    comma=hst.booleans(),
    title=hst.booleans(),
    weekly=hst.booleans(),
)
def test_round_trip_of_generated_long_files(quantities, style, comma, title, weekly) -> None:
    """Any long table written in any supported style reads back to the same totals per SKU."""
    start = dt.date(2023, 1, 16)  # a Monday; a day above 12 settles the day/month order
    step = dt.timedelta(days=7) if weekly else dt.timedelta(days=1)
    rows = [("Report",)] if title else []
    rows.append(("Datum", "Artikel", "Menge") if comma else ("date", "sku", "qty"))
    expected = {}
    for index, series in enumerate(quantities):
        sku = f"SKU-{index}"
        expected[sku] = float(sum(series)) / 4
        for offset, value in enumerate(series):
            day = (start + offset * step).strftime(style)
            amount = value / 4  # quarters: 12.25, 1,234.5 ...
            text = f"{amount:,.2f}"
            if comma:
                text = text.replace(",", "_").replace(".", ",").replace("_", ".")
            rows.append((day, sku, text))
    delimiter = ";" if comma else _DATE_STYLES[style]
    demand = read_demand(csv_bytes(rows, delimiter=delimiter), filename="gen.csv")
    assert demand.frequency == ("W" if weekly else "D")
    assert {sku: pytest.approx(total) for sku, total in expected.items()} == _totals(demand)
    assert demand.start == pd.Timestamp(start)
