"""Lot-size trade-off: the EOQ cost curve and how it moves as setup (ordering) cost falls.

Annual ordering plus cycle-stock holding cost of ordering ``Q`` units at a time (Harris 1913;
C&M ch. 11; SPT ch. 4): ``TC(Q) = D/Q·K + Q/2·h``, minimised by ``Q* = sqrt(2·D·K/h)`` at
``TC* = sqrt(2·D·K·h)``, with ``D`` annual demand (units/year), ``K`` cost per order or setup
and ``h`` holding cost per unit per year. Cutting the setup cost by a share ``r`` moves the
optimum to ``Q*·sqrt(1 − r)`` and ``TC*·sqrt(1 − r)``: a 75 % faster changeover halves the
economic lot and its cost. This is the arithmetic behind SMED (Shingo 1985): small JIT lots pay
only once setups are cheap.

The *current lot* is the quantity the scenario's policy orders per order: ``Q`` of (s, Q),
min-max and VMI, the container of kanban, one review period's demand ``d·R`` otherwise.
For a group of SKUs every SKU's lot is measured in periods of its own demand, ``n = Q/d``;
the group's curve is ``Σ TC_i(n·d_i)``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from jitcore.buffers import eoq, eoq_total_cost
from jitcore.errors import JitError
from jitcore.pipeline import ScenarioResult, supply_terms
from jitcore.policies import LOT_POLICIES

#: Setup-cost reductions shown by default (shares of today's cost).
DEFAULT_REDUCTIONS: tuple[float, ...] = (0.0, 0.5, 0.75, 0.9)


@dataclass(frozen=True)
class LotSizeInputs:
    """One SKU's lot-size terms: ``annual_demand`` units/year, ``ordering_cost`` per order,
    ``holding_cost_per_unit_year`` money per unit per year, ``mean_demand`` units/period,
    ``current_quantity`` units per order under the scenario's policy."""

    sku: str
    annual_demand: float
    ordering_cost: float
    holding_cost_per_unit_year: float
    mean_demand: float
    current_quantity: float

    def eoq(self, reduction: float = 0.0) -> float:
        """``Q* = sqrt(2·D·K·(1 − r)/h)``."""
        return eoq(
            annual_demand=self.annual_demand,
            ordering_cost=self.ordering_cost * (1.0 - reduction),
            holding_cost_per_unit_year=self.holding_cost_per_unit_year,
        )

    def cost(self, quantity: np.ndarray | float, reduction: float = 0.0) -> np.ndarray | float:
        """``TC(Q) = D/Q·K·(1 − r) + Q/2·h`` per year."""
        return eoq_total_cost(
            quantity,
            annual_demand=self.annual_demand,
            ordering_cost=self.ordering_cost * (1.0 - reduction),
            holding_cost_per_unit_year=self.holding_cost_per_unit_year,
        )


def current_lot(result: ScenarioResult, sku: str) -> float:
    """Units per order under the scenario's policy (see the module docstring)."""
    b = result.buffers.get(sku)
    kind = result.scenario.policy.kind
    if kind in LOT_POLICIES:
        return float(b.order_quantity)
    if kind == "kanban":
        return float(b.container_size)
    return float(b.mean_demand * result.scenario.policy.review_period)


def lot_size_inputs(result: ScenarioResult) -> tuple[LotSizeInputs, ...]:
    """The lot-size terms of every SKU of a run (those with demand and a holding cost)."""
    rows = []
    for sku in result.skus:
        b = result.buffers.get(sku)
        terms = supply_terms(result.scenario, sku, result.frequency)
        if b.annual_demand <= 0 or b.holding_cost_per_unit_year <= 0:
            continue
        rows.append(
            LotSizeInputs(
                sku=sku,
                annual_demand=b.annual_demand,
                ordering_cost=terms.ordering_cost,
                holding_cost_per_unit_year=b.holding_cost_per_unit_year,
                mean_demand=b.mean_demand,
                current_quantity=current_lot(result, sku),
            )
        )
    if not rows:
        raise JitError(
            "No SKU has both demand and a holding cost, so there is no lot-size trade-off.",
            "Pick SKUs with demand and set a unit cost and a holding rate above zero.",
        )
    return tuple(rows)


def _read_only(values: np.ndarray | Sequence[float]) -> np.ndarray:
    array = np.array(values, dtype=float)
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False)
class LotSizeCurve:
    """Annual cost against lot size for one setup-cost reduction ``reduction`` (share)."""

    reduction: float
    ordering_cost: float  # per order after the reduction (one SKU), or Σ over the group
    ordering: np.ndarray  # money per year, one value per lot size
    holding: np.ndarray
    total: np.ndarray
    optimum: float  # lot size of the minimum (units, or periods of demand for a group)
    minimum_cost: float  # money per year


@dataclass(frozen=True, eq=False)
class LotSizeTradeoff:
    """EOQ curves for one SKU (lot sizes in units) or a group (lot sizes in periods of demand).

    ``curves[0]`` is today's setup cost (reduction 0); ``current`` is the current lot and
    ``current_cost`` its annual cost on today's curve.
    """

    skus: tuple[str, ...]
    unit: str  # "units" or "periods"
    quantities: np.ndarray
    curves: tuple[LotSizeCurve, ...]
    current: float
    current_cost: float

    @property
    def today(self) -> LotSizeCurve:
        return self.curves[0]


def _group_cost(
    inputs: Sequence[LotSizeInputs], periods: np.ndarray, reduction: float
) -> tuple[np.ndarray, np.ndarray]:
    """Σ ordering and Σ holding per year when every SKU orders ``n`` periods of its demand."""
    ordering = np.zeros_like(periods)
    holding = np.zeros_like(periods)
    for item in inputs:
        q = periods * item.mean_demand
        ordering = ordering + item.annual_demand / q * item.ordering_cost * (1.0 - reduction)
        holding = holding + q / 2.0 * item.holding_cost_per_unit_year
    return ordering, holding


def _group_optimum(inputs: Sequence[LotSizeInputs], reduction: float) -> tuple[float, float]:
    """Common cycle ``n* = sqrt(2·ΣK_i·P / Σ d_i·h_i)`` periods (``P`` periods per year,
    ``D_i = d_i·P``), cost ``sqrt(2·ΣK_i·P·Σ d_i·h_i)`` per year."""
    orders = sum(i.ordering_cost * (1.0 - reduction) * i.annual_demand / i.mean_demand
                 for i in inputs)  # fmt: skip
    holding = sum(i.mean_demand * i.holding_cost_per_unit_year for i in inputs)
    return math.sqrt(2.0 * orders / holding), math.sqrt(2.0 * orders * holding)


def lot_size_tradeoff(
    inputs: Sequence[LotSizeInputs],
    *,
    reductions: Sequence[float] = DEFAULT_REDUCTIONS,
    points: int = 240,
) -> LotSizeTradeoff:
    """The EOQ curves of ``inputs`` for each setup-cost reduction (0 first). One SKU: lot
    sizes in units; several: in periods of demand. Each curve's exact optimum is part of the
    grid, so the grid minimum is the closed form."""
    if not inputs:
        raise JitError("No SKU to draw the lot-size trade-off for.", "Pick at least one SKU.")
    shares = [0.0, *[float(r) for r in reductions if r > 0]]
    shares = list(dict.fromkeys(shares))
    if any(not 0.0 <= r < 1.0 for r in shares):
        raise JitError(
            "A setup-cost reduction must be at least 0 % and below 100 %.",
            "Use reductions such as 50 % or 90 %.",
        )
    single = len(inputs) == 1
    if single:
        item = inputs[0]
        optima = [(item.eoq(r), math.sqrt(2 * item.annual_demand * item.ordering_cost * (1 - r)
                                          * item.holding_cost_per_unit_year)) for r in shares]  # fmt: skip
        current = item.current_quantity
    else:
        optima = [_group_optimum(inputs, r) for r in shares]
        demand = sum(i.mean_demand for i in inputs)
        current = sum(i.current_quantity for i in inputs) / demand
    low = min(min(q for q, _ in optima), current) / 2.0
    high = max(max(q for q, _ in optima), current) * 2.0
    grid = np.geomspace(low, high, points)
    grid = np.unique(np.concatenate([grid, [q for q, _ in optima], [current]]))
    curves = []
    for r, (best, cost) in zip(shares, optima, strict=True):
        if single:
            ordering = item.annual_demand / grid * item.ordering_cost * (1.0 - r)
            holding = grid / 2.0 * item.holding_cost_per_unit_year
            per_order = item.ordering_cost * (1.0 - r)
        else:
            ordering, holding = _group_cost(inputs, grid, r)
            per_order = sum(i.ordering_cost for i in inputs) * (1.0 - r)
        curves.append(
            LotSizeCurve(
                reduction=r,
                ordering_cost=per_order,
                ordering=_read_only(ordering),
                holding=_read_only(holding),
                total=_read_only(ordering + holding),
                optimum=float(best),
                minimum_cost=float(cost),
            )
        )
    if single:
        current_cost = float(item.cost(current))
    else:
        current_cost = float(sum(i.cost(i.current_quantity) for i in inputs))
    return LotSizeTradeoff(
        skus=tuple(i.sku for i in inputs),
        unit="units" if single else "periods",
        quantities=_read_only(grid),
        curves=tuple(curves),
        current=float(current),
        current_cost=current_cost,
    )
