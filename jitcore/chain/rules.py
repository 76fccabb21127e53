"""The rules of one period of a serial chain, vectorised over demand paths (numpy, one row a
path). The batch run and the game step through the same :func:`advance`.

Period ``t`` for every stage ``i`` (0 = retailer, the last = factory), customer side first:

1. **receive** the shipments due at ``t``;
2. **serve** the incoming order (the retailer's is end-customer demand, stage ``i``'s is the
   order stage ``i − 1`` placed in this period): backorders first, then the new order; what
   cannot be shipped is backordered. A shipment to stage ``i − 1`` arrives at the start of
   ``t + 1 + L_{i−1}``; the factory's order is produced and arrives at ``t + 1 + L``;
3. **forecast** demand per period ``f`` from the signal the stage sees (``local``: its incoming
   orders; ``shared``: end-customer demand): a ``p``-period moving average
   ``m_t = (x_t + … + x_{t−p+1}) / p`` or exponential smoothing ``f_t = f_{t−1} + α(x_t − f_{t−1})``;
4. **order**, with inventory position ``IP`` = on hand − backorders + in transit + what the
   supplier still owes, the level ``S = f·(L + 1) + SS`` and the exposure ``L + 1``:

   * ``order_up_to``: ``q = S − IP``. On i.i.d. demand with a moving average this is
     ``q_t = d_t + (L + 1)/p · (d_t − d_{t−p})``, bullwhip ``1 + 2Le/p + 2Le²/p²`` with
     ``Le = L + 1`` (Chen, Drezner, Ryan & Simchi-Levi 2000, Management Science 46(3));
   * ``pout``: ``q = f + (S − f − IP) / Ti`` (John, Naim & Towill 1994; Disney & Towill 2003);
     ``Ti = 1`` is ``order_up_to``;
   * ``kanban``: containers of ``C`` units: ``q = C × containers emptied`` of what the stage
     shipped to its customer (pull: it replaces what was taken, whatever the forecast);
   * ``manual``: the order given from outside (typed by a person in the game).

   Orders are never negative; a ``manual`` stage's order is used as given. With ``vmi`` (or
   ``shared_vmi``) the wholesaler orders for the retailer and for
   itself on their echelon: ``q_1 = S_e − IP_e`` with ``IP_e`` = both positions after the
   retailer's order and ``S_e = f·(Le_0 + Le_1) + SS_0 + SS_1``, ``f`` from end demand.

Costs per period: holding × on hand (end of period) + backorder cost × backorders.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from jitcore.chain.settings import ChainSettings
from jitcore.errors import ScenarioError


@dataclass(frozen=True, eq=False)
class ChainState:
    """Where every path of a chain stands at the end of a period (arrays, paths first).

    ``on_hand``, ``backorders`` (owed to the customer), ``forecast`` and ``kanban_open`` (units
    taken but not yet a full container) are ``[path, stage]``; ``transit[path, stage, k]`` holds
    what arrives at the stage ``k + 1`` periods from now; ``history[i]`` ``[path, p_i]`` the last
    ``p_i`` signals of stage ``i``'s moving average. ``period`` is the number of periods played.
    The arrays are changed in place by :func:`advance`; :meth:`copy` before keeping one.
    """

    on_hand: np.ndarray
    backorders: np.ndarray
    transit: np.ndarray
    forecast: np.ndarray
    history: tuple[np.ndarray, ...]
    kanban_open: np.ndarray
    period: int = 0

    def copy(self) -> ChainState:
        return ChainState(
            self.on_hand.copy(),
            self.backorders.copy(),
            self.transit.copy(),
            self.forecast.copy(),
            tuple(h.copy() for h in self.history),
            self.kanban_open.copy(),
            self.period,
        )

    def inventory_position(self) -> np.ndarray:
        """``[path, stage]`` on hand − backorders + in transit + what the supplier owes."""
        return np.stack([_position(self, i) for i in range(self.on_hand.shape[1])], axis=1)


@dataclass(frozen=True, eq=False)
class Week:
    """What happened in one period, ``[path, stage]`` (``demand`` ``[path]``): the incoming
    order, units of it shipped late (``short``), the order placed, receipts, end-of-period on
    hand and backorders, and the period's cost."""

    demand: np.ndarray
    incoming: np.ndarray
    short: np.ndarray
    orders: np.ndarray
    receipts: np.ndarray
    on_hand: np.ndarray
    backorders: np.ndarray
    cost: np.ndarray


def initial_state(settings: ChainSettings, paths: int) -> ChainState:
    """The steady state at the mean demand ``μ``: each stage holds its safety stock, ``μ`` per
    period is in transit over its lead time, forecasts read ``μ``, nothing is owed."""
    mu = settings.demand.mean
    stages = settings.stages
    n = len(stages)
    slots = max(stage.lead_time for stage in stages) + 1
    transit = np.zeros((paths, n, slots))
    for i, stage in enumerate(stages):
        transit[:, i, : stage.lead_time + 1] = mu
    safety = np.array(settings.safety_stocks())
    return ChainState(
        on_hand=np.tile(safety, (paths, 1)),
        backorders=np.zeros((paths, n)),
        transit=transit,
        forecast=np.full((paths, n), mu),
        history=tuple(np.full((paths, stage.window), mu) for stage in stages),
        kanban_open=np.zeros((paths, n)),
    )


def _update_forecast(state: ChainState, i: int, settings: ChainSettings, signal: np.ndarray):
    stage = settings.stages[i]
    if stage.forecast == "moving_average":
        history = state.history[i]
        history[:, state.period % stage.window] = signal
        state.forecast[:, i] = history.mean(axis=1)
    else:
        state.forecast[:, i] += stage.alpha * (signal - state.forecast[:, i])


def _rule_order(
    settings: ChainSettings,
    i: int,
    forecast: np.ndarray,
    position: np.ndarray,
    exposure: float,
    safety: float,
) -> np.ndarray:
    stage = settings.stages[i]
    level = forecast * exposure + safety
    if stage.policy == "pout":
        order = forecast + (level - forecast - position) / stage.smoothing_periods
    else:
        order = level - position
    return np.maximum(order, 0.0)


def advance(
    state: ChainState,
    settings: ChainSettings,
    demand: np.ndarray,
    given: Mapping[int, np.ndarray | float] | None = None,
) -> Week:
    """Play one period on every path: ``demand`` ``[path]`` end-customer demand, ``given`` the
    orders of the ``manual`` stages (stage index → order per path or one number). Changes
    ``state`` in place (and moves its period on) and returns what happened."""
    given = given or {}
    stages = settings.stages
    n = len(stages)
    paths = state.on_hand.shape[0]
    safety = settings.safety_stocks()
    vmi = settings.vendor_managed
    demand = np.asarray(demand, dtype=float).reshape(paths)

    receipts = state.transit[:, :, 0].copy()
    state.on_hand[:] += receipts
    state.transit[:, :, :-1] = state.transit[:, :, 1:]
    state.transit[:, :, -1] = 0.0

    incoming = np.zeros((paths, n))
    short = np.zeros((paths, n))
    orders = np.zeros((paths, n))
    arriving = demand
    for i, stage in enumerate(stages):
        incoming[:, i] = arriving
        free = np.maximum(state.on_hand[:, i] - state.backorders[:, i], 0.0)
        short[:, i] = np.maximum(arriving - free, 0.0)
        owed = state.backorders[:, i] + arriving
        shipped = np.minimum(state.on_hand[:, i], owed)
        state.on_hand[:, i] -= shipped
        state.backorders[:, i] = owed - shipped
        if i > 0:
            state.transit[:, i - 1, stages[i - 1].lead_time] += shipped

        sees_end_demand = settings.shares_demand or (vmi and i <= 1)
        _update_forecast(state, i, settings, demand if sees_end_demand else arriving)

        # what the supplier owes counts as of last period: this period's order has not reached it
        position = _position(state, i)
        if stage.policy == "manual":
            if i not in given:
                raise ScenarioError(
                    f"The {stage.name}'s orders are typed by a person, but no order was given "
                    f"for period {state.period + 1}.",
                    "Type the order for this week, or choose a rule for the stage.",
                )
            order = np.broadcast_to(np.asarray(given[i], dtype=float), (paths,))
            if not np.all(np.isfinite(order)) or np.any(order < 0):
                raise ScenarioError(
                    f"The {stage.name}'s order must be a number of units, 0 or more.",
                    "Type a whole number such as 4 or 12.",
                )
        elif stage.policy == "kanban":
            taken = state.kanban_open[:, i] + shipped
            order = stage.container * np.floor(taken / stage.container + 1e-9)
            state.kanban_open[:, i] = taken - order
        elif vmi and i == 1:
            # the retailer's position now includes what was just shipped to it or still owed
            echelon = position + _position(state, 0)
            exposure = stages[0].exposure + stage.exposure
            order = _rule_order(
                settings, i, state.forecast[:, i], echelon, exposure, safety[0] + safety[1]
            )
        else:
            order = _rule_order(
                settings, i, state.forecast[:, i], position, stage.exposure, safety[i]
            )
        if settings.whole_units and stage.policy != "manual":
            order = np.rint(order)
        orders[:, i] = order
        arriving = order
    # the factory's order goes into production
    state.transit[:, n - 1, stages[n - 1].lead_time] += orders[:, n - 1]

    cost = (
        np.array([s.holding_cost for s in stages]) * state.on_hand
        + np.array([s.backorder_cost for s in stages]) * state.backorders
    )
    week = Week(
        demand=demand.copy(),
        incoming=incoming,
        short=short,
        orders=orders,
        receipts=receipts,
        on_hand=state.on_hand.copy(),
        backorders=state.backorders.copy(),
        cost=cost,
    )
    object.__setattr__(state, "period", state.period + 1)
    return week


def _position(state: ChainState, i: int) -> np.ndarray:
    """Stage ``i``'s inventory position ``[path]``: on hand − backorders + in transit + what its
    supplier owes it."""
    n = state.on_hand.shape[1]
    owed = state.backorders[:, i + 1] if i + 1 < n else 0.0
    return state.on_hand[:, i] - state.backorders[:, i] + state.transit[:, i].sum(axis=1) + owed
