"""The waterfall between any two scenarios: from one to the other, one group of settings at a
time, with what each step is worth.

The settings that differ are moved from the ``start`` scenario's values to the ``end``
scenario's in a fixed order of steps (:data:`STEPS`): first the JIT levers, in the order of the
Trade-offs waterfall (:data:`jitcore.tradeoffs.LEVER_ORDER`: setup cost, lead time, its
reliability, yield, review period, policy, smoothing), then the safety stock, lot sizes, the
other policy, supply and cost settings, per-SKU settings, the forecast and the simulation.
Every scenario of the chain ``start → +step 1 → +step 2 → … → end`` runs in one engine call
where they share the draws (common random numbers), so a step is the change of a KPI when its
settings are moved on top of the steps before it and the steps telescope: they add up exactly
to ``end − start``. A step whose settings are equal is left out. As with the levers, the order
matters for the size of each step (settings interact), not for the total.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from jitcore.changes import setting_changes
from jitcore.compare.side_by_side import ForecastsBySetting, run_by_forecast
from jitcore.demand import DemandData
from jitcore.errors import ScenarioError
from jitcore.formatting import count
from jitcore.kpis import Kpis
from jitcore.scenario import Scenario
from jitcore.tradeoffs.common import horizon_label, without_timelines
from jitcore.tradeoffs.waterfall import LeverStep, waterfall_frame

#: The steps, in order: (name, label, settings moved). A setting belongs to the first step
#: whose entry equals it or is a section it lies in ("costs" holds every cost setting left).
STEPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("setup_cost", "Setup cost", ("costs.ordering_cost",)),
    ("lead_time", "Lead time", ("supply.lead_time",)),
    ("lead_time_variability", "Lead-time reliability",
     ("supply.lead_time_sd", "supply.slip_probability", "supply.slip_periods")),
    ("yield", "Yield", ("supply.yield_rate", "supply.yield_sd")),
    ("review_period", "Review period", ("policy.review_period",)),
    ("policy", "Policy", ("policy.kind",)),
    ("smoothing", "Order smoothing", ("policy.smoothing_periods", "policy.correction")),
    ("safety_stock", "Safety stock", ("buffers.method", "buffers.cycle_service_level",
     "buffers.fill_rate", "buffers.days_of_cover", "buffers.fixed_units", "buffers.uncertainty",
     "buffers.kanban_safety_factor")),
    ("lot_size", "Lot sizes", ("buffers", "policy.min_order_quantity", "policy.order_multiple")),
    ("policy_rules", "Other policy rules", ("policy",)),
    ("supply", "Other supply", ("supply",)),
    ("costs", "Other costs", ("costs",)),
    ("sku_overrides", "Per-SKU settings", ("sku_overrides",)),
    ("forecast", "Forecast", ("forecast",)),
    ("simulation", "Simulation", ("simulation",)),
)  # fmt: skip

#: Settings that are not moved: the name is the scenario's own, the schema version fixed.
_IGNORED = ("name", "schema_version")


def _settings(scenario: Scenario) -> dict[str, Any]:
    """Dotted setting → value (sections flattened; per-SKU overrides as one value)."""
    out: dict[str, Any] = {}
    for section, value in scenario.to_dict().items():
        if isinstance(value, dict):
            out.update({f"{section}.{name}": v for name, v in value.items()})
        else:
            out[section] = value
    return out


def step_of(setting: str) -> str:
    """The step that moves ``setting`` (a dotted name, e.g. ``supply.capacity``)."""
    for name, _, entries in STEPS:
        if any(setting == e or setting.startswith(f"{e}.") for e in entries):
            return name
    raise ValueError(f"no waterfall step moves {setting!r}")


def describe_step(before: Scenario, after: Scenario) -> str:
    """What a step changed, in words (:mod:`jitcore.changes`): ``lead time 4 → 2; lead-time σ
    1 → 0.25``; per-SKU settings as ``per-SKU settings for 2 SKUs → 3 SKUs``."""
    parts = []
    for change in setting_changes(before, after):
        if change.setting == "sku_overrides":
            counts = (len(before.sku_overrides), len(after.sku_overrides))
            parts.append("per-SKU settings for " + " → ".join(count(n, "SKU") for n in counts))
        else:
            parts.append(change.sentence())
    return "; ".join(parts)


def _moved(scenario: Scenario, target: Mapping[str, Any], settings: Sequence[str]) -> Scenario:
    data = scenario.to_dict()
    for setting in settings:
        if "." in setting:
            section, name = setting.split(".", 1)
            data[section][name] = target[setting]
        else:
            data[setting] = target[setting]
    return Scenario.from_dict(data)


def chain(start: Scenario, end: Scenario) -> list[tuple[str, str, Scenario]]:
    """``[(step, label, scenario after it), …]`` from ``start`` to ``end``: each step moves its
    settings that differ to ``end``'s values; the last scenario is ``end`` itself. A step whose
    result would contradict itself (e.g. a VMI maximum below the minimum half-way) is merged
    with the next one."""
    old, new = _settings(start), _settings(end)
    differing: dict[str, list[str]] = {}
    for setting, value in new.items():
        if setting not in _IGNORED and old.get(setting) != value:
            differing.setdefault(step_of(setting), []).append(setting)
    labels = {name: label for name, label, _ in STEPS}
    steps = [name for name, _, _ in STEPS if name in differing]
    out: list[tuple[str, str, Scenario]] = []
    current, pending, names = start, [], []
    for i, name in enumerate(steps):
        pending += differing[name]
        names.append(name)
        if i == len(steps) - 1:
            out.append((names[0], " + ".join(labels[n] for n in names), end))
            break
        try:
            current = _moved(current, new, pending)
        except ScenarioError:
            continue
        out.append((names[0], " + ".join(labels[n] for n in names), current))
        pending, names = [], []
    return out


@dataclass(frozen=True, eq=False)
class ScenarioWaterfall:
    """KPIs of ``start`` and ``end`` (named by the user) and the steps between them."""

    start_name: str
    end_name: str
    start: Kpis
    end: Kpis
    steps: tuple[LeverStep, ...]
    skus: tuple[str, ...]
    currency: str
    horizon: str

    def waterfall(self, kpi: str) -> pd.DataFrame:
        """Rows: the start scenario (level), one per step, the end scenario (level); the columns
        of :meth:`jitcore.tradeoffs.LeverAnalysis.waterfall`."""
        return waterfall_frame(
            (self.start_name, "the first scenario", self.start),
            self.steps,
            (self.end_name, "the second scenario", self.end),
            kpi,
        )

    def total_change(self, kpi: str) -> float:
        """End minus start."""
        return float(getattr(self.end, kpi) - getattr(self.start, kpi))


def scenario_waterfall(
    demand: DemandData,
    start: tuple[str, Scenario],
    end: tuple[str, Scenario],
    *,
    forecasts: ForecastsBySetting | None = None,
    skus: Sequence[str] | None = None,
) -> ScenarioWaterfall:
    """The waterfall from ``start`` to ``end`` (each a (name, scenario) pair) for ``skus``
    (default: every SKU): the whole chain on the same draws where they share them."""
    (start_name, first), (end_name, last) = start, end
    first, last = without_timelines(first), without_timelines(last)
    steps = chain(first, last)
    scenarios = [first, *(s for _, _, s in steps)]
    if len(scenarios) == 1:
        scenarios.append(last)
    # names for a message: the two scenarios, and each step between as "<label> step"
    labels = [start_name, *(f"{label} step" for _, label, _ in steps[:-1]), end_name]
    results = run_by_forecast(demand, scenarios, forecasts=forecasts, skus=skus, names=labels)
    kpis = [r.kpis for r in results]
    currency = first.costs.currency
    made = tuple(
        LeverStep(
            lever=name,
            label=label,
            change=describe_step(scenarios[i], scenarios[i + 1]),
            before=kpis[i],
            after=kpis[i + 1],
            scenario=scenarios[i + 1],
        )
        for i, (name, label, _) in enumerate(steps)
    )
    return ScenarioWaterfall(
        start_name=start_name,
        end_name=end_name,
        start=kpis[0],
        end=kpis[-1],
        steps=made,
        skus=results[0].skus,
        currency=currency,
        horizon=horizon_label(results[0]),
    )
