"""The optimised service targets as a file: one row per SKU with its target and what it gives,
next to one target for all, so the targets can be loaded into an ERP or reviewed in a
spreadsheet."""

from __future__ import annotations

from jitcore.portfolio import TargetPlan
from jitcore.reports.cells import csv_bytes


def targets_csv(plan: TargetPlan) -> bytes:
    """:meth:`TargetPlan.frame` as UTF-8 CSV (plain column names; shares 0–1, money)."""
    return csv_bytes(plan.frame())


def targets_file_name(data_name: str) -> str:
    """``service_targets_<data set>.csv``, without spaces."""
    return f"service_targets_{data_name or 'data'}.csv".replace(" ", "_")
