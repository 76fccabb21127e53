"""One demand model per SKU, shared by the buffers and the Monte Carlo simulation.

The buffers promise a service level for demand that behaves in a certain way; the simulation
then draws demand that behaves that way. Both read the same :class:`DemandModel`, so the
Plan's promise is what Monte Carlo delivers. Demand in future period ``t`` is the forecast
``μ_t`` plus an error (units per period, never negative):

* ``normal`` (additive): ``D_t = max(0, μ_t + σ₁·u_t)``;
* ``multiplicative`` (the forecast method's error grows with the level, e.g. Holt-Winters
  multiplicative or an ETS model with multiplicative error): ``D_t = max(0, μ_t·(1 + σᵣ·u_t))``,
  ``σᵣ`` the one-step error as a share of the forecast;
* ``compound`` (intermittent and lumpy items; occurrence × size, Croston 1972): demand occurs
  with probability ``p_t`` and its size is drawn from the item's own non-zero history — so a
  size is never far outside what the item has shown. ``p`` and the sizes come from the
  history; ``p_t = p·μ_t/μ̄`` follows the forecast (``μ̄ = p·s̄`` the history's mean), and only
  where that would exceed 1 do sizes grow.

``u_t`` is a stationary AR(1) process with unit variance and lag-one correlation ``ρ``, so the
error summed over ``n`` periods has variance ``σ₁²·V(n; ρ)`` with
``V(n; ρ) = n + 2·Σ_{k=1}^{n−1} (n − k)·ρᵏ`` (Box, Jenkins & Reinsel, *Time Series Analysis*,
§3.2; ``V = n`` for independent errors, Silver, Pyke & Thomas 2017 §6.7). ``ρ`` is fitted to the
forecast backtest's errors summed over 1..K steps — so errors that persist over the lead time
are counted as measured — and shrunk toward 0 (``σ_n = √n·σ₁``) when the backtest rests on few
origins: ``ρ = w·ρ̂`` with ``w = m/(m + 24)`` for ``m`` origins, and ``ρ = 0`` when
``|ρ̂| ≤ 2/√m`` (within the sampling noise of a correlation, Bartlett 1946).
"""

from __future__ import annotations

import math
import threading
import zlib
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np

from jitcore.forecast import ForecastResult
from jitcore.profile import syntetos_boylan_class

DemandModelKind = Literal["normal", "multiplicative", "compound"]

#: Backtest origins at which the fitted error correlation gets half weight.
SHRINK_ORIGINS = 24.0
#: Range of the AR(1) correlation searched.
_RHO_GRID = np.linspace(-0.45, 0.95, 141)
#: Draws of the summed demand used for quantiles of the compound model.
EXPOSURE_DRAWS = 8000

#: Sets of exposure draws kept (each 2 × EXPOSURE_DRAWS floats, 128 kB).
SAMPLE_CACHE_SIZE = 256
_SAMPLES: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
_SAMPLES_LOCK = threading.Lock()

#: Plain-language names of the models, for the Plan and reports.
MODEL_LABELS: dict[str, str] = {
    "normal": "normal errors",
    "multiplicative": "normal errors ∝ forecast level",
    "compound": "occurrence × size from history",
}


def variance_factor(periods: float, correlation: float) -> float:
    """``V(n; ρ) = n + 2·Σ_{k=1}^{n−1}(n − k)·ρᵏ``: variance of the sum of ``n`` unit-variance
    AR(1) errors; fractional ``n`` interpolates linearly between the neighbouring integers.

    >>> variance_factor(3, 0.0), round(variance_factor(2, 0.5), 6)
    (3.0, 3.0)
    """
    if periods <= 0:
        return 0.0
    if correlation == 0.0:  # independent errors: V = n (also between whole n)
        return float(periods)
    low = math.floor(periods)
    frac = periods - low

    def whole(n: int) -> float:
        if n <= 0:
            return 0.0
        k = np.arange(1, n)
        return float(n + 2.0 * np.sum((n - k) * correlation**k))

    if frac == 0.0:
        return whole(low)
    return (1.0 - frac) * whole(low) + frac * whole(low + 1)


@dataclass(frozen=True, eq=False)
class DemandModel:
    """How one SKU's demand varies around its forecast (see the module docstring).

    ``sigma``: one-period error σ₁ in units (``normal``) or as a share of the forecast
    (``multiplicative``); ``correlation``: ρ of the errors; ``occurrence`` p and ``sizes``
    (non-zero history, units) for ``compound``; ``history_mean`` = p·s̄ (units per period).
    ``origins``: backtest origins the error structure rests on. ``reason`` and
    ``sigma_source``: why this model and where σ came from, in plain words.
    """

    kind: DemandModelKind
    sigma: float = 0.0
    correlation: float = 0.0
    occurrence: float = 1.0
    sizes: np.ndarray = field(default_factory=lambda: np.zeros(0))
    history_mean: float = 0.0
    origins: int = 0
    reason: str = ""
    sigma_source: str = ""
    seed: int = 0

    @property
    def label(self) -> str:
        return MODEL_LABELS[self.kind]

    @property
    def whole_units(self) -> bool:
        """Demand comes in whole units (occurrence × size with whole sizes): stock levels are
        then whole units too, and the service of a level is that of the unit above it."""
        return (
            self.kind == "compound"
            and len(self.sizes) > 0
            and bool(np.all(self.sizes == np.round(self.sizes)))
        )

    @property
    def level_elasticity(self) -> float:
        """How the error over the exposure grows with the forecast level: σ ∝ level^e, e = 1
        for multiplicative errors, ½ for occurrence × size (its variance grows with the
        occurrence p_t, which follows the level), 0 for additive errors."""
        return {"multiplicative": 1.0, "compound": 0.5}.get(self.kind, 0.0)

    # --- the error over n periods -----------------------------------------------------------
    def exposure_sd(self, periods: float, level: float) -> float:
        """σ of demand over ``periods`` periods around the forecast (units), at a forecast of
        ``level`` units per period: ``σ₁·√V(n; ρ)``, times ``level`` when multiplicative; for
        the compound model the standard deviation of its sum of ``n`` draws."""
        if periods <= 0:
            return 0.0
        if self.kind == "compound":
            p, size_mean, size_sq = self._occurrence_and_sizes(level)
            # Var of a sum of n i.i.d. B·S: n·(p·E[S²] − p²·E[S]²)
            return math.sqrt(max(periods * (p * size_sq - (p * size_mean) ** 2), 0.0))
        factor = math.sqrt(variance_factor(periods, self.correlation))
        scale = level if self.kind == "multiplicative" else 1.0
        return self.sigma * scale * factor

    def _occurrence_and_sizes(self, level: float) -> tuple[float, float, float]:
        """Occurrence probability and the first two moments of the size at mean ``level``."""
        if len(self.sizes) == 0 or self.history_mean <= 0:
            return 0.0, 0.0, 0.0
        p, grow = self._scale(np.array([max(level, 0.0)]))
        size_mean = float(self.sizes.mean()) * float(grow[0])
        size_sq = float(np.mean(self.sizes**2)) * float(grow[0]) ** 2
        return float(p[0]), size_mean, size_sq

    def _scale(self, mean: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Compound model: occurrence ``p_t`` and size factor for forecast ``mean`` per period:
        ``p_t = min(1, p·μ_t/μ̄)``; sizes grow by ``μ_t/(p_t·s̄)`` only once ``p_t`` is 1."""
        ratio = np.maximum(mean, 0.0) / self.history_mean
        p_t = np.minimum(self.occurrence * ratio, 1.0)
        grow = np.where(p_t >= 1.0, self.occurrence * ratio, 1.0)
        return p_t, grow

    def exposure_sample(
        self, periods: float, level: float, *, lead_time_sd: float = 0.0
    ) -> np.ndarray:
        """Sorted draws of demand over ``periods`` periods at forecast ``level`` per period
        (units), for quantiles and expected shortages of models without a closed form. With
        ``lead_time_sd`` the number of periods varies (normal, rounded, at least 0) as the
        simulated lead time does. Seeded per SKU: the same model gives the same draws."""
        return self.lead_and_exposure_samples(periods, 0.0, level, lead_time_sd=lead_time_sd)[1]

    def lead_and_exposure_samples(
        self, lead: float, review: float, level: float, *, lead_time_sd: float = 0.0
    ) -> tuple[np.ndarray, np.ndarray]:
        """Sorted draws of demand over the lead time ``lead`` and over the exposure
        ``lead + review`` (units) from the SAME draws, so each draw's exposure demand includes
        its lead-time demand (and the same random lead time). The draws depend on the model's
        content and the arguments only, so the last few hundred are kept (read-only): a sweep
        over service targets sizes every variant from the same draws."""
        key = (
            self.kind, self.sigma, self.correlation, self.occurrence, self.history_mean,
            self.seed, self.sizes.tobytes(), float(lead), float(review), float(level),
            float(lead_time_sd),
        )  # fmt: skip
        cached = _SAMPLES.get(key)
        if cached is None:
            cached = self._draw_lead_and_exposure(lead, review, level, lead_time_sd)
            for array in cached:
                array.flags.writeable = False
            with _SAMPLES_LOCK:
                _SAMPLES[key] = cached
                while len(_SAMPLES) > SAMPLE_CACHE_SIZE:
                    _SAMPLES.pop(next(iter(_SAMPLES)))
        return cached

    def _draw_lead_and_exposure(
        self, lead: float, review: float, level: float, lead_time_sd: float
    ) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(self.seed)
        n = EXPOSURE_DRAWS
        spread = max(int(math.ceil(4 * lead_time_sd)), 0)
        longest = math.floor(lead + review) + 2 + spread
        per_period = self.draw(np.full(longest, float(level)), n, rng)
        cumulative = np.concatenate([np.zeros((n, 1)), np.cumsum(per_period, axis=1)], axis=1)
        shift = np.zeros(n)
        if lead_time_sd > 0:
            shift = np.clip(np.rint(rng.normal(0.0, lead_time_sd, n)), -math.floor(lead), spread)
        rows = np.arange(n)

        def total(periods: float) -> np.ndarray:
            length = np.maximum(periods + shift, 0.0)
            whole = np.floor(length).astype(int)
            frac = length - whole
            low = cumulative[rows, whole]
            return low + frac * (cumulative[rows, np.minimum(whole + 1, longest)] - low)

        return np.sort(total(lead)), np.sort(total(lead + review))

    # --- drawing paths ----------------------------------------------------------------------
    def draw(self, mean: np.ndarray, paths: int, rng: np.random.Generator) -> np.ndarray:
        """Demand paths ``[path, period]`` around the forecast ``mean`` (units per period,
        never negative)."""
        mean = np.maximum(np.asarray(mean, dtype=float), 0.0)
        periods = len(mean)
        if self.kind == "compound":
            if len(self.sizes) == 0 or self.history_mean <= 0:
                return np.zeros((paths, periods))
            p_t, grow = self._scale(mean)
            occurs = rng.random((paths, periods)) < p_t
            drawn = rng.choice(self.sizes, size=(paths, periods))
            return np.where(occurs, drawn * grow, 0.0)
        errors = ar1_noise(self.correlation, paths, periods, rng)
        if self.kind == "multiplicative":
            return np.maximum(mean * (1.0 + self.sigma * errors), 0.0)
        return np.maximum(mean + self.sigma * errors, 0.0)


def ar1_noise(correlation: float, paths: int, periods: int, rng: np.random.Generator) -> np.ndarray:
    """Stationary AR(1) noise with unit variance: ``u_t = ρ·u_{t−1} + √(1−ρ²)·ε_t``,
    ``u_0 ~ N(0, 1)`` (``[path, period]``; i.i.d. standard normal when ``ρ = 0``)."""
    noise = rng.standard_normal((paths, periods))
    if correlation == 0.0 or periods < 2:
        return noise
    scale = math.sqrt(1.0 - correlation**2)
    noise[:, 1:] *= scale
    for t in range(1, periods):
        noise[:, t] += correlation * noise[:, t - 1]
    return noise


# --- fitting --------------------------------------------------------------------------------
_MAX_TABLE_STEPS = 120


def _variance_table() -> np.ndarray:
    """``log V(k; ρ)`` for every ρ of the grid (rows) and k = 1..120 (columns)."""
    k = np.arange(1, _MAX_TABLE_STEPS + 1)
    lags = np.arange(1, _MAX_TABLE_STEPS)
    powers = _RHO_GRID[:, None] ** lags[None, :]  # ρ^j
    weights = np.maximum(k[:, None] - lags[None, :], 0)  # (k − j)⁺
    return np.log(k[None, :] + 2.0 * powers @ weights.T)


_LOG_V = _variance_table()


def _fit_correlation(variance: np.ndarray, counts: np.ndarray) -> float:
    """ρ whose ``V(k; ρ)`` best matches ``variance[k−1]/variance[0]`` for k ≥ 2 (least squares
    in logs, weighted by the origins behind each step)."""
    steps = np.arange(1, len(variance) + 1)
    ok = np.isfinite(variance) & (variance > 0) & (counts > 0) & (steps >= 2)
    ok &= steps <= _MAX_TABLE_STEPS
    if not (np.isfinite(variance[0]) and variance[0] > 0) or ok.sum() == 0:
        return 0.0
    target = np.log(variance[ok] / variance[0])
    weights = counts[ok].astype(float)
    loss = ((_LOG_V[:, steps[ok] - 1] - target[None, :]) ** 2) @ weights
    return float(_RHO_GRID[int(np.argmin(loss))])


def _is_multiplicative(method: str, description: str) -> bool:
    return method == "holt_winters_multiplicative" or (
        method == "ets" and description.replace(" ", "").upper().startswith("ETS(M")
    )


def _stable_seed(sku: str) -> int:
    return zlib.crc32(sku.encode("utf-8"))


def fit_demand_model(
    sku: str,
    history: np.ndarray,
    *,
    choice: str = "auto",
    method: str = "",
    description: str = "",
    backtest_errors: np.ndarray | None = None,
    backtest_forecasts: np.ndarray | None = None,
    one_step_sd: float | None = None,
    residuals: np.ndarray | None = None,
) -> DemandModel:
    """The demand model of one SKU from its history and its forecast's backtest.

    ``choice`` is the scenario's ``simulation.demand_model``: ``auto`` (compound for items whose
    Syntetos–Boylan class is intermittent or lumpy; otherwise normal, multiplicative where the
    forecast method's error is), ``normal``, ``intermittent`` (compound) or ``resampled``
    (normal with σ₁ from the in-sample residuals and independent errors).
    ``backtest_errors`` / ``backtest_forecasts``: origins × steps (actual − forecast, and the
    forecasts), NaN where unknown.
    """
    values = np.asarray(history, dtype=float)
    values = values[np.isfinite(values)]
    sizes = values[values > 0]
    demand_class = syntetos_boylan_class(values) if len(sizes) else "intermittent"
    seed = _stable_seed(sku)
    compound = choice == "intermittent" or (
        choice == "auto" and demand_class in ("intermittent", "lumpy") and len(sizes)
    )
    if compound:
        p = len(sizes) / len(values) if len(values) else 0.0
        share = round(100 * p)
        return DemandModel(
            "compound",
            occurrence=p,
            sizes=_read_only(sizes),
            history_mean=float(values.mean()) if len(values) else 0.0,
            origins=len(values),
            reason=(
                f"{demand_class} demand: demand in {share} % of periods, sizes from the "
                f"{len(sizes)} non-zero periods of the history"
                if choice == "auto"
                else "occurrence × size chosen in the simulation settings"
            ),
            sigma_source=f"the distribution of demand over the exposure from {len(sizes)} sizes "
            f"and the share of periods with demand ({share} %)",
            seed=seed,
        )
    errors = None if backtest_errors is None else np.asarray(backtest_errors, dtype=float)
    multiplicative = choice in ("auto", "normal") and _is_multiplicative(method, description)
    fallback_sd = float(np.std(values, ddof=1)) if len(values) > 1 else 0.0
    if choice == "resampled":
        res = np.asarray(residuals if residuals is not None else [], dtype=float)
        res = res[np.isfinite(res)]
        sd = float(np.sqrt(np.mean(res**2))) if len(res) >= 8 else fallback_sd
        return DemandModel(
            "normal",
            sigma=sd,
            reason="resampled errors chosen in the simulation settings (independent errors)",
            sigma_source=f"root mean square of {len(res)} in-sample one-step errors",
            seed=seed,
        )
    if errors is None or errors.size == 0 or not np.isfinite(errors[:, 0]).any():
        sd = one_step_sd if one_step_sd is not None and math.isfinite(one_step_sd) else None
        sd = fallback_sd if sd is None else sd
        return DemandModel(
            "normal",
            sigma=max(sd, 0.0),
            reason="no backtest: the history is too short to measure the forecast error",
            sigma_source="standard deviation of demand (no backtest), independent errors",
            seed=seed,
        )
    if multiplicative and backtest_forecasts is not None:
        forecasts = np.asarray(backtest_forecasts, dtype=float)
        cum_f = np.cumsum(forecasts, axis=1)
        steps = np.arange(1, forecasts.shape[1] + 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            scaled = np.cumsum(errors, axis=1) / (cum_f / steps)
        scaled[~np.isfinite(scaled)] = np.nan
        summed = scaled
    else:
        multiplicative = False
        summed = np.cumsum(errors, axis=1)
    finite = np.isfinite(summed)
    counts = finite.sum(axis=0)
    variance = np.where(
        counts > 0, np.nansum(np.where(finite, summed, 0.0) ** 2, axis=0) / np.maximum(counts, 1), 0
    )
    variance = np.where(counts > 0, variance, np.nan)
    sigma_one = math.sqrt(variance[0]) if np.isfinite(variance[0]) else fallback_sd
    rho_hat = _fit_correlation(variance, counts)
    origins = int(counts[0])
    weight = origins / (origins + SHRINK_ORIGINS)
    # a correlation within sampling noise of zero (|ρ̂| ≤ 2/√m) is taken as none
    significant = abs(rho_hat) * math.sqrt(max(origins, 1)) > 2.0
    rho = weight * rho_hat if significant else 0.0
    steps_measured = int(np.sum(counts >= 8))
    kind: DemandModelKind = "multiplicative" if multiplicative else "normal"
    unit = "% of the forecast" if multiplicative else "units"
    return DemandModel(
        kind,
        sigma=sigma_one,
        correlation=rho,
        origins=origins,
        reason=(
            f"the forecast method ({description or method}) has errors that grow with the level"
            if multiplicative
            else f"{demand_class} demand: forecast errors are close to normal"
        ),
        sigma_source=(
            f"backtest: σ₁ = {sigma_one * (100 if multiplicative else 1):.3g} {unit} from "
            f"{origins} origins; error correlation ρ = {rho:.2f} fitted to errors summed over "
            f"1–{max(steps_measured, 1)} steps (ρ̂ = {rho_hat:.2f}, weight {weight:.2f})"
        ),
        seed=seed,
    )


#: Steps ahead of the warm-up's own backtest (a replay's prior error structure).
WARMUP_STEPS = 12


def warmup_model(model: DemandModel, warmup: np.ndarray, *, season: int) -> DemandModel:
    """The demand model of a replay, from the warm-up ``warmup`` only (the history known at
    the first origin, units per period), so nothing of later data enters the buffers.

    Occurrence × size: occurrence and sizes of the warm-up. Normal errors (``model``'s kind,
    additive or ∝ level): σ₁ and ρ fitted as :func:`fit_demand_model` fits them, to the
    warm-up's own backtest of the seasonal naive forecast ``ŷ_{o+h} = y_{o+h−s}`` (``s`` the
    season when the warm-up holds two seasons and more, else 1: the naive forecast), steps
    1..12 from every origin. That benchmark is what any method should beat (Hyndman & Koehler
    2006), so the prior is cautious; the replay's measured errors take over as they accumulate
    (:mod:`jitcore.pipeline.covers`)."""
    y = np.asarray(warmup, dtype=float)
    y = y[np.isfinite(y)]
    if model.kind == "compound":
        fitted = fit_demand_model("", y, choice="intermittent")
        if len(fitted.sizes) == 0:
            return model
        return DemandModel(
            "compound", occurrence=fitted.occurrence, sizes=fitted.sizes,
            history_mean=fitted.history_mean, origins=len(y), reason=model.reason,
            sigma_source=f"replay: {fitted.sigma_source} of the {len(y)}-period warm-up",
            seed=model.seed,
        )  # fmt: skip
    lag = season if season > 1 and len(y) >= 2 * season + 2 else 1
    first = lag - 1
    origins = np.arange(first, len(y) - 1)
    if len(origins) < 3:
        return model
    steps = np.arange(1, WARMUP_STEPS + 1)
    target = origins[:, None] + steps[None, :]
    base = target - lag * np.ceil(steps / lag).astype(int)[None, :]
    known = target < len(y)
    forecasts = np.where(known, y[np.minimum(base, len(y) - 1)], np.nan)
    errors = np.where(known, y[np.minimum(target, len(y) - 1)] - forecasts, np.nan)
    multiplicative = model.kind == "multiplicative"
    fitted = fit_demand_model(
        "", y, choice="normal",
        method="holt_winters_multiplicative" if multiplicative else "",
        backtest_errors=errors, backtest_forecasts=forecasts,
    )  # fmt: skip
    name = "seasonal naive" if lag > 1 else "naive"
    source = fitted.sigma_source.replace("backtest:", f"replay: the {len(y)}-period warm-up's "
                                         f"backtest of the {name} forecast:", 1)  # fmt: skip
    return replace(fitted, reason=model.reason, sigma_source=source, seed=model.seed)


def _read_only(values: np.ndarray) -> np.ndarray:
    out = np.array(values, dtype=float)
    out.flags.writeable = False
    return out


def model_for_forecast(result: ForecastResult, choice: str = "auto") -> DemandModel:
    """:func:`fit_demand_model` of one SKU from its :class:`~jitcore.forecast.ForecastResult`
    (history, method and backtest)."""
    history = result.history.to_numpy(dtype=float)
    fitted = result.fitted.reindex(result.history.index).to_numpy(dtype=float)
    backtest = result.backtest
    return fit_demand_model(
        result.sku,
        history,
        choice=choice,
        method=result.method,
        description=result.description,
        backtest_errors=None if backtest is None else backtest.errors,
        backtest_forecasts=None if backtest is None else backtest.forecasts,
        one_step_sd=float(result.error_sd[0]) if len(result.error_sd) else None,
        residuals=history - fitted,
    )
