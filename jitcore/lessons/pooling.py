"""Postponement and fewer variants: one common stock instead of one per variant.

``n`` variants, each with demand σ per period and pairwise correlation ρ, stocked apart need
``n·k·σ·√Le`` of safety stock; a common part customised late (postponement) or one standard
variant carries the pooled demand, whose σ is ``σ_pooled = σ·√(n + n(n−1)·ρ)`` (variance of a
sum of equally correlated terms), so it needs ``k·σ_pooled·√Le``. The ratio pooled/apart is
``√(n + n(n−1)ρ) / n``: ``1/√n`` for independent variants (the square-root law, Eppen 1979,
*Management Science* 25(5); Zinn, Levy & Bowersox 1989), 1 for perfectly correlated ones.
Postponement: Lee & Tang (1997), *Management Science* 43(1); Chopra & Meindl ch. 12
("aggregation").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from jitcore.errors import JitError


def pooled_sd(sd: float, variants: int, correlation: float = 0.0) -> float:
    """σ of the total demand of ``variants`` variants of σ ``sd`` each, correlation ρ:
    ``σ·√(n + n(n−1)ρ)``."""
    if variants < 1:
        raise JitError("There must be at least one variant.", "Enter 1 or more variants.")
    lowest = -1.0 / (variants - 1) if variants > 1 else -1.0
    if not lowest - 1e-12 <= correlation <= 1.0:
        raise JitError(
            f"With {variants} variants the correlation must be between {lowest:.2f} and 1.",
            "Equal correlations below −1/(n − 1) are impossible.",
        )
    return sd * math.sqrt(max(variants + variants * (variants - 1) * correlation, 0.0))


@dataclass(frozen=True)
class Pooling:
    """Safety stock with the variants stocked apart and pooled (units)."""

    variants: int
    correlation: float
    apart: float  #: n·k·σ·√Le
    pooled: float  #: k·σ_pooled·√Le

    @property
    def ratio(self) -> float:
        """pooled / apart: ``√(n + n(n−1)ρ)/n``."""
        return self.pooled / self.apart if self.apart > 0 else 1.0

    @property
    def saved(self) -> float:
        return self.apart - self.pooled


def pool(
    *, sd: float, variants: int, correlation: float, safety_factor: float, exposure: float
) -> Pooling:
    """Safety stock of ``variants`` variants apart and pooled, each variant's demand σ ``sd``
    per period, over ``exposure`` periods, at safety factor ``k``."""
    if exposure < 0:
        raise JitError("The exposure must not be negative.", "Check the lead time.")
    root = math.sqrt(exposure)
    return Pooling(
        variants=variants,
        correlation=correlation,
        apart=variants * safety_factor * sd * root,
        pooled=safety_factor * pooled_sd(sd, variants, correlation) * root,
    )
