"""The words users read, defined once: period names, KPI names with their labels, units and
which direction is better, cost parts and service targets.

Pages, charts, the command line and reports take their words from here, so a KPI is called
the same everywhere and "weeks" follows the data's frequency in every sentence. This module
sits at the bottom of the core: it imports nothing from jitcore.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: The period of each data frequency, singular ("3 weeks" is ``period_word("W", plural=True)``).
PERIOD_WORDS: dict[str, str] = {"D": "day", "W": "week", "M": "month"}
#: The frequency as an adjective: "weekly data".
FREQUENCY_NAMES: dict[str, str] = {"D": "daily", "W": "weekly", "M": "monthly"}


def period_word(frequency: str, *, plural: bool = False) -> str:
    """``week`` for weekly data (``weeks`` with ``plural``), ``month``, ``day``; ``period`` for
    anything else."""
    word = PERIOD_WORDS.get(frequency, "period")
    return f"{word}s" if plural else word


def periods_text(count: int, frequency: str) -> str:
    """``1 week``, ``156 weeks``: a number of periods in the data's period word."""
    return f"{count} {period_word(frequency, plural=count != 1)}"


# --- KPIs --------------------------------------------------------------------------------------
Unit = Literal["money", "share", "units", "days", "per year", "count", "ratio"]


@dataclass(frozen=True)
class KpiTerm:
    """How a KPI is named and read.

    ``label`` is its name in tables and charts, ``card`` the short name on a KPI card (``{period}``
    is filled in with the data's period word), ``unit`` the kind of number (money, a share,
    units …), ``higher_is_better`` True or False, or None where neither is better (orders
    placed). ``column`` heads a narrow plain-text table (the command line). ``help`` explains
    it on a card (``{period}``, ``{Period}`` and ``{window}``, the
    periods the KPIs cover, are filled in).
    """

    label: str
    unit: Unit
    higher_is_better: bool | None
    card: str = ""
    help: str = ""
    column: str = ""

    def __post_init__(self) -> None:
        if not self.column:
            object.__setattr__(self, "column", self.label.lower())

    def card_label(self, period: str) -> str:
        return (self.card or self.label).format(period=period)

    def card_help(self, period: str, window: int) -> str:
        return self.help.format(period=period, Period=period.capitalize(), window=window)


KPIS: dict[str, KpiTerm] = {
    "total_cost": KpiTerm(
        "Total cost", "money", False,
        help="Holding + ordering + shortage + defect cost over {window} {period}s.",
    ),
    "holding_cost": KpiTerm("Holding cost", "money", False),
    "ordering_cost": KpiTerm("Ordering cost", "money", False),
    "shortage_cost": KpiTerm("Shortage cost", "money", False),
    "defect_cost": KpiTerm("Defect cost", "money", False),
    "fill_rate": KpiTerm(
        "Fill rate", "share", True,
        help="Share of demand served from stock in the period it was demanded.",
    ),
    "cycle_service_level": KpiTerm(
        "Cycle service level", "share", True, card="Cycle service", column="CSL",
        help="Cycle service level: share of replenishment cycles (between two receipts) "
        "without a stockout.",
    ),
    "average_on_hand": KpiTerm(
        "Average on hand", "units", False, card="On hand (units)", column="avg on hand",
        help="Average units in stock at the end of a {period}.",
    ),
    "days_of_supply": KpiTerm("Days of supply", "days", False),
    "inventory_turns": KpiTerm(
        "Inventory turns", "per year", True, card="Turns per year", column="turns",
        help="Inventory turns: units shipped per year ÷ average stock on hand.",
    ),
    "stockout_periods": KpiTerm(
        "Stockout periods", "count", False, card="Stockout {period}s", column="stockouts",
        help="{Period}s with a shortage, out of {window}.",
    ),
    "orders_placed": KpiTerm(
        "Orders placed", "count", None, column="orders", help="Orders (or setups) in {window} {period}s."
    ),
    "units_short": KpiTerm("Units short", "units", False),
    "bullwhip": KpiTerm(
        "Bullwhip (order / demand variance)", "ratio", False, card="Bullwhip", column="bullwhip",
        help="Variance of orders ÷ variance of demand (Lee, Padmanabhan & Whang 1997). Below 1: "
        "the policy smooths supply; above 1: it amplifies variability upstream.",
    ),
    # a stage of a multi-stage chain (jitcore.chain)
    "amplification": KpiTerm(
        "Amplification (order / end-demand variance)", "ratio", False, card="Amplification",
        help="Variance of a stage's orders ÷ variance of end-customer demand: how much the "
        "chain up to this stage amplifies the customer's swings.",
    ),
    "average_backorders": KpiTerm(
        "Average backlog", "units", False, card="Backlog (units)", column="backlog",
        help="Average units owed to the customer at the end of a {period}.",
    ),
    "backorder_cost": KpiTerm("Backlog cost", "money", False),
}  # fmt: skip


def kpi_label(name: str) -> str:
    """The plain name of a KPI (``Total cost``); an unknown name spelled out."""
    term = KPIS.get(name)
    return term.label if term else name.replace("_", " ").capitalize()


# --- costs and service targets -----------------------------------------------------------------
#: Costs that make up the total (money over the KPI window), in the order they are stacked.
COST_PARTS: tuple[str, ...] = ("holding_cost", "ordering_cost", "shortage_cost", "defect_cost")
#: Short names of the cost parts, for legends and bars.
COST_PART_LABELS: dict[str, str] = {
    "holding_cost": "Holding",
    "ordering_cost": "Ordering",
    "shortage_cost": "Shortage",
    "defect_cost": "Defects",
}
#: The service targets a buffer can be planned for.
SERVICE_TARGETS: dict[str, str] = {
    "cycle_service_level": "Cycle service level",
    "fill_rate": "Fill rate",
}
