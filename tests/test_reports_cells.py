"""The one spreadsheet writer: user text is never a formula, numbers stay numbers, files
round-trip (OWASP CSV injection: https://owasp.org/www-community/attacks/CSV_Injection)."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from jitcore.errors import JitError
from jitcore.reports import csv_bytes, is_formula_like, neutral_text, write_csv, xlsx_bytes
from jitcore.reports.cells import sheet_name
from tests.injection import INJECTION_NAMES, assert_csv_safe, assert_xlsx_safe


@pytest.mark.parametrize("name", INJECTION_NAMES)
def test_every_probe_gets_a_quote(name) -> None:
    assert is_formula_like(name)
    assert neutral_text(name) == "'" + name


@pytest.mark.parametrize("text", ["-5", "+1.5e3", "-.5", "A-1", "x=1", "", "'=already"])
def test_plain_numbers_and_ordinary_text_are_unchanged(text) -> None:
    assert neutral_text(text) == text


@given(st.text(max_size=30))
def test_neutral_text_is_never_formula_like_and_keeps_the_text(text) -> None:
    out = neutral_text(text)
    assert not is_formula_like(out)
    assert out in (text, "'" + text)


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "sku": list(INJECTION_NAMES) + ["-5", "plain"],
            "quantity": [1.5, -5.0, 0.0, 3.0, 4.0, 5.0, -2.0, float("nan")],
            "count": list(range(-3, 5)),
            "date": pd.date_range("2024-01-01", periods=8, freq="D"),
        }
    )


def test_csv_quotes_text_and_keeps_numbers() -> None:
    payload = csv_bytes(_frame())
    assert_csv_safe(payload, INJECTION_NAMES)
    back = pd.read_csv(io.BytesIO(payload))
    assert back["quantity"].tolist()[:7] == [1.5, -5.0, 0.0, 3.0, 4.0, 5.0, -2.0]
    assert pd.isna(back["quantity"].iloc[7])
    assert back["count"].tolist() == list(range(-3, 5))
    assert back["sku"].tolist()[6:] == ["-5", "plain"]
    assert back["sku"].iloc[0] == "'" + INJECTION_NAMES[0]


@given(st.lists(st.text(max_size=12), min_size=1, max_size=8))
def test_csv_of_any_text_has_no_formula_field_and_round_trips(names) -> None:
    payload = csv_bytes(pd.DataFrame({"sku": names, "q": range(len(names))}))
    assert_csv_safe(payload)
    back = pd.read_csv(io.BytesIO(payload), dtype={"sku": str}, keep_default_na=False)
    assert back["sku"].tolist() == [neutral_text(n) for n in names]


def test_xlsx_writes_text_as_text_and_numbers_as_numbers() -> None:
    payload = xlsx_bytes({"Data": _frame(), "Rows": [["name", "value"], ["=1+1", -5]]})
    assert assert_xlsx_safe(payload, INJECTION_NAMES) == ["Data", "Rows"]
    sheet = load_workbook(io.BytesIO(payload))["Data"]
    assert [c.value for c in sheet[1]] == ["sku", "quantity", "count", "date"]
    assert sheet["A2"].value == INJECTION_NAMES[0]  # shown exactly as typed
    assert sheet["B3"].value == -5 and sheet["B3"].data_type == "n"
    assert sheet["B9"].value is None  # NaN → empty
    assert sheet["C2"].value == -3
    assert sheet["D2"].value.year == 2024
    assert sheet["A8"].value == "-5" and not sheet["A8"].quotePrefix
    rows = load_workbook(io.BytesIO(payload))["Rows"]
    assert rows["A2"].value == "=1+1" and rows["A2"].data_type == "s"
    assert rows["B2"].value == -5


@given(st.lists(st.text(max_size=10), min_size=1, max_size=5))
def test_xlsx_of_any_text_has_no_formula_cell(names) -> None:
    assert_xlsx_safe(xlsx_bytes({"T": pd.DataFrame({"sku": names})}))


def test_sheet_names_are_valid_and_unique() -> None:
    assert sheet_name("KPIs: a/b [x]") == "KPIs  a b  x"
    assert sheet_name("x" * 40) == "x" * 31
    assert sheet_name("Plan", ["plan"]) == "Plan (2)"
    assert sheet_name("") == "Sheet"


def test_write_csv_into_a_folder_is_a_user_error(tmp_path) -> None:
    with pytest.raises(JitError, match="it is a folder"):
        write_csv(_frame(), tmp_path, what="the table")
    with pytest.raises(JitError, match="Cannot write the table"):
        write_csv(_frame(), tmp_path / "missing" / "x.csv", what="the table")
