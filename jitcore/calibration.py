"""Calibration: does the service a plan promises match the service the simulation delivers?

:func:`calibrate` runs one scenario in each simulation mode (Monte Carlo and replay of the
history; one :func:`~jitcore.pipeline.run_scenario` call per mode for every SKU, on the same
forecasts) and compares, per SKU, the service **target** of the buffers with the service
**achieved**:

* the target is the scenario's buffer target: ``buffers.method = service_level`` → the cycle
  service level ``buffers.cycle_service_level`` (share of replenishment cycles without a
  shortage, "P1"); ``fill_rate`` → the fill rate ``buffers.fill_rate`` (share of demand served
  from stock, "P2"; Silver, Pyke & Thomas 2017, ch. 6);
* the achieved value is the same KPI of the simulation (:mod:`jitcore.kpis`), pooled over its
  paths;
* the **gap** is ``100 × (achieved − target)`` in percentage points; a SKU is **flagged** in a
  mode when ``|gap| > FLAG_POINTS`` (3 points).

Where a simple rule can tell why a SKU may miss, the row says so in plain words (see
:data:`REASON_RULES`): a short history, sizes that vary many times over, demand in whole units
so that the next unit of stock jumps the service, intermittent demand, a level shift in the
history's last year (replay) or a lead time that is long against the history. The rules are
heuristics: they name likely causes, they do not prove them.

:meth:`CalibrationTable.summary` aggregates per mode and Syntetos–Boylan demand class
(:func:`jitcore.profile.syntetos_boylan_class`): items, median achieved service, and the shares
of items within 5 points of the target and at or above target − 5 points.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy.special import ndtr, ndtri

from jitcore.demand import DemandData
from jitcore.errors import JitError, ScenarioError
from jitcore.forecast import ForecastResult, forecast_all
from jitcore.kpis import Kpis
from jitcore.pipeline import run_scenario
from jitcore.profile import (
    ADI_CUTOFF,
    DEMAND_CLASSES,
    SEASONAL_PERIODS,
    DemandClass,
    stl_strengths,
    syntetos_boylan_class,
)
from jitcore.scenario import Scenario

ServiceMeasure = Literal["cycle_service_level", "fill_rate"]
SimulationMode = Literal["monte_carlo", "replay"]

#: A SKU whose achieved service is further than this from its target (percentage points) is
#: flagged.
FLAG_POINTS = 3.0
#: The summary counts items within this many points of the target (either side), and items at
#: or above target − this many points.
SUMMARY_POINTS = 5.0

#: Thresholds of the reason rules (see :func:`explain`).
SIZE_RATIO = 10.0  # largest ÷ median nonzero size
WHOLE_UNIT_EXPOSURE = 10.0  # mean demand over L + R below which whole units matter, units
LEVEL_SHIFT = 0.20  # |mean(actual − forecast)| ÷ mean(actual) over the last season
LEAD_TIME_WINDOWS = 12.0  # history periods ÷ (L + R) below which the lead time is "long"
STRONG = 0.6  # STL trend or seasonality strength from which it is called strong

#: The reason given where a mode simulated no demand at all for a SKU (e.g. a zero forecast).
NO_DEMAND = "no demand in the simulation (e.g. a zero forecast): service cannot be measured"

#: Every rule, in the order its reason is listed, with the mode it applies to (None: every mode).
REASON_RULES: tuple[tuple[str, SimulationMode | None], ...] = (
    ("short_history", None),
    ("size_spread", None),
    ("whole_units", None),
    ("intermittent", None),
    ("seasonal", None),
    ("trend", None),
    ("level_shift", "replay"),
    ("long_lead_time", None),
)


@dataclass(frozen=True)
class ServiceTarget:
    """The service the buffers are sized for: which measure and its value (a share, 0–1)."""

    measure: ServiceMeasure
    value: float

    def to_dict(self) -> dict[str, float | str]:
        return {"measure": self.measure, "value": self.value}


def service_target(scenario: Scenario) -> ServiceTarget | None:
    """The scenario's service target, or None when safety stock is set in days of cover or
    fixed units (then no service level is promised)."""
    buffers = scenario.buffers
    if buffers.method == "service_level":
        return ServiceTarget("cycle_service_level", buffers.cycle_service_level)
    if buffers.method == "fill_rate":
        return ServiceTarget("fill_rate", buffers.fill_rate)
    return None


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
    the policy saw in replay (NaN when unknown).
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


@dataclass(frozen=True)
class ModeCalibration:
    """One SKU in one simulation mode. ``achieved``: the target's KPI as simulated (a share,
    NaN when undefined: no demand was simulated); ``gap_points`` = 100 × (achieved − target);
    ``flagged`` when ``|gap_points| > FLAG_POINTS``; ``reasons``: likely causes in plain words
    (listed when flagged, and :data:`NO_DEMAND` when the service is undefined)."""

    mode: SimulationMode
    achieved: float
    gap_points: float
    flagged: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class SkuCalibration:
    """Target against achieved service of one SKU, per simulation mode.

    ``demand_model`` and ``sigma_source``: how the buffers modelled demand and where their σ
    came from, as the plan reports it (empty when the plan does not say).
    """

    sku: str
    demand_class: DemandClass
    target: ServiceTarget
    modes: tuple[ModeCalibration, ...]
    demand_model: str = ""
    sigma_source: str = ""

    def mode(self, mode: SimulationMode) -> ModeCalibration:
        for item in self.modes:
            if item.mode == mode:
                return item
        raise KeyError(mode)

    @property
    def flagged(self) -> bool:
        """True when any mode misses the target by more than ``FLAG_POINTS``."""
        return any(item.flagged for item in self.modes)


@dataclass(frozen=True)
class CalibrationTable:
    """Calibration of every SKU, in SKU order, for the modes that were run."""

    rows: tuple[SkuCalibration, ...]
    modes: tuple[SimulationMode, ...]
    target: ServiceTarget

    def frame(self) -> pd.DataFrame:
        """Tidy: one row per SKU × mode with columns ``sku, demand_class, mode, measure,
        target, achieved, gap_points, flagged, reasons`` (reasons joined by "; "),
        ``demand_model`` and ``sigma_source``."""
        records = [
            {
                "sku": row.sku,
                "demand_class": row.demand_class,
                "mode": item.mode,
                "measure": row.target.measure,
                "target": row.target.value,
                "achieved": item.achieved,
                "gap_points": item.gap_points,
                "flagged": item.flagged,
                "reasons": "; ".join(item.reasons),
                "demand_model": row.demand_model,
                "sigma_source": row.sigma_source,
            }
            for row in self.rows
            for item in row.modes
        ]
        columns = ["sku", "demand_class", "mode", "measure", "target", "achieved", "gap_points",
                   "flagged", "reasons", "demand_model", "sigma_source"]  # fmt: skip
        return pd.DataFrame(records, columns=columns)

    def summary(self) -> pd.DataFrame:
        """Per mode and demand class (classes in the order smooth, erratic, intermittent, lumpy;
        classes without items left out): ``items``, ``median_achieved``, ``share_within_5``
        (|gap| ≤ 5 points) and ``share_reaching`` (achieved ≥ target − 5 points). Items whose
        achieved service is undefined count in ``items`` but not in the shares."""
        frame = self.frame()
        records = []
        for mode in self.modes:
            for demand_class in DEMAND_CLASSES:
                part = frame[(frame["mode"] == mode) & (frame["demand_class"] == demand_class)]
                if part.empty:
                    continue
                gap = part["gap_points"].to_numpy(dtype=float)
                known = gap[np.isfinite(gap)]
                achieved = part["achieved"].to_numpy(dtype=float)
                achieved = achieved[np.isfinite(achieved)]
                records.append(
                    {
                        "mode": mode,
                        "demand_class": demand_class,
                        "items": len(part),
                        "median_achieved": _median(achieved),
                        "share_within_5": _share(np.abs(known) <= SUMMARY_POINTS),
                        "share_reaching": _share(known >= -SUMMARY_POINTS),
                    }
                )
        columns = ["mode", "demand_class", "items", "median_achieved", "share_within_5",
                   "share_reaching"]  # fmt: skip
        return pd.DataFrame(records, columns=columns)

    @property
    def flagged(self) -> tuple[str, ...]:
        """SKUs that miss their target by more than ``FLAG_POINTS`` in some mode."""
        return tuple(row.sku for row in self.rows if row.flagged)


def _share(mask: np.ndarray) -> float:
    return float(mask.mean()) if len(mask) else math.nan


def _median(values: np.ndarray) -> float:
    return float(np.median(values)) if len(values) else math.nan


def calibrate(
    demand: DemandData,
    scenario: Scenario,
    *,
    forecasts: Mapping[str, ForecastResult] | None = None,
    modes: Sequence[SimulationMode] = ("monte_carlo", "replay"),
    skus: Sequence[str] | None = None,
) -> CalibrationTable:
    """Run ``scenario`` in each of ``modes`` and compare each SKU's achieved service with the
    buffers' target.

    ``forecasts``: precomputed ``forecast_all(demand, scenario.forecast)`` (computed once here
    otherwise; every mode reuses them). ``skus``: only these SKUs. Raises
    :class:`~jitcore.errors.ScenarioError` when the scenario sets no service target (safety
    stock in days of cover or fixed units) or a mode is unknown.
    """
    target = service_target(scenario)
    if target is None:
        raise ScenarioError(
            f"Calibration needs a service target, but buffers.method is "
            f"{scenario.buffers.method!r}.",
            "Set buffers.method to service_level or fill_rate.",
        )
    modes = tuple(dict.fromkeys(modes))
    unknown = [m for m in modes if m not in ("monte_carlo", "replay")]
    if unknown or not modes:
        raise ScenarioError(
            f"Unknown simulation mode {unknown[0]!r}." if unknown else "No simulation mode given.",
            "Use monte_carlo, replay or both.",
        )
    unknown_skus = [s for s in skus or () if s not in demand.skus]
    if unknown_skus:
        raise JitError(
            f"SKU {unknown_skus[0]!r} is not in the data.",
            f"Known SKUs: {', '.join(demand.skus[:10])}{' …' if len(demand.skus) > 10 else ''}.",
        )
    if forecasts is None:
        forecasts = forecast_all(demand, scenario.forecast, skus=skus)
    results = {
        mode: run_scenario(
            demand, scenario.with_setting("simulation.mode", mode), forecasts=forecasts, skus=skus
        )
        for mode in modes
    }
    first = results[modes[0]]
    _, names, matrix = demand.matrix()
    column = {sku: i for i, sku in enumerate(names)}
    rows = []
    for sku in first.skus:
        history = matrix[:, column[sku]]
        history = history[np.isfinite(history)]
        buffer = first.buffers.get(sku)
        achieved = {mode: _achieved(results[mode].kpis_for(sku), target) for mode in modes}
        gaps = {mode: _gap_points(value, target) for mode, value in achieved.items()}
        flagged = {
            mode: bool(math.isfinite(g) and abs(g) > FLAG_POINTS) for mode, g in gaps.items()
        }
        traits = None
        if any(flagged.values()):  # the rules look at the history only where there is a miss
            traits = item_traits(
                history,
                frequency=demand.frequency,
                exposure=buffer.exposure,
                mean_exposure=buffer.mean_demand * buffer.exposure,
                sigma_exposure=buffer.sigma_exposure,
                reorder_level=buffer.order_up_to,
                fitted=_fitted(forecasts.get(sku), len(history)),
            )
        per_mode = tuple(
            ModeCalibration(
                mode,
                achieved[mode],
                gaps[mode],
                flagged[mode],
                explain(traits, target, mode)
                if traits is not None and flagged[mode]
                else ((NO_DEMAND,) if math.isnan(achieved[mode]) else ()),
            )
            for mode in modes
        )
        rows.append(
            SkuCalibration(
                sku=sku,
                demand_class=syntetos_boylan_class(history),
                target=target,
                modes=per_mode,
                demand_model=str(getattr(buffer, "demand_model", "") or ""),
                sigma_source=str(getattr(buffer, "sigma_source", "") or ""),
            )
        )
    return CalibrationTable(rows=tuple(rows), modes=modes, target=target)


def _fitted(result: ForecastResult | None, n: int) -> np.ndarray | None:
    """The one-step forecasts over the last ``n`` history periods (NaN where missing)."""
    if result is None:
        return None
    fitted = result.fitted.reindex(result.history.index).to_numpy(dtype=float)
    if len(fitted) < n:
        fitted = np.concatenate([np.full(n - len(fitted), np.nan), fitted])
    return fitted[-n:]


def _achieved(kpis: Kpis, target: ServiceTarget) -> float:
    """The target's KPI, or NaN when the run had no demand (then every service KPI reads 100 %
    without meaning anything)."""
    if not kpis.units_demanded > 0:
        return math.nan
    return float(getattr(kpis, target.measure))


def _gap_points(achieved: float, target: ServiceTarget) -> float:
    """100 × (achieved − target), NaN when the achieved service is undefined."""
    return 100.0 * (achieved - target.value) if math.isfinite(achieved) else math.nan


def item_traits(
    history: np.ndarray,
    *,
    frequency: str,
    exposure: float,
    mean_exposure: float,
    sigma_exposure: float,
    reorder_level: float,
    fitted: np.ndarray | None = None,
) -> ItemTraits:
    """The :class:`ItemTraits` of one SKU: ``history`` its active demand (units per period),
    the exposure terms from its buffer plan, ``fitted`` the forecast of each history period
    (same length, NaN where missing) for the level-shift rule."""
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
    )


def whole_unit_step(traits: ItemTraits, target: float) -> tuple[float, float] | None:
    """The cycle service just below and at the target when stock comes in whole units.

    With exposure demand ``D`` ~ Normal(μ_X, σ_X) counted in whole units, a level of ``n`` units
    gives ``P(D ≤ n) = Φ((n + ½ − μ_X)/σ_X)`` (continuity correction). Returns
    ``(P(D ≤ n − 1), P(D ≤ n))`` for the smallest ``n`` with ``P(D ≤ n) ≥ target``, or None when
    σ_X is zero.
    """
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


def explain(traits: ItemTraits, target: ServiceTarget, mode: SimulationMode) -> tuple[str, ...]:
    """Likely causes of a miss in ``mode``, in plain words (the rules of :data:`REASON_RULES`):

    * ``short_history``: fewer than two seasons of history (too little to measure season and
      error);
    * ``size_spread``: nonzero sizes vary ``SIZE_RATIO``× or more (largest ÷ median);
    * ``whole_units``: whole-unit demand with a mean over L + R below ``WHOLE_UNIT_EXPOSURE``
      units, where the whole stock level below or above the target leaves the cycle service
      more than ``FLAG_POINTS`` from it (:func:`whole_unit_step`);
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


def _intermittent(t: ItemTraits, _: ServiceTarget) -> str | None:
    if t.periods and t.demand_share < 1.0 / ADI_CUTOFF:
        return f"intermittent: demand in {t.demand_share:.0%} of periods".replace("%", " %")
    return None


def _seasonal(t: ItemTraits, _: ServiceTarget) -> str | None:
    if math.isfinite(t.seasonal_strength) and t.seasonal_strength >= STRONG:
        return (
            f"strongly seasonal (STL strength {t.seasonal_strength:.2f}): demand and its "
            "forecast error swing with the season"
        )
    return None


def _trend(t: ItemTraits, _: ServiceTarget) -> str | None:
    if math.isfinite(t.trend_strength) and t.trend_strength >= STRONG:
        return (
            f"strong trend (STL strength {t.trend_strength:.2f}): the level moves during the "
            "history"
        )
    return None


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
    "intermittent": _intermittent,
    "seasonal": _seasonal,
    "trend": _trend,
    "level_shift": _level_shift,
    "long_lead_time": _long_lead_time,
}
