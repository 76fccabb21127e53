"""Likely causes of a calibration miss, in plain words: rules over one SKU's history and plan.

Each rule looks at :class:`ItemTraits` (what the history and the buffer plan show) and either
names a cause or stays silent; :func:`explain` lists the causes that apply in one simulation
mode. The rules are heuristics: they point at causes, they do not prove them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from jitcore.calibration.target import FLAG_POINTS, ServiceTarget, SimulationMode
from jitcore.profile import ADI_CUTOFF, SEASONAL_PERIODS, stl_strengths

#: Thresholds of the reason rules (see :func:`explain`).
SIZE_RATIO = 10.0  # largest ÷ median nonzero size
WHOLE_UNIT_EXPOSURE = 10.0  # mean demand over L + R below which whole units matter, units
LEVEL_SHIFT = 0.20  # |mean(actual − forecast)| ÷ mean(actual) over the last season
LEAD_TIME_WINDOWS = 12.0  # history periods ÷ (L + R) below which the lead time is "long"
STRONG = 0.6  # STL trend or seasonality strength from which it is called strong
FALLING_SHARE = 0.10  # share of periods whose level falls faster than demand uses the stock

#: The reason given where a mode simulated no demand at all for a SKU (e.g. a zero forecast).
NO_DEMAND = "no demand in the simulation (e.g. a zero forecast): service cannot be measured"

#: Every rule, in the order its reason is listed, with the mode it applies to (None: every mode).
REASON_RULES: tuple[tuple[str, SimulationMode | None], ...] = (
    ("short_history", None),
    ("size_spread", None),
    ("whole_units", None),
    ("no_stock_floor", None),
    ("falling_levels", "monte_carlo"),
    ("intermittent", None),
    ("seasonal", None),
    ("trend", None),
    ("level_shift", "replay"),
    ("long_lead_time", None),
)


@dataclass(frozen=True)
class ItemTraits:
    """What the reason rules look at in one SKU's history and plan (units per period unless
    stated).

    ``periods``: length of the active history; ``season``: periods per season (12 monthly,
    52 weekly, 7 daily); ``demand_share``: share of periods with demand; ``size_ratio``:
    largest ÷ median nonzero demand (NaN without demand); ``whole_units``: every quantity is a
    whole number; ``exposure``: L + R in periods; ``mean_exposure`` and ``sigma_exposure``:
    mean and σ of demand over the exposure as the buffers assume them (units);
    ``reorder_level``: the order-up-to level / reorder point (units); ``trend_strength`` and
    ``seasonal_strength``: STL strengths in [0, 1] (:func:`jitcore.profile.stl_strengths`, NaN
    with fewer than two seasons); ``last_season_bias``:
    mean(actual − forecast) ÷ mean(actual) over the history's last season, with the forecast
    the policy saw in replay (NaN when unknown). ``planned_service``: the Plan's expected
    service of the target's measure (NaN when unknown); ``falling_share``: share of periods in
    which the forecast over the exposure the levels follow falls by more than one period's
    forecast demand (``F_E(t−1) − F_E(t) > F_E(t−1)/E``; NaN when unknown).
    """

    periods: int
    season: int
    demand_share: float
    size_ratio: float
    whole_units: bool
    exposure: float
    mean_exposure: float
    sigma_exposure: float
    reorder_level: float
    last_season_bias: float
    trend_strength: float = math.nan
    seasonal_strength: float = math.nan
    planned_service: float = math.nan
    falling_share: float = math.nan


def item_traits(
    history: np.ndarray,
    *,
    frequency: str,
    exposure: float,
    mean_exposure: float,
    sigma_exposure: float,
    reorder_level: float,
    fitted: np.ndarray | None = None,
    planned_service: float = math.nan,
    exposure_cover: np.ndarray | None = None,
) -> ItemTraits:
    """The :class:`ItemTraits` of one SKU: ``history`` its active demand (units per period),
    the exposure terms from its buffer plan, ``fitted`` the forecast of each history period
    (same length, NaN where missing) for the level-shift rule, ``planned_service`` the Plan's
    expected service and ``exposure_cover`` the forecast over the exposure per simulated
    period (units) the levels followed."""
    values = np.asarray(history, dtype=float)
    values = values[np.isfinite(values)]
    season = SEASONAL_PERIODS.get(frequency, 12)
    sizes = values[values > 0]
    median = float(np.median(sizes)) if len(sizes) else math.nan
    ratio = float(sizes.max() / median) if len(sizes) and median > 0 else math.nan
    bias = math.nan
    if fitted is not None and len(values):
        last = slice(max(len(values) - season, 0), len(values))
        actual, forecast = values[last], np.asarray(fitted, dtype=float)[-len(values) :][last]
        known = np.isfinite(forecast)
        if known.sum() >= max(season // 2, 1) and actual[known].mean() > 0:
            bias = float((actual[known] - forecast[known]).mean() / actual[known].mean())
    trend, seasonal = stl_strengths(values, season) if len(values) >= 2 * season else (
        math.nan, math.nan)  # fmt: skip
    return ItemTraits(
        periods=len(values),
        season=season,
        demand_share=float((values > 0).mean()) if len(values) else 0.0,
        size_ratio=ratio,
        whole_units=bool(len(values) and np.all(values == np.round(values))),
        exposure=float(exposure),
        mean_exposure=float(mean_exposure),
        sigma_exposure=float(sigma_exposure),
        reorder_level=float(reorder_level),
        last_season_bias=bias,
        trend_strength=trend,
        seasonal_strength=seasonal,
        planned_service=float(planned_service),
        falling_share=_falling_share(exposure_cover, exposure),
    )


def _falling_share(cover: np.ndarray | None, exposure: float) -> float:
    """Share of periods with ``F_E(t−1) − F_E(t) > F_E(t−1)/E`` (see :class:`ItemTraits`)."""
    if cover is None or exposure <= 0:
        return math.nan
    c = np.asarray(cover, dtype=float)
    if len(c) < 2:
        return math.nan
    before, after = c[:-1], c[1:]
    return float(np.mean(before - after > before / exposure + 1e-9))


def whole_unit_step(traits: ItemTraits, target: float) -> tuple[float, float] | None:
    """The cycle service just below and at the target when stock comes in whole units.

    With exposure demand ``D`` ~ Normal(μ_X, σ_X) counted in whole units, a level of ``n`` units
    gives ``P(D ≤ n) = Φ((n + ½ − μ_X)/σ_X)`` (continuity correction). Returns
    ``(P(D ≤ n − 1), P(D ≤ n))`` for the smallest ``n`` with ``P(D ≤ n) ≥ target``, or None when
    σ_X is zero.
    """
    from scipy.special import ndtr, ndtri  # on first use: importing it takes half a second

    mu, sigma = traits.mean_exposure, traits.sigma_exposure
    if not (sigma > 0 and math.isfinite(sigma) and math.isfinite(mu)):
        return None
    n = max(math.ceil(mu + sigma * float(ndtri(min(max(target, 1e-12), 1 - 1e-12))) - 0.5), 0)

    def service(units: int) -> float:
        return 0.0 if units < 0 else float(ndtr((units + 0.5 - mu) / sigma))

    while service(n) < target:
        n += 1
    while n > 0 and service(n - 1) >= target:
        n -= 1
    return service(n - 1), service(n)


#: Said of a flagged SKU when no rule above applies, by mode and direction of the miss.
UNEXPLAINED: dict[tuple[str, bool], str] = {
    ("replay", False): "the history's errors over L + R were larger than the plan's σ "
    "(few replayed cycles, or demand that changed its behaviour)",
    ("replay", True): "the history's errors over L + R were smaller than the plan's σ",
    ("monte_carlo", False): "few cycles or demand far from its model; try more paths",
    ("monte_carlo", True): "few cycles or demand far from its model; try more paths",
}


def explain(traits: ItemTraits, target: ServiceTarget, mode: SimulationMode) -> tuple[str, ...]:
    """Likely causes of a miss in ``mode``, in plain words (the rules of :data:`REASON_RULES`):

    * ``short_history``: fewer than two seasons of history (too little to measure season and
      error);
    * ``size_spread``: nonzero sizes vary ``SIZE_RATIO``× or more (largest ÷ median);
    * ``whole_units``: whole-unit demand with a mean over L + R below ``WHOLE_UNIT_EXPOSURE``
      units, where the whole stock level below or above the target leaves the cycle service
      more than ``FLAG_POINTS`` from it (:func:`whole_unit_step`);
    * ``no_stock_floor``: the level is zero and the Plan already expects a service more than
      ``FLAG_POINTS`` above the target (no demand over the exposure is that likely; a level
      cannot go below zero);
    * ``falling_levels`` (Monte Carlo): in at least ``FALLING_SHARE`` of the periods the level
      falls faster than demand uses the stock (after a seasonal peak); an order-up-to type
      policy cannot send stock back, so service runs above the target there;
    * ``intermittent``: demand in fewer than 1/1.32 of periods (Syntetos–Boylan ADI cut-off);
    * ``seasonal`` / ``trend``: STL seasonality / trend strength of at least ``STRONG``, where
      a buffer sized on an average period and one error σ is most likely off;
    * ``level_shift`` (replay only): over the last season the forecast the policy saw was off
      the actual demand by more than ``LEVEL_SHIFT`` of it on average;
    * ``long_lead_time``: the history holds fewer than ``LEAD_TIME_WINDOWS`` exposures of
      L + R periods, so the error over the lead time rests on few independent windows.
    """
    reasons: list[str] = []
    for rule, only in REASON_RULES:
        if only is not None and only != mode:
            continue
        text = _RULES[rule](traits, target)
        if text:
            reasons.append(text)
    return tuple(reasons)


def _short_history(t: ItemTraits, _: ServiceTarget) -> str | None:
    if t.periods < 2 * t.season:
        return f"history shorter than two seasons ({t.periods} periods, a season is {t.season})"
    return None


def _size_spread(t: ItemTraits, _: ServiceTarget) -> str | None:
    if math.isfinite(t.size_ratio) and t.size_ratio >= SIZE_RATIO:
        return f"nonzero sizes vary {t.size_ratio:.0f}× (largest ÷ median)"
    return None


def _whole_units(t: ItemTraits, target: ServiceTarget) -> str | None:
    if not t.whole_units or not 0 < t.mean_exposure < WHOLE_UNIT_EXPOSURE:
        return None
    step = whole_unit_step(t, target.value)
    if step is None:
        return None
    low, high = step
    if max(target.value - low, high - target.value) * 100.0 <= FLAG_POINTS:
        return None
    return (
        f"whole units: one more unit of stock moves cycle service from {low:.0%} to "
        f"{high:.0%}".replace("%", " %")
    )


def _no_stock_floor(t: ItemTraits, target: ServiceTarget) -> str | None:
    planned = t.planned_service
    if t.reorder_level > 0 or not math.isfinite(planned):
        return None
    if (planned - target.value) * 100.0 <= FLAG_POINTS:
        return None
    return (
        f"the forecast is so low that no stock at all already gives {planned:.0%} (a level "
        f"cannot go below zero)".replace("%", " %")
    )


def _falling_levels(t: ItemTraits, _: ServiceTarget) -> str | None:
    share = t.falling_share
    if not math.isfinite(share) or share < FALLING_SHARE:
        return None
    return (
        f"the forecast falls faster than demand uses the stock in {share:.0%} of periods "
        f"(after a peak): the policy cannot send stock back, so service there runs above "
        f"the target".replace("%", " %")
    )


def _intermittent(t: ItemTraits, _: ServiceTarget) -> str | None:
    if t.periods and t.demand_share < 1.0 / ADI_CUTOFF:
        return f"intermittent: demand in {t.demand_share:.0%} of periods".replace("%", " %")
    return None


def _strong(strength: float, text: str) -> str | None:
    """``text`` with the STL ``strength`` filled in when it is at least ``STRONG``."""
    if math.isfinite(strength) and strength >= STRONG:
        return text.format(strength=strength)
    return None


def _seasonal(t: ItemTraits, _: ServiceTarget) -> str | None:
    return _strong(
        t.seasonal_strength,
        "strongly seasonal (STL strength {strength:.2f}): demand and its forecast error swing "
        "with the season",
    )


def _trend(t: ItemTraits, _: ServiceTarget) -> str | None:
    return _strong(
        t.trend_strength,
        "strong trend (STL strength {strength:.2f}): the level moves during the history",
    )


def _level_shift(t: ItemTraits, _: ServiceTarget) -> str | None:
    if math.isfinite(t.last_season_bias) and abs(t.last_season_bias) > LEVEL_SHIFT:
        side = "below" if t.last_season_bias > 0 else "above"
        return (
            f"replay: the history's last year differs from the forecast (level shift; the "
            f"forecast ran {abs(t.last_season_bias):.0%} {side} demand)".replace("%", " %")
        )
    return None


def _long_lead_time(t: ItemTraits, _: ServiceTarget) -> str | None:
    if t.exposure > 0 and t.periods / t.exposure < LEAD_TIME_WINDOWS:
        return (
            f"the lead time is long against the history: {t.periods} periods hold "
            f"{t.periods / t.exposure:.0f} spans of L + R = {t.exposure:g}"
        )
    return None


_RULES = {
    "short_history": _short_history,
    "size_spread": _size_spread,
    "whole_units": _whole_units,
    "no_stock_floor": _no_stock_floor,
    "falling_levels": _falling_levels,
    "intermittent": _intermittent,
    "seasonal": _seasonal,
    "trend": _trend,
    "level_shift": _level_shift,
    "long_lead_time": _long_lead_time,
}
