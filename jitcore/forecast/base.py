"""The interface every forecasting method implements, and the fitted model it returns.

A method is fitted on a history ``y`` (units per period, oldest first) and then produces forecast
*paths*: for each origin ``o`` (number of periods observed), the forecasts of ``y[o], y[o+1], …,
y[o+h-1]`` made with the fitted parameters from ``y[:o]`` alone. The same call gives the in-sample
one-step-ahead fitted values (origins 0..n-1, one step), the backtest (origins inside the test
window) and the forecast (origin n).
"""

from __future__ import annotations

import contextlib
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from jitcore.errors import JitError


@dataclass(frozen=True)
class FitContext:
    """What a method needs besides the data: the seasonal period in use (1 = none) and the
    parameters the user fixed (``alpha``, ``beta``, ``gamma``, ``damping``, ``window``)."""

    period: int = 1
    overrides: Mapping[str, float] = field(default_factory=dict)

    def get(self, name: str) -> float | None:
        return self.overrides.get(name)


@dataclass(frozen=True)
class FittedModel:
    """A method fitted to one history.

    ``parameters``: the values used (fitted or fixed), by their textbook symbol names.
    ``description``: one plain-language line (e.g. ``ETS(M,Ad,M)``). ``state``: what the method
    needs to forecast (method-specific, immutable). ``backend``: the statsmodels results object
    for statsmodels-backed methods (used for model-based intervals), else ``None``.
    ``start``: where the parameter search ended (method-specific), so a refit on a longer
    history can start there (``ForecastMethod.refit``); ``None`` for methods without one.
    """

    method: str
    parameters: Mapping[str, float]
    description: str
    state: object = None
    backend: object = field(default=None, compare=False, repr=False)
    start: object = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ModelInterval:
    """A model-based prediction interval for steps 1..h: bounds and the forecast-error σ by step."""

    lower: np.ndarray
    upper: np.ndarray
    error_sd: np.ndarray
    source: str


class ForecastMethod(ABC):
    """One forecasting method. Subclasses set the class attributes and implement ``fit`` and
    ``paths``; everything else (fitted values, prediction) follows from ``paths``."""

    name: ClassVar[str]
    label: ClassVar[str]
    #: ``benchmark``, ``smoothing`` or ``intermittent``
    family: ClassVar[str]
    #: one plain-language sentence for the app's help texts
    help: ClassVar[str]
    #: needs a seasonal period above 1
    seasonal: ClassVar[bool] = False
    #: needs strictly positive demand (multiplicative seasonality)
    positive_only: ClassVar[bool] = False
    #: which user overrides apply
    uses: ClassVar[tuple[str, ...]] = ()

    def min_history(self, period: int) -> int:
        """The fewest periods of history this method can be fitted on."""
        return 1

    def check(self, y: np.ndarray, period: int) -> None:
        """Raise a plain-language JitError if this method cannot be fitted on ``y``."""
        if self.seasonal and period <= 1:
            raise JitError(
                f"{self.label} needs a seasonal pattern, but seasonality is off for this SKU: "
                "the season length is 1, or the history is shorter than two full seasons.",
                "Set a season length of at most half the history (in periods), or choose a "
                "method without a season, such as Holt or exponential smoothing.",
            )
        need = self.min_history(period)
        if len(y) < need:
            raise JitError(
                f"{self.label} needs at least {need} periods of history; this SKU has {len(y)}.",
                "Choose a simpler method (naive, average or moving average).",
            )
        if self.positive_only and not np.all(y > 0):
            raise JitError(
                f"{self.label} needs demand above zero in every period.",
                "Use Holt-Winters additive, or a method for intermittent demand.",
            )

    @abstractmethod
    def fit(self, y: np.ndarray, context: FitContext) -> FittedModel:
        """Estimate the parameters on ``y`` (honouring the context's overrides)."""

    def refit(self, y: np.ndarray, context: FitContext, previous: FittedModel) -> FittedModel:
        """Fit on ``y``, a longer history than ``previous`` was fitted on (the backtest's next
        fold). Methods with an iterative parameter search start from ``previous``'s optimum
        (a warm start: fewer steps to the same optimum when the data changed little)."""
        return self.fit(y, context)

    @abstractmethod
    def paths(
        self, y: np.ndarray, model: FittedModel, origins: np.ndarray, horizon: int
    ) -> np.ndarray:
        """Forecasts (len(origins) × horizon) made at each origin from ``y[:origin]`` only;
        NaN where the method cannot forecast from that origin (e.g. origin 0 for naive)."""

    def fitted(self, y: np.ndarray, model: FittedModel) -> np.ndarray:
        """One-step-ahead in-sample forecasts: ``fitted[t]`` made from ``y[:t]``."""
        return self.paths(y, model, np.arange(len(y)), 1)[:, 0]

    def predict(self, y: np.ndarray, model: FittedModel, horizon: int) -> np.ndarray:
        """Forecasts for the ``horizon`` periods after the history."""
        return self.paths(y, model, np.array([len(y)]), horizon)[0]

    def model_interval(
        self, y: np.ndarray, model: FittedModel, horizon: int, level: float, seed: int
    ) -> ModelInterval | None:
        """A model-based interval where the backend provides one, else ``None``."""
        return None


def flat_paths(levels: np.ndarray, horizon: int) -> np.ndarray:
    """Paths that repeat one level per origin over the horizon (naive, average, SES, Croston)."""
    return np.repeat(np.asarray(levels, dtype=float)[:, None], horizon, axis=1)


def seasonal_lookup(
    origins: np.ndarray, horizon: int, period: int
) -> tuple[np.ndarray, np.ndarray]:
    """For every origin o and step h (1-based), the index of the same season in the last
    observed cycle: o + h − 1 − m·(⌊(h − 1)/m⌋ + 1), and the step number array."""
    steps = np.arange(1, horizon + 1)
    cycles = (steps - 1) // period + 1
    index = origins[:, None] + steps[None, :] - 1 - period * cycles[None, :]
    return index, steps


_BLAS_LIMITED = threading.local()


@contextlib.contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Run BLAS/LAPACK on one thread inside the block.

    statsmodels' optimiser (scipy L-BFGS-B) makes thousands of tiny BLAS calls; OpenBLAS's
    thread hand-offs make them 4-8x slower on a busy 2-core machine (measured: automatic ETS
    on one SKU 0.9-2.4 s with the default threads, 0.2-0.3 s with one). Inside a block already
    limited on this thread it does nothing (finding the libraries takes ~5 ms, once per SKU
    otherwise).
    """
    if getattr(_BLAS_LIMITED, "active", False):
        yield
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl is a run-time requirement
        yield
        return
    # threadpoolctl only limits libraries already loaded: load scipy's BLAS first.
    import scipy.linalg  # noqa: F401
    import scipy.optimize  # noqa: F401

    with threadpool_limits(limits=1, user_api="blas"):
        _BLAS_LIMITED.active = True
        try:
            yield
        finally:
            _BLAS_LIMITED.active = False
