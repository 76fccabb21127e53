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
indexed by arrival period, so shipments may cross. See :mod:`tests.engine_reference` for the
same logic written plainly.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import numpy as np
from numba import njit

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
    C_EXPOSURE,
    C_HIGH_COVER,
    C_LEAD,
    C_LOW_COVER,
    C_SS_SCALE,
    FORECAST_MOVING_AVERAGE,
    FORECAST_PLAN,
    FORECAST_SMOOTHING,
    HEIJUNKA,
    KANBAN,
    L_EXPOSURE,
    L_HIGH_COVER,
    L_LEAD,
    L_LOW_COVER,
    L_SS_SCALE,
    LOT_FOR_LOT,
    N_COVERS,
    N_LEVELS,
    ORDER_UP_TO,
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
    P_MAX_COVER,
    P_MIN_COVER,
    P_MOQ,
    P_MULTIPLE,
    P_PLAN_LEAD,
    P_Q,
    P_REVIEW,
    P_REVISION,
    P_SLIP_PERIODS,
    P_SLIP_PROB,
    P_WARMUP,
    P_YIELD,
    P_YIELD_SD,
    POUT,
    S_BACKORDERS,
    S_DEFECTS,
    S_DEMAND,
    S_FORECAST,
    S_LOST,
    S_ON_HAND,
    S_ORDERS,
    S_POSITION,
    S_RECEIPTS,
    VMI,
)
from jitcore.policies import block_orders
from jitcore.supply import draw_delay, draw_yield

#: Below this many units a shortage is rounding noise, not a stockout.
EPSILON = 1e-9


#: Most lanes one thread steps together. The lanes of a block share their policy, review
#: calendar, lead time, active periods, forecast row and forecast mode.
BLOCK = 64

#: Lane settings that must be equal within a block (besides policy, start, end, forecast row).
_BLOCK_PARAMS = (P_LEAD_TIME, P_REVIEW, P_REVISION, P_FORECAST_MODE, P_MA_WINDOW, P_WARMUP)


@njit(cache=True, inline="always", error_model="numpy")
def deciding(code: int, i: int, review: int, revision: int) -> bool:
    """Whether lanes of this policy decide at period ``i``: at each review, every period for
    heijunka (its rate is revised every ``revision`` periods and then ordered each period)."""
    if code == HEIJUNKA:
        return i % revision == 0
    return i % review == 0


@njit(cache=True, nogil=True, error_model="numpy")
def _run_block(
    lo: int,
    hi: int,
    demand: np.ndarray,
    forecast: np.ndarray,
    demand_row: np.ndarray,
    forecast_row: np.ndarray,
    cover: np.ndarray,
    cover_row: np.ndarray,
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
    """Lanes ``lo .. hi-1`` (one block) stepped together, period by period.

    State lives in short arrays indexed by lane; every inner loop runs over the block's lanes
    only, so the compiler vectorises it and the lanes' work overlaps in the processor.
    """
    b = hi - lo
    n_periods = demand.shape[1]
    code = policy[lo]
    t0 = start[lo]
    t1 = end[lo]
    frow = forecast_row[lo]
    lead = int(params[lo, P_LEAD_TIME])
    review = int(params[lo, P_REVIEW])
    revision = int(params[lo, P_REVISION])
    mode = int(params[lo, P_FORECAST_MODE])
    window = int(params[lo, P_MA_WINDOW])
    kpi_start = t0 + int(params[lo, P_WARMUP])
    cols = np.ascontiguousarray(params[lo:hi].T)
    # review policies close a service cycle every R periods, at the arrival of a review's
    # order; trigger policies at each receipt
    periodic = code == ORDER_UP_TO or code == POUT or code == LOT_FOR_LOT or code == HEIJUNKA  # noqa: SIM109
    covered = mode == FORECAST_PLAN and cover_row[lo] >= 0
    levels = np.zeros((N_LEVELS, b))
    for j in range(b):
        levels[L_SS_SCALE, j] = 1.0
    # the covers each policy reads (kanban none; VMI its covers; the others lead and exposure)
    needs = np.zeros(N_COVERS, dtype=np.bool_)
    if code == VMI:
        needs[C_LOW_COVER] = True
        needs[C_HIGH_COVER] = True
    elif code != KANBAN:
        needs[C_LEAD] = True
        needs[C_EXPOSURE] = True
        needs[C_SS_SCALE] = True
    shared = True
    for j in range(b):
        if cover_row[lo + j] != cover_row[lo]:
            shared = False
    random_supply = False
    random_yield = False
    recording = False
    constrained = False
    for j in range(b):
        if cols[P_MOQ, j] > 0.0 or cols[P_MULTIPLE, j] > 0.0:
            constrained = True
        if cols[P_LEAD_SD, j] > 0.0 or cols[P_SLIP_PROB, j] > 0.0:
            random_supply = True
        if cols[P_YIELD_SD, j] > 0.0:
            random_yield = True
        if record[lo + j] >= 0:
            recording = True
    span = max(t1 - t0, 0)
    dem = np.empty((span, b))
    for i0 in range(0, span, 8):  # transpose in tiles of one cache line per lane
        i1 = min(i0 + 8, span)
        for j in range(b):
            row = demand_row[lo + j]
            for i in range(i0, i1):
                dem[i, j] = demand[row, t0 + i]

    ring_qty = np.zeros((ring_size, b))
    ring_good = np.zeros((ring_size, b))
    on_hand = cols[P_INIT_ON_HAND].copy()
    backorders = np.zeros(b)
    on_order = np.zeros(b)
    backlog = np.zeros(b)
    kanban_free = np.zeros(b)
    level_rate = np.zeros(b)
    f0 = forecast[frow, t0] if t0 < n_periods else 0.0
    fcst = np.full(b, f0)
    f_next = np.full(b, f0)
    ma_sum = np.full(b, f0 * window)
    position = np.zeros(b)
    q = np.zeros(b)
    released = np.zeros(b)
    shipped = np.zeros(b)
    good = np.zeros(b)
    defective = np.zeros(b)
    short = np.zeros(b)
    lost = np.zeros(b)
    for k in range(lead + 1):
        slot = (t0 + k) % ring_size
        # in transit at the start: one period's forecast per period of lead time (each period's
        # own forecast when the levels follow the forecast plan, so a rising season starts level)
        planned_k = forecast[frow, t0 + k] if t0 + k < n_periods else f0
        for j in range(b):
            pipe = cols[P_INIT_PIPELINE, j]
            if covered and f0 > 0.0:
                pipe = pipe * planned_k / f0
            ring_qty[slot, j] += pipe
            ring_good[slot, j] += pipe * cols[P_YIELD, j]
            on_order[j] += pipe
    if code == KANBAN:
        for j in range(b):
            free = cols[P_CARDS, j] * cols[P_Q, j] - on_hand[j] - on_order[j]
            kanban_free[j] = free if free > 0.0 else 0.0

    s_short = np.zeros(b)
    s_lost = np.zeros(b)
    s_stockouts = np.zeros(b)
    s_on_hand = np.zeros(b)
    s_backorders = np.zeros(b)
    s_on_order = np.zeros(b)
    s_orders = np.zeros(b)
    s_ordered = np.zeros(b)
    s_order_sq = np.zeros(b)
    s_receipts = np.zeros(b)
    s_defects = np.zeros(b)
    cycles = np.zeros(b)
    cycles_short = np.zeros(b)
    cycle_len = np.zeros(b)
    cycle_flag = np.zeros(b)
    start_backorders = np.zeros(b)

    r = t0 % ring_size
    for t in range(t0, t1):
        i = t - t0
        # 1. receive (small loops over the lanes: each touches few arrays, so it vectorises)
        due_qty = ring_qty[r]
        due_good = ring_good[r]
        for j in range(b):
            good[j] = due_good[j]
            defective[j] = due_qty[j] - due_good[j]
        for j in range(b):
            due_qty[j] = 0.0
            due_good[j] = 0.0
        for j in range(b):
            on_order[j] -= good[j] + defective[j]
        arrival_slot = (i - lead - 1) % review == 0
        for j in range(b):
            arrived = arrival_slot if periodic else good[j] + defective[j] > 0.0
            close = arrived & (cycle_len[j] > 0.0)
            cycles[j] += 1.0 if close else 0.0
            cycles_short[j] += cycle_flag[j] if close else 0.0
            cycle_len[j] = 0.0 if close else cycle_len[j]
            cycle_flag[j] = 0.0 if close else cycle_flag[j]
        # 2. serve backorders, then demand; the rest is backordered or lost
        demand_now = dem[i]
        for j in range(b):
            h = on_hand[j] + good[j]
            k = backorders[j]
            d = demand_now[j]
            filled = h if h < k else k
            h -= filled
            k -= filled
            served = h if h < d else d
            h -= served
            gap = d - served
            gone = gap if cols[P_LOST_SALES, j] > 0.5 else 0.0
            backorders[j] = k + gap - gone
            short[j] = gap
            lost[j] = gone
            shipped[j] = filled + served
            on_hand[j] = h
        if code == KANBAN:
            for j in range(b):
                kanban_free[j] += defective[j] + shipped[j]
        for j in range(b):
            position[j] = on_hand[j] - backorders[j] + on_order[j]
        # 3. forecast for t + 1
        if mode == FORECAST_SMOOTHING:
            for j in range(b):
                f_next[j] = fcst[j] + cols[P_ALPHA, j] * (dem[i, j] - fcst[j])
        elif mode == FORECAST_MOVING_AVERAGE:
            for j in range(b):
                old = dem[i - window, j] if i >= window else f0
                ma_sum[j] += dem[i, j] - old
                f_next[j] = ma_sum[j] / window
        else:
            planned = forecast[frow, t + 1 if t + 1 < n_periods else t]
            for j in range(b):
                f_next[j] = planned
        # 4. review and order against the forecast over the periods each level covers;
        # the supplier releases up to its capacity
        # only the levels this policy reads, and only at a review (heijunka: every period)
        if deciding(code, i, review, revision):
            if covered and shared:
                row = cover_row[lo]
                for k in range(N_COVERS):
                    if needs[k]:
                        value = cover[row, k, t]
                        for j in range(b):
                            levels[k, j] = value
            elif covered:
                for k in range(N_COVERS):
                    if needs[k]:
                        for j in range(b):
                            levels[k, j] = cover[cover_row[lo + j], k, t]
            else:
                if needs[C_LEAD] or needs[C_EXPOSURE]:
                    for j in range(b):
                        levels[L_LEAD, j] = f_next[j] * cols[P_PLAN_LEAD, j]
                    for j in range(b):
                        levels[L_EXPOSURE, j] = f_next[j] * (
                            cols[P_PLAN_LEAD, j] + cols[P_REVIEW, j]
                        )
                if needs[C_LOW_COVER]:
                    for j in range(b):
                        levels[L_LOW_COVER, j] = f_next[j] * cols[P_MIN_COVER, j]
                        levels[L_HIGH_COVER, j] = f_next[j] * cols[P_MAX_COVER, j]
        block_orders(
            code,
            i % review == 0,
            i % revision == 0,
            position,
            levels,
            cols,
            kanban_free,
            level_rate,
            q,
            constrained,
        )
        a = r + 1 + lead
        if a >= ring_size:
            a -= ring_size
        for j in range(b):
            on_order[j] += q[j]
        for j in range(b):
            pending = backlog[j] + q[j]
            cap = cols[P_CAPACITY, j]
            release = pending if pending < cap else cap
            backlog[j] = pending - release
            released[j] = release
        if not random_supply:
            arriving = ring_qty[a]
            for j in range(b):
                arriving[j] += released[j]
            if not random_yield:
                arriving_good = ring_good[a]
                for j in range(b):
                    arriving_good[j] += released[j] * cols[P_YIELD, j]
        if random_supply or random_yield:
            for j in range(b):
                release = released[j]
                if release <= 0.0:
                    continue
                lane_key = key[lo + j]
                slot = a
                if random_supply:
                    delay = draw_delay(
                        seed,
                        lane_key,
                        t,
                        cols[P_LEAD_TIME, j],
                        cols[P_LEAD_SD, j],
                        cols[P_LEAD_MAX, j],
                        cols[P_SLIP_PROB, j],
                        cols[P_SLIP_PERIODS, j],
                    )
                    slot = r + 1 + delay
                    if slot >= ring_size:
                        slot -= ring_size
                    ring_qty[slot, j] += release
                share = draw_yield(seed, lane_key, t, cols[P_YIELD, j], cols[P_YIELD_SD, j])
                ring_good[slot, j] += release * share
        # 5. record
        if t >= kpi_start:
            # one short loop per sum: loops touching few arrays vectorise
            for j in range(b):
                s_short[j] += short[j]
            for j in range(b):
                s_lost[j] += lost[j]
            for j in range(b):
                out = short[j] > EPSILON
                s_stockouts[j] += 1.0 if out else 0.0
                # a cycle fails when a period of it ends with demand unmet (backordered or lost)
                unmet = out | (backorders[j] > EPSILON)
                cycle_flag[j] = 1.0 if unmet else cycle_flag[j]
            for j in range(b):
                cycle_len[j] += 1.0
            for j in range(b):
                s_on_hand[j] += on_hand[j]
            for j in range(b):
                s_backorders[j] += backorders[j]
            for j in range(b):
                s_on_order[j] += on_order[j]
            for j in range(b):
                x = q[j] - f0
                s_order_sq[j] += x * x
            for j in range(b):
                s_orders[j] += 1.0 if q[j] > 0.0 else 0.0
            for j in range(b):
                s_ordered[j] += q[j]
            for j in range(b):
                s_receipts[j] += good[j]
            for j in range(b):
                s_defects[j] += defective[j]
        elif t + 1 == kpi_start:
            for j in range(b):
                start_backorders[j] = backorders[j]
        if recording:
            for j in range(b):
                slot = record[lo + j]
                if slot >= 0:
                    timelines[S_DEMAND, slot, t] = dem[i, j]
                    timelines[S_FORECAST, slot, t] = fcst[j]
                    timelines[S_ORDERS, slot, t] = q[j]
                    timelines[S_RECEIPTS, slot, t] = good[j]
                    timelines[S_DEFECTS, slot, t] = defective[j]
                    timelines[S_ON_HAND, slot, t] = on_hand[j]
                    timelines[S_BACKORDERS, slot, t] = backorders[j]
                    timelines[S_LOST, slot, t] = lost[j]
                    timelines[S_POSITION, slot, t] = on_hand[j] - backorders[j] + on_order[j]
        for j in range(b):
            fcst[j] = f_next[j]
        r += 1
        if r == ring_size:
            r = 0

    for j in range(b):
        lane = lo + j
        if cycle_len[j] > 0.0:
            cycles[j] += 1.0
            cycles_short[j] += cycle_flag[j]
        acc[lane, A_SHIFT] = f0
        acc[lane, A_SHORT] = s_short[j]
        acc[lane, A_LOST] = s_lost[j]
        acc[lane, A_STOCKOUT_PERIODS] = s_stockouts[j]
        acc[lane, A_ON_HAND] = s_on_hand[j]
        acc[lane, A_BACKORDERS] = s_backorders[j]
        acc[lane, A_ON_ORDER] = s_on_order[j]
        acc[lane, A_ORDERS] = s_orders[j]
        acc[lane, A_ORDERED] = s_ordered[j]
        acc[lane, A_ORDER_SHIFT_SQ] = s_order_sq[j]
        acc[lane, A_RECEIPTS] = s_receipts[j]
        acc[lane, A_DEFECTS] = s_defects[j]
        acc[lane, A_CYCLES] = cycles[j]
        acc[lane, A_CYCLES_SHORT] = cycles_short[j]
        acc[lane, A_START_BACKORDERS] = start_backorders[j]
        acc[lane, A_END_ON_HAND] = on_hand[j]
        acc[lane, A_END_BACKORDERS] = backorders[j]
        acc[lane, A_END_ON_ORDER] = on_order[j]


@njit(cache=True, nogil=True, error_model="numpy")
def _demand_sums(
    lo: int,
    hi: int,
    demand: np.ndarray,
    demand_row: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    params: np.ndarray,
    acc: np.ndarray,
) -> None:
    """Periods, demand and shifted demand sums over each lane's KPI window (policy-free)."""
    for lane in range(lo, hi):
        shift = acc[lane, A_SHIFT]
        first = start[lane] + int(params[lane, P_WARMUP])
        total = 0.0
        square = 0.0
        row = demand_row[lane]
        for t in range(first, end[lane]):
            x = demand[row, t] - shift
            total += x
            square += x * x
        periods = max(end[lane] - first, 0)
        acc[lane, A_PERIODS] = periods
        acc[lane, A_DEMAND_SHIFT] = total
        acc[lane, A_DEMAND_SHIFT_SQ] = square
        acc[lane, A_DEMAND] = total + shift * periods


@njit(cache=True, nogil=True, error_model="numpy")
def simulate_blocks(
    first: int,
    last: int,
    blocks: np.ndarray,
    demand: np.ndarray,
    forecast: np.ndarray,
    demand_row: np.ndarray,
    forecast_row: np.ndarray,
    cover: np.ndarray,
    cover_row: np.ndarray,
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
    """Simulate blocks ``first .. last-1`` (``blocks``: first lane of each block, then ``n``);
    fills ``acc[lane, A_*]`` (zero on entry) and ``timelines[S_*, slot, period]``. Releases the
    GIL, so threads can share the blocks of one call."""
    for c in range(first, last):
        lo = blocks[c]
        hi = blocks[c + 1]
        _run_block(
            lo,
            hi,
            demand,
            forecast,
            demand_row,
            forecast_row,
            cover,
            cover_row,
            policy,
            start,
            end,
            key,
            record,
            params,
            seed,
            ring_size,
            acc,
            timelines,
        )
        _demand_sums(lo, hi, demand, demand_row, start, end, params, acc)


def block_starts(lanes_policy: np.ndarray, start: np.ndarray, end: np.ndarray,
                 forecast_row: np.ndarray, params: np.ndarray,
                 cover_row: np.ndarray | None = None) -> np.ndarray:  # fmt: skip
    """Where blocks begin: wherever a block-wide setting changes, and every ``BLOCK`` lanes."""
    n = len(lanes_policy)
    if n == 0:
        return np.zeros(1, dtype=np.int64)
    keys = [lanes_policy, start, end, forecast_row] + [params[:, c] for c in _BLOCK_PARAMS]
    if cover_row is not None:
        keys.append(cover_row >= 0)
    change = np.zeros(n, dtype=bool)
    change[0] = True
    for column in keys:
        change[1:] |= column[1:] != column[:-1]
    firsts = np.flatnonzero(change)
    bounds = []
    for lo, hi in zip(firsts, [*firsts[1:], n], strict=True):
        bounds.extend(range(int(lo), int(hi), BLOCK))
    bounds.append(n)
    return np.asarray(bounds, dtype=np.int64)


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
    """numba's on-disk cache only watches each function's own file: drop the cached machine
    code of the kernel and of the modules it compiles in (policies, supply) when any of them or
    the constants they read (lanes) changed since it was cached — a cached ``block_orders``
    would otherwise keep the old values of the lane constants."""
    try:
        root = Path(__file__).resolve().parent.parent
        digest = hashlib.sha1()
        for name in _DEPENDENCIES:
            digest.update((root / name).read_bytes())
        cache_dir = Path(simulate_blocks._cache._cache_path)
        stamp = cache_dir / "kernel.dependencies"
        current = digest.hexdigest()
        if stamp.exists() and stamp.read_text() == current:
            return
        for path in cache_dir.glob("kernel.*.nb[ic]"):
            path.unlink(missing_ok=True)
        for name in _DEPENDENCIES:
            for path in (root / "__pycache__").glob(f"{Path(name).stem}.*.nb[ic]"):
                path.unlink(missing_ok=True)
        cache_dir.mkdir(parents=True, exist_ok=True)
        stamp.write_text(current)
    except (OSError, AttributeError):  # read-only install or another numba layout: keep going
        pass


_drop_stale_cache()
