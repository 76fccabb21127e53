"""The JIT levers from a baseline: each lever alone, and all of them one after the other.

Every variant (the baseline, each lever alone, and the chain baseline → +lever 1 → +lever 2 →
… → all levers, in :data:`~jitcore.tradeoffs.levers.LEVER_ORDER`) runs in one engine call on
the same demand draws and supply draws (common random numbers). A waterfall step is the change
of a KPI when its lever is added on top of the levers before it, so the steps telescope: their
sum is exactly the change from the baseline to all levers. The order matters for the size of
each step (levers interact: a shorter lead time is worth less once it is reliable), so each
lever alone is shown too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from jitcore.demand import DemandData
from jitcore.forecast import ForecastResult
from jitcore.kpis import KPI_NAMES, Kpis
from jitcore.scenario import Scenario
from jitcore.tradeoffs.common import horizon_label, run_unique, without_timelines
from jitcore.tradeoffs.levers import (
    LEVER_LABELS,
    LeverSettings,
    apply_lever,
    lever_change,
)


@dataclass(frozen=True)
class LeverStep:
    """One lever's effect: KPIs ``before`` and ``after`` it is pulled; ``change`` in words.
    ``lever`` names the lever (:data:`~jitcore.tradeoffs.levers.LEVER_ORDER`), or the group of
    settings a step moves in a waterfall between two scenarios (:mod:`jitcore.compare`)."""

    lever: str
    label: str
    change: str
    before: Kpis
    after: Kpis
    scenario: Scenario

    @property
    def applies(self) -> bool:
        """False when the lever could not change the scenario."""
        return not self.change.startswith("no change")

    def delta(self, kpi: str) -> float:
        return float(getattr(self.after, kpi) - getattr(self.before, kpi))


@dataclass(frozen=True, eq=False)
class LeverAnalysis:
    """Baseline, each lever alone, the cumulative chain and all levers, for one scope."""

    baseline: Kpis
    combined: Kpis
    cumulative: tuple[LeverStep, ...]
    alone: tuple[LeverStep, ...]
    baseline_scenario: Scenario
    combined_scenario: Scenario
    skus: tuple[str, ...]
    currency: str
    horizon: str

    def waterfall(self, kpi: str) -> pd.DataFrame:
        """Rows: ``Baseline`` (level), one per lever (its step), ``All levers`` (level).

        Columns: ``step`` (label), ``change`` (words), ``kind`` (``absolute`` for the two end
        bars, ``relative`` for steps), ``delta`` (the step, 0 for end bars), ``level`` (KPI after
        the row), ``fill_rate`` and ``cycle_service_level`` after the row.
        """
        return waterfall_frame(
            ("Baseline", "your current settings", self.baseline),
            self.cumulative,
            ("All levers", "every lever together", self.combined),
            kpi,
        )

    def alone_frame(self, kpi: str) -> pd.DataFrame:
        """One row per lever applied alone to the baseline: ``step``, ``change``, ``delta``,
        ``level``, ``fill_rate``, ``cycle_service_level``."""
        _check_kpi(kpi)
        rows = [_row(s.label, s.change, "relative", s.delta(kpi), s.after, kpi) for s in self.alone]
        return pd.DataFrame(rows)

    def total_change(self, kpi: str) -> float:
        """All levers minus baseline."""
        return float(getattr(self.combined, kpi) - getattr(self.baseline, kpi))


def _check_kpi(kpi: str) -> None:
    if kpi not in KPI_NAMES:
        raise ValueError(f"unknown KPI {kpi!r}")


def waterfall_frame(
    start: tuple[str, str, Kpis],
    steps: Sequence[LeverStep],
    end: tuple[str, str, Kpis],
    kpi: str,
) -> pd.DataFrame:
    """A waterfall's rows: ``start`` and ``end`` as (label, words, KPIs) level bars, one row
    per step between them (the columns of :meth:`LeverAnalysis.waterfall`)."""
    _check_kpi(kpi)
    rows = [_row(start[0], start[1], "absolute", 0.0, start[2], kpi)]
    for step in steps:
        rows.append(_row(step.label, step.change, "relative", step.delta(kpi), step.after, kpi))
    rows.append(_row(end[0], end[1], "absolute", 0.0, end[2], kpi))
    return pd.DataFrame(rows)


def _row(step: str, change: str, kind: str, delta: float, kpis: Kpis, kpi: str) -> dict:
    return {
        "step": step,
        "change": change,
        "kind": kind,
        "delta": delta,
        "level": float(getattr(kpis, kpi)),
        "fill_rate": kpis.fill_rate,
        "cycle_service_level": kpis.cycle_service_level,
    }


def lever_analysis(
    demand: DemandData,
    scenario: Scenario,
    settings: LeverSettings | None = None,
    *,
    forecasts: Mapping[str, ForecastResult] | None = None,
    skus: Sequence[str] | None = None,
) -> LeverAnalysis:
    """Run the baseline ``scenario``, each enabled lever alone and the cumulative chain in one
    engine call for ``skus`` (default: every SKU)."""
    settings = settings or LeverSettings()
    base = without_timelines(scenario)
    levers = settings.active()
    chain = [base]
    for name in levers:
        chain.append(apply_lever(chain[-1], name, settings))
    alone = [apply_lever(base, name, settings) for name in levers]
    results = run_unique(demand, [*chain, *alone], forecasts=forecasts, skus=skus)
    chain_kpis = [r.kpis for r in results[: len(chain)]]
    alone_kpis = [r.kpis for r in results[len(chain) :]]
    cumulative = tuple(
        LeverStep(
            lever=name,
            label=LEVER_LABELS[name],
            change=lever_change(chain[i], chain[i + 1], name),
            before=chain_kpis[i],
            after=chain_kpis[i + 1],
            scenario=chain[i + 1],
        )
        for i, name in enumerate(levers)
    )
    single = tuple(
        LeverStep(
            lever=name,
            label=LEVER_LABELS[name],
            change=lever_change(base, alone[i], name),
            before=chain_kpis[0],
            after=alone_kpis[i],
            scenario=alone[i],
        )
        for i, name in enumerate(levers)
    )
    return LeverAnalysis(
        baseline=chain_kpis[0],
        combined=chain_kpis[-1],
        cumulative=cumulative,
        alone=single,
        baseline_scenario=base,
        combined_scenario=chain[-1],
        skus=results[0].skus,
        currency=scenario.costs.currency,
        horizon=horizon_label(results[0]),
    )
