"""Pieces shared by every trade-off analysis: the service target, the KPIs of a group of SKUs,
the formula's service prediction and the cost horizon.

A *scope* is the set of SKUs an analysis runs on: one SKU, or a group. Its KPIs are the totals
of :class:`~jitcore.pipeline.ScenarioResult`: costs, stock and units summed over the SKUs
(mean per path), service pooled over them (fill rate = Σ short / Σ demand, so a demand-weighted
service level).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np

from jitcore.demand import PERIODS_PER_YEAR, DemandData
from jitcore.errors import JitError
from jitcore.forecast import ForecastResult
from jitcore.pipeline import ScenarioResult, run_variants
from jitcore.scenario import Scenario
from jitcore.vocabulary import periods_text

ServiceTarget = Literal["cycle_service_level", "fill_rate"]

#: The buffer method and the setting each service target sets.
TARGET_SETTINGS: dict[str, tuple[str, str]] = {
    "cycle_service_level": ("service_level", "buffers.cycle_service_level"),
    "fill_rate": ("fill_rate", "buffers.fill_rate"),
}


def service_target(scenario: Scenario) -> ServiceTarget:
    """The target a scenario's buffers are set by: fill rate when the method is ``fill_rate``,
    the cycle service level otherwise."""
    return "fill_rate" if scenario.buffers.method == "fill_rate" else "cycle_service_level"


def target_value(scenario: Scenario, target: ServiceTarget) -> float | None:
    """The scenario's value of ``target``, or None when its buffers use another method."""
    method, _ = TARGET_SETTINGS[target]
    if scenario.buffers.method != method:
        return None
    return float(getattr(scenario.buffers, target))


def with_target(scenario: Scenario, target: ServiceTarget, value: float) -> Scenario:
    """A copy whose buffers are set by ``target`` at ``value`` (e.g. a 0.97 fill rate) for
    every SKU: per-SKU targets (``sku_overrides``) are set aside, so a sweep moves them all."""
    method, setting = TARGET_SETTINGS[target]
    data = scenario.to_dict()
    data["buffers"]["method"] = method
    data["buffers"][target] = float(value)
    for item in data["sku_overrides"]:
        item["cycle_service_level"] = item["fill_rate"] = None
    return Scenario.from_dict(data)


def without_timelines(scenario: Scenario) -> Scenario:
    """The scenario keeping no per-period timelines (trade-offs need only KPIs)."""
    if scenario.simulation.timeline_paths == 0:
        return scenario
    return scenario.with_setting("simulation.timeline_paths", 0)


def run_unique(
    demand: DemandData,
    scenarios: Sequence[Scenario],
    *,
    forecasts: Mapping[str, ForecastResult] | None = None,
    skus: Sequence[str] | None = None,
) -> tuple[ScenarioResult, ...]:
    """Run each distinct scenario once (one engine call where they share the demand draws) and
    return a result per input scenario, in order."""
    unique: dict[Scenario, int] = {}
    for scenario in scenarios:
        unique.setdefault(scenario, len(unique))
    results = run_variants(demand, list(unique), forecasts=forecasts, skus=skus)
    return tuple(results[unique[s]] for s in scenarios)


def weights(result: ScenarioResult) -> np.ndarray:
    """Mean demand per period of each SKU, as weights for a group's service prediction."""
    values = np.array([result.buffers.get(sku).mean_demand for sku in result.skus], dtype=float)
    total = values.sum()
    return values / total if total > 0 else np.full(len(values), 1.0 / max(len(values), 1))


def predicted_service(result: ScenarioResult) -> tuple[float, float]:
    """The buffer formulas' (fill rate, cycle service level), demand-weighted over the SKUs:
    the buffers' expected fill rate and cycle service level per SKU (the SKU's demand model
    under the simulated review, :mod:`jitcore.buffers.service`)."""
    w = weights(result)
    rows = [result.buffers.get(sku) for sku in result.skus]
    fill = float(np.dot(w, [r.expected_fill_rate for r in rows]))
    csl = float(np.dot(w, [r.expected_cycle_service_level for r in rows]))
    return fill, csl


def kpi_window(result: ScenarioResult) -> int:
    """Periods the KPIs and costs cover (the simulated periods after the warm-up)."""
    return max(len(result.dates) - result.scenario.simulation.warmup_periods, 0)


def horizon_label(result: ScenarioResult) -> str:
    """How the costs are counted: ``per year`` when the KPI window is one year of periods,
    else ``over 156 weeks`` etc."""
    return horizon_text(result.frequency, kpi_window(result))


def horizon_text(frequency: str, window: int) -> str:
    """``per year`` when ``window`` periods make one year, else ``over 156 weeks`` etc."""
    if window == round(PERIODS_PER_YEAR[frequency]):
        return "per year"
    return f"over {periods_text(window, frequency)}"


def subset(demand: DemandData, skus: Sequence[str] | None) -> DemandData:
    """``demand`` restricted to ``skus`` (all when None); JitError for an unknown SKU."""
    if not skus:
        return demand
    unknown = [s for s in skus if s not in demand.skus]
    if unknown:
        raise JitError(f"SKU {unknown[0]!r} is not in the data.", "Pick one of the listed SKUs.")
    frame = demand.frame[demand.frame["sku"].isin(list(skus))]
    return DemandData(frame, demand.frequency, demand.report, name=demand.name)
