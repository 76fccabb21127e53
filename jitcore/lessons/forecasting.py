"""Forecasting: the buffer covers the forecast error over the exposure, not the demand.

With i.i.d. demand of σ per period, an order-up-to level set from a forecast ``F`` covers the
``Le`` periods of its exposure with ``Le·F``; the error ``Σ D − Le·F`` has variance

* ``σ²·(Le + Le²/p)`` for a ``p``-period moving average (the forecast's own variance σ²/p, scaled
  by Le², adds to the demand's; Silver, Pyke & Thomas 2017 ch. 4; Chen, Drezner, Ryan &
  Simchi-Levi 2000, *Management Science* 46(3), eq. for the lead-time demand estimate);
* ``σ²·(Le + Le²·α/(2 − α))`` for simple exponential smoothing with weight ``α`` (the smoothed
  level of i.i.d. noise has variance ``σ²·α/(2 − α)``; Brown 1959; SPT ch. 4).

Real series are not i.i.d.: a trend or season makes a long average lag, so the empirical error
(:func:`empirical_error_sd`) has a best window that theory alone does not show.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from jitcore.errors import JitError


def _check(exposure: float, window: float) -> None:
    if exposure < 0:
        raise JitError("The exposure must not be negative.", "Check the lead time.")
    if window < 1:
        raise JitError("A moving average needs a window of 1 period or more.", "Enter 1 or more.")


def moving_average_error_sd(*, demand_sd: float, exposure: float, window: int) -> float:
    """σ of the exposure forecast error with a ``window``-period moving average:
    ``σ·√(Le + Le²/p)``."""
    _check(exposure, window)
    return demand_sd * math.sqrt(exposure + exposure**2 / window)


def exponential_error_sd(*, demand_sd: float, exposure: float, alpha: float) -> float:
    """σ of the exposure forecast error with exponential smoothing: ``σ·√(Le + Le²·α/(2−α))``."""
    if not 0 < alpha <= 1:
        raise JitError(f"α must be in (0, 1] (got {alpha:g}).", "Enter e.g. 0.2.")
    _check(exposure, 1)
    return demand_sd * math.sqrt(exposure + exposure**2 * alpha / (2.0 - alpha))


def empirical_error_sd(series: Sequence[float], *, exposure: int, window: int) -> float:
    """Root mean square of ``Σ D(t+1..t+Le) − Le·mean(D(t−p+1..t))`` over every origin ``t``
    of ``series`` (units): the exposure error a ``window``-period moving average really made.
    NaN when the series is too short for one origin."""
    _check(exposure, window)
    values = np.asarray(series, dtype=float)
    n = values.size
    if exposure < 1 or n < window + exposure:
        return math.nan
    cumulative = np.concatenate([[0.0], np.cumsum(values)])
    origins = np.arange(window, n - exposure + 1)  # forecast made after `origin` periods
    forecast = (cumulative[origins] - cumulative[origins - window]) / window
    actual = cumulative[origins + exposure] - cumulative[origins]
    errors = actual - exposure * forecast
    return float(np.sqrt(np.mean(errors**2)))
