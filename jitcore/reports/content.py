"""What a report says, computed once for every format (Excel, HTML, PDF): the data summary, the
settings that differ between the scenario and its baseline, the KPIs of both, the per-SKU plan,
the per-period timeline and the intake report. Built from results already run, so the app
reuses its cached runs; :func:`report_content` runs them for the command line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from jitcore.changes import SettingChange, flat_settings, setting_changes, setting_label
from jitcore.changes import setting_text as _setting_text
from jitcore.demand import DemandData
from jitcore.engine.results import SERIES, quiet_nan
from jitcore.errors import JitError
from jitcore.formatting import count
from jitcore.intake.summary import sku_summary
from jitcore.kpis import KPI_NAMES
from jitcore.pipeline import ScenarioResult, run_variants
from jitcore.scenario import Scenario
from jitcore.vocabulary import FREQUENCY_NAMES, KPIS, kpi_label, periods_text

#: Series of the per-period timeline whose mean over paths is reported (on hand as P10/P50/P90).
MEAN_SERIES: tuple[str, ...] = tuple(s for s in SERIES if s != "on_hand")


@dataclass(frozen=True, eq=False)
class ReportContent:
    """Everything a report shows. ``baseline`` is None for a report of one scenario; the
    settings then differ from the defaults (``reference`` names what they are compared with).
    ``sku``: the SKU the charts show."""

    demand: DemandData
    scenario: ScenarioResult
    baseline: ScenarioResult | None
    sku: str
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def reference(self) -> str:
        """What the scenario is compared with: ``baseline "B"`` or ``the defaults``."""
        return f"baseline “{self.baseline.scenario.name}”" if self.baseline else "the defaults"

    @property
    def title(self) -> str:
        return f"What-if report: {self.scenario.scenario.name}"

    @property
    def currency(self) -> str:
        return self.scenario.scenario.costs.currency

    def changes(self) -> list[SettingChange]:
        """The settings that differ from the baseline (or the defaults)."""
        before = self.baseline.scenario if self.baseline else Scenario()
        return setting_changes(before, self.scenario.scenario)

    def data_summary(self) -> list[tuple[str, str]]:
        """``(what, value)`` lines about the data: file, layout, frequency, SKUs, periods, dates,
        total demand, what intake left out."""
        data, report = self.demand, self.demand.report
        excluded = sum(report.excluded.values())
        lines = [
            ("Data set", data.name or report.source or "unnamed"),
            ("File", report.source or "–"),
            ("Frequency", FREQUENCY_NAMES.get(data.frequency, data.frequency)),
            ("SKUs", f"{len(data.skus):,}"),
            ("Periods", periods_text(data.periods, data.frequency)),
            ("From", str(data.start.date())),
            ("To", str(data.end.date())),
            ("Total demand (units)", f"{data.total:,.0f}"),
            ("Rows left out by intake", f"{excluded:,}"),
            ("Intake warnings", f"{len(report.warnings):,}"),
        ]
        return lines

    def sku_table(self) -> pd.DataFrame:
        """Per SKU: first and last period, periods, zero periods, total and mean demand."""
        return sku_summary(self.demand).reset_index()

    def kpi_table(self, sku: str | None = None) -> pd.DataFrame:
        """One row per KPI (total over SKUs, or one SKU): ``kpi`` label, ``name``, ``unit``,
        ``scenario``, and with a baseline ``baseline``, ``change`` and ``better`` (True when
        the change goes the KPI's better way, None when neither way is better or no change)."""
        rows = []
        for name in KPI_NAMES:
            term = KPIS.get(name)
            value = _kpis(self.scenario, sku)[name]
            row = {"kpi": kpi_label(name), "name": name,
                   "unit": term.unit if term else "", "scenario": value}  # fmt: skip
            if self.baseline is not None:
                base = _kpis(self.baseline, sku)[name]
                change = value - base
                row.update(baseline=base, change=change, better=_better(name, change))
            rows.append(row)
        return pd.DataFrame(rows)

    def kpis_per_sku(self) -> pd.DataFrame:
        """Long table: ``scenario``, ``role`` (scenario | baseline), ``sku`` (``TOTAL`` for
        the sum) and every KPI."""
        frames = []
        for role, result in self.runs():
            frame = result.kpi_frame().reset_index()
            total = pd.DataFrame([{"sku": "TOTAL", **result.kpis.to_dict()}])
            frame = pd.concat([frame, total], ignore_index=True)
            frame.insert(0, "role", role)
            frame.insert(0, "scenario", result.scenario.name)
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)

    def plan(self) -> pd.DataFrame:
        """The scenario's buffer plan, one row per SKU, every field under its plain name."""
        return self.scenario.buffers.frame()

    def settings(self) -> pd.DataFrame:
        """Every setting: ``setting`` path, ``label``, the scenario's value and (with a
        baseline) the baseline's and whether it differs."""
        new = flat_settings(self.scenario.scenario)
        old = flat_settings(self.baseline.scenario) if self.baseline else None
        changed = {c.setting for c in self.changes()}
        rows = []
        for path, value in new.items():
            row = {"setting": path, "label": setting_label(path),
                   "scenario": _setting_text(path, value)}  # fmt: skip
            if old is not None:
                row["baseline"] = _setting_text(path, old.get(path))
            row["differs"] = path in changed
            rows.append(row)
        return pd.DataFrame(rows)

    def timeline(self) -> pd.DataFrame:
        """Per scenario, SKU and period over the recorded paths: the mean of demand, forecast,
        orders, receipts, backorders, lost sales, inventory position and defects, and on hand
        as P10, P50 (median) and P90."""
        frames = []
        for role, result in self.runs():
            frames.append(period_table(result, role=role))
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    def intake(self) -> pd.DataFrame:
        """The intake report as rows of ``topic`` and ``text``."""
        report = self.demand.report
        rows = [("file", report.source), ("file type", report.file_type),
                ("encoding", report.encoding), ("sheet", report.sheet),
                ("layout", report.layout), ("frequency", report.frequency),
                ("header row", str(report.header_row)), ("rows read", str(report.rows_read))]  # fmt: skip
        rows += [(f"column for {role}", column) for role, column in report.columns.items()]
        rows += [("decision", text) for text in report.decisions]
        rows += [("warning", text) for text in report.warnings]
        rows += [(f"left out: {reason}", f"{n:,}") for reason, n in report.excluded.items()]
        rows += [
            (f"returns of {sku}", f"{units:,.0f} units") for sku, units in report.returns.items()
        ]
        return pd.DataFrame([r for r in rows if r[1]], columns=["topic", "text"])

    def runs(self) -> list[tuple[str, ScenarioResult]]:
        """``("scenario", result)`` then, with a baseline, ``("baseline", result)``."""
        out = [("scenario", self.scenario)]
        if self.baseline is not None:
            out.append(("baseline", self.baseline))
        return out

    def headline(self) -> str:
        """One line: the data, its SKUs and periods, the simulation."""
        result = self.scenario
        sim = result.scenario.simulation
        mode = (
            f"Monte Carlo, {count(result.paths, 'path')}"
            if sim.mode == "monte_carlo"
            else "replay of the history"
        )
        return (
            f"{self.demand.name or 'Data'}: {count(len(result.skus), 'SKU')} × "
            f"{periods_text(len(result.dates), result.frequency)} simulated ({mode})"
        )


def _kpis(result: ScenarioResult, sku: str | None) -> dict[str, float]:
    return (result.kpis if sku is None else result.kpis_for(sku)).to_dict()


def _better(name: str, change: float) -> bool | None:
    term = KPIS.get(name)
    if term is None or term.higher_is_better is None or not np.isfinite(change) or change == 0:
        return None
    return (change > 0) == term.higher_is_better


def period_table(result: ScenarioResult, *, sku: str | None = None, role: str = "scenario"):
    """Per SKU (or one) and period: the mean over the recorded paths of every timeline series
    and on hand as P10/P50/P90 — the numbers the Supply & demand chart draws. Columns
    ``scenario``, ``role``, ``sku``, ``period``, ``date``, then the series."""
    timeline = result.timeline
    skus = [sku] if sku is not None else list(timeline.skus)
    frames = []
    if timeline.paths == 0:
        raise JitError(
            "No timeline was kept for this run.", "Set simulation.timeline_paths above 0."
        )
    for name in skus:
        columns: dict[str, object] = {
            "scenario": result.scenario.name,
            "role": role,
            "sku": name,
            "period": np.arange(len(result.dates)),
            "date": result.dates,
        }
        with quiet_nan():
            for series in MEAN_SERIES:
                columns[series] = np.nanmean(timeline.series(series, name), axis=0)
            on_hand = np.nanquantile(timeline.series("on_hand", name), [0.1, 0.5, 0.9], axis=0)
            columns["on_hand_p10"], columns["on_hand_p50"], columns["on_hand_p90"] = on_hand
        frame = pd.DataFrame(columns)
        frames.append(frame[np.isfinite(frame["demand"].to_numpy())])
    return pd.concat(frames, ignore_index=True)


def report_content(
    demand: DemandData,
    scenario: Scenario,
    baseline: Scenario | None = None,
    *,
    sku: str | None = None,
) -> ReportContent:
    """Run ``scenario`` (and ``baseline``, on the same demand draws where they share the
    forecast and simulation settings) on every SKU of ``demand`` and gather the report.
    ``sku``: the SKU of the charts (default: the one with the highest total demand)."""
    if sku is not None and sku not in demand.skus:
        raise JitError(
            f"SKU {sku[:80]!r} is not in the data.",
            f"Known SKUs: {', '.join(demand.skus[:10])}{' …' if len(demand.skus) > 10 else ''}.",
        )
    scenarios = [scenario] if baseline is None else [scenario, baseline]
    results = run_variants(demand, scenarios)
    return ReportContent(
        demand=demand,
        scenario=results[0],
        baseline=results[1] if baseline is not None else None,
        sku=sku or busiest_sku(demand),
    )


def busiest_sku(demand: DemandData) -> str:
    """The SKU with the highest total demand (the first one on a tie)."""
    totals = demand.frame.groupby("sku", sort=False)["quantity"].sum()
    return str(totals.idxmax()) if len(totals) else demand.skus[0]
