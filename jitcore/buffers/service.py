"""Service a stock level delivers, and the level that reaches a target, for the review the
engine does.

Period convention (README): an order placed at the end of period ``t`` arrives at the start of
``t + L + 1``, and the next order of a policy reviewing every ``R`` periods arrives ``R``
periods later. So the order covers demand over the exposure ``E = L + R``, and the units short
in the ``R`` periods it supplies are ``(X_E − y)⁺ − (X_L − y)⁺`` for an inventory position
``y`` after ordering, ``X_n`` being demand over ``n`` periods (Hadley & Whitin 1963; Axsäter,
*Inventory Control*, 3rd ed. 2015, ch. 5):

* cycle service level ``P(X_E ≤ y)`` (no stockout before the next order arrives);
* review policies (order-up-to, POUT, lot-for-lot, heijunka: ``y = S`` each review):
  ``β = 1 − (E[(X_E − S)⁺] − E[(X_L − S)⁺]) / (d·R)``;
* trigger policies ((s, nQ), min-max, kanban, VMI, reviewed every period): ``y`` uniform on
  ``(s, s + Q]``, ``β = 1 − (I_E − I_L)/(Q·d·R)`` with ``I_n = ∫_s^{s+Q} E[(X_n − y)⁺] dy``.

``X_n`` is normal (``μ_n``, ``σ_n``), or given by sorted draws of the SKU's demand model where
no closed form exists (occurrence × size); the level for a target is then found numerically,
so the Plan's expected service is what the formula of the simulated review says.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jitcore.buffers.formulas import (
    cycle_service_level,
    normal_loss,
    normal_second_loss,
    safety_factor_for_cycle_service_level,
)

_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(16)


@dataclass(frozen=True, eq=False)
class PeriodDemand:
    """Demand over ``n`` periods (units): normal with ``mean`` and ``sd``, or the sorted draws
    ``sample`` (then ``mean`` and ``sd`` are the sample's)."""

    mean: float
    sd: float
    sample: np.ndarray | None = None

    @staticmethod
    def from_sample(values: np.ndarray) -> PeriodDemand:
        values = np.sort(np.asarray(values, dtype=float))
        sd = float(values.std()) if len(values) > 1 else 0.0
        return PeriodDemand(float(values.mean()) if len(values) else 0.0, sd, values)

    def cdf(self, y: float) -> float:
        """``P(X ≤ y)``."""
        if self.sample is not None:
            return float(np.searchsorted(self.sample, y + 1e-9, side="right") / len(self.sample))
        if self.sd <= 0:
            return 1.0 if y >= self.mean - 1e-12 else 0.0
        return cycle_service_level(level=y, mean_exposure=self.mean, sigma_exposure=self.sd)

    def quantile(self, q: float) -> float:
        """The smallest ``y`` with ``P(X ≤ y) ≥ q``."""
        if self.sample is not None:
            return float(np.quantile(self.sample, q, method="inverted_cdf"))
        return self.mean + safety_factor_for_cycle_service_level(q) * self.sd

    def expected_short(self, y: np.ndarray | float) -> np.ndarray | float:
        """``E[(X − y)⁺]`` (units)."""
        y_arr = np.asarray(y, dtype=float)
        if self.sample is not None:
            x = self.sample
            tail = self._tail()
            idx = np.searchsorted(x, y_arr, side="right")
            out = (tail[idx] - y_arr * (len(x) - idx)) / len(x)
        elif self.sd <= 0:
            out = np.maximum(self.mean - y_arr, 0.0)
        else:
            out = self.sd * normal_loss((y_arr - self.mean) / self.sd)
        return float(out) if np.ndim(out) == 0 else out

    def _tail(self) -> np.ndarray:
        """``Σ_{j≥i} x_j`` for every ``i`` of the sorted sample (and 0 past its end), computed
        once: a level search evaluates the expected shortage many times."""
        tail = self.__dict__.get("_tail_sums")
        if tail is None:
            x = self.sample
            tail = np.concatenate([np.cumsum(x[::-1])[::-1], [0.0]])
            object.__setattr__(self, "_tail_sums", tail)
        return tail

    def integrated_short(self, low: float, high: float) -> float:
        """``∫_low^high E[(X − y)⁺] dy`` (units²)."""
        if high <= low:
            return 0.0
        if self.sample is None and self.sd > 0:
            a, b = (low - self.mean) / self.sd, (high - self.mean) / self.sd
            return float(self.sd**2 * (normal_second_loss(a) - normal_second_loss(b)))
        half = (high - low) / 2.0
        points = low + half * (_NODES + 1.0)
        return float(half * np.sum(_WEIGHTS * np.asarray(self.expected_short(points))))


@dataclass(frozen=True, eq=False)
class ExposureDemand:
    """Demand over the exposure ``E = L + R`` and over the lead part ``L`` of one SKU, with the
    mean demand per period ``d`` and the review period ``R`` the fill rate divides by."""

    exposure: PeriodDemand
    lead: PeriodDemand
    mean_demand: float
    review_period: float

    @property
    def cycle_demand(self) -> float:
        """Demand of the ``R`` periods one order supplies (units): ``d·R``, or for draws the
        draws' own mean (the same draws as the shortages, so the ratio is consistent)."""
        if self.exposure.sample is not None and self.lead.sample is not None:
            return max(self.exposure.mean - self.lead.mean, 0.0)
        return self.mean_demand * self.review_period


def cycle_service(x: ExposureDemand, level: float) -> float:
    """``P(X_E ≤ level)``: no stockout before the next order arrives."""
    return x.exposure.cdf(level)


def fill_rate_review(x: ExposureDemand, level: float) -> float:
    """``β = 1 − (E[(X_E − S)⁺] − E[(X_L − S)⁺])/(d·R)`` for a review policy at ``S``."""
    cycle = x.cycle_demand
    if cycle <= 0:
        return 1.0
    short = x.exposure.expected_short(level) - x.lead.expected_short(level)
    return float(min(max(1.0 - short / cycle, 0.0), 1.0))


def fill_rate_trigger(x: ExposureDemand, reorder_point: float, quantity: float) -> float:
    """``β = 1 − (I_E − I_L)/(Q·d·R)``, inventory position uniform on ``(s, s + Q]``."""
    cycle = x.cycle_demand
    if cycle <= 0 or quantity <= 0:
        return 1.0
    s, q = reorder_point, quantity
    short = x.exposure.integrated_short(s, s + q) - x.lead.integrated_short(s, s + q)
    return float(min(max(1.0 - short / (q * cycle), 0.0), 1.0))


def expected_fill_rate(x: ExposureDemand, level: float, *, trigger: bool, quantity: float) -> float:
    """The fill rate of ``level`` (S, or s with lot ``quantity`` when ``trigger``)."""
    return fill_rate_trigger(x, level, quantity) if trigger else fill_rate_review(x, level)


def level_for_fill_rate(
    x: ExposureDemand, target: float, *, trigger: bool, quantity: float
) -> float:
    """The level (S, or s) whose :func:`expected_fill_rate` is ``target`` (root of a monotone
    function; the lowest level at 0 units of shortfall if the target is always met)."""
    if x.cycle_demand <= 0:
        return 0.0  # no demand to serve: no stock needed
    mean, sd = x.exposure.mean, max(x.exposure.sd, 1e-9)
    low = min(-quantity if trigger else 0.0, mean - 8 * sd) - 1.0
    high = mean + 10 * sd + 1.0

    def gap(level: float) -> float:
        return expected_fill_rate(x, level, trigger=trigger, quantity=quantity) - target

    if gap(low) >= 0:
        return low
    while gap(high) < 0 and high < mean + 1e3 * sd + 1e6:
        high += 10 * sd + abs(high)
    if gap(high) < 0:
        return high
    if x.exposure.sample is not None:
        # a step function: bisect to the smallest level that reaches the target
        for _ in range(60):
            mid = 0.5 * (low + high)
            if gap(mid) >= 0:
                high = mid
            else:
                low = mid
            if high - low < 1e-6 * max(1.0, abs(high)):
                break
        return high
    from scipy.optimize import brentq  # on first use: importing it takes half a second

    return float(brentq(gap, low, high, xtol=1e-9 * max(1.0, abs(mean)), maxiter=200))


def level_for_cycle_service(x: ExposureDemand, target: float) -> float:
    """The level with ``P(X_E ≤ level) ≥ target``: ``μ_E + Φ⁻¹(target)·σ_E`` when normal."""
    return x.exposure.quantile(target)


def normal_exposure(
    *, mean_demand: float, exposure: float, lead: float, sd_exposure: float, sd_lead: float,
    review_period: float,
) -> ExposureDemand:  # fmt: skip
    """Normal demand over ``exposure`` and ``lead`` periods (units)."""
    return ExposureDemand(
        PeriodDemand(mean_demand * exposure, max(sd_exposure, 0.0)),
        PeriodDemand(mean_demand * max(lead, 0.0), max(sd_lead, 0.0) if lead > 0 else 0.0),
        mean_demand,
        review_period,
    )
