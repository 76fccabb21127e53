"""The buffer plan as a file: one row per SKU, every :class:`~jitcore.buffers.SkuBuffer` field
under its plain name, so a spreadsheet or an ERP import reads it without the app's labels."""

from __future__ import annotations

from jitcore.buffers import BufferTable
from jitcore.reports.cells import csv_bytes


def plan_csv(table: BufferTable) -> bytes:
    """The full plan (every :class:`SkuBuffer` field, plain names) as UTF-8 CSV, user text
    neutralised (:func:`~jitcore.reports.cells.csv_bytes`)."""
    return csv_bytes(table.frame())


def plan_file_name(data_name: str) -> str:
    """``buffer_plan_<data set>.csv``, without spaces."""
    return f"buffer_plan_{data_name or 'data'}.csv".replace(" ", "_")
