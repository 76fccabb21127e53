"""Replenishment policies: their settings and the order each one places at a review.

Notation at the end of period ``t`` (after demand): ``IP`` inventory position (on hand −
backorders + on order, including the supplier's backlog); ``f`` forecast demand per period for
the coming periods (the forecast of period ``t + 1``); ``L`` mean lead time; ``R`` review
period; ``SS`` safety stock; ``E = L + R`` exposure. Reviews happen at the end of periods
``start, start + R, start + 2R, ...``. Every rule gives ``q ≥ 0``; then the minimum order
quantity and the order multiple apply (not to kanban, whose lot is the container).

* ``lot_for_lot`` (JIT): ``q = f·R + c·(f·L + SS − IP)``: order what the forecast needs at
  arrival, corrected towards the buffer by a share ``c`` (``c = 1`` is MRP netting, the same
  as order-up-to to ``S = f·(L + R) + SS``).
* ``kanban``: ``N`` containers of ``C`` units circulate; a container's card is released when
  it empties (units served plus units rejected), and at each review ``q = C × cards released``.
* ``reorder_point`` (s, Q): if ``IP ≤ s``, order ``n·Q`` with the smallest ``n`` giving
  ``IP + n·Q > s`` (Hadley & Whitin's (s, nQ)).
* ``order_up_to`` (R, S): ``q = S − IP``.
* ``min_max`` (s, S): if ``IP ≤ s``, ``q = S − IP``.
* ``vmi``: the supplier reviews every ``R`` periods with min and max in periods of forecast
  cover: if ``IP ≤ f·m_min``, it ships ``f·m_max − IP``.
* ``heijunka``: every ``N`` periods the level rate is revised to
  ``r = clip(f + (f·L + SS − IP)/N, 0, capacity)`` and ``r`` is ordered every period.
* ``pout``: ``q = f·R + (f·L + SS − IP)/Ti`` — the proportional order-up-to policy of John,
  Naim & Towill (1994) and Disney & Towill (2003), "On the bullwhip and inventory variance
  produced by an ordering policy", Omega 31(3). ``Ti = 1`` is the order-up-to policy with
  ``S = f·(L + R) + SS``. With i.i.d. demand, ``R = 1`` and a known mean (``f = μ``) its
  bullwhip is ``Var(q)/Var(d) = 1/(2·Ti − 1)``.

With ``levels = follow_forecast`` the reorder point, order-up-to level and minimum follow the
forecast at each review: ``s = S = F_E + SS`` and ``max = s + Q``, where ``F_E`` is the sum of
the forecasts over the ``E = L + R`` periods the order covers (``f·E`` for a flat forecast), so
a seasonal or trending item holds stock ahead of a peak and runs it down after it; ``f·L`` in
the rules above is likewise the forecast summed over the lead time, ``f·R`` the forecast of the
``R`` periods the order supplies, and VMI's ``f·m`` the forecast over ``m`` periods.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
from numba import njit
from pydantic import Field

from jitcore.buffers.plan import SkuBuffer
from jitcore.lanes import (
    HEIJUNKA,
    KANBAN,
    L_EXPOSURE,
    L_HIGH_COVER,
    L_LEAD,
    L_LOW_COVER,
    L_SS_SCALE,
    LOT_FOR_LOT,
    MIN_MAX,
    ORDER_UP_TO,
    P_CORRECTION,
    P_DYNAMIC,
    P_HIGH,
    P_LOW,
    P_MOQ,
    P_MULTIPLE,
    P_PROD_CAP,
    P_Q,
    P_REVIEW,
    P_REVISION,
    P_SAFETY,
    P_TI,
    P_WHOLE,
    POUT,
    REORDER_POINT,
    VMI,
)
from jitcore.settings import Settings, amount, share, whole

#: Orders below this many units are rounding noise and are not placed.
MIN_ORDER = 1e-9

PolicyKind = Literal[
    "lot_for_lot",
    "kanban",
    "reorder_point",
    "order_up_to",
    "min_max",
    "vmi",
    "heijunka",
    "pout",
]

#: Policies that order a lot when the inventory position falls to a trigger level; the others
#: review on a calendar and order up to a level (their service cycle is one review period).
LOT_POLICIES = frozenset({"reorder_point", "min_max", "vmi"})
TRIGGER_POLICIES = LOT_POLICIES | {"kanban"}


def cycle_quantity_rule(kind: str) -> str:
    """What one replenishment cycle brings, for the fill-rate formulas: the lot
    (``order_quantity``), the kanban ``container``, or one ``review`` period's demand."""
    if kind in LOT_POLICIES:
        return "order_quantity"
    return "container" if kind == "kanban" else "review"


#: Plain-language names of the policies, for menus and reports.
POLICY_NAMES: dict[str, str] = {
    "lot_for_lot": "JIT lot-for-lot",
    "kanban": "Kanban",
    "reorder_point": "Reorder point (s, Q)",
    "order_up_to": "Periodic review order-up-to (R, S)",
    "min_max": "Min-max (s, S)",
    "vmi": "Vendor-managed min-max (VMI)",
    "heijunka": "Level-loaded production (heijunka)",
    "pout": "Proportional order-up-to (POUT)",
}


class PolicySettings(Settings):
    """The replenishment policy and its order constraints (rules in :mod:`jitcore.policies`)."""

    kind: PolicyKind = Field("order_up_to", description="replenishment policy")
    review_period: int = whole(1, "periods between two reviews of stock (R)", low=1, high=365)
    levels: Literal["fixed", "follow_forecast"] = Field(
        "follow_forecast",
        description="reorder point and order-up-to level: recomputed at each review from the "
        "current forecast (follow_forecast), or fixed per SKU from the average forecast",
    )
    correction: float = share(
        1.0, "lot-for-lot: share of the gap to the buffer corrected in one period", positive=True
    )
    smoothing_periods: float = Field(
        4.0, ge=1.0, le=100.0, description="POUT proportional controller Ti in periods (1 = OUT)"
    )
    revision_periods: int = whole(
        4, "heijunka: periods between two revisions of the rate", low=1, high=365
    )
    production_capacity: float | None = amount(
        None, "heijunka: maximum level rate in units per period", positive=True
    )
    vmi_min_cover: float | None = amount(
        None, "VMI: minimum in periods of forecast cover; empty = s/d"
    )
    vmi_max_cover: float | None = amount(
        None, "VMI: maximum in periods of forecast cover; empty = S/d", positive=True
    )
    min_order_quantity: float = amount(0.0, "minimum order quantity in units")
    order_multiple: float = amount(0.0, "orders are rounded up to a multiple of this (0 = none)")
    unmet_demand: Literal["backorder", "lost_sales"] = Field(
        "backorder", description="demand not served from stock is backordered or lost"
    )


def vmi_covers(
    buffer: SkuBuffer, min_cover: float | None, max_cover: float | None
) -> tuple[float, float]:
    """VMI minimum and maximum in periods of forecast cover: as set, or (empty) the plan's
    reorder point and min-max maximum in periods of average demand, ``s/d`` and ``(s + Q)/d``;
    the maximum is never below the minimum."""
    d = buffer.mean_demand
    low = min_cover if min_cover is not None else (buffer.reorder_point / d if d > 0 else 0.0)
    high = max_cover if max_cover is not None else (buffer.max_level / d if d > 0 else 0.0)
    return float(low), float(max(high, low))


@njit(cache=True, inline="always", error_model="numpy")
def _whole(level: float, whole: float) -> float:
    """A level rounded to the nearest whole unit when stock comes in whole units (``whole`` =
    1): the plan's level is a whole-unit quantile, and a forecast a little below average must
    not drop it a whole unit (2.9 units hold only 2, with the service of 2)."""
    return math.floor(level + 0.5) if whole > 0.5 else level


#: Policies whose levels that follow the forecast the engine rounds to whole units (``_whole``).
WHOLE_UNIT_LEVEL_POLICIES = ("order_up_to", "reorder_point", "min_max")


def whole_unit_levels(levels: np.ndarray) -> np.ndarray:
    """Levels (units) rounded as the engine rounds them for whole-unit stock: to the nearest
    whole unit, halves up (``⌊level + ½⌋``, the rule of ``_whole``)."""
    return np.floor(np.asarray(levels, dtype=float) + 0.5)


@njit(cache=True, error_model="numpy")
def block_orders(
    code: int,
    review_due: bool,
    revision_due: bool,
    position: np.ndarray,
    levels: np.ndarray,
    cols: np.ndarray,
    kanban_free: np.ndarray,
    level_rate: np.ndarray,
    q: np.ndarray,
    constrained: bool,
) -> None:
    """Fill ``q[j]`` with the order of each lane of a block at the end of a period.

    All lanes of a block share the policy ``code`` and the review calendar; ``cols[P_*, j]``
    holds lane ``j``'s parameters, ``position`` its inventory position after demand,
    ``levels[L_*, j]`` what it plans with: the next period's forecast, the forecast summed
    over the planning lead time (``F_L``), over the exposure (``F_E``, ``E = L + R``) and over
    the VMI covers, and the safety-stock multiplier ``m`` (levels use ``SS·m``). With a flat
    forecast ``f`` these are ``f``, ``f·L``, ``f·(L + R)``, ``f·m_min``, ``f·m_max`` and 1, the
    rules of the module docstring. ``kanban_free`` (units of emptied containers whose cards
    are not yet sent) and ``level_rate`` (heijunka rate) are updated in place. The minimum
    order quantity and the order multiple are applied here (``constrained``: some lane of the
    block has one). Each loop runs over the lanes only, so the compiler can vectorise it.
    """
    b = q.shape[0]
    if code == HEIJUNKA:
        if revision_due:
            for j in range(b):
                safety = cols[P_SAFETY, j] * levels[L_SS_SCALE, j]
                # the forecast per period of the periods this rate starts to supply
                supplied = (levels[L_EXPOSURE, j] - levels[L_LEAD, j]) / cols[P_REVIEW, j]
                rate = supplied + (levels[L_LEAD, j] + safety - position[j]) / cols[P_REVISION, j]
                cap = cols[P_PROD_CAP, j]
                level_rate[j] = 0.0 if rate < MIN_ORDER else (cap if rate > cap else rate)
        for j in range(b):
            q[j] = level_rate[j]
        return
    if not review_due:
        for j in range(b):
            q[j] = 0.0
        return
    if code == ORDER_UP_TO:
        for j in range(b):
            dynamic = levels[L_EXPOSURE, j] + cols[P_SAFETY, j] * levels[L_SS_SCALE, j]
            dynamic = _whole(dynamic, cols[P_WHOLE, j])
            level = dynamic if cols[P_DYNAMIC, j] > 0.5 else cols[P_HIGH, j]
            q[j] = level - position[j]
    elif code == POUT:
        for j in range(b):
            safety = cols[P_SAFETY, j] * levels[L_SS_SCALE, j]
            gap = levels[L_LEAD, j] + safety - position[j]
            q[j] = levels[L_EXPOSURE, j] - levels[L_LEAD, j] + gap / cols[P_TI, j]
    elif code == LOT_FOR_LOT:
        for j in range(b):
            safety = cols[P_SAFETY, j] * levels[L_SS_SCALE, j]
            gap = levels[L_LEAD, j] + safety - position[j]
            q[j] = levels[L_EXPOSURE, j] - levels[L_LEAD, j] + cols[P_CORRECTION, j] * gap
    elif code == REORDER_POINT:
        for j in range(b):
            dynamic = levels[L_EXPOSURE, j] + cols[P_SAFETY, j] * levels[L_SS_SCALE, j]
            dynamic = _whole(dynamic, cols[P_WHOLE, j])
            low = dynamic if cols[P_DYNAMIC, j] > 0.5 else cols[P_LOW, j]
            lot = cols[P_Q, j]
            lots = math.floor((low - position[j]) / lot) + 1.0
            q[j] = lots * lot if position[j] <= low else 0.0
    elif code == MIN_MAX:
        for j in range(b):
            dynamic = levels[L_EXPOSURE, j] + cols[P_SAFETY, j] * levels[L_SS_SCALE, j]
            dynamic = _whole(dynamic, cols[P_WHOLE, j])
            is_dynamic = cols[P_DYNAMIC, j] > 0.5
            low = dynamic if is_dynamic else cols[P_LOW, j]
            high = dynamic + cols[P_Q, j] if is_dynamic else cols[P_HIGH, j]
            q[j] = high - position[j] if position[j] <= low else 0.0
    elif code == VMI:
        for j in range(b):
            low = levels[L_LOW_COVER, j]
            high = levels[L_HIGH_COVER, j]
            q[j] = high - position[j] if position[j] <= low else 0.0
    elif code == KANBAN:
        for j in range(b):
            container = cols[P_Q, j]
            cards = math.floor(kanban_free[j] / container + 1e-9)
            cards = cards if cards > 0.0 else 0.0
            q[j] = cards * container
            kanban_free[j] -= q[j]
        return
    if not constrained:
        for j in range(b):
            q[j] = q[j] if q[j] >= MIN_ORDER else 0.0
        return
    for j in range(b):
        x = q[j]
        moq = cols[P_MOQ, j]
        x = moq if x < moq else x
        multiple = cols[P_MULTIPLE, j]
        rounded = math.ceil(x / multiple - 1e-9) * multiple if multiple > 0.0 else x
        q[j] = rounded if q[j] >= MIN_ORDER else 0.0
