"""Flat simulation lanes: one lane = one SKU × path × swept setting, with its parameter row.

The kernel reads every setting of a lane from ``LaneSet.params[lane, P_*]`` (float64) and a few
integer arrays (which demand row, which forecast row, which policy, active periods, random key,
timeline slot). A trade-off sweep is one call: lanes for every value share the demand rows, so
all settings see the same demand draws (common random numbers), and the supply randomness is
keyed by ``key`` (SKU × path), not by the lane, so it is shared too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# --- policy codes (order rules in jitcore.policies) ------------------------------------------
POLICY_CODES: dict[str, int] = {
    "lot_for_lot": 0, "kanban": 1, "reorder_point": 2, "order_up_to": 3, "min_max": 4, "vmi": 5,
    "heijunka": 6, "pout": 7,
}  # fmt: skip
#: The codes under the names the kernel uses (in the order above).
LOT_FOR_LOT, KANBAN, REORDER_POINT, ORDER_UP_TO, MIN_MAX, VMI, HEIJUNKA, POUT = (
    POLICY_CODES.values()
)

# --- forecast updating inside the simulation ------------------------------------------------
FORECAST_CODES: dict[str, int] = {"plan": 0, "exponential_smoothing": 1, "moving_average": 2}
#: The codes under the names the kernel uses (in the order above).
FORECAST_PLAN, FORECAST_SMOOTHING, FORECAST_MOVING_AVERAGE = FORECAST_CODES.values()

# --- parameter columns (units in the comments) ----------------------------------------------
P_LEAD_TIME = 0  # mean lead time L, whole periods
P_LEAD_SD = 1  # standard deviation of the lead time, periods (0 = fixed)
P_LEAD_MAX = 2  # largest lead time drawn, periods (truncation of the normal)
P_SLIP_PROB = 3  # probability that a shipment slips
P_SLIP_PERIODS = 4  # periods a slipped shipment is late
P_YIELD = 5  # mean share of a receipt that is good
P_YIELD_SD = 6  # standard deviation of the good share
P_CAPACITY = 7  # supplier units shipped per period (inf = unlimited)
P_MOQ = 8  # minimum order quantity, units
P_MULTIPLE = 9  # order multiple, units (0 = none)
P_LOST_SALES = 10  # 1 = unmet demand is lost, 0 = backordered
P_REVIEW = 11  # review period R, periods
P_SAFETY = 12  # safety stock SS, units
P_LOW = 13  # reorder point s / minimum, units
P_HIGH = 14  # order-up-to level S / maximum, units
P_Q = 15  # order quantity Q (s, Q) / container size (kanban), units
P_CARDS = 16  # kanban cards in circulation
P_TI = 17  # POUT proportional controller Ti, periods
P_CORRECTION = 18  # lot-for-lot share of the buffer gap corrected per period
P_REVISION = 19  # heijunka revision interval N, periods
P_PROD_CAP = 20  # heijunka rate cap, units per period (inf = none)
P_MIN_COVER = 21  # VMI minimum, periods of forecast
P_MAX_COVER = 22  # VMI maximum, periods of forecast
P_DYNAMIC = 23  # 1 = s and S follow the forecast: f·(L+R) + SS
P_FORECAST_MODE = 24  # FORECAST_* code
P_ALPHA = 25  # exponential smoothing constant
P_MA_WINDOW = 26  # moving average window, periods
P_INIT_ON_HAND = 27  # on hand before the first period, units
P_INIT_PIPELINE = 28  # units arriving at each of the first L + 1 periods (already ordered)
P_WARMUP = 29  # periods at the start left out of the KPIs
P_PLAN_LEAD = 30  # lead time the policy plans with (mean incl. slips), periods
P_WHOLE = 31  # 1 = stock comes in whole units: levels that follow the forecast are rounded
N_PARAMS = 32

PARAM_NAMES: tuple[str, ...] = (
    "lead_time",
    "lead_time_sd",
    "lead_time_max",
    "slip_probability",
    "slip_periods",
    "yield_rate",
    "yield_sd",
    "capacity",
    "min_order_quantity",
    "order_multiple",
    "lost_sales",
    "review_period",
    "safety_stock",
    "reorder_point",
    "order_up_to",
    "order_quantity",
    "kanban_cards",
    "smoothing_periods",
    "correction",
    "revision_periods",
    "production_capacity",
    "vmi_min_cover",
    "vmi_max_cover",
    "dynamic_levels",
    "forecast_mode",
    "smoothing_alpha",
    "moving_average_periods",
    "initial_on_hand",
    "initial_pipeline",
    "warmup_periods",
    "planning_lead_time",
    "whole_units",
)
assert len(PARAM_NAMES) == N_PARAMS

#: Defaults of each column (a plain order-up-to lane with lead time 0 and nothing random).
PARAM_DEFAULTS: dict[str, float] = {
    "lead_time": 0.0,
    "lead_time_sd": 0.0,
    "lead_time_max": 0.0,
    "slip_probability": 0.0,
    "slip_periods": 0.0,
    "yield_rate": 1.0,
    "yield_sd": 0.0,
    "capacity": np.inf,
    "min_order_quantity": 0.0,
    "order_multiple": 0.0,
    "lost_sales": 0.0,
    "review_period": 1.0,
    "safety_stock": 0.0,
    "reorder_point": 0.0,
    "order_up_to": 0.0,
    "order_quantity": 1.0,
    "kanban_cards": 1.0,
    "smoothing_periods": 1.0,
    "correction": 1.0,
    "revision_periods": 1.0,
    "production_capacity": np.inf,
    "vmi_min_cover": 0.0,
    "vmi_max_cover": 0.0,
    "dynamic_levels": 0.0,
    "forecast_mode": 0.0,
    "smoothing_alpha": 0.2,
    "moving_average_periods": 1.0,
    "initial_on_hand": 0.0,
    "initial_pipeline": 0.0,
    "warmup_periods": 0.0,
    "planning_lead_time": np.nan,
    "whole_units": 0.0,
}

# --- forecast covers: what the levels of a lane plan with, per period ----------------------
# ``cover[row, C_*, t]``: sums of the forecast made at the end of period t over the periods each
# level covers (units), and the safety-stock scale (1 unless the error grows with the level)
C_LEAD = 0  # forecast over the planning lead time L (periods t+1 .. t+L)
C_EXPOSURE = 1  # forecast over the exposure L + R (periods t+1 .. t+L+R)
C_LOW_COVER = 2  # forecast over the VMI minimum cover
C_HIGH_COVER = 3  # forecast over the VMI maximum cover
C_SS_SCALE = 4  # safety stock in period t as a multiple of the lane's safety stock
N_COVERS = 5

# --- what a policy sees at a review: ``levels[L_*, lane]``, the cover rows of that lane --------
L_LEAD, L_EXPOSURE, L_LOW_COVER, L_HIGH_COVER, L_SS_SCALE = (
    C_LEAD, C_EXPOSURE, C_LOW_COVER, C_HIGH_COVER, C_SS_SCALE,
)  # fmt: skip
N_LEVELS = N_COVERS

# --- timeline series recorded per lane and period -------------------------------------------
SERIES: tuple[str, ...] = (
    "demand",  # units demanded in the period
    "forecast",  # forecast of the period's demand the policy used (made at the end of t-1)
    "orders",  # units ordered at the end of the period
    "receipts",  # good units received at the start of the period
    "defects",  # units received and rejected at the start of the period
    "on_hand",  # units on hand at the end of the period
    "backorders",  # units backordered at the end of the period
    "lost_sales",  # units of the period's demand lost
    "inventory_position",  # on hand − backorders + on order, after ordering
)
S_DEMAND, S_FORECAST, S_ORDERS, S_RECEIPTS, S_DEFECTS = 0, 1, 2, 3, 4
S_ON_HAND, S_BACKORDERS, S_LOST, S_POSITION = 5, 6, 7, 8
N_SERIES = len(SERIES)

# --- per-lane accumulators over the KPI window (periods start + warmup .. end - 1) ----------
ACCUMULATORS: tuple[str, ...] = (
    "periods",  # periods in the KPI window
    "demand",  # units demanded
    "short",  # units not served from stock in the period they were demanded
    "lost",  # units lost (lost-sales mode)
    "stockout_periods",  # periods with a shortage
    "on_hand",  # sum of end-of-period on hand
    "backorders",  # sum of end-of-period backorders
    "on_order",  # sum of end-of-period on order (incl. supplier backlog)
    "orders",  # orders placed (count)
    "ordered",  # units ordered
    "receipts",  # good units received
    "defects",  # units rejected
    "cycles",  # replenishment cycles (intervals between receipts) in the window
    "cycles_short",  # cycles with a shortage
    "shift",  # the lane's first forecast, subtracted before squaring (numerical stability)
    "order_shift_sq",  # sum of (orders − shift)²
    "demand_shift",  # sum of (demand − shift)
    "demand_shift_sq",  # sum of (demand − shift)²
    "start_backorders",  # backorders when the KPI window opens
    "end_on_hand",  # on hand after the last period
    "end_backorders",  # backorders after the last period
    "end_on_order",  # on order (incl. supplier backlog) after the last period
)
(
    A_PERIODS,
    A_DEMAND,
    A_SHORT,
    A_LOST,
    A_STOCKOUT_PERIODS,
    A_ON_HAND,
    A_BACKORDERS,
    A_ON_ORDER,
    A_ORDERS,
    A_ORDERED,
    A_RECEIPTS,
    A_DEFECTS,
    A_CYCLES,
    A_CYCLES_SHORT,
    A_SHIFT,
    A_ORDER_SHIFT_SQ,
    A_DEMAND_SHIFT,
    A_DEMAND_SHIFT_SQ,
    A_START_BACKORDERS,
    A_END_ON_HAND,
    A_END_BACKORDERS,
    A_END_ON_ORDER,
) = range(len(ACCUMULATORS))
N_ACC = len(ACCUMULATORS)


@dataclass(frozen=True, eq=False)
class LaneSet:
    """The lanes of one engine call (arrays of equal length ``n``; read-only).

    ``demand_row`` / ``forecast_row``: row of the demand / forecast matrix the lane reads.
    ``policy``: policy code. ``start`` / ``end``: active periods ``[start, end)``.
    ``key``: random key for supply draws (SKU × path; equal across swept settings).
    ``record``: timeline slot, or -1 to keep KPIs only. ``params``: float64 ``[n, N_PARAMS]``.
    ``cover_row``: row of the forecast covers ``cover[row, C_*, period]`` the lane plans with,
    or -1 (the default) to plan with the next period's forecast times the periods covered.
    """

    demand_row: np.ndarray
    forecast_row: np.ndarray
    policy: np.ndarray
    start: np.ndarray
    end: np.ndarray
    key: np.ndarray
    record: np.ndarray
    params: np.ndarray
    cover_row: np.ndarray | None = None

    def __post_init__(self) -> None:
        n = len(self.demand_row)
        if self.cover_row is None:
            object.__setattr__(self, "cover_row", np.full(n, -1, dtype=np.int64))
        names = ("demand_row", "forecast_row", "policy", "start", "end", "key", "record")
        for name in (*names, "cover_row"):
            array = np.ascontiguousarray(getattr(self, name), dtype=np.int64)
            if array.shape != (n,):
                raise ValueError(f"lane array {name} has shape {array.shape}, expected ({n},)")
            array.flags.writeable = False
            object.__setattr__(self, name, array)
        params = np.ascontiguousarray(self.params, dtype=np.float64)
        if params.shape != (n, N_PARAMS):
            raise ValueError(f"params has shape {params.shape}, expected ({n}, {N_PARAMS})")
        params.flags.writeable = False
        object.__setattr__(self, "params", params)

    @property
    def n(self) -> int:
        return len(self.demand_row)

    @property
    def n_recorded(self) -> int:
        return int(self.record.max() + 1) if self.n and self.record.max() >= 0 else 0

    def param(self, name: str) -> np.ndarray:
        return self.params[:, PARAM_NAMES.index(name)]

    @staticmethod
    def build(
        n: int,
        *,
        demand_row: np.ndarray | int = 0,
        forecast_row: np.ndarray | int = 0,
        policy: np.ndarray | int = ORDER_UP_TO,
        start: np.ndarray | int = 0,
        end: np.ndarray | int,
        key: np.ndarray | int | None = None,
        record: np.ndarray | int = -1,
        **params: np.ndarray | float,
    ) -> LaneSet:
        """Lanes from named columns (scalars broadcast); unknown parameter names are errors."""
        unknown = set(params) - set(PARAM_NAMES)
        if unknown:
            raise ValueError(f"unknown lane parameters: {sorted(unknown)}")
        table = np.empty((n, N_PARAMS))
        for j, name in enumerate(PARAM_NAMES):
            table[:, j] = np.broadcast_to(
                np.asarray(params.get(name, PARAM_DEFAULTS[name]), dtype=float), (n,)
            )
        # unless given, the policy plans with the nominal lead time and its truncation bound
        missing = np.isnan(table[:, P_PLAN_LEAD])
        table[missing, P_PLAN_LEAD] = table[missing, P_LEAD_TIME]
        table[:, P_LEAD_MAX] = np.maximum(table[:, P_LEAD_MAX], table[:, P_LEAD_TIME])

        def ints(value: np.ndarray | int) -> np.ndarray:
            return np.broadcast_to(np.asarray(value, dtype=np.int64), (n,)).copy()

        return LaneSet(
            demand_row=ints(demand_row),
            forecast_row=ints(forecast_row),
            policy=ints(policy),
            start=ints(start),
            end=ints(end),
            key=ints(np.arange(n) if key is None else key),
            record=ints(record),
            params=table,
        )

    @staticmethod
    def concat(parts: list[LaneSet]) -> LaneSet:
        """Lanes of several sets one after the other (timeline slots renumbered)."""
        records = []
        offset = 0
        for part in parts:
            rec = part.record.copy()
            rec[rec >= 0] += offset
            offset += part.n_recorded
            records.append(rec)
        return LaneSet(
            demand_row=np.concatenate([p.demand_row for p in parts]),
            forecast_row=np.concatenate([p.forecast_row for p in parts]),
            policy=np.concatenate([p.policy for p in parts]),
            start=np.concatenate([p.start for p in parts]),
            end=np.concatenate([p.end for p in parts]),
            key=np.concatenate([p.key for p in parts]),
            record=np.concatenate(records),
            params=np.concatenate([p.params for p in parts]),
            cover_row=np.concatenate([p.cover_row for p in parts]),
        )
