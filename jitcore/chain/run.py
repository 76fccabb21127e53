"""A batch run of a chain over many demand paths: demand drawn once, every period played by
:func:`jitcore.chain.rules.advance`, KPIs accumulated after the warm-up.

KPIs per stage over the KPI window (periods ``warmup … periods − 1``), pooled over paths (one
mean over every period of every path, as :mod:`jitcore.kpis` does for the single stage):

* ``bullwhip`` = Var(orders placed) / Var(incoming orders) (Lee, Padmanabhan & Whang 1997);
* ``amplification`` = Var(orders placed) / Var(end-customer demand) — the product of the
  bullwhips of the stages up to this one when every stage sees only its customer's orders;
* ``fill_rate`` = 1 − units of incoming orders not shipped in their period / units ordered;
* ``average_on_hand``, ``average_backorders`` in units at the end of a period;
* ``holding_cost``, ``backorder_cost``, ``total_cost``: money over the KPI window, mean per path.

The chain's totals add the stages' stock and costs; its fill rate is the retailer's (what the
end customer gets) and its amplification the top stage's (what production sees).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

import numpy as np

from jitcore.chain.rules import Week, advance, initial_state
from jitcore.chain.settings import ChainSettings
from jitcore.errors import ScenarioError

#: Per-stage sums accumulated over the KPI window (deviations are from the mean demand μ).
_SUMS = (
    "count", "order_dev", "order_dev_sq", "incoming_dev", "incoming_dev_sq", "on_hand",
    "backorders", "short", "incoming", "holding_cost", "backorder_cost",
)  # fmt: skip
_I = {name: k for k, name in enumerate(_SUMS)}


@dataclass(frozen=True)
class StageKpis:
    """KPIs of one stage (definitions in the module docstring)."""

    name: str
    exposure: int
    bullwhip: float
    amplification: float
    average_on_hand: float
    average_backorders: float
    fill_rate: float
    holding_cost: float
    backorder_cost: float
    total_cost: float


@dataclass(frozen=True)
class ChainKpis:
    """KPIs of the whole chain: stock and costs summed over stages, the end customer's fill
    rate, and the amplification production sees (the top stage's)."""

    average_on_hand: float
    average_backorders: float
    fill_rate: float
    amplification: float
    holding_cost: float
    backorder_cost: float
    total_cost: float


@dataclass(frozen=True, eq=False)
class ChainRun:
    """KPIs of a batch run and the weeks of its first ``timeline_paths`` paths.

    ``timeline`` maps a :class:`~jitcore.chain.rules.Week` field to ``[path, period, stage]``
    (``demand``: ``[path, period]``).
    """

    settings: ChainSettings
    stages: tuple[StageKpis, ...]
    chain: ChainKpis
    timeline: dict[str, np.ndarray]

    def to_dict(self) -> dict[str, object]:
        return {
            "stages": [asdict(stage) for stage in self.stages],
            "chain": asdict(self.chain),
        }


def chain_demand(settings: ChainSettings, paths: int | None = None) -> np.ndarray:
    """End-customer demand ``[path, period]``: normal around the mean (and its step), cut at
    zero, whole units when the chain works in whole units; the same seed gives the same draws."""
    demand = settings.demand
    paths = settings.paths if paths is None else paths
    mean = np.full(settings.periods, demand.mean)
    if demand.step_period is not None and demand.step_to is not None:
        mean[demand.step_period - 1 :] = demand.step_to
    rng = np.random.default_rng(settings.seed)
    draws = mean + demand.sd * rng.standard_normal((paths, settings.periods))
    draws = np.maximum(draws, 0.0)
    return np.rint(draws) if settings.whole_units else draws


def _given_for(
    settings: ChainSettings, given: Mapping[int, np.ndarray] | None, paths: int
) -> dict[int, np.ndarray]:
    """The manual stages' orders as ``[path, period]`` arrays."""
    given = dict(given or {})
    out = {}
    for i in settings.manual_stages():
        name = settings.stages[i].name
        if i not in given:
            raise ScenarioError(
                f"The {name}'s orders are typed by a person, so a batch run needs them given.",
                "Give its orders for every period, or choose a rule for the stage.",
            )
        values = np.asarray(given[i], dtype=float)
        try:
            out[i] = np.broadcast_to(values, (paths, settings.periods))
        except ValueError:
            raise ScenarioError(
                f"The {name}'s orders cover {values.shape[-1]} periods, the run "
                f"{settings.periods}.",
                "Give one order per period of the run.",
            ) from None
    return out


def run_chain(
    settings: ChainSettings,
    demand: np.ndarray | None = None,
    given: Mapping[int, np.ndarray] | None = None,
) -> ChainRun:
    """Simulate the chain on ``demand`` ``[path, period]`` (drawn by :func:`chain_demand` when
    None), the manual stages ordering ``given[stage]`` (``[period]`` or ``[path, period]``)."""
    demand = chain_demand(settings) if demand is None else np.atleast_2d(demand).astype(float)
    paths, periods = demand.shape
    if periods != settings.periods:
        raise ScenarioError(
            f"The demand covers {periods} periods, the run {settings.periods}.",
            "Give one demand value per period of the run.",
        )
    orders_given = _given_for(settings, given, paths)
    state = initial_state(settings, paths)
    n = len(settings.stages)
    sums = np.zeros((len(_SUMS), n))
    end = np.zeros(3)  # count, Σ(d − μ), Σ(d − μ)² of end demand
    kept = min(settings.timeline_paths, paths)
    timeline = {name: np.zeros((kept, periods, n)) for name in Week.__dataclass_fields__}
    timeline["demand"] = np.zeros((kept, periods))
    for t in range(periods):
        week = advance(state, settings, demand[:, t], {i: o[:, t] for i, o in orders_given.items()})
        for name, values in timeline.items():
            values[:, t] = getattr(week, name)[:kept]
        if t >= settings.warmup:
            _accumulate(sums, end, week, settings)
    stages, chain = _kpis(settings, sums, end, paths)
    return ChainRun(settings, stages, chain, timeline)


def summarize(
    settings: ChainSettings, weeks: Sequence[Week]
) -> tuple[tuple[StageKpis, ...], ChainKpis]:
    """The KPIs of weeks already played (every week counts, no warm-up): the game's debrief."""
    n = len(settings.stages)
    sums, end = np.zeros((len(_SUMS), n)), np.zeros(3)
    for week in weeks:
        _accumulate(sums, end, week, settings)
    paths = weeks[0].orders.shape[0] if weeks else 1
    return _kpis(settings, sums, end, paths)


def _accumulate(sums: np.ndarray, end: np.ndarray, week: Week, settings: ChainSettings) -> None:
    mu = settings.demand.mean
    stages = settings.stages
    order_dev = week.orders - mu
    incoming_dev = week.incoming - mu
    rows = {
        "count": np.full(len(stages), week.orders.shape[0], dtype=float),
        "order_dev": order_dev.sum(axis=0),
        "order_dev_sq": (order_dev**2).sum(axis=0),
        "incoming_dev": incoming_dev.sum(axis=0),
        "incoming_dev_sq": (incoming_dev**2).sum(axis=0),
        "on_hand": week.on_hand.sum(axis=0),
        "backorders": week.backorders.sum(axis=0),
        "short": week.short.sum(axis=0),
        "incoming": week.incoming.sum(axis=0),
        "holding_cost": week.on_hand.sum(axis=0) * [s.holding_cost for s in stages],
        "backorder_cost": week.backorders.sum(axis=0) * [s.backorder_cost for s in stages],
    }
    for name, row in rows.items():
        sums[_I[name]] += row
    d = week.demand - mu
    end += (len(d), d.sum(), (d**2).sum())


def _variance(count: np.ndarray, dev: np.ndarray, dev_sq: np.ndarray) -> np.ndarray:
    n = np.maximum(count, 1.0)
    return np.maximum(dev_sq / n - (dev / n) ** 2, 0.0)


def _ratio(num: np.ndarray | float, den: np.ndarray | float) -> np.ndarray:
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def _kpis(
    settings: ChainSettings, sums: np.ndarray, end: np.ndarray, paths: int
) -> tuple[tuple[StageKpis, ...], ChainKpis]:
    s = {name: sums[k] for name, k in _I.items()}
    orders_var = _variance(s["count"], s["order_dev"], s["order_dev_sq"])
    incoming_var = _variance(s["count"], s["incoming_dev"], s["incoming_dev_sq"])
    demand_var = float(_variance(end[0], end[1], end[2]))
    periods = np.maximum(s["count"] / paths, 1.0)
    bullwhip = _ratio(orders_var, incoming_var)
    amplification = _ratio(orders_var, demand_var)
    fill = 1.0 - np.where(s["incoming"] > 0, _ratio(s["short"], s["incoming"]), 0.0)
    holding, backorder = s["holding_cost"] / paths, s["backorder_cost"] / paths
    stages = tuple(
        StageKpis(
            name=stage.name,
            exposure=stage.exposure,
            bullwhip=float(bullwhip[i]),
            amplification=float(amplification[i]),
            average_on_hand=float(s["on_hand"][i] / paths / periods[i]),
            average_backorders=float(s["backorders"][i] / paths / periods[i]),
            fill_rate=float(fill[i]),
            holding_cost=float(holding[i]),
            backorder_cost=float(backorder[i]),
            total_cost=float(holding[i] + backorder[i]),
        )
        for i, stage in enumerate(settings.stages)
    )
    chain = ChainKpis(
        average_on_hand=sum(k.average_on_hand for k in stages),
        average_backorders=sum(k.average_backorders for k in stages),
        fill_rate=stages[0].fill_rate,
        amplification=stages[-1].amplification,
        holding_cost=sum(k.holding_cost for k in stages),
        backorder_cost=sum(k.backorder_cost for k in stages),
        total_cost=sum(k.total_cost for k in stages),
    )
    return stages, chain
