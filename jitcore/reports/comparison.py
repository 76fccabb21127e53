"""Scenarios compared side by side as files: every KPI of every scenario with its change
against the reference (CSV, one row per scenario and KPI), and a workbook with that table and
the cost parts per scenario. User text (scenario names) is written as text, never a formula
(:mod:`jitcore.reports.cells`)."""

from __future__ import annotations

import math

import pandas as pd

from jitcore.compare import ScenarioComparison
from jitcore.reports.cells import csv_bytes, xlsx_bytes

#: Columns of :func:`comparison_frame`.
COLUMNS = ("scenario", "reference", "kpi", "label", "unit", "value", "reference_value", "change",
           "change_pct", "better")  # fmt: skip


def comparison_frame(comparison: ScenarioComparison, sku: str | None = None) -> pd.DataFrame:
    """One row per scenario and compared KPI (the reference's rows first): ``scenario``,
    ``reference`` (its name), ``kpi``, ``label``, ``unit``, ``value``, ``reference_value``,
    ``change`` (value − reference), ``change_pct`` (relative; empty from zero) and ``better``
    (``better``, ``worse`` or empty when equal or neither way is better); shares 0–1, money
    over the KPI window, stock in units."""
    table = comparison.table(sku)
    changes = comparison.changes(sku).set_index(["scenario", "kpi"])
    rows = []
    for name in comparison.names:
        for _, row in table.iterrows():
            value, base = row[name], row[comparison.reference]
            found = changes.loc[(name, row["kpi"])] if name != comparison.reference else None
            verdict = None if found is None else found["better"]
            rows.append({
                "scenario": name, "reference": comparison.reference, "kpi": row["kpi"],
                "label": row["label"], "unit": row["unit"], "value": value,
                "reference_value": base, "change": value - base,
                "change_pct": math.nan if found is None else found["change_pct"],
                "better": {True: "better", False: "worse"}.get(verdict, ""),
            })  # fmt: skip
    return pd.DataFrame(rows, columns=list(COLUMNS))


def comparison_csv(comparison: ScenarioComparison, sku: str | None = None) -> bytes:
    """:func:`comparison_frame` as UTF-8 CSV."""
    return csv_bytes(comparison_frame(comparison, sku))


def comparison_xlsx(comparison: ScenarioComparison, sku: str | None = None) -> bytes:
    """A workbook: sheet ``KPIs`` (:func:`comparison_frame`) and ``Costs`` (the cost parts and
    the total per scenario, money over the KPI window: ``horizon`` says which)."""
    costs = comparison.costs(sku).reset_index()
    costs.insert(1, "horizon", comparison.horizon)
    return xlsx_bytes({"KPIs": comparison_frame(comparison, sku), "Costs": costs})


def comparison_file_name(data_name: str, extension: str = "csv") -> str:
    """``comparison_<data set>.csv`` (or ``.xlsx``), without spaces."""
    return f"comparison_{data_name or 'data'}.{extension}".replace(" ", "_")
