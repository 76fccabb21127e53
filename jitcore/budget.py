"""The memory budget of a run: an estimate of its peak memory, checked before it starts.

A run holds, at its peak (bytes, float64 = 8 bytes):

* the demand paths, ``DEMAND_BYTES × SKUs × paths × periods``: the demand matrix plus the
  Monte Carlo draws being made (about twice the matrix);
* the timelines a chart reads, ``TIMELINE_BYTES × variants × SKUs × timeline paths × periods``:
  one float per recorded series (:data:`jitcore.lanes.SERIES`) and period;
* per lane (variant × SKU × path) the engine's parameters and sums and the KPIs per path,
  ``LANE_BYTES`` each, of which ``KEPT_LANE_BYTES`` (the KPIs per path) stay in the result.

A run of many SKUs works in chunks of ``chunk_skus`` SKUs (:mod:`jitcore.pipeline.chunks`):
the demand paths and the engine's working lanes are then those of one chunk, while the
timelines and KPIs per path of every SKU are kept.

The coefficients were measured with :mod:`tracemalloc` (``tests/test_budget.py`` checks the
estimate against the measured peak). The budget is ``JIT_WHATIF_MEMORY_BUDGET_MB`` megabytes
(default :data:`DEFAULT_BUDGET_MB`, safe on an 8 GB laptop beside a browser); a run over it
raises :class:`~jitcore.errors.JitError` naming the setting to lower and the largest value that
fits, before any memory is taken.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace

from jitcore.demand import PERIODS_PER_YEAR
from jitcore.errors import JitError
from jitcore.lanes import N_SERIES

#: Environment variable holding the budget in megabytes.
BUDGET_ENV = "JIT_WHATIF_MEMORY_BUDGET_MB"
#: Budget without the environment variable, in megabytes (1.5 GB).
DEFAULT_BUDGET_MB = 1536
#: Largest budget accepted, in megabytes (1 TB): beyond any machine this runs on.
MAX_BUDGET_MB = 1_048_576
#: Bytes per SKU × path × period of demand: the matrix and the draws made into it.
DEMAND_BYTES = 16
#: Bytes per recorded timeline value: one float64 per series.
TIMELINE_BYTES = 8 * N_SERIES
#: Bytes per lane: engine parameters (32) and accumulators (22), KPI sums (21), KPIs per path
#: (18, per SKU and over SKUs) and their temporaries, about 150 floats.
LANE_BYTES = 1200
#: Of those, bytes per lane kept in the result: the KPIs of each path (18 floats), twice while
#: the results of chunks are pooled into one.
KEPT_LANE_BYTES = 288
#: Bytes of a run whatever its size (forecasts, plans, dates), a floor for small runs.
BASE_BYTES = 8 * 2**20
MB = 2**20


@dataclass(frozen=True)
class RunSize:
    """The dimensions of a run that set its memory: counts, not settings."""

    skus: int
    paths: int
    periods: int
    variants: int = 1
    timeline_paths: int = 0
    #: demand matrices held at once (a sensitivity scales copies of the demand paths)
    demand_copies: int = 1
    #: settling periods included in ``periods`` (not part of ``simulation.periods``)
    preroll: int = 0
    #: whether the number of periods is a setting (not for a replay of the history)
    periods_settable: bool = True
    #: SKUs worked on at once (a chunk); None: all of them
    chunk_skus: int | None = None

    def working_bytes(self, skus: int) -> int:
        """Bytes of ``skus`` SKUs while they are simulated and dropped afterwards: their demand
        paths and the engine's lanes less what the result keeps."""
        demand = DEMAND_BYTES * self.demand_copies * skus * self.paths * self.periods
        return demand + (LANE_BYTES - KEPT_LANE_BYTES) * self.variants * skus * self.paths

    @property
    def kept_bytes(self) -> int:
        """Bytes the result keeps for every SKU: timelines and the KPIs of each path."""
        kept = min(self.timeline_paths, self.paths)
        timelines = TIMELINE_BYTES * self.variants * self.skus * kept * self.periods
        return timelines + KEPT_LANE_BYTES * self.variants * self.skus * self.paths

    @property
    def bytes(self) -> int:
        """Estimated peak bytes: the formula of the module docstring."""
        at_once = self.skus if self.chunk_skus is None else min(self.chunk_skus, self.skus)
        return BASE_BYTES + self.working_bytes(at_once) + self.kept_bytes


def budget_mb() -> int:
    """The memory budget in megabytes: ``JIT_WHATIF_MEMORY_BUDGET_MB`` or the default.

    A value that is not a whole number of megabytes between 1 and :data:`MAX_BUDGET_MB`
    raises JitError (a typo must not silently switch the budget off)."""
    text = os.environ.get(BUDGET_ENV, "").strip()
    if not text:
        return DEFAULT_BUDGET_MB
    return parse_budget_mb(text)


def parse_budget_mb(text: str) -> int:
    """A budget given as text (environment or command line), validated."""
    value = text.strip()
    if not value.isdigit() or len(value) > 8 or not 1 <= int(value) <= MAX_BUDGET_MB:
        raise JitError(
            f"The memory budget {value[:20]!r} is not a number of megabytes.",
            f"Give a whole number from 1 to {MAX_BUDGET_MB:,}, e.g. {BUDGET_ENV}=4096 for 4 GB.",
        )
    return int(value)


def run_size(
    scenarios: Sequence, *, skus: int, history_periods: int, frequency: str, preroll: int
) -> RunSize:
    """The size of running ``scenarios`` (one engine call per group, results kept) on ``skus``
    SKUs with ``history_periods`` periods of history at ``frequency``. Monte Carlo simulates
    ``periods`` (default one year) plus ``preroll`` settling periods; replay walks the history
    once."""
    paths = periods = kept = 1
    for scenario in scenarios:
        sim = scenario.simulation
        if sim.mode == "replay":
            n_paths, n_periods = 1, history_periods
        else:
            horizon = sim.periods or int(PERIODS_PER_YEAR[frequency])
            n_paths, n_periods = sim.paths, horizon + preroll
        paths, periods = max(paths, n_paths), max(periods, n_periods)
        kept = max(kept, min(sim.timeline_paths, n_paths))
    mc = any(s.simulation.mode != "replay" for s in scenarios)
    return RunSize(
        skus, paths, periods, max(len(scenarios), 1), kept, preroll=preroll * mc,
        periods_settable=mc,
    )  # fmt: skip


def _largest(size: RunSize, field: str, budget: int) -> int:
    """The largest value of ``field`` (its lowest … current) whose run fits ``budget`` bytes,
    or -1 when even the lowest does not (bisection: the estimate grows with every field)."""

    def fits(value: int) -> bool:
        return replace(size, **{field: value}).bytes <= budget

    low, high = (0 if field == "timeline_paths" else 1), getattr(size, field)
    if not fits(low):
        return -1
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(middle) else (low, middle - 1)
    return low


#: Settings to lower, in the order suggested (least loss first): the size field and the
#: setting's name in the scenario.
_LEVERS = {
    "timeline_paths": "simulation.timeline_paths",
    "paths": "simulation.paths",
    "periods": "simulation.periods",
    "variants": "the number of values swept",
    "skus": "the number of SKUs",
}


def check_budget(
    size: RunSize, budget: int | None = None, *, names: dict[str, str] | None = None
) -> None:
    """Raise JitError when ``size`` needs more than ``budget`` megabytes (default
    :func:`budget_mb`), naming the settings to lower and the largest value of each that fits."""
    limit_mb = budget_mb() if budget is None else budget
    need = size.bytes
    if need <= limit_mb * MB:
        return
    options = []
    for field, setting in (names or _LEVERS).items():
        current = getattr(size, field)
        if field == "timeline_paths" and current == 0:
            continue
        if field == "variants" and current == 1:
            continue
        best = _largest(size, field, limit_mb * MB)
        if field == "periods":  # the setting counts the periods after the settling ones
            if not size.periods_settable:
                continue
            best, current = best - size.preroll, current - size.preroll
            if best < 1:
                continue
        if 0 <= best < current:
            options.append(f"{setting} to {_round_down(best):,} or less (now {current:,})")
    fix = (
        "Lower " + "; or ".join(options[:2]) + "."
        if options
        else "Lower the number of SKUs, paths and periods together."
    )
    raise JitError(
        f"This run needs about {_size_text(need)} of memory, more than the budget of "
        f"{_size_text(limit_mb * MB)} ({size.skus:,} SKUs × {size.paths:,} paths × "
        f"{size.periods:,} periods × {size.variants:,} variant(s)).",
        f"{fix} To allow more, set {BUDGET_ENV} (megabytes) on a machine with the memory.",
    )


def _round_down(value: int) -> int:
    """``value`` rounded down to two significant digits (118,539 → 110,000), easier to type."""
    if value < 100:
        return value
    step = 10 ** (len(str(value)) - 2)
    return value // step * step


def _size_text(n_bytes: int) -> str:
    if n_bytes >= 2**30:
        return f"{n_bytes / 2**30:,.1f} GB"
    return f"{n_bytes / MB:,.0f} MB"
