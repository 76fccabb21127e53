"""Buffer formulas: safety stock, reorder point, order-up-to level, EOQ, kanban count, fill rate.

Symbols (units): ``d`` mean demand per period (units/period); ``σ_d`` standard deviation of
demand, or of the one-period forecast error, per period (units); ``L`` lead time (periods);
``σ_L`` standard deviation of the lead time (periods); ``R`` review period (periods); ``k``
safety factor; ``Φ``, ``φ`` standard normal cdf and density; ``G(k) = φ(k) − k(1 − Φ(k))`` the
standard normal loss function.

Period convention: an order placed at the end of period ``t`` with lead time ``L`` arrives at
the start of ``t + L + 1``. A policy that reviews every ``R`` periods is exposed to the demand
of ``L + R`` periods; a textbook *continuous-review* formula with lead time ``L`` is the case
``R = 0`` of these functions (``review_period=0``), and the simulator's every-period review is
``R = 1``.

Sources: Silver, Pyke & Thomas (2017), *Inventory and Production Management in Supply Chains*,
4th ed., ch. 4 and 6 (SPT); Chopra & Meindl, *Supply Chain Management: Strategy, Planning, and
Operation*, 6th ed., ch. 11-12 (C&M); Hadley & Whitin (1963), *Analysis of Inventory Systems*;
Axsäter (2015), *Inventory Control*, 3rd ed., ch. 5.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from jitcore.errors import JitError

ArrayLike = float | np.ndarray


# Φ, 1 − Φ, φ and Φ⁻¹ of the standard normal, the same expressions scipy.stats.norm evaluates
# (ndtr, ndtr(−x), exp(−x²/2)/√(2π), ndtri) without its per-call argument handling, which costs
# far more than the arithmetic for the scalars of one buffer plan.
_SQRT_2PI = np.sqrt(2 * np.pi)


# scipy.special is imported on first use: it takes half a second, and the app's first page
# needs no formula (a cold start to the first page within 5 s).
def _cdf(x: ArrayLike) -> ArrayLike:
    from scipy.special import ndtr

    return ndtr(x)


def _sf(x: ArrayLike) -> ArrayLike:
    from scipy.special import ndtr

    return ndtr(-np.asarray(x, dtype=float))


def _pdf(x: ArrayLike) -> ArrayLike:
    x = np.asarray(x, dtype=float)
    return np.exp(-(x**2) / 2.0) / _SQRT_2PI


def _ppf(q: ArrayLike) -> ArrayLike:
    from scipy.special import ndtri

    return ndtri(q)


def _check(condition: bool, message: str, hint: str) -> None:
    if not condition:
        raise JitError(message, hint)


# --- the normal loss functions ----------------------------------------------------------------
def normal_loss(k: ArrayLike) -> ArrayLike:
    """Standard normal first-order loss ``G(k) = E[(Z − k)⁺] = φ(k) − k·(1 − Φ(k))``.

    SPT (2017) ch. 6 and its table of the unit normal loss ``G_u(k)``: ``G(0) = 0.3989``,
    ``G(1) = 0.0833``, ``G(2) = 0.0085``.
    """
    k = np.asarray(k, dtype=float)
    value = _pdf(k) - k * _sf(k)
    return float(value) if value.ndim == 0 else value


def normal_second_loss(k: ArrayLike) -> ArrayLike:
    """Second-order loss ``G₂(k) = ∫ₖ^∞ G(u) du = ½·[(k² + 1)(1 − Φ(k)) − k·φ(k)]``.

    Used for the exact fill rate of (s, nQ) where the inventory position is uniform on
    ``(s, s + Q]`` (Hadley & Whitin 1963; Axsäter 2015 ch. 5).
    """
    k = np.asarray(k, dtype=float)
    value = 0.5 * ((k * k + 1.0) * _sf(k) - k * _pdf(k))
    return float(value) if value.ndim == 0 else value


def inverse_normal_loss(target: float) -> float:
    """The safety factor ``k`` with ``G(k) = target`` (``G`` is decreasing; Newton's method).

    ``G'(k) = −(1 − Φ(k))``. Targets above ``G(-8) ≈ 8`` or below ``G(8)`` are clamped to k = ∓8.
    """
    _check(target >= 0.0, "The loss-function target must not be negative.", "Check the inputs.")
    if target >= normal_loss(-8.0):
        return -8.0
    if target <= normal_loss(8.0):
        return 8.0
    # start from the tail approximation or the linear one
    k = 0.0 if target > 0.1 else math.sqrt(max(-2.0 * math.log(target * math.sqrt(2 * math.pi)), 0))
    for _ in range(100):
        step = (normal_loss(k) - target) / max(_sf(k), 1e-300)
        k += step
        k = min(max(k, -8.0), 8.0)
        if abs(step) < 1e-12:
            break
    return float(k)


# --- uncertainty over the exposure ------------------------------------------------------------
def exposure_periods(lead_time: float, review_period: float) -> float:
    """Periods of demand a buffer must cover: ``L + R`` (``R = 0``: continuous review)."""
    return float(lead_time) + float(review_period)


def exposure_sd(
    *,
    demand_sd: float,
    lead_time: float,
    review_period: float = 0.0,
    mean_demand: float = 0.0,
    lead_time_sd: float = 0.0,
) -> float:
    """σ of demand over the exposure with a random lead time:
    ``σ_X = sqrt((L + R)·σ_d² + d²·σ_L²)``.

    C&M ch. 12 (safety inventory with lead-time uncertainty: ``σ_L = sqrt(L·σ_D² + D²·s_L²)``)
    with ``L`` replaced by ``L + R`` for periodic review (SPT ch. 6, periodic review).
    """
    _check(
        demand_sd >= 0 and lead_time >= 0 and review_period >= 0 and lead_time_sd >= 0,
        "Demand σ, lead time, review period and lead-time σ must not be negative.",
        "Enter zero or a positive number.",
    )
    periods = exposure_periods(lead_time, review_period)
    return math.sqrt(periods * demand_sd**2 + mean_demand**2 * lead_time_sd**2)


def combine_lead_time_variability(
    sigma_exposure: float, *, mean_demand: float, lead_time_sd: float
) -> float:
    """Add the lead-time term to a σ over the exposure: ``sqrt(σ_X² + d²·σ_L²)`` (C&M ch. 12).

    Used when ``σ_X`` comes from the forecast backtest (the forecast error summed over L + R).
    """
    return math.sqrt(sigma_exposure**2 + (mean_demand * lead_time_sd) ** 2)


# --- safety stock -----------------------------------------------------------------------------
def safety_factor_for_cycle_service_level(cycle_service_level: float) -> float:
    """``k = Φ⁻¹(CSL)`` (C&M ch. 12; SPT ch. 6, "specified probability of no stockout")."""
    _check(
        0.0 < cycle_service_level < 1.0,
        f"A cycle service level must be between 0 and 1 (got {cycle_service_level}).",
        "Enter e.g. 0.95 for 95 %.",
    )
    return float(_ppf(cycle_service_level))


def safety_stock_cycle_service_level(cycle_service_level: float, sigma_exposure: float) -> float:
    """Safety stock for a cycle service level: ``SS = Φ⁻¹(CSL) · σ_X`` (C&M ch. 12).

    C&M ch. 12, the Lego example at Walmart: weekly demand 2,500 boxes, σ 500, L = 2 weeks, CSL 90 % →
    σ_L = 707 and SS = 906 boxes.
    """
    return safety_factor_for_cycle_service_level(cycle_service_level) * sigma_exposure


def safety_factor_for_fill_rate(
    fill_rate: float, *, sigma_exposure: float, cycle_quantity: float
) -> float:
    """``k`` with ``σ_X·G(k) = (1 − β)·Q``: expected shortage per replenishment cycle equals the
    allowed share of the quantity replenished per cycle (SPT ch. 6, "specified fill rate", for
    (s, Q), and with ``Q = d·R`` for (R, S); C&M ch. 12 inverted).
    """
    _check(
        0.0 < fill_rate < 1.0,
        f"A fill rate must be between 0 and 1 (got {fill_rate}).",
        "Enter e.g. 0.98 for 98 %.",
    )
    _check(
        cycle_quantity > 0,
        "The quantity per replenishment cycle must be positive.",
        "Check the order quantity or the mean demand.",
    )
    if sigma_exposure <= 0:
        return 0.0
    return inverse_normal_loss((1.0 - fill_rate) * cycle_quantity / sigma_exposure)


def safety_stock_fill_rate(
    fill_rate: float, *, sigma_exposure: float, cycle_quantity: float
) -> float:
    """Safety stock for a fill-rate target: ``SS = k·σ_X`` with ``G(k) = (1 − β)·Q/σ_X``.

    C&M ch. 12 fill-rate example reversed: Q = 10,000, σ_L = 707, fill rate 0.9975 → SS ≈ 1,000.
    """
    k = safety_factor_for_fill_rate(
        fill_rate, sigma_exposure=sigma_exposure, cycle_quantity=cycle_quantity
    )
    return k * sigma_exposure


def safety_stock_days_of_cover(
    days_of_cover: float, *, mean_demand: float, days_per_period: float
) -> float:
    """Safety stock as days of average demand: ``SS = days × d / days_per_period`` (units)."""
    _check(days_of_cover >= 0, "Days of cover must not be negative.", "Enter 0 or more days.")
    return days_of_cover * mean_demand / days_per_period


# --- levels -----------------------------------------------------------------------------------
def reorder_point(
    *, mean_demand: float, lead_time: float, review_period: float = 0.0, safety_stock: float
) -> float:
    """``s = d·(L + R) + SS`` (C&M ch. 12 with R = 0; SPT ch. 6, the (R, s, S) form)."""
    return mean_demand * exposure_periods(lead_time, review_period) + safety_stock


def order_up_to_level(
    *, mean_demand: float, lead_time: float, review_period: float, safety_stock: float
) -> float:
    """``S = d·(L + R) + SS`` (SPT ch. 6; C&M ch. 12, periodic review)."""
    return mean_demand * exposure_periods(lead_time, review_period) + safety_stock


def cycle_service_level(*, level: float, mean_exposure: float, sigma_exposure: float) -> float:
    """``CSL = Φ((s − d·(L+R)) / σ_X)``: no stockout in a cycle (C&M ch. 12)."""
    if sigma_exposure <= 0:
        return 1.0 if level >= mean_exposure else 0.0
    return float(_cdf((level - mean_exposure) / sigma_exposure))


def fill_rate_reorder_point(
    *,
    reorder_point: float,
    order_quantity: float,
    mean_exposure: float,
    sigma_exposure: float,
    exact_tail: bool = False,
) -> float:
    """Fill rate of (s, Q), continuous review, normal demand over the lead time:
    ``β = 1 − σ_X·G(k)/Q`` with ``k = (s − mean)/σ_X`` (SPT ch. 6; C&M ch. 12).

    With ``exact_tail`` the Hadley–Whitin term is kept:
    ``β = 1 − σ_X·[G(k) − G(k + Q/σ_X)]/Q``. C&M ch. 12 fill-rate example: Q = 10,000, s − mean = 1,000,
    σ_L = 707 → ESC = 25.13, fill rate 0.9975.
    """
    _check(order_quantity > 0, "The order quantity must be positive.", "Enter Q > 0.")
    if sigma_exposure <= 0:
        return (
            1.0
            if reorder_point >= mean_exposure
            else max(0.0, 1.0 - (mean_exposure - reorder_point) / order_quantity)
        )
    k = (reorder_point - mean_exposure) / sigma_exposure
    shortage = normal_loss(k)
    if exact_tail:
        shortage -= normal_loss(k + order_quantity / sigma_exposure)
    return 1.0 - sigma_exposure * shortage / order_quantity


def _integrated_loss(low: float, high: float, mean: float, sd: float) -> float:
    """``∫_low^high E[(X − y)⁺] dy`` for X ~ N(mean, sd²) (sd = 0: X = mean)."""
    if sd <= 0:

        def area(y: float) -> float:  # ∫_y^∞ (mean − u)⁺ du
            return 0.5 * max(mean - y, 0.0) ** 2
    else:

        def area(y: float) -> float:
            return sd * sd * normal_second_loss((y - mean) / sd)

    return area(low) - area(high)


def fill_rate_periodic_reorder_point(
    *,
    reorder_point: float,
    order_quantity: float,
    mean_demand: float,
    demand_sd: float,
    lead_time: float,
    review_period: int = 1,
) -> float:
    """Exact fill rate of the periodic-review (R, s, nQ) policy with i.i.d. normal demand and
    backorders, under this library's period convention.

    After a review the inventory position ``y`` is uniform on ``(s, s + Q]``; the units short in
    the cycle are ``(X_{L+R} − y)⁺ − (X_L − y)⁺`` where ``X_n`` is demand over n periods
    (Hadley & Whitin 1963; Axsäter 2015 ch. 5). So
    ``β = 1 − [I_{L+R}(s, s+Q) − I_L(s, s+Q)] / (Q·d·R)`` with
    ``I_n(a, b) = ∫_a^b E[(X_n − y)⁺] dy = σ_n²·[G₂((a − μ_n)/σ_n) − G₂((b − μ_n)/σ_n)]``.
    """
    _check(
        order_quantity > 0 and mean_demand > 0,
        "Q and mean demand must be positive.",
        "Check the inputs.",
    )
    s, q = reorder_point, order_quantity
    long = _integrated_loss(
        s,
        s + q,
        mean_demand * (lead_time + review_period),
        demand_sd * math.sqrt(lead_time + review_period),
    )
    short = _integrated_loss(s, s + q, mean_demand * lead_time, demand_sd * math.sqrt(lead_time))
    return 1.0 - (long - short) / (q * mean_demand * review_period)


def fill_rate_order_up_to(
    *,
    order_up_to: float,
    mean_demand: float,
    demand_sd: float,
    lead_time: float,
    review_period: int = 1,
) -> float:
    """Fill rate of (R, S) with i.i.d. normal demand and backorders (this period convention):
    ``β = 1 − (σ_{L+R}·G(k_{L+R}) − σ_L·G(k_L)) / (d·R)``, ``k_n = (S − d·n)/σ_n``
    (SPT ch. 6 keeps only the first term).
    """

    def expected_short(n: float) -> float:
        if n <= 0:
            return max(-order_up_to, 0.0)
        sd = demand_sd * math.sqrt(n)
        if sd <= 0:
            return max(mean_demand * n - order_up_to, 0.0)
        return sd * normal_loss((order_up_to - mean_demand * n) / sd)

    cycle = mean_demand * review_period
    return 1.0 - (expected_short(lead_time + review_period) - expected_short(lead_time)) / cycle


# --- EOQ --------------------------------------------------------------------------------------
def eoq(*, annual_demand: float, ordering_cost: float, holding_cost_per_unit_year: float) -> float:
    """Economic order quantity ``Q* = sqrt(2·D·K / h)`` (Harris 1913; C&M ch. 11; SPT ch. 4).

    ``D`` units per year, ``K`` cost per order, ``h`` holding cost per unit per year.
    C&M ch. 11, the Deskpro computers at Best Buy: D = 12,000 computers/year, K = $4,000, h = 0.2 × $500 →
    Q* = 980 and annual ordering + holding cost $97,980.
    """
    _check(
        annual_demand >= 0 and ordering_cost >= 0,
        "Annual demand and ordering cost must not be negative.",
        "Check the inputs.",
    )
    _check(
        holding_cost_per_unit_year > 0,
        "The holding cost must be positive for an EOQ.",
        "Set a unit cost and a holding rate above zero.",
    )
    return math.sqrt(2.0 * annual_demand * ordering_cost / holding_cost_per_unit_year)


def eoq_total_cost(
    quantities: ArrayLike,
    *,
    annual_demand: float,
    ordering_cost: float,
    holding_cost_per_unit_year: float,
) -> ArrayLike:
    """Annual ordering + cycle-stock holding cost ``TC(Q) = D/Q·K + Q/2·h`` (C&M ch. 11)."""
    q = np.asarray(quantities, dtype=float)
    value = annual_demand / q * ordering_cost + q / 2.0 * holding_cost_per_unit_year
    return float(value) if value.ndim == 0 else value


@dataclass(frozen=True)
class EoqCurve:
    """The EOQ total-cost curve: quantities (units) and annual costs (money per year)."""

    quantities: np.ndarray
    ordering: np.ndarray
    holding: np.ndarray
    total: np.ndarray
    eoq: float
    minimum_cost: float


def eoq_curve(
    *,
    annual_demand: float,
    ordering_cost: float,
    holding_cost_per_unit_year: float,
    points: int = 200,
    span: float = 4.0,
) -> EoqCurve:
    """The curve ``TC(Q)`` for Q from ``Q*/span`` to ``Q*·span`` (read-only arrays)."""
    best = eoq(
        annual_demand=annual_demand,
        ordering_cost=ordering_cost,
        holding_cost_per_unit_year=holding_cost_per_unit_year,
    )
    low = max(best / span, 1e-9)
    q = np.linspace(low, max(best * span, low * 2), points)
    ordering = annual_demand / q * ordering_cost
    holding = q / 2.0 * holding_cost_per_unit_year
    total = ordering + holding
    for array in (q, ordering, holding, total):
        array.flags.writeable = False
    return EoqCurve(
        q,
        ordering,
        holding,
        total,
        best,
        math.sqrt(2.0 * annual_demand * ordering_cost * holding_cost_per_unit_year),
    )


# --- kanban -----------------------------------------------------------------------------------
def kanban_count(
    *, demand_per_period: float, lead_time: float, safety_factor: float, container_size: float
) -> int:
    """Number of kanban containers ``N = ⌈d·L·(1 + α) / C⌉`` (Toyota formula; Heizer & Render,
    *Operations Management*, ch. 16, "Hobbs Bakery": d = 500/day, L = 2 days, safety 1/2 day
    (α = 0.25), C = 250 → 5 kanbans). ``lead_time`` is the replenishment time in periods; under
    this library's convention a card is answered ``L + R`` periods after it is released.
    """
    _check(
        container_size > 0,
        "The kanban container size must be positive.",
        "Enter the units one container holds.",
    )
    _check(safety_factor >= 0, "The kanban safety factor must not be negative.", "Use 0 or more.")
    raw = demand_per_period * lead_time * (1.0 + safety_factor) / container_size
    return max(1, math.ceil(raw - 1e-9))


def round_order_quantity(quantity: float, *, minimum: float = 0.0, multiple: float = 0.0) -> float:
    """Apply a minimum order quantity, then round up to a multiple (0 = no rounding)."""
    if quantity <= 0:
        return 0.0
    quantity = max(quantity, minimum)
    if multiple > 0:
        quantity = math.ceil(quantity / multiple - 1e-9) * multiple
    return quantity
