"""Rolling-origin backtest: how accurate a method really was on data it had not seen.

Design (Tashman (2000), "Out-of-sample tests of forecasting accuracy: an analysis and review",
International Journal of Forecasting 16(4), rolling origin with periodic refitting):

- The test window is the last T = folds × max(H, 12) periods (H = the forecast horizon; at
  least 12 origins per fold so short horizons still rest on enough errors), shortened so at
  least ``min_train`` periods stay before it (two full seasons + 2 with seasonality, else 10;
  half the history for very short series). H shrinks too when the history is short.
- The window is cut into ``folds`` consecutive folds. At the start of each fold the method is
  refitted on the data before it. From *every* period inside the fold (an origin o) it
  forecasts y[o], …, y[o+H−1] from y[:o] only: the fold's parameters stay fixed, the level,
  trend and season are updated with each actual as it comes in (as a planner's system would).
- Errors e = actual − forecast for every origin and step whose actual is known. Accuracy
  averages every such error; MASE (and RMSSE) are scaled by the seasonal naive in-sample error
  of the data before the window, the same scale for every method.

Nothing after an origin is used to forecast from it, and a fold's parameters only use data
before the fold (a test changes a later value and checks earlier folds are unchanged).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from jitcore.errors import JitError
from jitcore.forecast.base import FitContext, FittedModel, ForecastMethod
from jitcore.forecast.metrics import Accuracy, accuracy, seasonal_naive_scale

#: Fewest test periods left after two full seasons for seasonality to be used.
MIN_TEST_PERIODS = 6
#: Fewest origins in a fold, so short horizons still rest on enough errors.
MIN_FOLD_LENGTH = 12
#: Fewest errors at one step for its error σ to count as measured.
MIN_ERRORS_PER_STEP = 5


@dataclass(frozen=True)
class BacktestPlan:
    """Where the backtest cuts one history of ``n`` periods.

    ``origins``: every origin in the test window (periods observed when forecasting).
    ``refits``: the first origin of each fold (parameters re-estimated there).
    ``horizon``: steps evaluated from each origin. ``period``: seasonal period in use (1 =
    none). ``scale`` and ``squared_scale``: the MASE and RMSSE denominators. ``notes``:
    decisions in plain language.
    """

    n: int
    horizon: int
    origins: np.ndarray
    refits: np.ndarray
    period: int
    scale: float
    notes: tuple[str, ...] = ()
    squared_scale: float = float("nan")

    @property
    def train_length(self) -> int:
        return int(self.refits[0]) if len(self.refits) else self.n

    @property
    def folds(self) -> int:
        return len(self.refits)

    @property
    def possible(self) -> bool:
        return len(self.origins) > 0


def plan_backtest(y: np.ndarray, *, horizon: int, folds: int, period: int) -> BacktestPlan:
    """Choose the test window, folds and seasonal period for a history ``y``."""
    n = len(y)
    notes: list[str] = []
    if period > 1 and n < 2 * period + MIN_TEST_PERIODS:
        notes.append(
            f"Seasonality (a cycle of {period} periods) is not used: it needs at least "
            f"{2 * period + MIN_TEST_PERIODS} periods of history and this SKU has {n}."
        )
        period = 1
    min_train = max(2 * period + 2, 10) if period > 1 else 10
    if n - min_train < 2:
        min_train = max(2, n // 2)
    available = n - min_train
    if available < 1:
        notes.append(
            f"A history of {n} period{'s' if n != 1 else ''} is too short to test any method "
            "on unseen data."
        )
        empty = np.array([], dtype=int)
        return BacktestPlan(n, 0, empty, empty, period, float("nan"), tuple(notes))
    steps = max(1, min(horizon, available))
    window = min(folds * max(horizon, MIN_FOLD_LENGTH), available)
    fold_length = math.ceil(window / folds)
    refits = np.arange(n - window, n, fold_length)
    origins = np.arange(n - window, n)
    if steps < horizon:
        notes.append(
            f"Accuracy is measured up to {steps} period{'s' if steps > 1 else ''} ahead (the "
            f"history is too short for {horizon}); further steps are extrapolated."
        )
    train = y[: n - window]
    scale = seasonal_naive_scale(train, period)
    squared = seasonal_naive_scale(train, period, squared=True)
    return BacktestPlan(n, steps, origins, refits, period, scale, tuple(notes), squared)


@dataclass(frozen=True)
class MethodBacktest:
    """One method's backtest. ``forecasts[i, h−1]`` was made at ``origins[i]`` for h steps ahead;
    ``actuals`` holds what happened (NaN beyond the history). ``models``: the fit of each fold."""

    method: str
    origins: np.ndarray
    refits: np.ndarray
    forecasts: np.ndarray
    actuals: np.ndarray
    accuracy: Accuracy
    models: tuple[FittedModel, ...] = field(default=(), compare=False)

    @property
    def errors(self) -> np.ndarray:
        """actual − forecast (origins × steps), NaN where unknown."""
        return self.actuals - self.forecasts

    def error_sd_by_step(self) -> tuple[np.ndarray, np.ndarray]:
        """Root mean square error at each step h (units per period) and how many errors it
        rests on. Root mean square, not standard deviation around the mean error, so a biased
        method is charged for its bias."""
        return _root_mean_square(self.errors)

    def cumulative_error_sd(self) -> tuple[np.ndarray, np.ndarray]:
        """Root mean square of the error summed over steps 1..k (units over k periods), over the
        origins where all k actuals are known, and the count of such origins."""
        return _root_mean_square(np.cumsum(self.errors, axis=1))  # NaN once an actual is unknown


def _root_mean_square(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column-wise √mean(x²) over the finite entries, and their count (NaN where none)."""
    finite = np.isfinite(values)
    counts = finite.sum(axis=0)
    total = np.where(finite, values, 0.0) ** 2
    rms = np.full(values.shape[1], np.nan)
    ok = counts > 0
    rms[ok] = np.sqrt(total[:, ok].sum(axis=0) / counts[ok])
    return rms, counts


def clip_to_history(forecasts: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Demand forecasts never go below zero when the history has no negative values."""
    if len(y) and np.nanmin(y) >= 0:
        return np.maximum(forecasts, 0.0, where=np.isfinite(forecasts), out=forecasts.copy())
    return forecasts


def run_backtest(
    method: ForecastMethod, y: np.ndarray, plan: BacktestPlan, context: FitContext
) -> MethodBacktest:
    """Backtest ``method`` on ``y`` with ``plan`` (see the module docstring). Raises JitError
    if the method cannot be fitted at some fold."""
    if not plan.possible:
        raise JitError("The history is too short for a backtest.", "Load a longer history.")
    horizon = plan.horizon
    origins = plan.origins
    forecasts = np.full((len(origins), horizon), np.nan)
    bounds = [*plan.refits[1:], plan.n]
    models: list[FittedModel] = []
    for start, stop in zip(plan.refits, bounds, strict=True):
        train = y[:start]
        method.check(train, context.period)
        model = method.refit(train, context, models[-1]) if models else method.fit(train, context)
        models.append(replace(model, backend=None))  # keep results small and picklable
        block = np.arange(start, stop)
        visible = y[: stop - 1]  # the last origin of the fold sees y[:stop-1]
        forecasts[block - origins[0]] = method.paths(visible, model, block, horizon)
    forecasts = clip_to_history(forecasts, y)
    targets = origins[:, None] + np.arange(horizon)[None, :]
    actuals = np.full(targets.shape, np.nan)
    known = targets < plan.n
    actuals[known] = y[targets[known]]
    score = accuracy(
        actuals,
        forecasts,
        scale=plan.scale,
        one_step_actual=actuals[:, 0],
        one_step_forecast=forecasts[:, 0],
        squared_scale=plan.squared_scale,
    )
    return MethodBacktest(
        method.name, origins, plan.refits, forecasts, actuals, score, tuple(models)
    )
