"""Smoothing (heijunka): a steadier order stream upstream, paid for with stock downstream.

The proportional order-up-to policy (POUT) orders the forecast plus a share ``1/Ti`` of the gap
between the target and the inventory position; ``Ti = 1`` is the plain order-up-to policy, which
passes demand on one for one. With i.i.d. demand of σ per period, a known mean and a lead time
of ``L`` periods (an order placed at the end of a period arrives ``L + 1`` periods later, the
app's period convention), Disney & Towill (2003), "On the bullwhip and inventory variance
produced by an ordering policy", *Omega* 31(3), 157–167, give

* bullwhip ``Var(orders)/σ² = 1/(2Ti − 1)``;
* net stock variance ``Var(NS)/σ² = (L + 1) + (Ti − 1)²/(2Ti − 1)``,

so the safety stock for a cycle service level is ``k·σ·√(Var(NS)/σ²)``. Halving the order
variance (``Ti = 1.5``) costs a twelfth more net-stock variance with L = 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from jitcore.errors import JitError


def _check(smoothing: float, lead_time: float) -> None:
    if smoothing < 1:
        raise JitError(
            f"The smoothing Ti must be at least 1 (got {smoothing:g}).",
            "Ti = 1 is the plain order-up-to policy; larger values smooth more.",
        )
    if lead_time < 0:
        raise JitError("The lead time must not be negative.", "Enter 0 or more periods.")


def order_variance_ratio(smoothing: float) -> float:
    """POUT bullwhip on i.i.d. demand: ``1/(2Ti − 1)``."""
    _check(smoothing, 0)
    return 1.0 / (2.0 * smoothing - 1.0)


def net_stock_variance_ratio(smoothing: float, lead_time: float) -> float:
    """POUT net stock variance over σ²: ``(L + 1) + (Ti − 1)²/(2Ti − 1)``."""
    _check(smoothing, lead_time)
    return lead_time + 1.0 + (smoothing - 1.0) ** 2 / (2.0 * smoothing - 1.0)


@dataclass(frozen=True)
class Smoothing:
    smoothing: float  #: Ti
    order_sd: float  #: units per period
    safety_stock: float  #: units


def smooth(
    *, smoothing: float, demand_sd: float, lead_time: float, safety_factor: float
) -> Smoothing:
    """Order σ and safety stock of POUT with ``Ti = smoothing``."""
    return Smoothing(
        smoothing=smoothing,
        order_sd=demand_sd * math.sqrt(order_variance_ratio(smoothing)),
        safety_stock=safety_factor
        * demand_sd
        * math.sqrt(net_stock_variance_ratio(smoothing, lead_time)),
    )
