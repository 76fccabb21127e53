"""Plain-language reading of a comparison: one sentence per scenario against the reference,
and one per waterfall naming the step worth the most. Sentences are Markdown; the scenario
names in them are the user's text, escaped (:func:`jitcore.formatting.plain`)."""

from __future__ import annotations

from jitcore.compare.side_by_side import ScenarioComparison
from jitcore.compare.waterfall import ScenarioWaterfall
from jitcore.formatting import count, money, percent, plain, units
from jitcore.pipeline.prepare import preparation_key
from jitcore.vocabulary import kpi_label


def read_side_by_side(comparison: ScenarioComparison) -> tuple[str, ...]:
    """``B against A: saves $1,234 per year ($5,678 vs $6,912); fill rate 97.1 % vs 95.0 %;
    91 vs 120 units on hand — better on 7 KPIs, worse on 3.``, one line per scenario."""
    c, h = comparison.currency, comparison.horizon
    ref = comparison.kpis(comparison.reference)
    changes = comparison.changes()
    lines = []
    for name in comparison.names:
        if name == comparison.reference:
            continue
        k = comparison.kpis(name)
        gap = k.total_cost - ref.total_cost
        verb = "saves" if gap < 0 else "costs"
        verdicts = changes.loc[changes["scenario"] == name, "better"]
        better = sum(v is True for v in verdicts)
        worse = sum(v is False for v in verdicts)
        lines.append(
            f"**{plain(name)}** against **{plain(comparison.reference)}**: {verb} "
            f"{money(abs(gap), c)} {h} "
            f"({money(k.total_cost, c)} vs {money(ref.total_cost, c)}); fill rate "
            f"{percent(k.fill_rate)} vs {percent(ref.fill_rate)}; {units(k.average_on_hand)} vs "
            f"{units(ref.average_on_hand)} units on hand — better on {count(better, 'KPI')}, "
            f"worse on {worse}."
        )
    apart = apart_from_reference(comparison)
    if apart:
        names = ", ".join(f"**{plain(name)}**" for name in apart)
        lines.append(
            f"{names} {'uses' if len(apart) == 1 else 'use'} other forecast or simulation "
            "settings (method, mode, paths, horizon, seed or demand model) than the reference, "
            f"so {'its' if len(apart) == 1 else 'their'} demand draws differ: part of the "
            "difference is chance. Give them the same simulation settings to compare like "
            "with like."
        )
    else:
        lines.append(
            "Every scenario runs on the same demand and supply draws as the reference, so the "
            "differences are due to the settings."
        )
    return tuple(lines)


def apart_from_reference(comparison: ScenarioComparison) -> tuple[str, ...]:
    """The scenarios whose demand draws differ from the reference's: another forecast setting
    or other simulation basics (:func:`jitcore.pipeline.prepare.preparation_key`)."""
    key = preparation_key(comparison.result(comparison.reference).scenario)
    return tuple(
        name
        for name in comparison.names
        if preparation_key(comparison.result(name).scenario) != key
    )


def read_waterfall(waterfall: ScenarioWaterfall, kpi: str = "total_cost") -> tuple[str, ...]:
    """The gap and the step worth the most, e.g. ``Lead time is worth −$1,200 of the −$1,500
    gap in total cost.``"""
    frame = waterfall.waterfall(kpi)
    steps = frame.iloc[1:-1]
    if steps.empty:
        return ("The two scenarios have the same settings: there is nothing to bridge.",)
    is_money = kpi.endswith("_cost")

    def show(value: float) -> str:
        if is_money:
            return money(value, waterfall.currency, signed=True)
        return ("+" if value > 0 else "−" if value < 0 else "") + units(abs(value))

    top = steps.loc[steps["delta"].abs().idxmax()]
    name = kpi_label(kpi).lower()
    return (
        f"From {plain(waterfall.start_name)} to {plain(waterfall.end_name)}: "
        f"{show(waterfall.total_change(kpi))} "
        f"in {name} over {len(steps)} step{'s' if len(steps) != 1 else ''}; the largest is "
        f"{top['step']} ({show(float(top['delta']))}: {top['change']}).",
        "Each step moves its settings on top of the steps before it, so the steps add up to "
        "the gap; in another order a step can be worth more or less (settings interact).",
    )
