"""Benchmark methods in plain numpy: naive, seasonal naive, historical average, moving average
and simple exponential smoothing. Formulas: Hyndman & Athanasopoulos (2021), Forecasting:
Principles and Practice, 3rd ed. (FPP3), §5.2 (simple methods) and §8.1 (SES).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from jitcore.forecast.base import (
    FitContext,
    FittedModel,
    ForecastMethod,
    flat_paths,
    seasonal_lookup,
)

#: Windows tried when the moving-average window is fitted.
MOVING_AVERAGE_WINDOWS = tuple(range(2, 13))


def _valid(origins: np.ndarray, n_min: int) -> np.ndarray:
    return origins >= n_min


class Naive(ForecastMethod):
    """ŷ_{T+h|T} = y_T (FPP3 §5.2)."""

    name = "naive"
    label = "Naive (last value)"
    family = "benchmark"
    help = "Next periods repeat the last period's demand. The yardstick every method must beat."

    def fit(self, y: np.ndarray, context: FitContext) -> FittedModel:
        return FittedModel(self.name, {}, "last value repeated")

    def paths(self, y, model, origins, horizon):
        origins = np.asarray(origins, dtype=int)
        last = np.full(len(origins), np.nan)
        ok = _valid(origins, 1)
        last[ok] = y[origins[ok] - 1]
        return flat_paths(last, horizon)


class SeasonalNaive(ForecastMethod):
    """ŷ_{T+h|T} = y_{T+h−m(k+1)}, k = ⌊(h−1)/m⌋: the same period of the last cycle (FPP3 §5.2)."""

    name = "seasonal_naive"
    label = "Seasonal naive (same period last cycle)"
    family = "benchmark"
    help = "Each future period repeats the same period one season earlier (last year's month)."
    seasonal = True

    def min_history(self, period: int) -> int:
        return period

    def fit(self, y, context):
        return FittedModel(
            self.name, {"seasonal_period": float(context.period)}, f"period {context.period}"
        )

    def paths(self, y, model, origins, horizon):
        origins = np.asarray(origins, dtype=int)
        period = int(model.parameters["seasonal_period"])
        index, _ = seasonal_lookup(origins, horizon, period)
        out = np.full(index.shape, np.nan)
        ok = index >= 0
        out[ok] = y[index[ok]]
        return out


class HistoricalAverage(ForecastMethod):
    """ŷ_{T+h|T} = (y_1 + … + y_T)/T (FPP3 §5.2, mean method)."""

    name = "average"
    label = "Historical average"
    family = "benchmark"
    help = "Every future period gets the average of all past periods."

    def fit(self, y, context):
        return FittedModel(self.name, {}, "mean of all history")

    def paths(self, y, model, origins, horizon):
        origins = np.asarray(origins, dtype=int)
        cumulative = np.concatenate([[0.0], np.cumsum(y)])
        mean = np.full(len(origins), np.nan)
        ok = _valid(origins, 1)
        mean[ok] = cumulative[origins[ok]] / origins[ok]
        return flat_paths(mean, horizon)


def moving_average_levels(y: np.ndarray, window: int, origins: np.ndarray) -> np.ndarray:
    """Mean of the ``window`` periods before each origin (NaN with fewer periods)."""
    cumulative = np.concatenate([[0.0], np.cumsum(y)])
    out = np.full(len(origins), np.nan)
    ok = origins >= window
    out[ok] = (cumulative[origins[ok]] - cumulative[origins[ok] - window]) / window
    return out


class MovingAverage(ForecastMethod):
    """ŷ_{T+h|T} = (y_{T−w+1} + … + y_T)/w. Window fitted by the lowest in-sample one-step
    mean squared error over w = 2..12 (compared on the same periods), unless fixed."""

    name = "moving_average"
    label = "Moving average"
    family = "benchmark"
    help = "Every future period gets the average of the last few periods (the window)."
    uses = ("window",)

    def min_history(self, period: int) -> int:
        return 3

    def fit(self, y, context):
        fixed = context.get("window")
        if fixed is not None:
            window = int(min(fixed, len(y)))
        else:
            windows = [w for w in MOVING_AVERAGE_WINDOWS if w < len(y)] or [1]
            start = max(windows)
            origins = np.arange(start, len(y))
            scores = []
            for w in windows:
                errors = y[origins] - moving_average_levels(y, w, origins)
                scores.append(np.mean(errors**2) if len(errors) else 0.0)
            window = windows[int(np.argmin(scores))]
        return FittedModel(
            self.name, {"window": float(window)}, f"mean of the last {window} periods"
        )

    def paths(self, y, model, origins, horizon):
        origins = np.asarray(origins, dtype=int)
        window = int(model.parameters["window"])
        return flat_paths(moving_average_levels(y, window, origins), horizon)


def ses_levels(y: np.ndarray, alpha: float | np.ndarray) -> np.ndarray:
    """Levels ℓ after each number of observations: ℓ_1 = y_1, ℓ_{t+1} = ℓ_t + α(y_{t+1} − ℓ_t).

    Returns an array of shape (n + 1, *alpha.shape); row 0 (nothing observed) is NaN.
    """
    alpha = np.asarray(alpha, dtype=float)
    flat = _ses_levels(np.ascontiguousarray(y, dtype=float), np.ascontiguousarray(alpha.ravel()))
    return flat.reshape((len(y) + 1, *alpha.shape))


@njit(cache=True, error_model="numpy")
def _ses_levels(y: np.ndarray, alphas: np.ndarray) -> np.ndarray:
    """``ses_levels`` for a vector of α (compiled: the loop over periods runs per SKU and fold)."""
    levels = np.full((len(y) + 1, len(alphas)), np.nan)
    if len(y) == 0:
        return levels
    for j in range(len(alphas)):
        level = y[0]
        levels[1, j] = level
        for t in range(1, len(y)):
            level = level + alphas[j] * (y[t] - level)
            levels[t + 1, j] = level
    return levels


def fit_ses_alpha(y: np.ndarray) -> float:
    """α minimising the sum of squared one-step errors (t ≥ 2), by a grid of step 0.01 on
    [0.01, 1] refined with step 0.0005 around the best point."""
    if len(y) < 3:
        return 0.5
    coarse = np.round(np.arange(0.01, 1.0001, 0.01), 4)
    best = _best_alpha(y, coarse)
    fine = np.clip(np.arange(best - 0.01, best + 0.01001, 0.0005), 0.0005, 1.0)
    return _best_alpha(y, fine)


def _best_alpha(y: np.ndarray, grid: np.ndarray) -> float:
    levels = ses_levels(y, grid)
    errors = y[1:, None] - levels[1:-1]
    sse = np.sum(errors**2, axis=0)
    return float(grid[int(np.argmin(sse))])


class SimpleExponentialSmoothing(ForecastMethod):
    """ŷ_{T+h|T} = ℓ_T, ℓ_t = αy_t + (1 − α)ℓ_{t−1}, ℓ_1 = y_1 (FPP3 §8.1). α fitted by least
    squares of the one-step errors unless fixed."""

    name = "ses"
    label = "Simple exponential smoothing"
    family = "smoothing"
    help = "A weighted average where recent periods count more; alpha sets how fast it adapts."
    uses = ("alpha",)

    def min_history(self, period: int) -> int:
        return 3

    def fit(self, y, context):
        fixed = context.get("alpha")
        alpha = float(fixed) if fixed is not None else fit_ses_alpha(y)
        return FittedModel(self.name, {"alpha": alpha}, f"level smoothing α = {alpha:.3g}")

    def paths(self, y, model, origins, horizon):
        origins = np.asarray(origins, dtype=int)
        alpha = model.parameters["alpha"]
        levels = ses_levels(y[: max(int(origins.max()), 0)], alpha)
        return flat_paths(levels[origins], horizon)
