"""Sensitivity: how total cost and service respond to ±x % in each input (a tornado chart).

Inputs (:data:`INPUTS`): demand level and demand variability (scaled on the prepared demand,
see :mod:`jitcore.tradeoffs.scaling`), lead time, lead-time variability (σ and slip
probability), holding rate, ordering cost, shortage cost and yield. Each input is moved down
and up by ``change`` (e.g. 20 %) with everything else at the scenario's value; the buffers are
planned again for each variant, as they would be if the input really were so. Lead times are
whole periods: the change is rounded and at least one period; yield cannot exceed 100 %, and an
input at zero (e.g. a fixed lead time) cannot move, so its bar is empty.

All variants (the base and two per input) run in one engine call on the same random draws.
A bar's *swing* is ``|KPI(high) − KPI(low)|``; the tornado sorts inputs by swing, widest on
top: those are the numbers worth getting right first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal, get_args

import pandas as pd
from pydantic import Field

from jitcore.budget import check_budget, run_size
from jitcore.demand import DemandData
from jitcore.errors import JitError
from jitcore.forecast import ForecastResult
from jitcore.formatting import short
from jitcore.kpis import KPI_NAMES, Kpis
from jitcore.pipeline import PreparedDemand, prepare_demand
from jitcore.pipeline.prepare import PREROLL
from jitcore.scenario import Scenario
from jitcore.settings import Settings
from jitcore.tradeoffs.common import horizon_text, subset
from jitcore.tradeoffs.scaling import run_prepared, scale_demand
from jitcore.vocabulary import period_word

InputName = Literal["demand_level", "demand_variability", "lead_time", "lead_time_variability",
                    "holding_cost", "ordering_cost", "shortage_cost", "yield"]  # fmt: skip

INPUTS: tuple[InputName, ...] = get_args(InputName)

INPUT_LABELS: dict[str, str] = {
    "demand_level": "Demand level",
    "demand_variability": "Demand variability",
    "lead_time": "Lead time",
    "lead_time_variability": "Lead-time variability",
    "holding_cost": "Holding cost",
    "ordering_cost": "Ordering cost",
    "shortage_cost": "Shortage cost",
    "yield": "Yield",
}


class SensitivitySettings(Settings):
    """How far each input moves, and which inputs are tested."""

    change: float = Field(0.2, gt=0.0, le=0.9, description="relative change, 0.2 = ±20 %")
    inputs: tuple[InputName, ...] = Field(INPUTS, description="inputs to test")


@dataclass(frozen=True)
class TornadoBar:
    """One input moved down (``low``) and up (``high``): the values used, in words, and the
    KPIs. ``moved`` is False when the input could not change (e.g. it is zero)."""

    name: InputName
    label: str
    low_text: str
    high_text: str
    low: Kpis
    high: Kpis
    moved: bool

    def swing(self, kpi: str) -> float:
        return abs(float(getattr(self.high, kpi)) - float(getattr(self.low, kpi)))


@dataclass(frozen=True, eq=False)
class Sensitivity:
    """The base KPIs and one bar per input, for one scope."""

    base: Kpis
    bars: tuple[TornadoBar, ...]
    change: float
    skus: tuple[str, ...]
    currency: str
    horizon: str

    def frame(self, kpi: str) -> pd.DataFrame:
        """One row per input, widest swing first: ``input``, ``label``, ``low_text``,
        ``high_text``, ``low`` and ``high`` (the KPI), ``low_delta`` and ``high_delta`` (minus
        the base), ``swing``."""
        if kpi not in KPI_NAMES:
            raise ValueError(f"unknown KPI {kpi!r}")
        base = float(getattr(self.base, kpi))
        rows = []
        for bar in self.bars:
            low, high = float(getattr(bar.low, kpi)), float(getattr(bar.high, kpi))
            rows.append({
                "input": bar.name,
                "label": bar.label,
                "low_text": bar.low_text,
                "high_text": bar.high_text,
                "low": low,
                "high": high,
                "low_delta": low - base,
                "high_delta": high - base,
                "swing": abs(high - low),
            })  # fmt: skip
        frame = pd.DataFrame(rows)
        if frame.empty:
            return frame
        order = frame["swing"].fillna(0.0).sort_values(ascending=False, kind="stable").index
        return frame.loc[order].reset_index(drop=True)


def _variant(
    scenario: Scenario, name: InputName, factor: float, period: str
) -> tuple[Scenario, str]:
    """The scenario with input ``name`` × ``factor`` (non-demand inputs) and the value in words."""
    data = scenario.to_dict()
    costs, supply = data["costs"], data["supply"]
    currency = scenario.costs.currency
    if name == "lead_time":
        base = supply["lead_time"]
        step = max(1, round(abs(factor - 1.0) * base))
        value = max(base + (step if factor > 1 else -step), 0)
        supply["lead_time"] = value
        for item in data["sku_overrides"]:
            if item.get("lead_time") is not None:
                item["lead_time"] = max(item["lead_time"] + value - base, 0)
        text = f"{value} {period}{'' if value == 1 else 's'}"
    elif name == "lead_time_variability":
        supply["lead_time_sd"] *= factor
        supply["slip_probability"] = min(supply["slip_probability"] * factor, 1.0)
        for item in data["sku_overrides"]:
            if item.get("lead_time_sd") is not None:
                item["lead_time_sd"] *= factor
        text = f"σ {short(supply['lead_time_sd'])} {period}s"
    elif name == "holding_cost":
        costs["holding_rate"] = min(costs["holding_rate"] * factor, 5.0)
        text = f"{costs['holding_rate']:.1%} a year"
    elif name == "ordering_cost":
        costs["ordering_cost"] *= factor
        for item in data["sku_overrides"]:
            if item.get("ordering_cost") is not None:
                item["ordering_cost"] *= factor
        text = f"{currency}{short(costs['ordering_cost'])} per order"
    elif name == "shortage_cost":
        costs["shortage_cost"] *= factor
        text = f"{currency}{short(costs['shortage_cost'])} per unit"
    elif name == "yield":
        supply["yield_rate"] = min(supply["yield_rate"] * factor, 1.0)
        text = f"{supply['yield_rate']:.1%}"
    else:  # pragma: no cover - demand inputs are handled by scaling
        raise ValueError(name)
    return Scenario.from_dict(data), text


def sensitivity(
    demand: DemandData,
    scenario: Scenario,
    settings: SensitivitySettings | None = None,
    *,
    forecasts: Mapping[str, ForecastResult] | None = None,
    skus: Sequence[str] | None = None,
) -> Sensitivity:
    """Move each input of ``settings`` down and up by ``settings.change`` and simulate every
    variant in one engine call for ``skus`` (default: every SKU)."""
    settings = settings or SensitivitySettings()
    if not settings.inputs:
        raise JitError("Choose at least one input to test.", "Tick one or more inputs.")
    base = scenario.with_setting("simulation.timeline_paths", 0)
    scaled = sum(name in ("demand_level", "demand_variability") for name in settings.inputs)
    size = run_size([base], skus=len(skus or demand.skus), history_periods=demand.periods,
                    frequency=demand.frequency, preroll=PREROLL[demand.frequency])  # fmt: skip
    # every input runs down and up; scaled demand paths are copies, joined into one more
    check_budget(replace(size, variants=1 + 2 * len(settings.inputs),
                         demand_copies=2 * (1 + 2 * scaled)))  # fmt: skip
    prepared = prepare_demand(subset(demand, skus), base, forecasts)
    period = period_word(prepared.frequency)
    down, up = 1.0 - settings.change, 1.0 + settings.change
    pairs: list[tuple[PreparedDemand, Scenario]] = [(prepared, base)]
    texts: list[tuple[str, str]] = []
    for name in settings.inputs:
        if name == "demand_level":
            pairs.append((scale_demand(prepared, level=down), base))
            pairs.append((scale_demand(prepared, level=up), base))
            texts.append((f"×{down:.2f}", f"×{up:.2f}"))
        elif name == "demand_variability":
            pairs.append((scale_demand(prepared, variability=down), base))
            pairs.append((scale_demand(prepared, variability=up), base))
            texts.append((f"spread ×{down:.2f}", f"spread ×{up:.2f}"))
        else:
            low, low_text = _variant(base, name, down, period)
            high, high_text = _variant(base, name, up, period)
            pairs.extend([(prepared, low), (prepared, high)])
            texts.append((low_text, high_text))
    runs = run_prepared(pairs)
    bars = []
    for i, name in enumerate(settings.inputs):
        low_pair, high_pair = pairs[1 + 2 * i], pairs[2 + 2 * i]
        moved = not (
            low_pair[0] is prepared
            and high_pair[0] is prepared
            and low_pair[1] == base
            and high_pair[1] == base
        )
        bars.append(
            TornadoBar(
                name=name,
                label=INPUT_LABELS[name],
                low_text=texts[i][0],
                high_text=texts[i][1],
                low=runs[1 + 2 * i].kpis,
                high=runs[2 + 2 * i].kpis,
                moved=moved,
            )
        )
    return Sensitivity(
        base=runs[0].kpis,
        bars=tuple(bars),
        change=settings.change,
        skus=prepared.skus,
        currency=scenario.costs.currency,
        horizon=horizon_text(
            prepared.frequency, len(prepared.dates) - base.simulation.warmup_periods
        ),
    )


__all__ = [
    "INPUTS",
    "INPUT_LABELS",
    "InputName",
    "Sensitivity",
    "SensitivitySettings",
    "TornadoBar",
    "sensitivity",
]
