"""The eight Learn JIT lessons as data: the question, the predictions the audience picks from,
one or two controls, the reveal (numbers, a chart and which prediction was right), the takeaway
and the page that does it in full.

Every lesson is taught on one item (:class:`LessonItem`): its demand mean and σ come from the
data (the teaching sample or the user's own), its lead time, review period, service target and
costs from the working scenario. The models are in the sibling modules, with their sources.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from jitcore.buffers.formulas import safety_factor_for_cycle_service_level
from jitcore.chain import ChainRun, chain_settings, run_chain, stage_names
from jitcore.charts.lessons import bars_figure, curve_figure
from jitcore.demand import PERIODS_PER_YEAR, DemandData
from jitcore.errors import JitError
from jitcore.formatting import percent, short
from jitcore.lessons import changeover, forecasting, information, pooling, smoothing, variability
from jitcore.scenario import Scenario
from jitcore.vocabulary import period_word

#: Hours a line works per period (one shift), to turn setup hours into periods.
HOURS_PER_PERIOD: dict[str, float] = {"D": 8.0, "W": 40.0, "M": 160.0}
#: The changeover lesson's line: running time takes this share of its hours (before setups).
LINE_LOAD = 0.85
#: Lead-time σ (periods) the standardisation lesson starts from: a supplier with some spread.
LESSON_LEAD_TIME_SD = 1.0


@dataclass(frozen=True)
class LessonItem:
    """The item a lesson is taught on: its demand history and the working scenario's terms."""

    name: str
    series: tuple[float, ...]
    frequency: str
    lead_time: int  #: periods
    review_period: int  #: periods
    cycle_service_level: float
    unit_cost: float
    holding_rate: float  #: per year
    ordering_cost: float
    currency: str

    @property
    def mean(self) -> float:
        return float(np.mean(self.series)) if self.series else 0.0

    @property
    def sd(self) -> float:
        return float(np.std(self.series, ddof=1)) if len(self.series) > 1 else 0.0

    @property
    def exposure(self) -> int:
        """Periods the buffer covers, ``L + R``."""
        return self.lead_time + self.review_period

    @property
    def safety_factor(self) -> float:
        return safety_factor_for_cycle_service_level(self.cycle_service_level)

    @property
    def period(self) -> str:
        return period_word(self.frequency)

    @property
    def holding_cost(self) -> float:
        """Money per unit per period."""
        return self.unit_cost * self.holding_rate / PERIODS_PER_YEAR.get(self.frequency, 52.0)


def lesson_item(data: DemandData, sku: str, scenario: Scenario) -> LessonItem:
    """The item ``sku`` of ``data`` under the working ``scenario``'s terms."""
    series = data.series(sku).dropna().to_numpy(dtype=float)
    if series.size < 2 or float(np.std(series)) == 0.0:
        raise JitError(
            f"{sku} has too little varying demand for a lesson.",
            "Pick another SKU in the sidebar, or load the teaching sample on the Data page.",
        )
    return LessonItem(
        name=sku,
        series=tuple(series.tolist()),
        frequency=data.frequency,
        lead_time=scenario.supply.lead_time,
        review_period=scenario.policy.review_period,
        cycle_service_level=scenario.buffers.cycle_service_level,
        unit_cost=scenario.costs.unit_cost,
        holding_rate=scenario.costs.holding_rate,
        ordering_cost=scenario.costs.ordering_cost,
        currency=scenario.costs.currency,
    )


@dataclass(frozen=True)
class Control:
    """A slider of a lesson: ``name`` is the key its value is passed under."""

    name: str
    label: str
    low: float
    high: float
    step: float
    default: float
    help: str = ""

    @property
    def format(self) -> str:
        """printf format of the slider: whole numbers for whole steps, else the step's decimals."""
        if float(self.step).is_integer() and float(self.low).is_integer():
            return "%d"
        decimals = len(f"{self.step:g}".split(".")[1]) if "." in f"{self.step:g}" else 0
        return f"%.{decimals}f"


@dataclass(frozen=True)
class Number:
    """One number of a reveal, already formatted."""

    label: str
    value: str
    help: str = ""


@dataclass(frozen=True, eq=False)
class Reveal:
    """What the lesson shows after the prediction: ``measured`` is the quantity the
    predictions guess; the closest prediction is :attr:`Lesson.answer`."""

    measured: float
    numbers: tuple[Number, ...]
    figure: go.Figure
    detail: str


Values = Mapping[str, float]


@dataclass(frozen=True)
class Lesson:
    key: str
    element: str  #: the JIT element, as trainers name it
    title: str
    question: str
    choices: tuple[tuple[str, float], ...]  #: prediction and the value it stands for
    controls: tuple[Control, ...]
    takeaway: str
    page: str  #: the app page that does it in full
    page_label: str
    compute: Callable[[LessonItem, Values], Reveal]

    def defaults(self) -> dict[str, float]:
        return {control.name: control.default for control in self.controls}

    def reveal(self, item: LessonItem, values: Values | None = None) -> Reveal:
        """The reveal at ``values`` (missing ones at their defaults)."""
        return self.compute(item, {**self.defaults(), **(values or {})})

    def answer(self, reveal: Reveal) -> int:
        """Index of the prediction closest to what the reveal measured."""
        gaps = [abs(value - reveal.measured) for _, value in self.choices]
        return int(np.argmin(gaps))


def _units(item: LessonItem, value: float) -> str:
    return f"{short(value)} units"


def _change(share: float) -> str:
    """``+5 %``, ``−12 %``, ``±0 %``."""
    rounded = round(100 * share)
    return "±0 %" if rounded == 0 else f"{rounded:+d} %".replace("-", "−")


# --- 1. smoothing supply and demand (heijunka) --------------------------------------------------
def _smoothing(item: LessonItem, values: Values) -> Reveal:
    ti = float(values["smoothing"])
    common = {
        "demand_sd": item.sd,
        "lead_time": item.lead_time,
        "safety_factor": item.safety_factor,
    }
    plain, smooth = (
        smoothing.smooth(smoothing=1.0, **common),
        smoothing.smooth(smoothing=ti, **common),
    )
    grid = np.linspace(1.0, 10.0, 37)
    curves = [smoothing.smooth(smoothing=float(t), **common) for t in grid]
    fig = curve_figure(
        grid,
        {
            f"Order σ (units/{item.period})": [c.order_sd for c in curves],
            "Safety stock (units)": [c.safety_stock for c in curves],
        },
        marks={f"Ti = {ti:g}": (ti, smooth.safety_stock)},
        title="Smoother orders upstream, a little more stock downstream",
        x_title="Smoothing Ti (1 = plain order-up-to)",
        y_title="Units",
    )
    extra = smooth.safety_stock / plain.safety_stock - 1.0
    return Reveal(
        measured=extra,
        numbers=(
            Number(
                "Order swings σ",
                f"{short(plain.order_sd)} → {short(smooth.order_sd)}",
                f"Units per {item.period}, plain order-up-to → smoothed.",
            ),
            Number("Safety stock", f"{short(plain.safety_stock)} → {short(smooth.safety_stock)}"),
            Number("Extra stock", _change(extra)),
        ),  # fmt: skip
        figure=fig,
        detail=f"Orders swing {percent(1 - smooth.order_sd / plain.order_sd, 0)} less for "
        f"{_change(extra)} safety stock (lead time {item.lead_time} {item.period}s).",
    )


# --- 2. forecasting -----------------------------------------------------------------------------
_WINDOWS = (1, 4, 13, 26)


def _forecasting(item: LessonItem, values: Values) -> Reveal:
    exposure = item.exposure
    if len(item.series) < exposure + 4:
        raise JitError(
            f"{item.name} has {len(item.series)} {item.period}s of history: too few to backtest "
            f"a forecast over {exposure} {item.period}s of lead time and review.",
            "Pick an item with a longer history, or shorten the lead time on Supply & demand.",
        )
    top = max(2, min(52, len(item.series) - exposure - 1))
    windows = list(range(1, top + 1))
    actual = [
        forecasting.empirical_error_sd(item.series, exposure=exposure, window=p) for p in windows
    ]
    theory = [forecasting.moving_average_error_sd(demand_sd=item.sd, exposure=exposure, window=p)
              for p in windows]  # fmt: skip
    k = item.safety_factor
    candidates = [p for p in _WINDOWS if p <= top]
    best = min(candidates, key=lambda p: actual[p - 1])
    chosen = int(min(values["window"], top))
    fig = curve_figure(
        windows,
        {
            "Safety stock, this item's real errors": [k * a for a in actual],
            "Safety stock, theory for random demand": [k * t for t in theory],
        },
        marks={f"{chosen}-{item.period} average": (chosen, k * actual[chosen - 1])},
        title=f"Safety stock for {item.name} by moving-average window",
        x_title=f"Moving-average window ({item.period}s)",
        y_title="Safety stock (units)",
    )
    naive = k * actual[0]
    return Reveal(
        measured=float(best),
        numbers=(
            Number("Last period (naive)", _units(item, naive)),
            *(
                Number(f"{p}-{item.period} average", _units(item, k * actual[p - 1]))
                for p in candidates[1:]
            ),
            Number("Best of these", f"{best}-{item.period}" if best > 1 else "naive"),
        ),  # fmt: skip
        figure=fig,
        detail=f"With the {chosen}-{item.period} average this item needs "
        f"{short(k * actual[chosen - 1])} units of safety stock against {short(naive)} with the "
        "naive forecast.",
    )


# --- 3. rapid changeover (SMED) -----------------------------------------------------------------
def _line(item: LessonItem, setup_hours: float) -> changeover.Changeover:
    hours = HOURS_PER_PERIOD.get(item.frequency, 40.0)
    return changeover.changeover(
        setup_time=setup_hours / hours,
        demand_rate=item.mean,
        production_rate=item.mean / LINE_LOAD,
        setup_cost_per_period=item.ordering_cost * hours,  # the ordering cost per setup hour
        holding_cost=item.holding_cost,
    )


def _changeover(item: LessonItem, values: Values) -> Reveal:
    before, after = _line(item, values["before"]), _line(item, values["after"])
    grid = np.linspace(0.25, 8.0, 32)
    lines = [_line(item, float(h)) for h in grid]
    fig = curve_figure(
        grid,
        {
            "Lot the line runs": [line.lot for line in lines],
            "Economic lot (EPQ)": [line.economic_lot for line in lines],
            "Smallest lot capacity allows": [line.minimum_lot for line in lines],
        },
        marks={
            "before": (values["before"], before.lot),
            "after SMED": (values["after"], after.lot),
        },
        title="Shorter changeovers, smaller lots",
        x_title="Changeover time (hours)",
        y_title="Lot size (units)",
    )
    ratio = after.lot / before.lot
    return Reveal(
        measured=ratio,
        numbers=(
            Number(
                "Lot size",
                f"{short(before.lot)} → {short(after.lot)}",
                f"{short(before.lot / item.mean)} → {short(after.lot / item.mean)} "
                f"{item.period}s of demand.",
            ),
            Number("Cycle stock", f"{short(before.cycle_stock)} → {short(after.cycle_stock)}"),
            Number("Line busy", f"{percent(before.utilisation)} → {percent(after.utilisation)}"),
        ),  # fmt: skip
        figure=fig,
        detail=f"The lot falls to {percent(ratio, 0)} of what it was: with setups costed by the hour the "
        "economic lot moves with the square root of the changeover time, the capacity floor in "
        f"proportion to it (line {percent(LINE_LOAD, 0)} loaded, a setup hour costs "
        f"{item.currency}{short(item.ordering_cost)}).",
    )


# --- 4. standardisation ---------------------------------------------------------------------------
def _standardisation(item: LessonItem, values: Values) -> Reveal:
    demand_cut, lead_cut = values["demand_cut"] / 100.0, values["lead_time_cut"] / 100.0

    def stock(d_cut: float, l_cut: float) -> float:
        spread = variability.Variability(
            mean_demand=item.mean,
            demand_sd=item.sd * (1 - d_cut),
            lead_time_sd=LESSON_LEAD_TIME_SD * (1 - l_cut),
        )
        return variability.buffer_parts(spread, exposure=item.exposure,
                                        safety_factor=item.safety_factor).safety_stock  # fmt: skip

    cases = {
        "Today": stock(0, 0),
        "Demand spread cut": stock(demand_cut, 0),
        "Lead-time spread cut": stock(0, lead_cut),
        "Both": stock(demand_cut, lead_cut),
    }
    fig = bars_figure(list(cases), {"Safety stock (units)": list(cases.values())},
                      title="Less variability, smaller buffer", y_title="Safety stock (units)")  # fmt: skip
    saved = 1.0 - cases["Both"] / cases["Today"]
    merged = pooling.pool(sd=item.sd, variants=2, correlation=0.0,
                          safety_factor=item.safety_factor, exposure=item.exposure)  # fmt: skip
    return Reveal(
        measured=saved,
        numbers=(
            Number(
                "Safety stock",
                f"{short(cases['Today'])} → {short(cases['Both'])}",
                f"Today's lead-time σ is taken as {LESSON_LEAD_TIME_SD:g} {item.period}.",
            ),
            Number("Saved", percent(saved, 0)),
            Number(
                "Two variants made one",
                _change(merged.ratio - 1.0),
                "A standard part replacing two independent variants pools their demand: its "
                "safety stock is 1/√2 of the two apart (Eppen 1979).",
            ),
        ),
        figure=fig,
        detail=f"Cutting the demand spread alone saves {percent(1 - cases['Demand spread cut'] / cases['Today'], 0)}, "
        f"the lead-time spread alone {percent(1 - cases['Lead-time spread cut'] / cases['Today'], 0)}.",
    )


# --- 5. vendor-managed inventory ------------------------------------------------------------------
#: The chain lessons' run: fixed seed, so a room sees the same numbers every time.
CHAIN_RUN = {"paths": 200, "periods": 260, "warmup": 52, "seed": 42}


def _chain_run(item: LessonItem, stages: int, window: int, information_: str) -> ChainRun:
    """The item's demand through a chain of ``stages`` order-up-to stages, each with the
    working scenario's lead time (at most 12) and a ``window``-period moving average."""
    settings = chain_settings(
        {
            "stages": [{"name": name, "lead_time": min(item.lead_time, 12), "window": window}
                       for name in stage_names(stages)],
            "information": information_,
            "demand": {"mean": max(item.mean, 1e-6), "sd": item.sd},
            "safety_factor": item.safety_factor,
            **CHAIN_RUN,
        }
    )  # fmt: skip
    return run_chain(settings)


def _chain(item: LessonItem, values: Values, other: information.Information) -> Reveal:
    stages, window = int(values["stages"]), int(values["window"])
    local, better = (_chain_run(item, stages, window, kind) for kind in ("local", other))
    names = [stage.name.capitalize() for stage in local.stages]
    label = "With VMI" if other == "vmi" else "Shared demand"
    fig = bars_figure(
        names,
        {"Local information": [item.sd * math.sqrt(s.amplification) for s in local.stages],
         label: [item.sd * math.sqrt(s.amplification) for s in better.stages]},
        title="Order swings at each stage (simulated chain)",
        y_title=f"Order σ (units/{item.period})",
    )  # fmt: skip
    top, top_better = local.stages[-1].amplification, better.stages[-1].amplification
    exposures = [float(stage.exposure) for stage in local.stages]
    bound = information.amplification(exposures, window, "local")[-1]
    bound_better = information.amplification(exposures, window, other)[-1]
    ratio = top_better / top
    return Reveal(
        measured=ratio,
        numbers=(
            Number(
                f"{names[-1]} amplification",
                f"{short(top)} → {short(top_better)}",
                "Variance of its orders over the variance of end-customer demand, simulated "
                f"({CHAIN_RUN['paths']} paths). Chen et al. (2000) lower bound: {short(bound)} → "
                f"{short(bound_better)}.",
            ),
            Number(
                "Chain stock",
                f"{short(local.chain.average_on_hand)} → {short(better.chain.average_on_hand)}",
                "Units on hand at every stage together, average.",
            ),
            Number(
                "Customer fill rate",
                f"{percent(local.chain.fill_rate, 0)} → {percent(better.chain.fill_rate, 0)}",
                f"{percent(local.chain.fill_rate)} → {percent(better.chain.fill_rate)}.",
            ),
        ),  # fmt: skip
        figure=fig,
        detail=f"Each stage covers {exposures[0]:g} {item.period}s and forecasts with a "
        f"{window}-{item.period} moving average: the {names[-1].lower()}'s order variance falls "
        f"to {percent(ratio, 0)} of what it is with local information.",
    )


def _vmi(item: LessonItem, values: Values) -> Reveal:
    return _chain(item, values, "vmi")


def _technology(item: LessonItem, values: Values) -> Reveal:
    return _chain(item, values, "shared")


# --- 6. quality -----------------------------------------------------------------------------------
def _quality(item: LessonItem, values: Values) -> Reveal:
    good, spread = values["yield"] / 100.0, values["yield_sd"] / 100.0

    def stock(y: float, s: float) -> float:
        spread_item = variability.Variability(mean_demand=item.mean, demand_sd=item.sd,
                                              yield_rate=y, yield_sd=s)  # fmt: skip
        return variability.buffer_parts(spread_item, exposure=item.exposure,
                                        safety_factor=item.safety_factor).safety_stock  # fmt: skip

    perfect, today = stock(1.0, 0.0), stock(good, spread)
    grid = np.linspace(0.0, 0.2, 41)
    fig = curve_figure(
        100 * grid,
        {f"Safety stock at {percent(good, 0)} yield": [stock(good, float(s)) for s in grid]},
        marks={"your setting": (100 * spread, today)},
        title="Unreliable quality needs a bigger buffer",
        x_title="Spread of the good share (points)",
        y_title="Safety stock (units)",
    )
    rejected = variability.rejected_per_period(
        variability.Variability(mean_demand=item.mean, demand_sd=item.sd, yield_rate=good)
    )
    extra = today / perfect - 1.0
    return Reveal(
        measured=extra,
        numbers=(
            Number("Safety stock", f"{short(perfect)} → {short(today)}"),
            Number("Extra stock", _change(extra)),
            Number(f"Rejected per {item.period}", _units(item, rejected)),
        ),
        figure=fig,
        detail=f"At {percent(good, 0)} good with a spread of {100 * spread:g} points the buffer grows "
        f"{_change(extra)}, and {short(rejected)} units a {item.period} are made for scrap.",
    )


# --- 8. later-stage customisation (postponement) --------------------------------------------------
def _postponement(item: LessonItem, values: Values) -> Reveal:
    n, rho = int(values["variants"]), float(values["correlation"])
    sd = item.sd  # each variant sells like this item

    def at(count: int) -> pooling.Pooling:
        low = -1.0 / (count - 1) if count > 1 else -1.0
        return pooling.pool(sd=sd, variants=count, correlation=max(rho, low),
                            safety_factor=item.safety_factor, exposure=item.exposure)  # fmt: skip

    result = at(n)
    counts = list(range(1, 13))
    fig = curve_figure(
        counts,
        {"Variants stocked apart": [at(c).apart for c in counts],
         "Common part, customised late": [at(c).pooled for c in counts]},
        marks={f"{n} variants": (n, result.pooled)},
        title="One common stock instead of one per variant",
        x_title="Variants",
        y_title="Safety stock (units)",
    )  # fmt: skip
    return Reveal(
        measured=result.ratio,
        numbers=(
            Number("Safety stock", f"{short(result.apart)} → {short(result.pooled)}"),
            Number("Pooled / apart", percent(result.ratio, 0), "√(n + n(n−1)ρ) / n"),
        ),
        figure=fig,
        detail=f"{n} variants with correlation {rho:g}: the common stock needs "
        f"{percent(result.ratio, 0)} of the safety stock the variants need apart.",
    )


_SHARE = (("About the same", 1.0), ("About three quarters", 0.75), ("About half", 0.5),
          ("About a quarter", 0.25))  # fmt: skip
_CHAIN_CONTROLS = (
    Control("stages", "Stages in the chain", 2, 4, 1, 4, "Retailer, wholesaler, distributor, factory."),
    Control("window", "Moving-average window (periods)", 2, 12, 1, 5,
            "How many periods of orders each stage averages for its forecast."),
)  # fmt: skip

LESSONS: tuple[Lesson, ...] = (
    Lesson(
        "smoothing",
        "Smoothing supply and demand",
        "Heijunka: level the orders you send upstream",
        "Smooth the orders you send your supplier (proportional order-up-to, Ti below): their "
        "swings shrink. How much more safety stock do you need for the same service?",
        (
            ("None", 0.0),
            ("About +5 %", 0.05),
            ("About +20 %", 0.2),
            ("About +50 %", 0.5),
            ("Double", 1.0),
        ),
        (
            Control(
                "smoothing",
                "Smoothing Ti (periods)",
                1,
                10,
                0.5,
                2,
                "1 passes demand on one for one; 2 closes half the gap each period.",
            ),
        ),
        "A supplier who sees steady orders can run level, with less capacity and stock. The cost "
        "downstream is small at moderate smoothing, because most of the buffer covers the lead time.",
        "pages/supply_demand.py",
        "Try POUT and heijunka on Supply & demand",
        _smoothing,
    ),  # fmt: skip
    Lesson(
        "forecasting",
        "Forecasting",
        "The buffer covers the forecast error",
        "Which forecast lets this item run on the least safety stock?",
        (
            ("Last period's demand (naive)", 1),
            ("4-period average", 4),
            ("13-period average", 13),
            ("26-period average", 26),
        ),
        (
            Control(
                "window",
                "Your moving-average window (periods)",
                1,
                52,
                1,
                4,
                "Marked on the chart.",
            ),
        ),
        "Safety stock covers what the forecast gets wrong over the lead time, not demand itself. "
        "A better forecast is a smaller buffer — and on real data the best window is found by "
        "backtesting, not by theory.",
        "pages/forecast.py",
        "Compare forecast methods on Forecast",
        _forecasting,
    ),  # fmt: skip
    Lesson(
        "changeover",
        "Rapid changeover (SMED)",
        "Short setups make small lots pay",
        "SMED cuts the changeover from the first to the second time below. The lot the line "
        "runs shrinks to…",
        _SHARE,
        (
            Control("before", "Changeover before (hours)", 0.5, 8, 0.25, 4),
            Control("after", "Changeover after SMED (hours)", 0.25, 8, 0.25, 1),
        ),
        "Setup time is what makes big lots economic and, on a busy line, necessary. Cut it and "
        "the lot, the cycle stock and the lead time all shrink with it.",
        "pages/tradeoffs.py",
        "Lot sizes against cost on Trade-offs",
        _changeover,
    ),  # fmt: skip
    Lesson(
        "standardisation",
        "Standardisation",
        "Standard parts, steadier flows",
        "Standard parts and processes cut the demand spread and the lead-time spread by the "
        "shares below. The safety stock falls by…",
        (("About 10 %", 0.1), ("About 25 %", 0.25), ("About 40 %", 0.4), ("About 60 %", 0.6)),
        (
            Control(
                "demand_cut",
                "Demand spread cut (%)",
                0,
                80,
                5,
                30,
                "Fewer, more common variants: steadier demand per item.",
            ),
            Control(
                "lead_time_cut",
                "Lead-time spread cut (%)",
                0,
                100,
                5,
                50,
                "Standard parts from fewer, closer suppliers.",
            ),
        ),
        "Every source of variability adds to the buffer in quadrature, so the biggest source "
        "matters most. Standardising attacks demand, lead-time and yield spread at once, and "
        "fewer variants pool what is left.",
        "pages/plan.py",
        "See each SKU's buffer on Plan",
        _standardisation,
    ),  # fmt: skip
    Lesson(
        "vmi",
        "Vendor-managed inventory",
        "Let the supplier see the shelf",
        "The wholesaler takes over the retailer's stock (VMI) and sees its sales. The order "
        "swings at the top of the chain fall to…",
        _SHARE,
        _CHAIN_CONTROLS,
        "With VMI one decision replaces two, and it is made on real sales, not on orders. The "
        "amplification of one stage disappears from everything above it.",
        "pages/bullwhip_game.py",
        "Play VMI in the Bullwhip game",
        _vmi,
    ),  # fmt: skip
    Lesson(
        "quality",
        "Quality assurance",
        "Scrap is variability too",
        "The good share of each batch drops to the yield below, and varies by the spread below. "
        "How much bigger must the safety stock be?",
        (("About +5 %", 0.05), ("About +25 %", 0.25), ("About +50 %", 0.5), ("Double", 1.0)),
        (
            Control("yield", "Good share, average (%)", 70, 100, 1, 90),
            Control("yield_sd", "Spread of the good share (points)", 0, 20, 1, 10),
        ),
        "Poor quality costs twice: units made for scrap, and a buffer against not knowing how "
        "many will be good. Reliable quality is what lets JIT run lean.",
        "pages/supply_demand.py",
        "Set yield on Supply & demand (Supplier)",
        _quality,
    ),  # fmt: skip
    Lesson(
        "technology",
        "Technology and information",
        "Share the sales, tame the bullwhip",
        "Every stage gets the end customers' sales (point-of-sale data, EDI) instead of only its "
        "customer's orders. The order swings at the top of the chain fall to…",
        _SHARE,
        _CHAIN_CONTROLS,
        "Without shared data each stage forecasts from orders that are already amplified, so "
        "swings multiply up the chain; with it they only add up. Information replaces inventory.",
        "pages/bullwhip_game.py",
        "Share demand in the Bullwhip game",
        _technology,
    ),  # fmt: skip
    Lesson(
        "postponement",
        "Later-stage customisation",
        "Postpone: stock the common part",
        "This item comes in the variants below, each stocked apart. Stock one common part and "
        "customise it to order instead: the safety stock becomes…",
        _SHARE,
        (
            Control("variants", "Variants", 2, 12, 1, 4),
            Control(
                "correlation",
                "Correlation between variants",
                -0.3,
                1.0,
                0.1,
                0.0,
                "0 = independent; 1 = they all move together.",
            ),
        ),
        "Independent variants stocked apart each carry their own peaks; pooled, the peaks cancel "
        "and the buffer shrinks with √n. The more the variants move together, the less it saves.",
        "pages/plan.py",
        "Plan buffers on Plan",
        _postponement,
    ),  # fmt: skip
)
LESSONS_BY_KEY: dict[str, Lesson] = {lesson.key: lesson for lesson in LESSONS}
