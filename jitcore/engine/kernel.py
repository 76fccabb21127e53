"""The fast simulation kernel (numba): every lane simulated over time, lanes in parallel.

One lane is one SKU × path × swept setting. Within period ``t`` (the period convention of the
whole library):

1. **receive** the shipments due at ``t`` (good units go on hand; defective units are rejected);
2. **serve demand**: backorders first, then the period's demand; what cannot be served is
   backordered or lost;
3. **forecast**: the forecast for ``t + 1`` is taken from the plan or updated from the demand;
4. **review and order** (every ``R`` periods; heijunka every period): the order joins the
   supplier's backlog; the supplier releases up to its capacity, and a release at the end of
   ``t`` arrives at the start of ``t + 1 + L_i`` (``+ slip``).

KPIs accumulate over periods ``start + warmup .. end − 1``. Open shipments live in a ring buffer
indexed by arrival period, so shipments may cross. See :mod:`jitcore.engine.reference` for the
same logic written plainly.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import numpy as np
from numba import njit, prange

from jitcore.lanes import (
    A_BACKORDERS,
    A_CYCLES,
    A_CYCLES_SHORT,
    A_DEFECTS,
    A_DEMAND,
    A_DEMAND_SHIFT,
    A_DEMAND_SHIFT_SQ,
    A_END_BACKORDERS,
    A_END_ON_HAND,
    A_END_ON_ORDER,
    A_LOST,
    A_ON_HAND,
    A_ON_ORDER,
    A_ORDER_SHIFT_SQ,
    A_ORDERED,
    A_ORDERS,
    A_PERIODS,
    A_RECEIPTS,
    A_SHIFT,
    A_SHORT,
    A_START_BACKORDERS,
    A_STOCKOUT_PERIODS,
    FORECAST_MOVING_AVERAGE,
    FORECAST_SMOOTHING,
    KANBAN,
    P_ALPHA,
    P_CAPACITY,
    P_CARDS,
    P_FORECAST_MODE,
    P_INIT_ON_HAND,
    P_INIT_PIPELINE,
    P_LEAD_MAX,
    P_LEAD_SD,
    P_LEAD_TIME,
    P_LOST_SALES,
    P_MA_WINDOW,
    P_Q,
    P_REVIEW,
    P_REVISION,
    P_SLIP_PERIODS,
    P_SLIP_PROB,
    P_WARMUP,
    P_YIELD,
    P_YIELD_SD,
    S_BACKORDERS,
    S_DEFECTS,
    S_DEMAND,
    S_FORECAST,
    S_LOST,
    S_ON_HAND,
    S_ORDERS,
    S_POSITION,
    S_RECEIPTS,
)
from jitcore.policies import order_quantity
from jitcore.supply import draw_delay, draw_yield

#: Below this many units a shortage is rounding noise, not a stockout.
EPSILON = 1e-9


@njit(cache=True, error_model="numpy")
def _run_lane(
    lane: int,
    demand: np.ndarray,
    forecast_matrix: np.ndarray,
    demand_row: np.ndarray,
    forecast_row: np.ndarray,
    policy: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    key: np.ndarray,
    record: np.ndarray,
    params: np.ndarray,
    seed: int,
    ring_size: int,
    ring_qty: np.ndarray,
    ring_good: np.ndarray,
    acc: np.ndarray,
    timelines: np.ndarray,
) -> None:
    """Simulate one lane over its periods ``[start, end)``; state lives in local scalars."""
    n_periods = demand.shape[1]
    row = demand_row[lane]
    frow = forecast_row[lane]
    code = policy[lane]
    t0 = start[lane]
    t1 = end[lane]
    lane_key = key[lane]
    slot = record[lane]
    lead = params[lane, P_LEAD_TIME]
    lead_sd = params[lane, P_LEAD_SD]
    lead_max = params[lane, P_LEAD_MAX]
    slip_prob = params[lane, P_SLIP_PROB]
    slip_periods = params[lane, P_SLIP_PERIODS]
    yield_rate = params[lane, P_YIELD]
    yield_sd = params[lane, P_YIELD_SD]
    capacity = params[lane, P_CAPACITY]
    lost_sales = params[lane, P_LOST_SALES] > 0.5
    mode = int(params[lane, P_FORECAST_MODE])
    alpha = params[lane, P_ALPHA]
    window = int(params[lane, P_MA_WINDOW])
    review = int(params[lane, P_REVIEW])
    revision = int(params[lane, P_REVISION])
    kpi_start = t0 + int(params[lane, P_WARMUP])

    for i in range(ring_size):
        ring_qty[i] = 0.0
        ring_good[i] = 0.0
    on_hand = params[lane, P_INIT_ON_HAND]
    backorders = 0.0
    on_order = 0.0
    backlog = 0.0
    pipe = params[lane, P_INIT_PIPELINE]
    if pipe > 0.0:
        for k in range(int(lead) + 1):
            ring_qty[(t0 + k) % ring_size] += pipe
            ring_good[(t0 + k) % ring_size] += pipe * yield_rate
            on_order += pipe
    kanban_free = 0.0
    if code == KANBAN:
        kanban_free = max(params[lane, P_CARDS] * params[lane, P_Q] - on_hand - on_order, 0.0)
    level_rate = 0.0
    f = forecast_matrix[frow, t0] if t0 < n_periods else 0.0
    f0 = f
    ma_sum = f0 * window

    s_short = 0.0
    s_lost = 0.0
    s_stockouts = 0.0
    s_on_hand = 0.0
    s_backorders = 0.0
    s_on_order = 0.0
    s_orders = 0.0
    s_ordered = 0.0
    s_order_sq = 0.0
    s_receipts = 0.0
    s_defects = 0.0
    cycles = 0.0
    cycles_short = 0.0
    cycle_len = 0
    cycle_flag = 0.0
    start_backorders = 0.0
    review_count = 0
    revision_count = 0
    r = t0 % ring_size
    for t in range(t0, t1):
        # 1. receive
        arrived = ring_qty[r]
        good = ring_good[r]
        ring_qty[r] = 0.0
        ring_good[r] = 0.0
        on_order -= arrived
        on_hand += good
        defective = arrived - good
        if arrived > 0.0 and cycle_len > 0:
            cycles += 1.0
            cycles_short += cycle_flag
            cycle_len = 0
            cycle_flag = 0.0

        # 2. serve backorders, then demand
        d = demand[row, t]
        filled = on_hand if on_hand < backorders else backorders
        on_hand -= filled
        backorders -= filled
        served = on_hand if on_hand < d else d
        on_hand -= served
        short = d - served
        lost = 0.0
        if lost_sales:
            lost = short
        else:
            backorders += short

        # 3. forecast for t + 1
        f_used = f
        if mode == FORECAST_SMOOTHING:
            f = f + alpha * (d - f)
        elif mode == FORECAST_MOVING_AVERAGE:
            old = demand[row, t - window] if t - window >= t0 else f0
            ma_sum += d - old
            f = ma_sum / window
        else:
            f = forecast_matrix[frow, t + 1 if t + 1 < n_periods else t]

        # 4. review and order; the supplier releases up to its capacity
        if code == KANBAN:
            kanban_free += defective + filled + served
        q, kanban_free, level_rate = order_quantity(
            code,
            review_count == 0,
            revision_count == 0,
            on_hand - backorders + on_order,
            f,
            params,
            lane,
            kanban_free,
            level_rate,
        )
        review_count += 1
        if review_count == review:
            review_count = 0
        revision_count += 1
        if revision_count == revision:
            revision_count = 0
        on_order += q
        backlog += q
        if backlog > 0.0:
            release = backlog if backlog < capacity else capacity
            backlog -= release
            delay = draw_delay(seed, lane_key, t, lead, lead_sd, lead_max, slip_prob, slip_periods)
            a = r + 1 + delay
            if a >= ring_size:
                a -= ring_size
            ring_qty[a] += release
            ring_good[a] += release * draw_yield(seed, lane_key, t, yield_rate, yield_sd)

        # 5. record
        if t >= kpi_start:
            s_short += short
            s_lost += lost
            if short > EPSILON:
                s_stockouts += 1.0
                cycle_flag = 1.0
            cycle_len += 1
            s_on_hand += on_hand
            s_backorders += backorders
            s_on_order += on_order
            qs = q - f0
            s_order_sq += qs * qs
            if q > 0.0:
                s_orders += 1.0
                s_ordered += q
            s_receipts += good
            s_defects += defective
        elif t + 1 == kpi_start:
            start_backorders = backorders
        if slot >= 0:
            timelines[S_DEMAND, slot, t] = d
            timelines[S_FORECAST, slot, t] = f_used
            timelines[S_ORDERS, slot, t] = q
            timelines[S_RECEIPTS, slot, t] = good
            timelines[S_DEFECTS, slot, t] = defective
            timelines[S_ON_HAND, slot, t] = on_hand
            timelines[S_BACKORDERS, slot, t] = backorders
            timelines[S_LOST, slot, t] = lost
            timelines[S_POSITION, slot, t] = on_hand - backorders + on_order
        r += 1
        if r == ring_size:
            r = 0

    if cycle_len > 0:
        cycles += 1.0
        cycles_short += cycle_flag
    acc[lane, A_SHIFT] = f0
    acc[lane, A_SHORT] = s_short
    acc[lane, A_LOST] = s_lost
    acc[lane, A_STOCKOUT_PERIODS] = s_stockouts
    acc[lane, A_ON_HAND] = s_on_hand
    acc[lane, A_BACKORDERS] = s_backorders
    acc[lane, A_ON_ORDER] = s_on_order
    acc[lane, A_ORDERS] = s_orders
    acc[lane, A_ORDERED] = s_ordered
    acc[lane, A_ORDER_SHIFT_SQ] = s_order_sq
    acc[lane, A_RECEIPTS] = s_receipts
    acc[lane, A_DEFECTS] = s_defects
    acc[lane, A_CYCLES] = cycles
    acc[lane, A_CYCLES_SHORT] = cycles_short
    acc[lane, A_START_BACKORDERS] = start_backorders
    acc[lane, A_END_ON_HAND] = on_hand
    acc[lane, A_END_BACKORDERS] = backorders
    acc[lane, A_END_ON_ORDER] = on_order


@njit(parallel=True, cache=True, error_model="numpy")
def demand_sums(
    demand: np.ndarray,
    demand_row: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    params: np.ndarray,
    acc: np.ndarray,
) -> None:
    """Periods, demand and shifted demand sums over each lane's KPI window (policy-free)."""
    for lane in prange(demand_row.shape[0]):
        shift = acc[lane, A_SHIFT]
        lo = start[lane] + int(params[lane, P_WARMUP])
        total = 0.0
        square = 0.0
        row = demand_row[lane]
        for t in range(lo, end[lane]):
            x = demand[row, t] - shift
            total += x
            square += x * x
        periods = max(end[lane] - lo, 0)
        acc[lane, A_PERIODS] = periods
        acc[lane, A_DEMAND_SHIFT] = total
        acc[lane, A_DEMAND_SHIFT_SQ] = square
        acc[lane, A_DEMAND] = total + shift * periods


@njit(parallel=True, cache=True, error_model="numpy")
def simulate_lanes(
    demand: np.ndarray,
    forecast: np.ndarray,
    demand_row: np.ndarray,
    forecast_row: np.ndarray,
    policy: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    key: np.ndarray,
    record: np.ndarray,
    params: np.ndarray,
    seed: int,
    ring_size: int,
    acc: np.ndarray,
    timelines: np.ndarray,
) -> None:
    """Simulate every lane; fills ``acc[lane, A_*]`` (zero on entry) and
    ``timelines[S_*, slot, period]``."""
    n = demand_row.shape[0]
    n_chunks = min(n, 1024)
    for c in prange(n_chunks):
        ring_qty = np.empty(ring_size)
        ring_good = np.empty(ring_size)
        for lane in range(c * n // n_chunks, (c + 1) * n // n_chunks):
            _run_lane(
                lane,
                demand,
                forecast,
                demand_row,
                forecast_row,
                policy,
                start,
                end,
                key,
                record,
                params,
                seed,
                ring_size,
                ring_qty,
                ring_good,
                acc,
                timelines,
            )


def ring_size_for(params: np.ndarray) -> int:
    """Ring length: longest possible delay (lead time max + slip) plus two periods."""
    if len(params) == 0:
        return 2
    from jitcore.lanes import P_LEAD_MAX, P_LEAD_TIME, P_SLIP_PERIODS

    longest = np.maximum(params[:, P_LEAD_MAX], params[:, P_LEAD_TIME]) + params[:, P_SLIP_PERIODS]
    return int(math.ceil(float(longest.max()))) + 2


#: Modules whose numba code is compiled into this kernel.
_DEPENDENCIES: tuple[str, ...] = ("policies.py", "supply.py", "lanes.py")


def _drop_stale_cache() -> None:
    """numba's on-disk cache only watches this file: drop the kernel's cached machine code
    when a module it compiles in (policies, supply, lanes) has changed since it was cached."""
    try:
        root = Path(__file__).resolve().parent.parent
        digest = hashlib.sha1()
        for name in _DEPENDENCIES:
            digest.update((root / name).read_bytes())
        cache_dir = Path(simulate_lanes._cache._cache_path)
        stamp = cache_dir / "kernel.dependencies"
        current = digest.hexdigest()
        if stamp.exists() and stamp.read_text() == current:
            return
        for path in cache_dir.glob("kernel.*.nb[ic]"):
            path.unlink(missing_ok=True)
        cache_dir.mkdir(parents=True, exist_ok=True)
        stamp.write_text(current)
    except (OSError, AttributeError):  # read-only install or another numba layout: keep going
        pass


_drop_stale_cache()
