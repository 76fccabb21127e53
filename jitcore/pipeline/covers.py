"""Forecast covers: the forecast summed over the periods each policy level must cover.

A level set at the end of period ``t`` covers the demand of the periods after it: the
order-up-to level and the reorder point the ``E = L + R`` periods up to the arrival of the next
order, the pipeline target of POUT, lot-for-lot and heijunka the ``L`` periods of the lead time,
VMI's minimum and maximum their covers in periods. So each level is the sum of the forecasts of
those periods (fractional periods count pro rata), not the next period's forecast times their
number: a seasonal or trending item holds stock ahead of a peak and runs it down after it.
Where the demand model's error grows with the level, the safety stock grows with the forecast
over the exposure too (``SS_t = SS·F_E(t)/(d·E)``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from jitcore.forecast import OriginForecasts
from jitcore.lanes import C_EXPOSURE, C_HIGH_COVER, C_LEAD, C_LOW_COVER, C_SS_SCALE, N_COVERS

#: Independent error sums at which a replay's safety stock weighs them as much as the plan's σ.
PRIOR_ORIGINS = 12.0


def forecast_cover(path: np.ndarray, periods: float, n_periods: int) -> np.ndarray:
    """``cover[t] = Σ_{k=1}^{⌊n⌋} path[t+k] + (n − ⌊n⌋)·path[t+⌊n⌋+1]`` for ``t < n_periods``
    (units); ``path`` (forecast per period) continues with its last value where it ends."""
    periods = max(float(periods), 0.0)
    whole = math.floor(periods)
    frac = periods - whole
    need = n_periods + whole + 2
    path = np.asarray(path, dtype=float)
    if len(path) < need:
        last = path[-1] if len(path) else 0.0
        path = np.concatenate([path, np.full(need - len(path), last)])
    cumulative = np.concatenate([[0.0], np.cumsum(path)])
    t = np.arange(n_periods)
    total = cumulative[t + 1 + whole] - cumulative[t + 1]
    if frac > 0:
        total = total + frac * path[t + 1 + whole]
    return total


@dataclass(frozen=True)
class CoverSetting:
    """What one lane's levels cover (periods) and how its safety stock follows the level.

    ``lead_time`` and ``review_period``: the planning lead time ``L`` and ``R``; ``low_cover``
    and ``high_cover``: VMI's covers; ``mean_demand`` and ``exposure``: the buffer's ``d`` and
    ``L + R``, for the safety-stock scale ``(F_E(t)/(d·E))^elasticity`` with the demand
    model's :attr:`~jitcore.demand_model.DemandModel.level_elasticity` (0: the error does not
    grow with the level)."""

    lead_time: float
    review_period: float
    low_cover: float
    high_cover: float
    mean_demand: float = 0.0
    exposure: float = 0.0
    elasticity: float = 0.0


def cover_rows(path: np.ndarray, n_periods: int, setting: CoverSetting) -> np.ndarray:
    """The ``[N_COVERS, n_periods]`` covers of one lane setting (:mod:`jitcore.lanes` ``C_*``)
    from a forecast ``path`` per period (the same forecast from every origin)."""
    lead_time, review_period = setting.lead_time, setting.review_period
    mean_demand, exposure, elasticity = setting.mean_demand, setting.exposure, setting.elasticity
    low_cover, high_cover = setting.low_cover, setting.high_cover
    out = np.empty((N_COVERS, n_periods))
    out[C_LEAD] = forecast_cover(path, lead_time, n_periods)
    out[C_EXPOSURE] = forecast_cover(path, lead_time + review_period, n_periods)
    out[C_LOW_COVER] = forecast_cover(path, low_cover, n_periods)
    out[C_HIGH_COVER] = forecast_cover(path, high_cover, n_periods)
    planned = mean_demand * exposure
    if elasticity > 0 and planned > 0:
        out[C_SS_SCALE] = (forecast_cover(path, exposure, n_periods) / planned) ** elasticity
    else:
        out[C_SS_SCALE] = 1.0
    return out


def origin_cover_rows(
    plans: OriginForecasts,
    offset: int,
    n_periods: int,
    setting: CoverSetting,
    *,
    planned_sd: float = 0.0,
) -> np.ndarray:
    """:func:`cover_rows` for a replay: each period's covers from the plan made at its end
    (``plans`` row ``t`` is period ``offset + t``); zero where no plan exists.

    With ``planned_sd`` (σ of the error over the exposure the safety stock was sized for, in
    units) the safety stock of period ``t`` is rescaled to the error the plans made before
    ``t`` turned out to have (:func:`_measured_error_scale`; the plan's σ, the prior, comes
    from the warm-up only: :func:`jitcore.demand_model.warmup_model`). The safety stock also
    follows the level
    by the setting's elasticity; with elasticity 1 the measured errors are shares of the level.
    """
    lead_time, review_period = setting.lead_time, setting.review_period
    mean_demand, exposure, elasticity = setting.mean_demand, setting.exposure, setting.elasticity
    out = np.zeros((N_COVERS, n_periods))
    span = slice(offset, min(offset + plans.n, n_periods))
    width = span.stop - span.start

    def put(kind: int, periods: float) -> None:
        out[kind, span] = np.nan_to_num(plans.cover(periods)[:width], nan=0.0)

    put(C_LEAD, lead_time)
    put(C_EXPOSURE, lead_time + review_period)
    put(C_LOW_COVER, setting.low_cover)
    put(C_HIGH_COVER, setting.high_cover)
    planned = mean_demand * exposure
    out[C_SS_SCALE] = 1.0
    level = plans.cover(lead_time + review_period)[:width]
    grows = elasticity > 0 and planned > 0
    scale = np.ones(width)
    if grows:
        ratio = np.where(np.isfinite(level) & (level > 0), level, planned) / planned
        scale = ratio**elasticity
    relative = grows and elasticity == 1.0
    if planned_sd > 0:
        scale = scale * _measured_error_scale(
            plans, lead_time + review_period, planned_sd / planned if relative else planned_sd,
            relative=relative,
        )[:width]  # fmt: skip
    out[C_SS_SCALE, span] = scale
    return out


def _measured_error_scale(
    plans: OriginForecasts, periods: float, planned: float, *, relative: bool
) -> np.ndarray:
    """Per origin ``t``: ``σ_E(t)/σ_E``, the error over the exposure the plans made before
    ``t`` turned out to have (root mean square over the origins whose whole window is known by
    ``t``; as a share of the plan's cover when ``relative``), blended with the plan's σ:
    ``σ_E(t)² = (m·r² + 12·σ_E²)/(m + 12)`` with ``m`` the known origins ÷ the exposure
    (overlapping windows hold about that many independent sums)."""
    y = np.asarray(plans.actuals, dtype=float)
    n = len(y)
    cover = plans.cover(periods)
    whole = int(np.floor(periods))
    frac = periods - whole
    cumulative = np.concatenate([[0.0], np.cumsum(y)])
    o = np.arange(n)
    end = o + whole
    complete = end + (1 if frac > 0 else 0) < n
    actual = np.full(n, np.nan)
    idx = o[complete]
    actual[idx] = cumulative[idx + 1 + whole] - cumulative[idx + 1]
    if frac > 0:
        actual[idx] += frac * y[idx + whole + 1]
    error = actual - cover
    if relative:
        with np.errstate(divide="ignore", invalid="ignore"):
            error = error / cover
    error[~np.isfinite(error)] = np.nan
    known_at = o + int(np.ceil(periods))  # the window of origin o is known at the end of this
    squares = np.zeros(n + 1)
    counts = np.zeros(n + 1)
    ok = np.isfinite(error) & (known_at < n)
    np.add.at(squares, known_at[ok] + 1, error[ok] ** 2)
    np.add.at(counts, known_at[ok] + 1, 1.0)
    squares, counts = np.cumsum(squares)[1:], np.cumsum(counts)[1:]
    m = counts / max(periods, 1.0)
    mean_square = np.where(counts > 0, squares / np.maximum(counts, 1.0), 0.0)
    blended = (m * mean_square + PRIOR_ORIGINS * planned**2) / (m + PRIOR_ORIGINS)
    return np.sqrt(blended) / planned
