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
    P_LOW,
    P_MAX_COVER,
    P_MIN_COVER,
    P_MOQ,
    P_MULTIPLE,
    P_PLAN_LEAD,
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
    params: np.ndarray,
    lane: int,
    kanban_free: float,
    level_rate: float,
) -> tuple[float, float, float]:
    """The order at the end of a period (MOQ and multiple applied).

    ``review_due``: this period ends a review interval (``(t − start) mod R = 0``);
    ``revision_due``: the heijunka rate is revised (``(t − start) mod N = 0``).
    ``params[lane]`` is the lane's parameter row, ``kanban_free`` the units of emptied containers whose
    cards are not yet sent, ``level_rate`` the current heijunka rate. Returns
    ``(q, kanban_free, level_rate)``.
    """
    q = 0.0
    if code == HEIJUNKA:
        if revision_due:
            rate = (
                forecast
                + (forecast * params[lane, P_PLAN_LEAD] + params[lane, P_SAFETY] - position)
                / params[lane, P_REVISION]
            )
            cap = params[lane, P_PROD_CAP]
            level_rate = 0.0 if rate < MIN_ORDER else (cap if rate > cap else rate)
        q = level_rate
    elif review_due:
        if code == ORDER_UP_TO:
            if params[lane, P_DYNAMIC] > 0.5:
                level = forecast * (params[lane, P_PLAN_LEAD] + params[lane, P_REVIEW])
                q = level + params[lane, P_SAFETY] - position
            else:
                q = params[lane, P_HIGH] - position
        elif code == POUT:
            q = (
                forecast * params[lane, P_REVIEW]
                + (forecast * params[lane, P_PLAN_LEAD] + params[lane, P_SAFETY] - position)
                / params[lane, P_TI]
            )
        elif code == LOT_FOR_LOT:
            q = forecast * params[lane, P_REVIEW] + params[lane, P_CORRECTION] * (
                forecast * params[lane, P_PLAN_LEAD] + params[lane, P_SAFETY] - position
            )
        elif code == REORDER_POINT:
            low = params[lane, P_LOW]
            if params[lane, P_DYNAMIC] > 0.5:
                low = forecast * (params[lane, P_PLAN_LEAD] + params[lane, P_REVIEW])
                low += params[lane, P_SAFETY]
            if position <= low:
                lot = params[lane, P_Q]
                q = (math.floor((low - position) / lot) + 1.0) * lot
        elif code == MIN_MAX:
            low = params[lane, P_LOW]
            high = params[lane, P_HIGH]
            if params[lane, P_DYNAMIC] > 0.5:
                low = forecast * (params[lane, P_PLAN_LEAD] + params[lane, P_REVIEW])
                low += params[lane, P_SAFETY]
                high = low + params[lane, P_Q]
            if position <= low:
                q = high - position
        elif code == VMI:
            if position <= forecast * params[lane, P_MIN_COVER]:
                q = forecast * params[lane, P_MAX_COVER] - position
        elif code == KANBAN:
            container = params[lane, P_Q]
            cards = math.floor(kanban_free / container + 1e-9)
            if cards > 0.0:
                q = cards * container
                kanban_free -= q
        if q < MIN_ORDER:
            q = 0.0
        elif code != KANBAN:
            moq = params[lane, P_MOQ]
            if q < moq:
                q = moq
            multiple = params[lane, P_MULTIPLE]
            if multiple > 0.0:
                q = math.ceil(q / multiple - 1e-9) * multiple
    return q, kanban_free, level_rate
