"""Builders of demand files with known contents, for the intake tests (not a test module)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import xlsxwriter

#: A small long table: 2 SKUs × 3 weeks (Mondays). Totals: A = 60, B = 15, all = 75.
LONG_ROWS: list[tuple[str, str, float]] = [
    ("2024-01-01", "A", 10),
    ("2024-01-01", "B", 5),
    ("2024-01-08", "A", 20),
    ("2024-01-08", "B", 5),
    ("2024-01-15", "A", 30),
    ("2024-01-15", "B", 5),
]


def csv_bytes(
    rows: Sequence[Sequence[object]], *, delimiter: str = ",", encoding: str = "utf-8"
) -> bytes:
    """Rows joined as delimited text (no quoting: the tests choose cells without delimiters)."""
    lines = [delimiter.join(str(cell) for cell in row) for row in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


def long_csv(*, delimiter: str = ",", encoding: str = "utf-8", header=("date", "sku", "qty")):
    return csv_bytes([header, *LONG_ROWS], delimiter=delimiter, encoding=encoding)


def xlsx_bytes(sheets: dict[str, list[list[object]]], *, date_format: str = "yyyy-mm-dd") -> bytes:
    """A workbook with one sheet per entry; ``datetime`` cells get a date format, strings that
    start with ``=`` become formulas (with their cached value after ``|``, e.g. ``=SUM(C2:C3)|30``).
    """
    import datetime as dt

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    dates = book.add_format({"num_format": date_format})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    sheet.write_datetime(r, c, value, dates)
                elif isinstance(value, str) and value.startswith("="):
                    formula, _, cached = value.partition("|")
                    sheet.write_formula(r, c, formula, None, float(cached) if cached else 0)
                elif value is None:
                    continue
                else:
                    sheet.write(r, c, value)
    book.close()
    return buffer.getvalue()
