"""Every forecasting method by name, in the order they are shown (simplest first)."""

from __future__ import annotations

from jitcore.errors import JitError
from jitcore.forecast.base import ForecastMethod
from jitcore.forecast.intermittent import TSB, Croston, SyntetosBoylan
from jitcore.forecast.simple import (
    HistoricalAverage,
    MovingAverage,
    Naive,
    SeasonalNaive,
    SimpleExponentialSmoothing,
)
from jitcore.forecast.smoothing import (
    AutoETS,
    Holt,
    HoltDamped,
    HoltWintersAdditive,
    HoltWintersMultiplicative,
)

METHODS: dict[str, ForecastMethod] = {
    method.name: method
    for method in (
        Naive(),
        SeasonalNaive(),
        HistoricalAverage(),
        MovingAverage(),
        SimpleExponentialSmoothing(),
        Holt(),
        HoltDamped(),
        HoltWintersAdditive(),
        HoltWintersMultiplicative(),
        AutoETS(),
        Croston(),
        SyntetosBoylan(),
        TSB(),
    )
}

#: method name -> label shown to users
METHOD_LABELS: dict[str, str] = {name: method.label for name, method in METHODS.items()}

INTERMITTENT_METHODS: tuple[str, ...] = tuple(
    name for name, method in METHODS.items() if method.family == "intermittent"
)


def get_method(name: str) -> ForecastMethod:
    """The method called ``name``; a JitError listing the valid names otherwise."""
    try:
        return METHODS[name]
    except KeyError:
        raise JitError(
            f"Unknown forecasting method {name!r}.",
            "Use auto or one of: " + ", ".join(METHODS) + ".",
        ) from None
