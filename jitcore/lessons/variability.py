"""Standardisation and quality: the buffer that variability of demand, lead time and yield calls
for, and what it shrinks to when a source of variability is cut.

Over an exposure of ``Le`` periods (lead time plus review) the safety stock is ``k·σ_X`` with
``σ_X² = Le·σ_d² + d²·σ_L² + Le·(d·σ_y/y)²``:

* ``Le·σ_d²`` demand variability (C&M ch. 12);
* ``d²·σ_L²`` lead-time variability, ``σ_L`` in periods (C&M ch. 12, safety inventory with
  lead-time uncertainty);
* ``Le·(d·σ_y/y)²`` yield variability: to get ``d`` good units a period one orders ``d/y``
  (``y`` the mean good share) and the good share of a period's receipt has σ ``σ_y``, so the
  good units received vary by ``(d/y)·σ_y`` a period — the stochastically proportional yield
  model (Yano & Lee 1995, *Operations Research* 43(2), "Lot sizing with random yields"),
  treated as one more independent source of variance.

A mean yield below 1 also costs throughput: ``d·(1/y − 1)`` units a period are made and
rejected (cost of poor quality).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from jitcore.errors import JitError


@dataclass(frozen=True)
class Variability:
    """The sources of variability of one item (per period; ``lead_time_sd`` in periods)."""

    mean_demand: float
    demand_sd: float
    lead_time_sd: float = 0.0
    yield_rate: float = 1.0
    yield_sd: float = 0.0

    def __post_init__(self) -> None:
        if min(self.mean_demand, self.demand_sd, self.lead_time_sd, self.yield_sd) < 0:
            raise JitError("Demand, σ and yield spread must not be negative.", "Enter 0 or more.")
        if not 0 < self.yield_rate <= 1:
            raise JitError(
                f"A yield must be above 0 and at most 100 % (got {self.yield_rate:.0%}).",
                "Enter e.g. 0.95 for 95 % good units.",
            )


@dataclass(frozen=True)
class BufferParts:
    """σ_X² split by source, and the safety stock ``k·σ_X`` (units)."""

    demand: float  #: Le·σ_d²
    lead_time: float  #: d²·σ_L²
    yield_: float  #: Le·(d·σ_y/y)²
    safety_factor: float

    @property
    def sigma(self) -> float:
        return math.sqrt(self.demand + self.lead_time + self.yield_)

    @property
    def safety_stock(self) -> float:
        return self.safety_factor * self.sigma

    def share(self, part: str) -> float:
        """Share of the variance from ``part`` (``demand``, ``lead_time``, ``yield_``)."""
        total = self.demand + self.lead_time + self.yield_
        return getattr(self, part) / total if total > 0 else 0.0


def buffer_parts(item: Variability, *, exposure: float, safety_factor: float) -> BufferParts:
    """The variance over ``exposure`` periods by source, with the safety factor ``k``."""
    if exposure < 0:
        raise JitError("The exposure must not be negative.", "Check the lead time.")
    return BufferParts(
        demand=exposure * item.demand_sd**2,
        lead_time=(item.mean_demand * item.lead_time_sd) ** 2,
        yield_=exposure * (item.mean_demand * item.yield_sd / item.yield_rate) ** 2,
        safety_factor=safety_factor,
    )


def rejected_per_period(item: Variability) -> float:
    """Units made and rejected a period to get ``d`` good ones: ``d·(1/y − 1)``."""
    return item.mean_demand * (1.0 / item.yield_rate - 1.0)
