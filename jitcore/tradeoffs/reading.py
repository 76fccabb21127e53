"""Plain-language reading help for each trade-off: a few sentences a planner can say aloud.

Every function takes a result of :mod:`jitcore.tradeoffs` and returns sentences (strings);
money carries the scenario's currency label and the cost horizon ("per year").
"""

from __future__ import annotations

import math

import numpy as np

from jitcore.formatting import money, percent, units
from jitcore.tradeoffs.comparison import Comparison
from jitcore.tradeoffs.frontier import Frontier
from jitcore.tradeoffs.grid import TwoWayGrid
from jitcore.tradeoffs.lot_size import LotSizeTradeoff
from jitcore.tradeoffs.sensitivity import Sensitivity
from jitcore.tradeoffs.waterfall import LeverAnalysis
from jitcore.vocabulary import SERVICE_TARGETS, kpi_label

#: The service level above which the frontier's marginal cost is quoted.
MARGINAL_FROM = 0.98


def read_frontier(frontier: Frontier) -> tuple[str, ...]:
    c, h = frontier.currency, frontier.horizon
    label = SERVICE_TARGETS[frontier.target].lower()
    best = frontier.kpis[frontier.minimum]
    best_target = float(frontier.targets[frontier.minimum])
    lines = [
        f"The lowest total cost in the range is {money(best.total_cost, c)} {h}, at a "
        f"{percent(best_target)} {label} target (achieved fill rate "
        f"{percent(best.fill_rate)})."
    ]
    current = frontier.current
    extra = current.kpis.total_cost - best.total_cost
    where = (
        f"Your current target of {percent(current.target)}"
        if current.on_curve
        else f"Your current buffers (about {percent(current.target)} {label} by the formula)"
    )
    lines.append(
        f"{where} costs {money(current.kpis.total_cost, c)} {h}"
        + (
            f", {money(extra, c)} more than the minimum."
            if extra > 0.005 * best.total_cost
            else ", close to the minimum."
        )  # fmt: skip
    )
    top = float(frontier.targets[-1])
    if frontier.targets[0] <= MARGINAL_FROM < top:
        points = 100 * (top - MARGINAL_FROM)
        hold = frontier.at(top, "holding_cost") - frontier.at(MARGINAL_FROM, "holding_cost")
        stock_low = frontier.at(MARGINAL_FROM, "average_on_hand")
        stock_high = frontier.at(top, "average_on_hand")
        lines.append(
            f"Each extra point of {label} above {percent(MARGINAL_FROM, 0)} costs about "
            f"{money(hold / points, c)} {h} in holding cost: from {percent(MARGINAL_FROM, 0)} to "
            f"{percent(top)} the average stock rises from {units(stock_low)} to "
            f"{units(stock_high)} units."
        )
    predicted = (
        current.predicted_fill_rate
        if frontier.target == "fill_rate"
        else current.predicted_cycle_service_level
    )
    achieved = getattr(current.kpis, frontier.target)
    line = (
        f"At your setting the formula predicts a {label} of {percent(predicted)}; the "
        f"simulation achieved {percent(achieved)}."
    )
    if math.isfinite(achieved) and abs(achieved - predicted) > 0.02:
        line += (
            " The gap means demand and supply in the simulation are less regular than the "
            "formula's normal model assumes: trust the simulated curve."
        )
    lines.append(line)
    return tuple(lines)


def read_lot_size(tradeoff: LotSizeTradeoff, currency: str = "$") -> tuple[str, ...]:
    unit = "units" if tradeoff.unit == "units" else "periods of demand"
    today = tradeoff.today
    lines = [
        f"The economic lot today is {units(today.optimum)} {unit} per order, for "
        f"{money(today.minimum_cost, currency)} a year of ordering and cycle-stock holding cost.",
        f"Your current lot is {units(tradeoff.current)} {unit}, costing "
        f"{money(tradeoff.current_cost, currency)} a year"
        + (
            f" ({money(tradeoff.current_cost - today.minimum_cost, currency)} above the optimum)."
            if tradeoff.current_cost > today.minimum_cost * 1.005
            else " (at the optimum)."
        ),
    ]
    if len(tradeoff.curves) > 1:
        last = tradeoff.curves[-1]
        lines.append(
            f"With setups {percent(last.reduction, 0)} cheaper the economic lot falls to "
            f"{units(last.optimum)} {unit} (×{last.optimum / today.optimum:.2f}) and its cost to "
            f"{money(last.minimum_cost, currency)} a year: lots shrink with the square root of "
            f"the setup cost, which is why quick changeovers make small JIT lots pay."
        )
    return tuple(lines)


def read_levers(analysis: LeverAnalysis) -> tuple[str, ...]:
    c, h = analysis.currency, analysis.horizon
    b, a = analysis.baseline, analysis.combined
    change = a.total_cost - b.total_cost
    pct = change / b.total_cost if b.total_cost else math.nan
    lines = [
        f"All levers together change total cost by {money(change, c, signed=True)} {h} "
        f"({'+' if pct > 0 else ''}{percent(pct)}) and average stock from "
        f"{units(b.average_on_hand)} to {units(a.average_on_hand)} units; the fill rate goes "
        f"from {percent(b.fill_rate)} to {percent(a.fill_rate)}."
    ]
    steps = [s for s in analysis.cumulative if s.applies]
    if steps:
        biggest = min(steps, key=lambda s: s.delta("total_cost"))
        if biggest.delta("total_cost") < 0:
            lines.append(
                f"The biggest saving in the waterfall is {biggest.label.lower()} "
                f"({biggest.change}): {money(biggest.delta('total_cost'), c, signed=True)} {h}."
            )
    idle = [s for s in analysis.cumulative if not s.applies]
    for step in idle:
        lines.append(f"{step.label}: {step.change}.")
    lines.append(
        "The waterfall adds the levers one on top of the other in the order shown, so its steps "
        "add up to the total; a lever alone (the table) can be worth more or less because "
        "levers interact."
    )
    return tuple(lines)


def read_sensitivity(sensitivity: Sensitivity, kpi: str = "total_cost") -> tuple[str, ...]:
    frame = sensitivity.frame(kpi)
    if frame.empty:
        return ()
    c = sensitivity.currency
    show = (lambda v: money(v, c)) if kpi.endswith("cost") else percent
    top = frame.iloc[0]
    change = percent(sensitivity.change, 0)
    lines = [
        f"{kpi_label(kpi)} is most sensitive to {top['label'].lower()}: moving it "
        f"±{change} ({top['low_text']} / {top['high_text']}) gives {show(top['low'])} and "
        f"{show(top['high'])} against {show(float(getattr(sensitivity.base, kpi)))}."
    ]
    if len(frame) > 1:
        second = frame.iloc[1]
        swing = (
            show(second["swing"]) if kpi.endswith("cost") else f"{100 * second['swing']:.1f} points"
        )
        lines.append(f"Next comes {second['label'].lower()} (swing {swing}).")
    still = [b.label.lower() for b in sensitivity.bars if not b.moved]
    if still:
        lines.append(f"{', '.join(still).capitalize()}: no bar, the input is zero or at its limit.")
    return tuple(lines)


def read_grid(grid: TwoWayGrid, kpi: str = "total_cost") -> tuple[str, ...]:
    values = grid.matrix(kpi)
    show = (lambda v: money(v, grid.currency)) if kpi.endswith("cost") else percent
    i, j = np.unravel_index(
        np.nanargmin(values) if kpi.endswith("cost") else np.nanargmax(values), values.shape
    )
    best = (
        f"The best cell is {grid.rows.label.split(' (')[0].lower()} "
        f"{_axis_value(grid.rows, i)} with {grid.columns.label.split(' (')[0].lower()} "
        f"{_axis_value(grid.columns, j)}: {show(values[i, j])}"
        + (f" {grid.horizon}." if kpi.endswith("cost") else ".")
    )
    lines = [best]
    if grid.current is not None:
        r, col = grid.current
        lines.append(f"Your current setting (framed) gives {show(values[r, col])}.")
        if col > 0 and grid.columns.setting == "supply.lead_time" and kpi.endswith("cost"):
            saving = values[r, col] - values[r, col - 1]
            step = grid.columns.values[col] - grid.columns.values[col - 1]
            lines.append(
                f"At your service target, {step} period{'s' if step != 1 else ''} less lead time "
                f"{'saves' if saving > 0 else 'adds'} {money(abs(saving), grid.currency)} "
                f"{grid.horizon}."
            )
    return tuple(lines)


def _axis_value(axis, index: int) -> str:
    value = axis.values[index]
    if axis.setting.startswith("target:"):
        return percent(float(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def read_comparison(comparison: Comparison) -> tuple[str, ...]:
    c = comparison.baseline.scenario.costs.currency
    b, w = comparison.baseline.kpis, comparison.whatif.kpis
    change = w.total_cost - b.total_cost
    verb = "saves" if change < 0 else "costs"
    return (
        f"The what-if ({comparison.whatif.scenario.name}) {verb} {money(abs(change), c)} "
        f"{comparison.horizon} against the baseline ({comparison.baseline.scenario.name}): "
        f"{money(w.total_cost, c)} vs {money(b.total_cost, c)}.",
        f"Fill rate {percent(w.fill_rate)} vs {percent(b.fill_rate)}; average on hand "
        f"{units(w.average_on_hand)} vs {units(b.average_on_hand)} units.",
        "Both run on the same demand and supply draws, so the difference is due to the settings.",
    )
