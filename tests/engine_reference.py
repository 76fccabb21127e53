"""The simulation written as a slow, obvious Python loop: the oracle for the fast kernel.

Same model, same period convention and same random numbers as :mod:`jitcore.engine.kernel`,
but with a list of open shipments instead of a ring buffer, policies written out one by one
and the random numbers hashed with Python integers. Tests require both to agree on random
scenarios; the benchmark times it as the "plain Python loop".
"""

from __future__ import annotations

import math

import numpy as np

from jitcore import lanes as layout
from jitcore.engine import EngineOutput
from jitcore.lanes import (
    ACCUMULATORS,
    HEIJUNKA,
    KANBAN,
    LOT_FOR_LOT,
    MIN_MAX,
    N_SERIES,
    ORDER_UP_TO,
    PARAM_NAMES,
    POUT,
    REORDER_POINT,
    SERIES,
    VMI,
    LaneSet,
)

_MASK = (1 << 64) - 1


def _mix(x: int) -> int:
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return x ^ (x >> 31)


def uniform(seed: int, key: int, period: int, stream: int) -> float:
    """SplitMix64 hash of (seed, key, period, stream) → (0, 1), as in :mod:`jitcore.supply`."""
    x = (seed * 0x9E3779B97F4A7C15) & _MASK
    x = _mix(x ^ ((key * 0xD1B54A32D192ED03) & _MASK))
    x = _mix(x ^ ((period * 0xABC98388FB8FAC03) & _MASK) ^ ((stream * 0x8CB92BA72F3D8DD7) & _MASK))
    return ((x >> 11) + 0.5) * (1.0 / 9007199254740992.0)


def normal(seed: int, key: int, period: int, stream: int) -> float:
    u1 = uniform(seed, key, period, stream)
    u2 = uniform(seed, key, period, stream + 16)
    return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


def _order(code: int, p: dict[str, float], position: float, v: dict, state: dict) -> float:
    """The order placed at a review (before MOQ/multiple) — the policies, one by one. ``v``:
    the forecast over the lead time (``lead``), over the exposure (``exposure``), over the VMI
    covers (``low``, ``high``) and the safety stock in force (``safety``)."""
    safety = v["safety"]
    dynamic = p["dynamic_levels"] > 0.5
    whole = p["whole_units"] > 0.5

    def level(value: float) -> float:
        return math.floor(value + 0.5) if whole else value

    if code == ORDER_UP_TO:
        target = level(v["exposure"] + safety) if dynamic else p["order_up_to"]
        return target - position
    if code == POUT:
        supplied = v["exposure"] - v["lead"]
        return supplied + (v["lead"] + safety - position) / p["smoothing_periods"]
    if code == LOT_FOR_LOT:
        supplied = v["exposure"] - v["lead"]
        return supplied + p["correction"] * (v["lead"] + safety - position)
    if code == REORDER_POINT:
        s = level(v["exposure"] + safety) if dynamic else p["reorder_point"]
        if position > s:
            return 0.0
        n = math.floor((s - position) / p["order_quantity"]) + 1
        return n * p["order_quantity"]
    if code == MIN_MAX:
        s = level(v["exposure"] + safety) if dynamic else p["reorder_point"]
        big_s = s + p["order_quantity"] if dynamic else p["order_up_to"]
        return big_s - position if position <= s else 0.0
    if code == VMI:
        if position <= v["low"]:
            return v["high"] - position
        return 0.0
    if code == KANBAN:
        cards = math.floor(state["kanban_free"] / p["order_quantity"] + 1e-9)
        q = cards * p["order_quantity"] if cards > 0 else 0.0
        state["kanban_free"] -= q
        return q
    raise ValueError(f"unknown policy code {code}")


def simulate_reference(
    demand: np.ndarray,
    forecast: np.ndarray,
    lanes: LaneSet,
    *,
    seed: int = 0,
    cover: np.ndarray | None = None,
) -> EngineOutput:
    """Simulate every lane with plain Python; same output as :func:`jitcore.engine.simulate`."""
    n_periods = demand.shape[1]
    acc = np.zeros((lanes.n, len(ACCUMULATORS)))
    timelines = np.full((N_SERIES, lanes.n_recorded, n_periods), np.nan)
    for lane in range(lanes.n):
        p = dict(zip(PARAM_NAMES, (float(x) for x in lanes.params[lane]), strict=True))
        sums = _simulate_lane(
            demand[lanes.demand_row[lane]],
            forecast[lanes.forecast_row[lane]],
            int(lanes.policy[lane]),
            int(lanes.start[lane]),
            int(lanes.end[lane]),
            int(lanes.key[lane]),
            p,
            seed,
            timelines[:, lanes.record[lane]] if lanes.record[lane] >= 0 else None,
            None if cover is None or lanes.cover_row[lane] < 0 else cover[lanes.cover_row[lane]],
        )
        for name, value in sums.items():
            acc[lane, ACCUMULATORS.index(name)] = value
    acc.flags.writeable = False
    timelines.flags.writeable = False
    return EngineOutput(lanes, acc, timelines)


def _simulate_lane(
    demand: np.ndarray,
    forecast: np.ndarray,
    code: int,
    start: int,
    end: int,
    key: int,
    p: dict[str, float],
    seed: int,
    timeline: np.ndarray | None,
    cover: np.ndarray | None = None,
) -> dict[str, float]:
    n_periods = len(demand)
    lead = int(p["lead_time"])
    covered = cover is not None and int(p["forecast_mode"]) == layout.FORECAST_PLAN
    f0 = float(forecast[start]) if start < n_periods else 0.0
    shipments: list[list[float]] = []  # [arrival period, units, good units]
    on_hand = p["initial_on_hand"]
    backorders = 0.0
    backlog = 0.0  # ordered but not yet released by the supplier
    if p["initial_pipeline"] > 0:
        for k in range(lead + 1):
            units = p["initial_pipeline"]
            if covered and f0 > 0:
                planned = float(forecast[start + k]) if start + k < n_periods else f0
                units = units * planned / f0
            shipments.append([start + k, units, units * p["yield_rate"]])
    state = {"kanban_free": 0.0}
    if code == KANBAN:
        in_transit = sum(s[1] for s in shipments)
        state["kanban_free"] = max(
            p["kanban_cards"] * p["order_quantity"] - on_hand - in_transit, 0.0
        )
    level_rate = 0.0
    f = float(forecast[start]) if start < n_periods else 0.0
    first_forecast = f
    window = int(p["moving_average_periods"])
    history: list[float] = []
    kpi_start = start + int(p["warmup_periods"])
    s = {name: 0.0 for name in ACCUMULATORS}
    s["shift"] = first_forecast
    cycle_periods = 0
    cycle_short = False
    orders_in_window: list[float] = []
    demand_in_window: list[float] = []

    for t in range(start, end):
        due = [x for x in shipments if x[0] == t]
        shipments = [x for x in shipments if x[0] != t]
        arrived = sum(x[1] for x in due)
        good = sum(x[2] for x in due)
        defective = arrived - good
        on_hand += good
        periodic = code in (ORDER_UP_TO, POUT, LOT_FOR_LOT, HEIJUNKA)
        review = int(p["review_period"])
        closes = (t - start - lead - 1) % review == 0 if periodic else arrived > 0
        if closes and cycle_periods > 0:
            s["cycles"] += 1
            s["cycles_short"] += 1.0 if cycle_short else 0.0
            cycle_periods = 0
            cycle_short = False

        d = float(demand[t])
        filled = min(on_hand, backorders)
        on_hand -= filled
        backorders -= filled
        served = min(on_hand, d)
        on_hand -= served
        short = d - served
        lost = short if p["lost_sales"] > 0.5 else 0.0
        if p["lost_sales"] <= 0.5:
            backorders += short

        used = f
        history.append(d)
        mode = int(p["forecast_mode"])
        if mode == layout.FORECAST_SMOOTHING:
            f = f + p["smoothing_alpha"] * (d - f)
        elif mode == layout.FORECAST_MOVING_AVERAGE:
            recent = history[-window:]
            padded = [first_forecast] * (window - len(recent)) + recent
            f = sum(padded) / window
        else:
            f = float(forecast[min(t + 1, n_periods - 1)])

        if code == KANBAN:
            state["kanban_free"] += defective + filled + served
        on_order = sum(x[1] for x in shipments) + backlog
        position = on_hand - backorders + on_order
        elapsed = t - start
        plan_lead = p["planning_lead_time"]
        if covered:
            v = {"lead": cover[layout.C_LEAD, t], "exposure": cover[layout.C_EXPOSURE, t],
                 "low": cover[layout.C_LOW_COVER, t], "high": cover[layout.C_HIGH_COVER, t],
                 "safety": p["safety_stock"] * cover[layout.C_SS_SCALE, t]}  # fmt: skip
        else:
            v = {"lead": f * plan_lead, "exposure": f * (plan_lead + p["review_period"]),
                 "low": f * p["vmi_min_cover"], "high": f * p["vmi_max_cover"],
                 "safety": p["safety_stock"]}  # fmt: skip
        q = 0.0
        if code == HEIJUNKA:
            if elapsed % int(p["revision_periods"]) == 0:
                supplied = (v["exposure"] - v["lead"]) / p["review_period"]
                rate = supplied + (v["lead"] + v["safety"] - position) / p["revision_periods"]
                level_rate = 0.0 if rate < 1e-9 else min(rate, p["production_capacity"])
            q = level_rate
        elif elapsed % int(p["review_period"]) == 0:
            q = _order(code, p, position, v, state)
            q = q if q >= 1e-9 else 0.0  # below a billionth of a unit: rounding noise
            if q > 0 and code != KANBAN:
                q = max(q, p["min_order_quantity"])
                if p["order_multiple"] > 0:
                    q = math.ceil(q / p["order_multiple"] - 1e-9) * p["order_multiple"]
        backlog += q
        if backlog > 0:
            release = min(backlog, p["capacity"])
            backlog -= release
            delay = lead
            if p["lead_time_sd"] > 0:
                drawn = math.floor(lead + p["lead_time_sd"] * normal(seed, key, t, 0) + 0.5)
                delay = int(min(max(drawn, 0.0), p["lead_time_max"]))
            if p["slip_probability"] > 0 and uniform(seed, key, t, 2) < p["slip_probability"]:
                delay += int(p["slip_periods"])
            share = p["yield_rate"]
            if p["yield_sd"] > 0:
                share = min(max(share + p["yield_sd"] * normal(seed, key, t, 3), 0.0), 1.0)
            shipments.append([t + 1 + delay, release, release * share])
        on_order = sum(x[1] for x in shipments) + backlog
        position = on_hand - backorders + on_order

        if t >= kpi_start:
            s["periods"] += 1
            s["demand"] += d
            s["short"] += short
            s["lost"] += lost
            if short > 1e-9:
                s["stockout_periods"] += 1
            if short > 1e-9 or backorders > 1e-9:
                cycle_short = True
            cycle_periods += 1
            s["on_hand"] += on_hand
            s["backorders"] += backorders
            s["on_order"] += on_order
            s["orders"] += 1.0 if q > 0 else 0.0
            s["ordered"] += q
            s["receipts"] += good
            s["defects"] += defective
            orders_in_window.append(q)
            demand_in_window.append(d)
        elif t + 1 == kpi_start:
            s["start_backorders"] = backorders
        if timeline is not None:
            values = {
                "demand": d, "forecast": used, "orders": q, "receipts": good,
                "defects": defective, "on_hand": on_hand, "backorders": backorders,
                "lost_sales": lost, "inventory_position": position,
            }  # fmt: skip
            for i, name in enumerate(SERIES):
                timeline[i, t] = values[name]

    if cycle_periods > 0:
        s["cycles"] += 1
        s["cycles_short"] += 1.0 if cycle_short else 0.0
    shift = first_forecast
    s["order_shift_sq"] = sum((q - shift) ** 2 for q in orders_in_window)
    s["demand_shift"] = sum(d - shift for d in demand_in_window)
    s["demand_shift_sq"] = sum((d - shift) ** 2 for d in demand_in_window)
    s["end_on_hand"] = on_hand
    s["end_backorders"] = backorders
    s["end_on_order"] = sum(x[1] for x in shipments) + backlog
    return s
