"""The exponential-smoothing recursions for fixed parameters (run in compiled code by
``jitcore.forecast.smoothing_kernel``).

The parameters are estimated in jitcore.forecast.smoothing; this module runs the model with
them: in-sample one-step forecasts, the state after every period, and forecasts from any origin. The backtest uses it to roll a fold's model forward period by period without refitting.
Tests check it reproduces statsmodels' fitted values and forecasts.

Error-correction form (Hyndman, Koehler, Ord & Snyder (2008), Forecasting with Exponential
Smoothing, Table 2.1; FPP3 §8.4), with ŷ_t = (ℓ_{t−1} + φb_{t−1}) ⊕ s_{t−m} and e_t = y_t − ŷ_t:

- additive or no season: ℓ_t = ℓ_{t−1} + φb_{t−1} + αe_t,   b_t = φb_{t−1} + αβe_t,
  s_t = s_{t−m} + γe_t
- multiplicative season: ℓ_t = ℓ_{t−1} + φb_{t−1} + αe_t/s_{t−m},
  b_t = φb_{t−1} + αβe_t/s_{t−m}, and either s_t = s_{t−m} + γe_t/(ℓ_{t−1} + φb_{t−1})
  (Holt-Winters form, statsmodels ``ExponentialSmoothing``) or
  s_t = γ*·y_t/ℓ_t + (1 − γ*)s_{t−m} with γ* = γ/(1 − α) (statsmodels ``ETSModel``).

β here is the component-form trend smoothing of Holt (1957) (b_t = β(ℓ_t − ℓ_{t−1}) + (1 − β)φb_{t−1}),
so the error-correction coefficient is αβ. Forecast h steps after origin T:
ŷ_{T+h} = (ℓ_T + (φ + … + φ^h)b_T) ⊕ s_{T+h−m(k+1)}, k = ⌊(h − 1)/m⌋.
Point forecasts do not depend on whether the error is additive or multiplicative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from jitcore.forecast.base import seasonal_lookup
from jitcore.forecast.smoothing_kernel import (
    ADDITIVE_SEASON,
    MULTIPLICATIVE_SEASON,
    NO_SEASON,
    run_recursions,
)

Seasonality = Literal["add", "mul"] | None


@dataclass(frozen=True)
class SmoothingParams:
    """Parameters and initial states of an exponential-smoothing model.

    ``initial_seasonal`` holds s_{1−m}, …, s_0 in time order (the first is used for period 1).
    ``seasonal_update``: ``previous_level`` (Holt-Winters) or ``current_level`` (ETSModel); only
    matters for multiplicative seasonality.
    """

    alpha: float
    beta: float = 0.0
    gamma: float = 0.0
    phi: float = 1.0
    trend: bool = False
    seasonal: Seasonality = None
    period: int = 1
    initial_level: float = 0.0
    initial_trend: float = 0.0
    initial_seasonal: tuple[float, ...] = ()
    seasonal_update: Literal["previous_level", "current_level"] = "previous_level"


@dataclass(frozen=True)
class SmoothingStates:
    """States after t = 0..n observations (``level[t]``, ``trend[t]``), seasonal values by
    period (``season[j]`` is s_{j−m}: indices 0..m−1 are the initial values), and the one-step
    forecasts ``fitted[t]`` of y_t made from the states after t observations."""

    level: np.ndarray
    trend: np.ndarray
    season: np.ndarray
    fitted: np.ndarray


def smoothing_states(y: np.ndarray, params: SmoothingParams) -> SmoothingStates:
    """Run the recursions over ``y`` (see the module docstring)."""
    m = params.period if params.seasonal else 0
    codes = {None: NO_SEASON, "add": ADDITIVE_SEASON, "mul": MULTIPLICATIVE_SEASON}
    level, trend, season, fitted = run_recursions(
        np.ascontiguousarray(y, dtype=float),
        float(params.alpha),
        float(params.alpha * params.beta) if params.trend else 0.0,
        float(params.gamma),
        float(params.phi),
        codes[params.seasonal],
        m,
        params.seasonal_update == "current_level",
        float(params.initial_level),
        float(params.initial_trend) if params.trend else 0.0,
        np.asarray(params.initial_seasonal if m else (), dtype=float),
    )
    return SmoothingStates(level, trend, season, fitted)


def damped_sums(phi: float, horizon: int) -> np.ndarray:
    """φ + φ² + … + φ^h for h = 1..horizon (h itself when φ = 1)."""
    return np.cumsum(phi ** np.arange(1, horizon + 1))


def smoothing_paths(
    y: np.ndarray, params: SmoothingParams, origins: np.ndarray, horizon: int
) -> np.ndarray:
    """Forecasts (len(origins) × horizon) from the states after each origin, using ``y[:o]``."""
    origins = np.asarray(origins, dtype=int)
    limit = int(origins.max()) if len(origins) else 0
    states = smoothing_states(y[:limit], params)
    base = states.level[origins][:, None] + (
        states.trend[origins][:, None] * damped_sums(params.phi, horizon)[None, :]
    )
    if not params.seasonal:
        return base
    index, _ = seasonal_lookup(origins, horizon, params.period)
    season = states.season[index + params.period]
    return base + season if params.seasonal == "add" else base * season
