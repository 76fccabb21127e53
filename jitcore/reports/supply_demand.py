"""The Supply & demand page's numbers as files: one SKU's KPIs (with the P10–P90 range across
paths and the change against the baseline), its per-period timeline as the chart draws it, and
both with every recorded path in one workbook. Written by the one safe writer."""

from __future__ import annotations

import math

import pandas as pd

from jitcore.kpis import KPI_NAMES, Kpis
from jitcore.pipeline import ScenarioResult
from jitcore.reports.cells import csv_bytes, xlsx_bytes
from jitcore.reports.content import period_table
from jitcore.reports.report import file_stem
from jitcore.vocabulary import kpi_label


def sku_kpis(result: ScenarioResult, sku: str, baseline: Kpis | None = None) -> pd.DataFrame:
    """One row per KPI of ``sku``: ``kpi`` label, ``name``, ``value`` over the paths, ``p10``,
    ``p50``, ``p90`` across paths and, with a baseline, ``baseline`` and ``change``."""
    kpis = result.kpis_for(sku).to_dict()
    bands = result.kpi_bands(sku)
    rows = []
    for name in KPI_NAMES:
        row = {"kpi": kpi_label(name), "name": name, "value": kpis[name],
               **{q: float(bands.loc[name, q]) for q in ("p10", "p50", "p90")}}  # fmt: skip
        if baseline is not None:
            before = getattr(baseline, name)
            row["baseline"] = before
            change = kpis[name] - before
            row["change"] = change if math.isfinite(change) else math.nan
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame.insert(0, "sku", sku)
    frame.insert(0, "scenario", result.scenario.name)
    return frame


def sku_timeline(result: ScenarioResult, sku: str) -> pd.DataFrame:
    """Per period: the mean over the recorded paths of every series, on hand P10/P50/P90."""
    return period_table(result, sku=sku).drop(columns=["role"])


def download_name(result: ScenarioResult, sku: str, what: str, ext: str) -> str:
    """``supply_demand_<what>_<sku>_<scenario>.<ext>``, safe characters only."""
    return f"supply_demand_{what}_{file_stem(sku)}_{file_stem(result.scenario.name)}.{ext}"


def timeline_csv(result: ScenarioResult, sku: str) -> bytes:
    return csv_bytes(sku_timeline(result, sku))


def kpis_csv(result: ScenarioResult, sku: str, baseline: Kpis | None = None) -> bytes:
    return csv_bytes(sku_kpis(result, sku, baseline))


def sku_workbook(result: ScenarioResult, sku: str, baseline: Kpis | None = None) -> bytes:
    """Sheets *KPIs*, *Timeline* (per period) and *Paths* (every recorded path, per period)."""
    return xlsx_bytes(
        {
            "KPIs": sku_kpis(result, sku, baseline),
            "Timeline": sku_timeline(result, sku),
            "Paths": result.timeline.to_frame(sku),
        }
    )
