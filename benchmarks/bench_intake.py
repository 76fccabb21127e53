"""Intake speed: order lines as CSV, a long table as xlsx, a wide table with 3,000 SKU columns
(inspect and read), and the fixed cost of a small file."""

from __future__ import annotations

import datetime as dt
import io
import time

import numpy as np
import pandas as pd

from jitcore.intake import inspect_file, read_demand


def _order_lines(rows: int) -> bytes:
    rng = np.random.default_rng(1)
    dates = pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 1000, rows), unit="D")
    frame = pd.DataFrame(
        {
            "order": np.arange(rows),
            "date": dates.strftime("%d.%m.%Y"),
            "item": [f"ART-{i:04d}" for i in rng.integers(0, 500, rows)],
            "menge": rng.integers(1, 50, rows),
            "preis": [f"{p:.2f}".replace(".", ",") for p in rng.random(rows) * 100],
        }
    )
    return frame.to_csv(index=False, sep=";").encode("cp1252")


def _xlsx(rows: int) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Sales")
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["Date", "SKU", "Qty"])
    start = dt.datetime(2020, 1, 6)
    for r in range(rows):
        sheet.write_datetime(r + 1, 0, start + dt.timedelta(weeks=r // 100), dates)
        sheet.write_string(r + 1, 1, f"SKU{r % 100}")
        sheet.write_number(r + 1, 2, (r * 7) % 13)
    book.close()
    return buffer.getvalue()


def _wide(skus: int, weeks: int = 52) -> bytes:
    """Dates as rows, one column of weekly quantities per SKU."""
    rng = np.random.default_rng(3)
    frame = pd.DataFrame(
        rng.poisson(5.0, (weeks, skus)), columns=[f"SKU-{i:04d}" for i in range(skus)]
    )
    dates = pd.date_range("2023-01-02", periods=weeks, freq="W-MON").strftime("%Y-%m-%d")
    frame.insert(0, "Date", dates)
    return frame.to_csv(index=False).encode()


def _inspect_seconds(data: bytes, name: str) -> float:
    started = time.perf_counter()
    inspect_file(data, name)
    return time.perf_counter() - started


def _seconds(data: bytes, name: str, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        read_demand(data, filename=name)
        best = min(best, time.perf_counter() - started)
    return best


def run() -> list[dict]:
    wide = _wide(3000)
    small = b"date,sku,qty\n2024-01-01,A,1\n2024-01-08,A,2\n2024-01-15,A,3\n"
    return [
        {"name": "intake: small CSV (3 rows)", "value": _seconds(small, "s.csv", 5), "unit": "s"},
        {
            "name": "intake: 200k order lines CSV (German, ;)",
            "value": _seconds(_order_lines(200_000), "o.csv"),
            "unit": "s",
        },
        {
            "name": "intake: 1M order lines CSV (German, ;)",
            "value": _seconds(_order_lines(990_000), "o.csv"),
            "unit": "s",
        },
        {"name": "intake: 50k-row xlsx", "value": _seconds(_xlsx(50_000), "x.xlsx"), "unit": "s"},
        {
            "name": "intake: inspect wide CSV (3,000 SKU columns x 52 weeks)",
            "value": _inspect_seconds(wide, "w.csv"),
            "unit": "s",
        },
        {
            "name": "intake: read wide CSV (3,000 SKU columns x 52 weeks)",
            "value": _seconds(wide, "w.csv"),
            "unit": "s",
        },
    ]
