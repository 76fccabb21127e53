"""KPIs of a simulated run, from the engine's per-lane sums.

Per path (one lane) over the KPI window of ``n`` periods, with end-of-period on hand ``OH_t``:

* ``fill_rate`` = 1 − units short / units demanded (short = not served from stock in the period
  demanded; SPT ch. 6 "P2");
* ``cycle_service_level`` = share of replenishment cycles (intervals between receipts) without
  a shortage ("P1");
* ``stockout_periods`` = periods with a shortage;
* ``average_on_hand`` = Σ OH_t / n (units); ``average_backorders`` likewise;
* ``inventory_turns`` = units shipped per year / average on hand;
* ``days_of_supply`` = average on hand / mean demand per day;
* ``orders_placed`` = number of orders (count);
* ``bullwhip`` = Var(orders) / Var(demand), variances over the periods of the KPI window
  (Lee, Padmanabhan & Whang 1997; Disney & Towill 2003) — for a SKU pooled over all its paths
  (one mean over every period of every path, so short runs are not biased low);
* ``units_demanded``, ``units_short``, ``units_lost``, ``units_defective``;
* costs (see :mod:`jitcore.costs`): ``holding_cost``, ``ordering_cost``, ``shortage_cost``,
  ``defect_cost``, ``total_cost`` — money over the KPI window.

Over several paths (a SKU) or several SKUs (a total), counts, units, stock and costs are the
mean per path of their sum over SKUs; ratios are pooled (e.g. fill rate = Σ short / Σ demand,
bullwhip over SKUs = Σ Var(orders) / Σ Var(demand)). Bands P10/P50/P90 are percentiles across paths.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

import numpy as np

from jitcore.lanes import ACCUMULATORS

#: Additive per-lane quantities (summed over lanes, then turned into KPIs).
SUMS: tuple[str, ...] = (
    "demand",
    "short",
    "lost",
    "stockout_periods",
    "average_on_hand",
    "average_backorders",
    "demand_per_period",
    "shipped_per_period",
    "orders",
    "defects",
    "cycles",
    "cycles_short",
    "periods",
    "order_deviation",
    "order_deviation_sq",
    "demand_deviation",
    "demand_deviation_sq",
    "holding_cost",
    "ordering_cost",
    "shortage_cost",
    "defect_cost",
)
N_SUMS = len(SUMS)
_IDX = {name: i for i, name in enumerate(SUMS)}


@dataclass(frozen=True)
class Kpis:
    """KPIs of one SKU or a total (see the module docstring for definitions and units)."""

    fill_rate: float
    cycle_service_level: float
    stockout_periods: float
    average_on_hand: float
    average_backorders: float
    inventory_turns: float
    days_of_supply: float
    orders_placed: float
    bullwhip: float
    units_demanded: float
    units_short: float
    units_lost: float
    units_defective: float
    holding_cost: float
    ordering_cost: float
    shortage_cost: float
    defect_cost: float
    total_cost: float

    def to_dict(self) -> dict[str, float]:
        return {key: float(value) for key, value in asdict(self).items()}


KPI_NAMES: tuple[str, ...] = tuple(field.name for field in fields(Kpis))


def lane_sums(
    acc: np.ndarray,
    *,
    holding_cost_per_unit_period: np.ndarray,
    ordering_cost: np.ndarray,
    shortage_cost: np.ndarray,
    defect_cost: np.ndarray,
) -> np.ndarray:
    """Per-lane additive quantities ``[lane, SUMS]`` from the engine accumulators ``[lane, A_*]``
    and per-lane cost rates (money per unit per period, per order, per unit short, per defect)."""
    # one quantity per row while computing (the accumulators by name, each a contiguous row),
    # handed back as the transposed view [lane, SUMS] (column-major: each quantity stays
    # contiguous for the KPI formulas)
    a = dict(zip(ACCUMULATORS, np.ascontiguousarray(acc.T), strict=True))
    n = np.maximum(a["periods"], 1.0)
    out = np.zeros((N_SUMS, acc.shape[0]))
    out[_IDX["demand"]] = a["demand"]
    out[_IDX["short"]] = a["short"]
    out[_IDX["lost"]] = a["lost"]
    out[_IDX["stockout_periods"]] = a["stockout_periods"]
    out[_IDX["average_on_hand"]] = a["on_hand"] / n
    out[_IDX["average_backorders"]] = a["backorders"] / n
    out[_IDX["demand_per_period"]] = a["demand"] / n
    shipped = a["demand"] - a["lost"] - (a["end_backorders"] - a["start_backorders"])
    out[_IDX["shipped_per_period"]] = shipped / n
    out[_IDX["orders"]] = a["orders"]
    out[_IDX["defects"]] = a["defects"]
    out[_IDX["cycles"]] = a["cycles"]
    out[_IDX["cycles_short"]] = a["cycles_short"]
    # deviations from the lane's shift (the SKU's first forecast, equal on all its paths), so
    # sums over paths give the variance pooled over every period of every path
    out[_IDX["periods"]] = a["periods"]
    out[_IDX["order_deviation"]] = a["ordered"] - a["shift"] * a["periods"]
    out[_IDX["order_deviation_sq"]] = a["order_shift_sq"]
    out[_IDX["demand_deviation"]] = a["demand_shift"]
    out[_IDX["demand_deviation_sq"]] = a["demand_shift_sq"]
    out[_IDX["holding_cost"]] = a["on_hand"] * holding_cost_per_unit_period
    out[_IDX["ordering_cost"]] = a["orders"] * ordering_cost
    out[_IDX["shortage_cost"]] = a["short"] * shortage_cost
    out[_IDX["defect_cost"]] = a["defects"] * defect_cost
    return out.T


def _ratio(num: np.ndarray, den: np.ndarray, empty: float) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), empty)


def pooled_variances(sums: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Variance of orders and of demand per period, pooled over every period of the paths
    summed into ``sums[..., SUMS]`` (one SKU: the paths share one shift)."""
    names = ("periods", "order_deviation", "order_deviation_sq", "demand_deviation",
             "demand_deviation_sq")  # fmt: skip
    s = {name: sums[..., _IDX[name]] for name in names}
    n = np.maximum(s["periods"], 1.0)
    orders = s["order_deviation_sq"] / n - (s["order_deviation"] / n) ** 2
    demand = s["demand_deviation_sq"] / n - (s["demand_deviation"] / n) ** 2
    return np.maximum(orders, 0.0), np.maximum(demand, 0.0)


def bullwhip_over_skus(sku_sums: np.ndarray, axis: int) -> np.ndarray:
    """Bullwhip of several SKUs (``sku_sums[..., SUMS]`` with SKUs along ``axis``):
    ``Σ Var(orders) / Σ Var(demand)``, each variance pooled over one SKU's paths."""
    orders, demand = pooled_variances(sku_sums)
    return bullwhip_from_variances(orders.sum(axis=axis), demand.sum(axis=axis))


def bullwhip_from_variances(orders: np.ndarray, demand: np.ndarray) -> np.ndarray:
    """Bullwhip ``Var(orders) / Var(demand)`` from (summed) variances; NaN without demand
    variance."""
    return _ratio(orders, demand, np.nan)


def kpi_matrix(
    sums: np.ndarray, *, paths: float, periods_per_year: float, days_per_period: float
) -> np.ndarray:
    """KPIs ``[..., KPI_NAMES]`` from summed quantities ``[..., SUMS]`` over ``paths`` paths."""
    s = {name: sums[..., i] for i, name in enumerate(SUMS)}
    per_path = 1.0 / paths
    on_hand = s["average_on_hand"] * per_path
    costs = [s[name] * per_path for name in ("holding_cost", "ordering_cost", "shortage_cost")]
    costs.append(s["defect_cost"] * per_path)
    by_name = {
        "fill_rate": 1.0 - _ratio(s["short"], s["demand"], 0.0),
        "cycle_service_level": 1.0 - _ratio(s["cycles_short"], s["cycles"], 0.0),
        "stockout_periods": s["stockout_periods"] * per_path,
        "average_on_hand": on_hand,
        "average_backorders": s["average_backorders"] * per_path,
        "inventory_turns": _ratio(
            s["shipped_per_period"] * per_path * periods_per_year, on_hand, np.nan
        ),
        "days_of_supply": _ratio(
            on_hand * days_per_period, s["demand_per_period"] * per_path, np.nan
        ),  # fmt: skip
        "orders_placed": s["orders"] * per_path,
        "bullwhip": _ratio(*pooled_variances(sums), np.nan),
        "units_demanded": s["demand"] * per_path,
        "units_short": s["short"] * per_path,
        "units_lost": s["lost"] * per_path,
        "units_defective": s["defects"] * per_path,
        "holding_cost": costs[0],
        "ordering_cost": costs[1],
        "shortage_cost": costs[2],
        "defect_cost": costs[3],
        "total_cost": costs[0] + costs[1] + costs[2] + costs[3],
    }
    columns = [by_name[name] for name in KPI_NAMES]  # the order of Kpis' fields, by name
    # laid out [..., KPI] in one pass (filling rows and then transposing took two)
    shape = sums.shape[:-1]
    return np.stack([np.broadcast_to(column, shape) for column in columns], axis=-1)


def kpis_from_sums(
    sums: np.ndarray, *, paths: float, periods_per_year: float, days_per_period: float
) -> Kpis:
    """One :class:`Kpis` from a 1-D vector of summed quantities."""
    row = kpi_matrix(
        sums, paths=paths, periods_per_year=periods_per_year, days_per_period=days_per_period
    )
    return Kpis(*(float(x) for x in row))


def bands(values: np.ndarray, quantiles: tuple[float, ...] = (0.1, 0.5, 0.9)) -> np.ndarray:
    """Percentiles across paths (axis 0), NaN-aware: ``[len(quantiles), ...]``."""
    with np.errstate(all="ignore"):
        return np.nanquantile(values, quantiles, axis=0)
