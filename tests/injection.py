"""User text that a spreadsheet would evaluate, and checks that an export holds none of it as a
formula. The names are the probes of OWASP's CSV-injection page
(https://owasp.org/www-community/attacks/CSV_Injection)."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
from openpyxl import load_workbook

from jitcore.demand import DemandData, IntakeReport
from jitcore.reports import is_formula_like

INJECTION_NAMES: tuple[str, ...] = (
    '=HYPERLINK("http://x")',
    "+1+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "\tx",
    "\rx",
)
#: The names a demand file keeps through intake (leading tabs and CRs are stripped there).
FILE_NAMES: tuple[str, ...] = INJECTION_NAMES[:4]


def injection_frame(names=INJECTION_NAMES, periods: int = 36, seed: int = 1) -> pd.DataFrame:
    """Monthly demand (Poisson, mean 40) for each of ``names``: columns date, sku, quantity."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2022-01-01", periods=periods, freq="MS")
    rows = [(d, n, float(rng.poisson(40))) for n in names for d in dates]
    return pd.DataFrame(rows, columns=["date", "sku", "quantity"])


def injection_demand(names=INJECTION_NAMES) -> DemandData:
    """Demand data whose SKU names are all of ``names`` (built directly, past intake)."""
    report = IntakeReport(source="=evil.csv", columns={"sku": "@sku"}, frequency="M")
    return DemandData(injection_frame(names), "M", report, name="-injection")


def write_injection_file(path) -> str:
    """A long CSV demand file with the :data:`FILE_NAMES` SKUs; returns its path."""
    frame = injection_frame(FILE_NAMES)
    frame["date"] = frame["date"].dt.date.astype(str)
    frame.to_csv(path, index=False)
    return str(path)


def csv_fields(payload: bytes) -> list[str]:
    """Every field of a CSV file, as a spreadsheet's CSV reader splits it."""
    text = payload.decode("utf-8-sig")
    return [field for row in csv.reader(io.StringIO(text, newline="")) for field in row]


def assert_csv_safe(payload: bytes, names=()) -> None:
    """No field of the CSV is formula-like; each of ``names`` is there, quote-prefixed."""
    fields = csv_fields(payload)
    bad = [f for f in fields if is_formula_like(f)]
    assert not bad, f"formula-like CSV fields: {bad[:5]}"
    for name in names:
        assert "'" + name in fields, f"{name!r} missing from the CSV"


def assert_xlsx_safe(payload: bytes, names=()) -> list[str]:
    """No formula cell anywhere; formula-like text is a quote-prefixed string cell; each of
    ``names`` is there as a string cell. Returns the sheet names."""
    book = load_workbook(io.BytesIO(payload))
    seen: set[str] = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formula cell {sheet.title}!{cell.coordinate}"
                if isinstance(cell.value, str):
                    seen.add(cell.value.replace("\n", "\r"))  # XML reads CR back as LF
                    if is_formula_like(cell.value):
                        assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    for name in names:
        assert name in seen, f"{name!r} missing from the workbook"
    return book.sheetnames
