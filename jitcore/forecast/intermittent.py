"""Methods for intermittent demand (many periods without demand), in plain numpy.

Croston (1972), "Forecasting and stock control for intermittent demands", Operational Research
Quarterly 23(3): smooth the non-zero demand sizes z and the intervals p between demands
separately, each with α, updating only in periods with demand; forecast z/p per period.
SBA, Syntetos & Boylan (2005), International Journal of Forecasting 21(2): Croston times
(1 − α/2), which removes Croston's upward bias.
TSB, Teunter, Syntetos & Babai (2011), European Journal of Operational Research 214(3): smooth
the size z with α in demand periods and the probability of demand d with β in every period
(d ← d + β(1 − d) after a demand, d ← (1 − β)d after none); forecast d·z. Unlike Croston it
decays towards zero while no demand comes, so it suits items going obsolete.

Initial values (documented, so results can be checked by hand): at the first demand, in period
t₀ (0-based), z = y_{t₀}, p = t₀ + 1 (periods up to and including it) and d = 1/(t₀ + 1).
Before any demand the forecast is 0. Smoothing constants are fitted by the least in-sample
one-step mean squared error over the periods after the first demand, on a grid (α and β in
0.01…0.50 for Croston and SBA, 0.02…0.50 for TSB), unless fixed.
"""

from __future__ import annotations

import numpy as np

from jitcore.forecast.base import FittedModel, ForecastMethod, flat_paths

CROSTON_GRID = np.round(np.arange(0.01, 0.5001, 0.01), 4)
TSB_GRID = np.round(np.arange(0.02, 0.5001, 0.02), 4)
DEFAULT_ALPHA = 0.1


def _forecast_rows(y: np.ndarray, shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Rows o = 0..n of zeros (row 0 NaN: nothing observed yet) and the periods with demand."""
    out = np.zeros((len(y) + 1, *shape))
    out[0] = np.nan
    return out, np.flatnonzero(y > 0)


def croston_forecasts(y: np.ndarray, alpha: float | np.ndarray, *, sba: bool = False) -> np.ndarray:
    """Per-period Croston (or SBA) forecast after each number of observations o = 0..n.

    Returns shape (n + 1, *alpha.shape); row 0 is NaN (nothing observed), rows before the first
    demand are 0.
    """
    alpha = np.asarray(alpha, dtype=float)
    n = len(y)
    out, demand_periods = _forecast_rows(y, alpha.shape)
    if len(demand_periods) == 0:
        return out
    factor = (1.0 - alpha / 2.0) if sba else np.ones_like(alpha)
    first = int(demand_periods[0])
    size = np.full(alpha.shape, float(y[first]))
    interval = np.full(alpha.shape, float(first + 1))
    last = first
    bounds = [*demand_periods[1:], n]
    out[first + 1 : bounds[0] + 1] = factor * size / interval
    for k, t in enumerate(demand_periods[1:]):
        t = int(t)
        size = size + alpha * (y[t] - size)
        interval = interval + alpha * ((t - last) - interval)
        last = t
        out[t + 1 : bounds[k + 1] + 1] = factor * size / interval
    return out


def tsb_forecasts(y: np.ndarray, alpha: float | np.ndarray, beta: float | np.ndarray) -> np.ndarray:
    """Per-period TSB forecast d·z after each number of observations o = 0..n (row 0 NaN,
    0 before the first demand); ``alpha`` and ``beta`` broadcast together."""
    alpha, beta = np.broadcast_arrays(np.asarray(alpha, float), np.asarray(beta, float))
    n = len(y)
    out, demand_periods = _forecast_rows(y, alpha.shape)
    if len(demand_periods) == 0:
        return out
    first = int(demand_periods[0])
    size = np.full(alpha.shape, float(y[first]))
    probability = np.full(alpha.shape, 1.0 / (first + 1))
    out[first + 1] = probability * size
    for t in range(first + 1, n):
        if y[t] > 0:
            probability = probability + beta * (1.0 - probability)
            size = size + alpha * (y[t] - size)
        else:
            probability = probability - beta * probability
        out[t + 1] = probability * size
    return out


def _first_demand(y: np.ndarray) -> int | None:
    nonzero = np.flatnonzero(y > 0)
    return int(nonzero[0]) if len(nonzero) else None


def _mse_by_column(y: np.ndarray, forecasts: np.ndarray, start: int) -> np.ndarray:
    """Mean squared one-step error over periods start..n-1 for each column of forecasts."""
    actual = y[start:]
    predicted = forecasts[start : len(y)]
    return np.mean((actual.reshape(-1, *([1] * (predicted.ndim - 1))) - predicted) ** 2, axis=0)


class Croston(ForecastMethod):
    """Croston's method: forecast per period = smoothed size / smoothed interval."""

    name = "croston"
    label = "Croston"
    family = "intermittent"
    help = "For items that sell only now and then: averages order size and time between orders."
    uses = ("alpha",)
    sba = False

    def min_history(self, period: int) -> int:
        return 3

    def fit(self, y, context):
        fixed = context.get("alpha")
        first = _first_demand(y)
        if fixed is not None:
            alpha = float(fixed)
        elif first is None or first + 2 > len(y):
            alpha = DEFAULT_ALPHA
        else:
            forecasts = croston_forecasts(y, CROSTON_GRID, sba=self.sba)
            alpha = float(CROSTON_GRID[int(np.argmin(_mse_by_column(y, forecasts, first + 1)))])
        kind = "SBA" if self.sba else "Croston"
        return FittedModel(self.name, {"alpha": alpha}, f"{kind}, smoothing α = {alpha:.2f}")

    def paths(self, y, model, origins, horizon):
        origins = np.asarray(origins, dtype=int)
        limit = int(origins.max()) if len(origins) else 0
        per_origin = croston_forecasts(y[:limit], model.parameters["alpha"], sba=self.sba)
        return flat_paths(per_origin[origins], horizon)


class SyntetosBoylan(Croston):
    """SBA: Croston × (1 − α/2)."""

    name = "sba"
    label = "SBA (bias-corrected Croston)"
    help = "Croston's method with a correction for its tendency to forecast too high."
    sba = True


class TSB(ForecastMethod):
    """TSB: forecast = smoothed probability of demand × smoothed size."""

    name = "tsb"
    label = "TSB (Teunter-Syntetos-Babai)"
    family = "intermittent"
    help = "For intermittent items that may be dying out: the forecast fades while no orders come."
    uses = ("alpha", "beta")

    def min_history(self, period: int) -> int:
        return 3

    def fit(self, y, context):
        fixed_alpha = context.get("alpha")
        fixed_beta = context.get("beta")
        first = _first_demand(y)
        if first is None or first + 2 > len(y):
            alpha = fixed_alpha if fixed_alpha is not None else DEFAULT_ALPHA
            beta = fixed_beta if fixed_beta is not None else DEFAULT_ALPHA
        else:
            alphas = np.array([fixed_alpha]) if fixed_alpha is not None else TSB_GRID
            betas = np.array([fixed_beta]) if fixed_beta is not None else TSB_GRID
            grid_a, grid_b = np.meshgrid(alphas, betas, indexing="ij")
            forecasts = tsb_forecasts(y, grid_a.ravel(), grid_b.ravel())
            best = int(np.argmin(_mse_by_column(y, forecasts, first + 1)))
            alpha, beta = float(grid_a.ravel()[best]), float(grid_b.ravel()[best])
        return FittedModel(
            self.name,
            {"alpha": float(alpha), "beta": float(beta)},
            f"size smoothing α = {alpha:.2f}, probability smoothing β = {beta:.2f}",
        )

    def paths(self, y, model, origins, horizon):
        origins = np.asarray(origins, dtype=int)
        limit = int(origins.max()) if len(origins) else 0
        per_origin = tsb_forecasts(y[:limit], model.parameters["alpha"], model.parameters["beta"])
        return flat_paths(per_origin[origins], horizon)
