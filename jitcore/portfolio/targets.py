"""Service-target optimisation: a target per SKU that reaches a portfolio fill rate at least
total cost (or the highest pooled fill rate within a stock budget), by marginal analysis over
the SKUs' service frontiers.

Each SKU's frontier comes from one sweep of the service target (the targets of
:func:`jitcore.tradeoffs.frontier_targets`, all in one engine call on the same demand draws):
per target its total cost, filled demand (units demanded − units short) and stock value. SKUs
are simulated independently on common random numbers, so a plan that gives each SKU its own
target has exactly these per-SKU numbers, and its pooled fill rate is Σ filled / Σ demanded.

Marginal analysis (Fox 1966; the greedy for separable convex resource allocation; Silver,
Pyke & Thomas, *Inventory and Production Management*, ch. 7 on allocating safety stock across
items): every SKU starts at its cheapest target; then, step by step, the SKU whose next point
on the lower convex hull of (filled demand, cost) buys filled demand at the lowest
Δcost / Δfilled is moved up, until the pooled fill rate is reached. At each step the plan is
optimal for the filled demand it reaches (a Lagrangian argument: every SKU sits where its
marginal cost crosses the same price λ). The last step may overshoot the goal, so a local
search then tries every change of one or two SKUs' targets that keeps the goal and lowers
the cost. The
stock-budget goal is the same walk on (filled demand, stock value), stopping at the budget.

The saving is measured against *one target for all*: the lowest swept target that, given to
every SKU, reaches the same pooled fill rate (for a budget: the highest that fits it).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import Field

from jitcore.demand import DemandData
from jitcore.errors import JitError
from jitcore.forecast import ForecastResult
from jitcore.formatting import percent
from jitcore.pipeline import supply_terms
from jitcore.scenario import Scenario
from jitcore.settings import Settings
from jitcore.tradeoffs.common import (
    ServiceTarget,
    run_unique,
    service_target,
    with_target,
    without_timelines,
)
from jitcore.tradeoffs.frontier import FrontierSettings, frontier_targets

Goal = Literal["fill_rate", "stock_budget"]
_EPS = 1e-9


class TargetSettings(Settings):
    """What the optimisation aims at and which targets it may choose from."""

    goal: Goal = Field(
        "fill_rate",
        description="fill_rate: reach a pooled fill rate at least cost; stock_budget: the "
        "highest pooled fill rate within a stock value",
    )
    fill_rate: float = Field(0.98, gt=0.0, lt=1.0, description="pooled fill rate to reach")
    stock_budget: float | None = Field(
        None, gt=0.0, description="average stock value allowed (money), for the stock_budget goal"
    )
    low: float = Field(0.5, gt=0.0, lt=1.0, description="lowest target a SKU may get")
    high: float = Field(0.995, gt=0.0, lt=1.0, description="highest target a SKU may get")
    points: int = Field(14, ge=2, le=60, description="targets swept per SKU")

    def frontier(self, target: ServiceTarget) -> FrontierSettings:
        return FrontierSettings(target=target, low=self.low, high=self.high, points=self.points)


@dataclass(frozen=True, eq=False)
class SkuFrontiers:
    """Per SKU (rows, ``skus`` order) × target (columns, ``targets`` ascending): total cost
    (money over the KPI window), filled demand and demand (units), stock value (money)."""

    skus: tuple[str, ...]
    measure: ServiceTarget
    targets: np.ndarray
    cost: np.ndarray
    filled: np.ndarray
    demand: np.ndarray
    stock_value: np.ndarray
    currency: str = "$"


def sku_frontiers(
    demand: DemandData,
    scenario: Scenario,
    settings: TargetSettings | None = None,
    *,
    forecasts: Mapping[str, ForecastResult] | None = None,
    skus: Sequence[str] | None = None,
) -> SkuFrontiers:
    """Sweep one target for all SKUs over ``settings``' targets (one engine call, common random
    numbers; per-SKU targets of the scenario are set aside by ``with_target``) and keep each
    SKU's numbers."""
    settings = settings or TargetSettings()
    measure = service_target(scenario)
    base = without_timelines(scenario)
    targets = frontier_targets(settings.frontier(measure))
    results = run_unique(
        demand, [with_target(base, measure, t) for t in targets], forecasts=forecasts, skus=skus
    )
    first = results[0]
    unit_cost = np.array([supply_terms(base, sku, first.frequency).unit_cost for sku in first.skus])
    cost = np.array([[k.total_cost for k in r.sku_kpis] for r in results]).T
    short = np.array([[k.units_short for k in r.sku_kpis] for r in results]).T
    on_hand = np.array([[k.average_on_hand for k in r.sku_kpis] for r in results]).T
    demanded = np.array([k.units_demanded for k in first.sku_kpis])
    return SkuFrontiers(
        skus=first.skus,
        measure=measure,
        targets=np.asarray(targets, dtype=float),
        cost=cost,
        filled=demanded[:, None] - short,
        demand=demanded,
        stock_value=on_hand * unit_cost[:, None],
        currency=scenario.costs.currency,
    )


@dataclass(frozen=True, eq=False)
class TargetPlan:
    """The optimised targets and the one-target-for-all comparison.

    ``choice[i]``: index into ``frontiers.targets`` of SKU ``i``; ``uniform``: the index of the
    one target for all compared against (None when no single target reaches the goal).
    """

    frontiers: SkuFrontiers
    goal: Goal
    choice: np.ndarray
    uniform: int | None
    notes: tuple[str, ...] = ()

    def _pick(self, values: np.ndarray, choice: np.ndarray) -> float:
        return float(values[np.arange(len(choice)), choice].sum())

    def _totals(self, choice: np.ndarray) -> dict[str, float]:
        f = self.frontiers
        demand = float(f.demand.sum())
        filled = self._pick(f.filled, choice)
        return {
            "total_cost": self._pick(f.cost, choice),
            "stock_value": self._pick(f.stock_value, choice),
            "fill_rate": filled / demand if demand > 0 else math.nan,
        }

    @property
    def optimised(self) -> dict[str, float]:
        """Pooled fill rate, total cost and stock value with the per-SKU targets."""
        return self._totals(self.choice)

    @property
    def one_target(self) -> dict[str, float] | None:
        """The same numbers with one target for all (None when none reaches the goal)."""
        if self.uniform is None:
            return None
        return self._totals(np.full(len(self.choice), self.uniform))

    @property
    def uniform_target(self) -> float | None:
        return None if self.uniform is None else float(self.frontiers.targets[self.uniform])

    @property
    def saving(self) -> float:
        """Total cost of one target for all − total cost optimised (money; NaN without one)."""
        one = self.one_target
        return math.nan if one is None else one["total_cost"] - self.optimised["total_cost"]

    def targets(self) -> dict[str, float]:
        """SKU → its optimised target."""
        f = self.frontiers
        return {sku: float(f.targets[j]) for sku, j in zip(f.skus, self.choice, strict=True)}

    def frame(self) -> pd.DataFrame:
        """One row per SKU: ``sku``, ``measure``, ``target``, ``fill_rate``, ``total_cost``,
        ``stock_value``, and the same with one target for all (``one_target``,
        ``one_target_fill_rate``, ``one_target_total_cost``, ``one_target_stock_value``)."""
        f = self.frontiers
        rows = np.arange(len(f.skus))
        with np.errstate(all="ignore"):
            fill = np.where(f.demand > 0, f.filled[rows, self.choice] / f.demand, np.nan)
        frame = pd.DataFrame(
            {
                "sku": list(f.skus),
                "measure": f.measure,
                "target": f.targets[self.choice],
                "fill_rate": fill,
                "total_cost": f.cost[rows, self.choice],
                "stock_value": f.stock_value[rows, self.choice],
            }
        )
        if self.uniform is not None:
            u = self.uniform
            frame["one_target"] = f.targets[u]
            with np.errstate(all="ignore"):
                frame["one_target_fill_rate"] = np.where(
                    f.demand > 0, f.filled[:, u] / f.demand, np.nan
                )
            frame["one_target_total_cost"] = f.cost[:, u]
            frame["one_target_stock_value"] = f.stock_value[:, u]
        return frame


def lower_hull(gain: np.ndarray, spend: np.ndarray) -> list[int]:
    """Indices of the points on the lower convex hull of (gain, spend), from the cheapest point
    (highest gain on a tie) towards more gain: the points worth moving to, in order; the slopes
    Δspend/Δgain between consecutive ones never fall (gift wrapping)."""
    current = int(min(range(len(spend)), key=lambda j: (spend[j], -gain[j])))
    hull = [current]
    while True:
        best, best_slope = None, math.inf
        for j in range(len(gain)):
            dg = gain[j] - gain[current]
            if dg <= _EPS:
                continue
            slope = (spend[j] - spend[current]) / dg
            if slope < best_slope - _EPS or (
                abs(slope - best_slope) <= _EPS and best is not None and gain[j] > gain[best]
            ):
                best, best_slope = j, slope
        if best is None:
            return hull
        hull.append(best)
        current = best


def marginal_allocation(
    gain: np.ndarray, spend: np.ndarray, *, need: float | None = None, budget: float | None = None
) -> np.ndarray:
    """Per row (an item) the column (its option) chosen by marginal analysis: the least total
    ``spend`` with Σ gain ≥ ``need``, or the most Σ gain with Σ spend ≤ ``budget``; then a
    local search over single-item changes. Raises ValueError when the goal cannot be met."""
    n = gain.shape[0]
    rows = np.arange(n)
    hulls = [lower_hull(gain[i], spend[i]) for i in range(n)]
    pos = [0] * n
    choice = np.array([h[0] for h in hulls])
    total_gain = float(gain[rows, choice].sum())
    total_spend = float(spend[rows, choice].sum())
    if budget is not None and total_spend > budget * (1 + _EPS) + _EPS:
        raise ValueError("budget")
    heap: list[tuple[float, int]] = []

    def push(i: int) -> None:
        if pos[i] + 1 < len(hulls[i]):
            a, b = hulls[i][pos[i]], hulls[i][pos[i] + 1]
            heapq.heappush(heap, ((spend[i, b] - spend[i, a]) / (gain[i, b] - gain[i, a]), i))

    for i in range(n):
        push(i)
    while heap:
        if need is not None and total_gain >= need - _EPS:
            break
        _, i = heapq.heappop(heap)
        a, b = hulls[i][pos[i]], hulls[i][pos[i] + 1]
        d_spend = spend[i, b] - spend[i, a]
        if budget is not None and total_spend + d_spend > budget + _EPS:
            continue  # this item's next step does not fit; others' may
        pos[i] += 1
        choice[i] = b
        total_gain += gain[i, b] - gain[i, a]
        total_spend += d_spend
        push(i)
    if need is not None and total_gain < need - _EPS:
        raise ValueError("need")
    return _improve(gain, spend, choice, need=need, budget=budget)


def _improve(
    gain: np.ndarray, spend: np.ndarray, choice: np.ndarray, *, need: float | None,
    budget: float | None,
) -> np.ndarray:  # fmt: skip
    """Changes of one or two items at once that keep the goal and improve the objective, the
    best first, until none is left."""
    n, m = gain.shape
    rows = np.arange(n)
    item = np.repeat(rows, m)
    option = np.tile(np.arange(m), n)
    choice = choice.copy()
    for _ in range(4 * gain.size):
        g = float(gain[rows, choice].sum())
        s = float(spend[rows, choice].sum())
        d_gain = (gain - gain[rows, choice][:, None]).ravel()
        d_spend = (spend - spend[rows, choice][:, None]).ravel()
        if need is not None:  # keep Σ gain ≥ need, lower the spend
            found = _best_pair(d_gain, d_spend, item, need - g, scale=max(abs(s), 1.0))
        else:  # keep Σ spend ≤ budget, raise the gain
            found = _best_pair(-d_spend, -d_gain, item, s - budget, scale=max(abs(g), 1.0))
        if found is None:
            break
        for k in found:
            choice[item[k]] = option[k]
    return choice


def _best_pair(
    value: np.ndarray, cost: np.ndarray, item: np.ndarray, limit: float, *, scale: float
) -> tuple[int, int] | None:
    """Two options of different items (an item's current option, of zero value and cost,
    makes it a single change) with Σ value ≥ ``limit`` and the lowest Σ cost, if that cost is
    negative (an improvement); found in O(K log K) with suffix minima over options sorted by
    value."""
    order = np.argsort(value, kind="stable")
    v, c, it = value[order], cost[order], item[order]
    k = len(v)
    best1 = np.full(k + 1, -1)
    best2 = np.full(k + 1, -1)
    for x in range(k - 1, -1, -1):  # the two cheapest options of distinct items from x on
        b1, b2 = best1[x + 1], best2[x + 1]
        if b1 < 0 or c[x] < c[b1]:
            b1, b2 = x, (b1 if b1 >= 0 and it[b1] != it[x] else b2)
        elif it[x] != it[b1] and (b2 < 0 or c[x] < c[b2]):
            b2 = x
        best1[x], best2[x] = b1, b2
    start = np.searchsorted(v, limit - v - _EPS, side="left")
    first = best1[start]
    partner = np.where((first >= 0) & (it[np.maximum(first, 0)] != it), first, best2[start])
    valid = partner >= 0
    if not valid.any():
        return None
    total = np.where(valid, c + c[np.maximum(partner, 0)], np.inf)
    x = int(np.argmin(total))
    if not total[x] < -1e-9 * scale:
        return None
    return int(order[x]), int(order[partner[x]])


def optimise_targets(frontiers: SkuFrontiers, settings: TargetSettings) -> TargetPlan:
    """Per-SKU targets for ``settings``' goal (see the module docstring), with the one target
    for all compared against. JitError when the goal cannot be reached with the swept
    targets."""
    f = frontiers
    demand = float(f.demand.sum())
    if demand <= 0:
        raise JitError("The SKUs have no demand, so there is no fill rate to optimise.",
                       "Choose SKUs with demand.")  # fmt: skip
    pooled = f.filled.sum(axis=0) / demand
    stock = f.stock_value.sum(axis=0)
    word = "fill rate" if f.measure == "fill_rate" else "cycle service level"
    if settings.goal == "fill_rate":
        need = settings.fill_rate * demand
        try:
            choice = marginal_allocation(f.filled, f.cost, need=need)
        except ValueError:
            raise JitError(
                f"Even a {word} target of {percent(f.targets[-1])} for every SKU reaches a pooled "
                f"fill rate of only {percent(float(pooled.max()))}, below the "
                f"{percent(settings.fill_rate)} asked for.",
                "Ask for a lower portfolio fill rate, or raise the highest target.",
            ) from None
        reaching = np.flatnonzero(pooled >= settings.fill_rate - _EPS)
        uniform = int(reaching[np.argmin(f.cost.sum(axis=0)[reaching])]) if reaching.size else None
    else:
        if settings.stock_budget is None:
            raise JitError("The stock-budget goal needs a stock budget.", "Enter a stock value.")
        try:
            choice = marginal_allocation(f.filled, f.stock_value, budget=settings.stock_budget)
        except ValueError:
            raise JitError(
                f"The lowest targets already hold {f.currency}{stock.min():,.0f} of stock, more "
                f"than the budget of {f.currency}{settings.stock_budget:,.0f}.",
                "Raise the budget, or lower the lowest target.",
            ) from None
        fitting = np.flatnonzero(stock <= settings.stock_budget + _EPS)
        uniform = int(fitting[np.argmax(pooled[fitting])]) if fitting.size else None
    plan = TargetPlan(f, settings.goal, choice, uniform)
    notes: list[str] = []
    one = plan.one_target
    better = one is not None and (
        (settings.goal == "fill_rate" and one["total_cost"] < plan.optimised["total_cost"])
        or (settings.goal == "stock_budget" and one["fill_rate"] > plan.optimised["fill_rate"])
    )
    if better:  # the swept grid is coarse; never recommend worse than one target for all
        notes.append("One target for all is as good as any mix on this grid of targets.")
        plan = TargetPlan(f, settings.goal, np.full(len(choice), uniform), uniform)
    return TargetPlan(f, settings.goal, plan.choice, uniform, tuple(notes))


def with_optimised_targets(scenario: Scenario, plan: TargetPlan) -> Scenario:
    """``scenario`` with each SKU's optimised target as its own (``sku_overrides``), buffers set
    by the plan's service measure."""
    measure = plan.frontiers.measure
    base = with_target(scenario, measure, scenario.buffers.model_dump()[measure])
    data = base.to_dict()
    merged = {o["sku"]: o for o in data["sku_overrides"]}
    for sku, target in plan.targets().items():
        entry = merged.setdefault(sku, {"sku": sku})
        entry["cycle_service_level"] = entry["fill_rate"] = None
        entry[measure] = target
    data["sku_overrides"] = list(merged.values())
    return Scenario.from_dict(data)
