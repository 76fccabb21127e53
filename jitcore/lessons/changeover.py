"""Rapid changeover: how setup time limits the lot size a line can run, and what SMED buys.

Symbols (units): ``d`` demand rate (units/period); ``p`` production rate while running
(units/period, ``p > d``); ``s`` setup (changeover) time (periods); ``S`` cost of one setup
(money); ``h`` holding cost (money per unit per period).

A line that makes lots of ``Q`` units spends ``Q/p`` periods running and ``s`` periods changing
over per cycle, and a cycle lasts ``Q/d`` periods (the time the lot takes to be used up), so the
line keeps up only when ``Q/p + s ≤ Q/d``: the smallest feasible lot is
``Q_min = s·d / (1 − d/p)`` (the rotation-cycle bound of Silver, Pyke & Thomas 2017, *Inventory
and Production Management in Supply Chains*, 4th ed., ch. 10, for one item; Hopp & Spearman 2011,
*Factory Physics*, 3rd ed., ch. 9, "setup time and capacity"). The economic production
quantity (EPQ, SPT ch. 10; Nahmias 2009 ch. 4) balances setup against holding cost:
``Q* = sqrt(2·d·S / (h·(1 − d/p)))``. SMED (Shingo 1985, *A Revolution in Manufacturing: the
SMED System*) cuts ``s``: ``Q_min`` falls in proportion, and with the setup cost a cost of lost
time (``S = s·c``), ``Q*`` falls with ``√s``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from jitcore.errors import JitError


def _check_rates(demand_rate: float, production_rate: float) -> None:
    if demand_rate <= 0:
        raise JitError(
            "Demand must be positive to size a production lot.", "Pick an item that sells."
        )
    if production_rate <= demand_rate:
        raise JitError(
            "The line makes no more than demand, so it can never stop to change over.",
            "Lower the machine load (run time per unit) below 100 %.",
        )


def minimum_lot(*, setup_time: float, demand_rate: float, production_rate: float) -> float:
    """Smallest lot the capacity allows, ``Q_min = s·d / (1 − d/p)`` (units); ``s`` in periods."""
    _check_rates(demand_rate, production_rate)
    if setup_time < 0:
        raise JitError("A setup time must not be negative.", "Enter 0 or more hours.")
    return setup_time * demand_rate / (1.0 - demand_rate / production_rate)


def economic_production_quantity(
    *, demand_rate: float, production_rate: float, setup_cost: float, holding_cost: float
) -> float:
    """EPQ ``Q* = sqrt(2·d·S / (h·(1 − d/p)))`` (units), SPT ch. 10.

    Worked check: d = 1,000, p = 2,500, S = 50, h = 0.4 (per unit and the same period) →
    Q* = sqrt(2·1000·50 / (0.4·0.6)) = 645.5; with p → ∞ it is Harris's EOQ, 500.
    """
    _check_rates(demand_rate, production_rate)
    if setup_cost < 0 or holding_cost <= 0:
        raise JitError("Setup cost must be ≥ 0 and holding cost > 0.", "Check the cost settings.")
    return math.sqrt(
        2.0 * demand_rate * setup_cost / (holding_cost * (1.0 - demand_rate / production_rate))
    )


def utilisation(
    *, lot: float, setup_time: float, demand_rate: float, production_rate: float
) -> float:
    """Share of time the line is busy, running or changing over: ``d/p + s·d/Q``."""
    _check_rates(demand_rate, production_rate)
    return demand_rate / production_rate + setup_time * demand_rate / lot


def average_cycle_stock(*, lot: float, demand_rate: float, production_rate: float) -> float:
    """Average stock from lot sizing, ``Q·(1 − d/p)/2`` (units; SPT ch. 10, EPQ)."""
    return lot * (1.0 - demand_rate / production_rate) / 2.0


@dataclass(frozen=True)
class Changeover:
    """One line making one item: the smallest lot, the EPQ and the lot run (the larger)."""

    setup_time: float  #: periods per changeover
    minimum_lot: float  #: units
    economic_lot: float  #: units
    lot: float  #: units, max(minimum_lot, economic_lot)
    cycle_stock: float  #: units, average
    utilisation: float  #: share of time busy at that lot


def changeover(
    *,
    setup_time: float,
    demand_rate: float,
    production_rate: float,
    setup_cost_per_period: float,
    holding_cost: float,
) -> Changeover:
    """The line with setups of ``setup_time`` periods, each costing ``setup_time ×
    setup_cost_per_period`` (the value of lost time): it runs the EPQ unless capacity forces a
    larger lot."""
    low = minimum_lot(
        setup_time=setup_time, demand_rate=demand_rate, production_rate=production_rate
    )
    best = economic_production_quantity(
        demand_rate=demand_rate,
        production_rate=production_rate,
        setup_cost=setup_time * setup_cost_per_period,
        holding_cost=holding_cost,
    )
    lot = max(low, best)
    return Changeover(
        setup_time=setup_time,
        minimum_lot=low,
        economic_lot=best,
        lot=lot,
        cycle_stock=average_cycle_stock(
            lot=lot, demand_rate=demand_rate, production_rate=production_rate
        ),
        utilisation=utilisation(
            lot=lot, setup_time=setup_time, demand_rate=demand_rate, production_rate=production_rate
        )
        if lot > 0
        else demand_rate / production_rate,
    )
