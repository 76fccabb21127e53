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
forecast at each review: ``s = S = f·E + SS`` and ``max = s + Q``.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
from numba import njit
from pydantic import Field

from jitcore.lanes import (
    HEIJUNKA,
    KANBAN,
    LOT_FOR_LOT,
    MIN_MAX,
    ORDER_UP_TO,
    P_CORRECTION,
    P_DYNAMIC,
    P_HIGH,
    P_LEAD_TIME,
    P_LOW,
    P_MAX_COVER,
    P_MIN_COVER,
    P_MOQ,
    P_MULTIPLE,
    P_PROD_CAP,
    P_Q,
    P_REVIEW,
    P_REVISION,
    P_SAFETY,
    P_TI,
    POUT,
    REORDER_POINT,
    VMI,
)
from jitcore.settings import Settings

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
    review_period: int = Field(
        1, ge=1, le=365, description="periods between two reviews of stock (R)"
    )
    levels: Literal["fixed", "follow_forecast"] = Field(
        "fixed",
        description="reorder point and order-up-to level: fixed per SKU, or recomputed each "
        "review from the current forecast",
    )
    correction: float = Field(
        1.0,
        gt=0.0,
        le=1.0,
        description="lot-for-lot: share of the gap to the buffer corrected in one period",
    )
    smoothing_periods: float = Field(
        4.0, ge=1.0, le=100.0, description="POUT proportional controller Ti in periods (1 = OUT)"
    )
    revision_periods: int = Field(
        4, ge=1, le=365, description="heijunka: periods between two revisions of the rate"
    )
    production_capacity: float | None = Field(
        None, gt=0.0, description="heijunka: maximum level rate in units per period"
    )
    vmi_min_cover: float | None = Field(
        None, ge=0.0, description="VMI: minimum in periods of forecast cover; empty = s/d"
    )
    vmi_max_cover: float | None = Field(
        None, gt=0.0, description="VMI: maximum in periods of forecast cover; empty = S/d"
    )
    min_order_quantity: float = Field(0.0, ge=0.0, description="minimum order quantity in units")
    order_multiple: float = Field(
        0.0, ge=0.0, description="orders are rounded up to a multiple of this (0 = none)"
    )
    unmet_demand: Literal["backorder", "lost_sales"] = Field(
        "backorder", description="demand not served from stock is backordered or lost"
    )


@njit(cache=True, inline="always", error_model="numpy")
def order_quantity(
    code: int,
    review_due: bool,
    revision_due: bool,
    position: float,
    forecast: float,
    p: np.ndarray,
    kanban_free: float,
    level_rate: float,
) -> tuple[float, float, float]:
    """The order at the end of a period (MOQ and multiple applied).

    ``review_due``: this period ends a review interval (``(t − start) mod R = 0``);
    ``revision_due``: the heijunka rate is revised (``(t − start) mod N = 0``).
    ``p`` is the lane's parameter row, ``kanban_free`` the units of emptied containers whose
    cards are not yet sent, ``level_rate`` the current heijunka rate. Returns
    ``(q, kanban_free, level_rate)``.
    """
    lead = p[P_LEAD_TIME]
    review = p[P_REVIEW]
    safety = p[P_SAFETY]
    q = 0.0
    if code == HEIJUNKA:
        if revision_due:
            rate = forecast + (forecast * lead + safety - position) / p[P_REVISION]
            level_rate = min(max(rate, 0.0), p[P_PROD_CAP])
        return level_rate, kanban_free, level_rate
    if not review_due:
        return 0.0, kanban_free, level_rate
    exposure = lead + review
    dynamic = p[P_DYNAMIC] > 0.5
    if code == ORDER_UP_TO:
        level = forecast * exposure + safety if dynamic else p[P_HIGH]
        q = level - position
    elif code == REORDER_POINT:
        low = forecast * exposure + safety if dynamic else p[P_LOW]
        if position <= low:
            lot = p[P_Q]
            q = (math.floor((low - position) / lot) + 1.0) * lot
    elif code == MIN_MAX:
        low = forecast * exposure + safety if dynamic else p[P_LOW]
        high = low + p[P_Q] if dynamic else p[P_HIGH]
        if position <= low:
            q = high - position
    elif code == VMI:
        if position <= forecast * p[P_MIN_COVER]:
            q = forecast * p[P_MAX_COVER] - position
    elif code == POUT:
        q = forecast * review + (forecast * lead + safety - position) / p[P_TI]
    elif code == LOT_FOR_LOT:
        q = forecast * review + p[P_CORRECTION] * (forecast * lead + safety - position)
    elif code == KANBAN:
        container = p[P_Q]
        cards = math.floor(kanban_free / container + 1e-9)
        if cards > 0:
            q = cards * container
            kanban_free -= q
        return q, kanban_free, level_rate
    if q <= 0.0:
        return 0.0, kanban_free, level_rate
    q = max(q, p[P_MOQ])
    multiple = p[P_MULTIPLE]
    if multiple > 0.0:
        q = math.ceil(q / multiple - 1e-9) * multiple
    return q, kanban_free, level_rate
