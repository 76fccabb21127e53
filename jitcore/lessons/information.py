"""Technology, information and VMI: how far order swings grow up a serial chain.

Each stage runs an order-up-to policy whose level covers ``Le`` periods of demand, estimated by
a ``p``-period moving average of the orders it sees. Chen, Drezner, Ryan & Simchi-Levi (2000),
"Quantifying the bullwhip effect in a simple supply chain", *Management Science* 46(3), 436–443:

* one stage: ``Var(orders)/Var(demand) ≥ 1 + 2Le/p + 2Le²/p²``;
* stage ``k`` when each stage sees only its customer's orders (local information): the product
  ``Π_{i≤k} (1 + 2Le_i/p + 2Le_i²/p²)`` — multiplicative in the lead times;
* stage ``k`` when end-customer demand is shared with every stage: ``1 + 2·ΣLe_i/p +
  2·(ΣLe_i)²/p²`` — additive in the lead times.

Vendor-managed inventory (VMI): the supplier sees end demand and decides the retailer's
replenishment, so retailer and supplier act as one stage whose level covers both exposures;
the stages above see the supplier's orders as before (Disney & Towill 2003, *Int. J. Production
Economics* 85(2), "The effect of VMI dynamics on the bullwhip effect"). These are the lower
bounds of the formulas: the lessons simulate the chain (:mod:`jitcore.chain`) and quote these
as the analytic reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from jitcore.errors import JitError

Information = Literal["local", "shared", "vmi"]


def bullwhip_moving_average(exposure: float, window: int) -> float:
    """One stage's bullwhip, ``1 + 2Le/p + 2Le²/p²`` (Chen et al. 2000)."""
    if window < 1 or exposure < 0:
        raise JitError("The window must be ≥ 1 and the exposure ≥ 0.", "Check the settings.")
    return 1.0 + 2.0 * exposure / window + 2.0 * exposure**2 / window**2


def amplification(exposures: Sequence[float], window: int, information: Information) -> list[float]:
    """Variance of each stage's orders over the end-customer demand's (stage 1 = retailer)."""
    if not exposures:
        raise JitError("A chain needs at least one stage.", "Add a stage.")
    out: list[float] = []
    if information == "shared":
        total = 0.0
        for exposure in exposures:
            total += exposure
            out.append(bullwhip_moving_average(total, window))
        return out
    product, start = 1.0, 0
    if information == "vmi" and len(exposures) >= 2:
        product = bullwhip_moving_average(exposures[0] + exposures[1], window)
        out = [product, product]  # the retailer's replenishment is the supplier's decision
        start = 2
    for exposure in exposures[start:]:
        product *= bullwhip_moving_average(exposure, window)
        out.append(product)
    return out
