"""The table of settings widgets: one :class:`Field` per editable setting of the Scenario.

A field names the widget kind, its label and help (``{period}``, ``{Period}`` and ``{money}``
are filled in from the data frequency and the scenario's currency), its bounds and step, the
widget key suffix (``f"{key}_{suffix}"``) and how a value is converted between the scenario
and the widget (``percent``: a fraction shown as %; a ``placeholder`` marks a number that may
be left empty, None = automatic or unlimited).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from jitcore.policies import POLICY_NAMES
from jitcore.vocabulary import SERVICE_TARGETS

#: Largest lead time offered by the slider, by frequency (a larger saved value widens it).
LEAD_TIME_MAX: dict[str, int] = {"D": 90, "W": 26, "M": 12}

BUFFER_METHODS: dict[str, str] = {
    "service_level": SERVICE_TARGETS["cycle_service_level"],
    "fill_rate": SERVICE_TARGETS["fill_rate"],
    "days_of_cover": "Days of cover",
    "fixed_units": "Fixed units",
}
UNCERTAINTY: dict[str, str] = {
    "forecast_error": "Forecast error (backtest)",
    "demand_sd": "Demand variation (σ of demand)",
}
SIMULATION_MODES: dict[str, str] = {
    "monte_carlo": "Monte Carlo (future paths)",
    "replay": "Replay of history",
}
DEMAND_MODELS: dict[str, str] = {
    "auto": "Automatic",
    "normal": "Normal errors around the forecast",
    "resampled": "Resampled forecast errors",
    "intermittent": "Intermittent (occurrence × size)",
}
FORECAST_UPDATING: dict[str, str] = {
    "plan": "The forecast plan (fixed)",
    "exponential_smoothing": "Exponential smoothing of simulated demand",
    "moving_average": "Moving average of simulated demand",
}
LEVELS: dict[str, str] = {"fixed": "Fixed", "follow_forecast": "Follow the forecast"}
UNMET_DEMAND: dict[str, str] = {"backorder": "Backordered", "lost_sales": "Lost"}
ORDER_QUANTITY: dict[str, str] = {"eoq": "EOQ", "fixed": "Fixed"}
PATH_CHOICES: tuple[int, ...] = (50, 100, 200, 500, 1000, 2000, 5000)

#: Settings of the policy section each policy uses (besides its kind and unmet demand).
POLICY_FIELDS: dict[str, tuple[str, ...]] = {
    "lot_for_lot": ("review_period", "correction", "min_order_quantity", "order_multiple"),
    "kanban": ("review_period",),
    "reorder_point": ("review_period", "levels", "min_order_quantity", "order_multiple"),
    "order_up_to": ("review_period", "levels", "min_order_quantity", "order_multiple"),
    "min_max": ("review_period", "levels", "min_order_quantity", "order_multiple"),
    "vmi": ("review_period", "vmi_min_cover", "vmi_max_cover", "min_order_quantity",
            "order_multiple"),
    "heijunka": ("revision_periods", "production_capacity"),
    "pout": ("review_period", "smoothing_periods", "min_order_quantity", "order_multiple"),
}  # fmt: skip
#: Buffer settings each policy uses for its lot (order quantity or kanban loop).
POLICY_BUFFER_FIELDS: dict[str, tuple[str, ...]] = {
    "reorder_point": ("order_quantity",),
    "min_max": ("order_quantity",),
    "kanban": ("container_size", "kanban_cards"),
}
POLICY_HELP: dict[str, str] = {
    "lot_for_lot": "Order each period what the forecast needs, corrected towards the buffer "
    "(MRP netting). Supply follows demand one for one.",
    "kanban": "A fixed number of containers circulates; an emptied container sends its card "
    "back and is refilled. Stock never exceeds cards × container.",
    "reorder_point": "(s, Q): when the inventory position falls to the reorder point s, order a "
    "fixed quantity Q (EOQ by default).",
    "order_up_to": "(R, S): every review period, order up to the level S. Orders copy demand.",
    "min_max": "(s, S): when the inventory position falls to the minimum s, order up to the "
    "maximum S.",
    "vmi": "The supplier watches your stock and refills it between a minimum and a maximum, "
    "in periods of forecast demand.",
    "heijunka": "Produce at a level rate, revised every N periods: supply is flattened and "
    "stock absorbs the variation.",
    "pout": "Order-up-to that closes only 1/Ti of the gap each period: smoother orders for a "
    "little more stock (Ti = 1 is plain order-up-to).",
}


@dataclass(frozen=True)
class Field:
    """One settings widget.

    ``kind``: ``number`` (st.number_input), ``slider``, ``select`` (selectbox), ``radio``,
    ``steps`` (select_slider over ``choices`` plus the current value) or ``text``.
    ``cast`` is ``int`` or ``float`` for numbers. ``clamp`` keeps the seeded value inside the
    bounds; ``grow`` gives the slider's top by frequency, widened to the current value.
    """

    kind: str
    label: str
    key: str
    help: str | None = None
    cast: type = float
    lo: float | None = None
    hi: float | None = None
    step: float | None = None
    fmt: str | None = None
    percent: bool = False
    placeholder: str | None = None
    clamp: bool = False
    grow: Mapping[str, int] | None = None
    options: Mapping[str, str] | None = None
    horizontal: bool = False
    choices: tuple[int, ...] = ()
    max_chars: int | None = None


def _money(label: str, key: str, help: str, step: float = 1.0, lo: float = 0.0) -> Field:
    return Field("number", label, key, help, lo=lo, step=step)


def _auto(label: str, key: str, help: str, cast: type = float) -> Field:
    """A number that may be left empty (None = automatic / unlimited)."""
    lo = 1 if cast is int else 0.0
    return Field("number", label, key, help, cast=cast, lo=lo, step=lo or 1.0,
                 placeholder="auto")  # fmt: skip


_PCT_HELP_CSL = (
    "Probability of not running out in a replenishment cycle. Safety stock = k·σ with "
    "k = Φ⁻¹(level): 90 % → k = 1.28, 95 % → 1.64, 99 % → 2.33."
)

FIELDS: dict[str, dict[str, Field]] = {
    "policy": {
        "kind": Field(
            "select", "Replenishment policy", "policy",
            " ".join(f"**{POLICY_NAMES[k]}**: {POLICY_HELP[k]}" for k in POLICY_NAMES),
            options=POLICY_NAMES,
        ),
        "review_period": Field(
            "number", "Review period R ({period}s)", "review",
            "{Period}s between two looks at the stock. Safety stock covers the lead time plus "
            "the review period.", cast=int, lo=1, hi=365, step=1,
        ),
        "smoothing_periods": Field(
            "slider", "Smoothing Ti (POUT)", "ti",
            "Each order closes 1/Ti of the gap to the target stock. Ti = 1 is order-up-to; "
            "larger Ti gives smoother orders (bullwhip 1/(2Ti − 1) for random demand) but "
            "needs more safety stock.", lo=1.0, hi=20.0, step=0.5, clamp=True,
        ),
        "correction": Field(
            "slider", "Gap corrected per period", "correction",
            "Share of the gap between the target and the inventory position closed by each "
            "order (1 = MRP netting).", lo=0.05, hi=1.0, step=0.05,
        ),
        "revision_periods": Field(
            "number", "Rate revised every ({period}s)", "revision",
            "The level production rate is fixed for this many periods, then revised to the "
            "forecast plus a share of the gap to the target stock.", cast=int, lo=1, hi=365,
            step=1,
        ),
        "production_capacity": _auto(
            "Production capacity (units/{period})", "prod_cap",
            "Largest level rate; empty = unlimited.",
        ),
        "levels": Field(
            "radio", "Levels", "levels",
            "Fixed: reorder point and order-up-to level computed once from mean demand. Follow "
            "the forecast: recomputed each review from the current forecast (better for trends "
            "and seasons).", options=LEVELS, horizontal=True,
        ),
        "vmi_min_cover": _auto(
            "VMI minimum ({period}s of cover)", "vmi_min",
            "The supplier ships when stock falls below this many periods of forecast demand; "
            "empty = the reorder point.",
        ),
        "vmi_max_cover": _auto(
            "VMI maximum ({period}s of cover)", "vmi_max",
            "…and fills up to this many periods of forecast demand; empty = reorder point + "
            "order quantity.",
        ),
        "min_order_quantity": Field(
            "number", "Minimum order quantity (units)", "moq",
            "Orders below this are raised to it (MOQ); 0 = none.", lo=0.0, step=10.0, fmt="%g",
        ),
        "order_multiple": Field(
            "number", "Order multiple (units)", "multiple",
            "Orders are rounded up to a multiple of this, e.g. a case or pallet; 0 = no "
            "rounding.", lo=0.0, step=1.0, fmt="%g",
        ),
        "unmet_demand": Field(
            "radio", "Demand not served from stock is", "unmet",
            "Backordered: the customer waits and is served from the next receipt. Lost: the "
            "sale is gone (retail).", options=UNMET_DEMAND, horizontal=True,
        ),
    },
    "buffers": {
        "method": Field(
            "select", "Safety stock set by", "buffer_method",
            "Cycle service level: chance of no stockout between two deliveries. Fill rate: "
            "share of demand served straight from stock. Days of cover: safety stock as days "
            "of average demand. Fixed units: the same safety stock for every SKU.",
            options=BUFFER_METHODS,
        ),
        "cycle_service_level": Field(
            "slider", "Cycle service level (%)", "csl", _PCT_HELP_CSL, lo=50.0, hi=99.9,
            step=0.1, fmt="%.1f %%", percent=True, clamp=True,
        ),
        "fill_rate": Field(
            "slider", "Fill rate (%)", "fill_rate",
            "Share of demand served from stock on hand. Uses the normal loss function: "
            "expected units short per cycle = (1 − fill rate) × cycle quantity.",
            lo=50.0, hi=99.9, step=0.1, fmt="%.1f %%", percent=True, clamp=True,
        ),
        "days_of_cover": Field(
            "number", "Days of cover", "days_cover",
            "Safety stock = days × average demand per day.", lo=0.0, hi=730.0, step=1.0,
        ),
        "fixed_units": Field(
            "number", "Safety stock (units)", "fixed_units",
            "The same safety stock for every SKU.", lo=0.0, step=10.0,
        ),
        "uncertainty": Field(
            "radio", "Uncertainty from", "uncertainty",
            "Forecast error: σ of what the forecast missed over the lead time plus review "
            "period, measured in the backtest (smaller when demand is predictable). Demand "
            "variation: σ of demand per period × √(L + R).", options=UNCERTAINTY,
        ),
        "order_quantity": Field(
            "radio", "Order quantity Q", "q_rule",
            "For reorder point (s, Q) and min-max. EOQ = √(2·annual demand·ordering cost / "
            "holding cost per unit-year): the lot that balances ordering and holding cost.",
            options=ORDER_QUANTITY, horizontal=True,
        ),
        "fixed_order_quantity": Field(
            "number", "Fixed order quantity (units)", "fixed_q", lo=1.0, step=10.0, fmt="%g",
        ),
        "container_size": _auto(
            "Container size (units)", "container",
            "Units one kanban container holds; empty = one period's average demand.",
        ),
        "kanban_cards": Field(
            "number", "Kanban cards", "cards",
            "Containers in the loop; empty = ⌈d·(L+R)·(1+α)/C⌉ per SKU.", cast=int, lo=1,
            hi=10_000, step=1, placeholder="formula",
        ),
    },
    "supply": {
        "lead_time": Field(
            "slider", "Lead time L ({period}s)", "lead_time",
            "{Period}s from placing an order to receiving it. An order placed at the end of "
            "{period} t arrives at the start of {period} t + L + 1 (L = 0: next period).",
            cast=int, lo=0, step=1, grow=LEAD_TIME_MAX,
        ),
        "lead_time_sd": Field(
            "number", "Lead-time σ ({period}s)", "lead_time_sd",
            "Standard deviation of the lead time. Adds d²·σ_L² to the variance the safety "
            "stock covers.", lo=0.0, hi=52.0, step=0.5,
        ),
        "slip_probability": Field(
            "slider", "Late deliveries (%)", "slip",
            "Share of shipments that arrive late (supplier reliability).", lo=0.0, hi=100.0,
            step=1.0, fmt="%.0f %%", percent=True,
        ),
        "slip_periods": Field(
            "number", "A late delivery is late by ({period}s)", "slip_periods", cast=int, lo=0,
            hi=52, step=1,
        ),
        "yield_rate": Field(
            "slider", "Good share of receipts, yield (%)", "yield",
            "The rest of each receipt is defective and rejected at receipt.", lo=50.0,
            hi=100.0, step=0.5, fmt="%.1f %%", percent=True, clamp=True,
        ),
        "yield_sd": Field(
            "number", "Yield σ (percentage points)", "yield_sd",
            "How much the good share varies from receipt to receipt.", lo=0.0, hi=50.0,
            step=1.0, percent=True,
        ),
        "capacity": _auto(
            "Supplier capacity (units/{period})", "capacity",
            "Units the supplier can ship per period; the rest waits. Empty = unlimited.",
        ),
    },
    "costs": {
        "unit_cost": _money(
            "Unit cost ({money}/unit)", "unit_cost",
            "Purchase cost of one unit; holding cost is a share of it.", lo=0.01,
        ),
        "holding_rate": Field(
            "number", "Holding rate (%/year)", "holding_rate",
            "Holding cost per year as a % of the unit cost: capital, space, obsolescence; "
            "20–30 % is common.", lo=0.0, hi=500.0, step=1.0, percent=True,
        ),
        "ordering_cost": _money(
            "Ordering cost ({money}/order)", "ordering_cost",
            "Cost of placing and receiving one order (or one setup).", step=5.0,
        ),
        "shortage_cost": _money(
            "Shortage cost ({money}/unit)", "shortage_cost",
            "Penalty per unit not served from stock when demanded (backordered or lost).",
        ),
        "defect_cost": _money(
            "Defect cost ({money}/unit)", "defect_cost",
            "Cost per unit rejected at receipt (inspection, return, scrap).",
        ),
        "currency": Field("text", "Currency", "currency", cast=str, max_chars=8),
    },
    "simulation": {
        "mode": Field(
            "radio", "Simulate", "mode",
            "Monte Carlo: many possible futures drawn around the forecast; the chart shows the "
            "median and the P10–P90 band. Replay: what this policy would have done on the "
            "actual history.", options=SIMULATION_MODES,
        ),
        "paths": Field(
            "steps", "Paths", "paths",
            "Simulated futures per SKU (Monte Carlo) or supply draws (replay). More paths: "
            "steadier KPIs, slower.", cast=int, choices=PATH_CHOICES,
        ),
        "periods": _auto(
            "Horizon ({period}s)", "periods", "Simulated periods; empty = one year.", cast=int
        ),
        "demand_model": Field(
            "select", "Demand paths", "demand_model",
            "How simulated demand varies around the forecast. Automatic uses the intermittent "
            "model for items that sell only now and then.", options=DEMAND_MODELS,
        ),
        "forecast_updating": Field(
            "select", "The policy sees", "updating",
            "Re-estimating the forecast from the demand as it happens makes orders chase "
            "demand (more bullwhip), as real planning does.", options=FORECAST_UPDATING,
        ),
        "warmup_periods": Field(
            "number", "Warm-up ({period}s left out of the KPIs)", "warmup", cast=int, lo=0,
            hi=3660, step=1,
        ),
        "seed": Field(
            "number", "Random seed", "seed",
            "Same seed, same result. Change it to see another set of futures.", cast=int, lo=0,
            step=1,
        ),
    },
}  # fmt: skip
