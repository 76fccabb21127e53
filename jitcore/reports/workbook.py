"""The report as an Excel workbook: a summary sheet (data, settings that differ, KPIs) and one
sheet per table — every setting, KPIs per SKU and scenario, the plan, the per-period timeline,
the SKUs and the intake report. Written by the one safe writer
(:func:`~jitcore.reports.cells.xlsx_bytes`): no cell of user text is ever a formula."""

from __future__ import annotations

from typing import Any

import pandas as pd

from jitcore.reports.cells import xlsx_bytes
from jitcore.reports.content import ReportContent

#: Sheets of the workbook, in order, and what each holds (the Summary sheet lists them).
SHEETS: dict[str, str] = {
    "Summary": "the data, the settings that differ, the KPIs over all SKUs",
    "Settings": "every setting of the scenario (and the baseline)",
    "KPIs per SKU": "every KPI per SKU and in total, per scenario",
    "Plan": "the buffer plan per SKU of the scenario",
    "Timeline": "per SKU and period: means over the simulated paths, on hand P10/P50/P90",
    "SKUs": "per SKU: first and last period, total and mean demand",
    "Intake": "how the file was read: columns, decisions, warnings, rows left out",
}


def summary_rows(content: ReportContent) -> list[list[Any]]:
    """The Summary sheet: title, what it is, the data, what differs, the KPI table."""
    rows: list[list[Any]] = [
        [content.title],
        [content.headline()],
        ["Created (UTC)", content.created.replace(tzinfo=None, microsecond=0)],
        ["Compared with", content.reference],
        ["Charts SKU", content.sku],
        [],
        ["Data"],
        *[[label, value] for label, value in content.data_summary()],
        [],
        [f"Settings that differ from {content.reference}"],
    ]
    changes = content.changes()
    if changes:
        rows.append(["setting", "before", "after"])
        rows += [[c.label, c.before, c.after] for c in changes]
    else:
        rows.append(["none: the same settings"])
    rows += [[], [f"KPIs over all SKUs ({content.currency} for costs)"]]
    table = content.kpi_table()
    header = ["KPI", "scenario"] + (["baseline", "change", "better"] if content.baseline else [])
    rows.append(header)
    for row in table.itertuples(index=False):
        values = [row.kpi, row.scenario]
        if content.baseline is not None:
            verdict = {True: "better", False: "worse", None: ""}[row.better]
            values += [row.baseline, row.change, verdict]
        rows.append(values)
    rows += [[], ["Sheets"], *[[name, what] for name, what in SHEETS.items()]]
    return rows


def report_workbook(content: ReportContent) -> bytes:
    """The workbook of :data:`SHEETS` as ``.xlsx`` bytes."""
    sheets: dict[str, pd.DataFrame | list[list[Any]]] = {
        "Summary": summary_rows(content),
        "Settings": content.settings(),
        "KPIs per SKU": content.kpis_per_sku(),
        "Plan": content.plan(),
        "Timeline": content.timeline(),
        "SKUs": content.sku_table(),
        "Intake": content.intake(),
    }
    return xlsx_bytes(sheets)
