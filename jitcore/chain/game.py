"""The bullwhip game, week by week: the chain's state plus the orders a person types for the
stages set to ``manual``, played by the same :func:`jitcore.chain.rules.advance` as a batch run
(one path; the end-customer demand of the round is drawn up front from the seed).

    game = start_game(settings)
    game = play_week(game, {1: 12})   # the wholesaler (stage 1) orders 12 this week
    game.series("orders")             # [week, stage]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import Field

from jitcore.chain.rules import ChainState, Week, advance, initial_state
from jitcore.chain.run import ChainKpis, StageKpis, chain_demand, summarize
from jitcore.chain.settings import STAGE_NAMES, ChainSettings, chain_settings
from jitcore.errors import ScenarioError
from jitcore.settings import Settings


@dataclass(frozen=True, eq=False)
class ChainGame:
    """A round in progress: its settings, the round's end-customer demand ``[week]``, where the
    chain stands and the weeks played so far. Immutable: :func:`play_week` returns a new game."""

    settings: ChainSettings
    demand: np.ndarray
    state: ChainState
    weeks: tuple[Week, ...] = ()

    @property
    def week(self) -> int:
        """Weeks played so far."""
        return len(self.weeks)

    @property
    def finished(self) -> bool:
        return self.week >= self.settings.periods

    def series(self, name: str) -> np.ndarray:
        """One field of :class:`~jitcore.chain.rules.Week` over the weeks played: ``[week,
        stage]`` (``demand``: ``[week]``); empty before the first week."""
        n = len(self.settings.stages)
        if not self.weeks:
            return np.zeros((0,) if name == "demand" else (0, n))
        return np.stack([getattr(week, name)[0] for week in self.weeks])

    def net_stock(self) -> np.ndarray:
        """On hand − backorders ``[week, stage]``: the Beer Game's inventory curve."""
        return self.series("on_hand") - self.series("backorders")

    def kpis(self) -> tuple[tuple[StageKpis, ...], ChainKpis]:
        """KPIs over every week played (the debrief)."""
        return summarize(self.settings, self.weeks)

    def to_frame(self) -> pd.DataFrame:
        """The weeks played, one row per week and stage: week, stage, customer demand, incoming
        order, order placed, receipts, on hand, backlog and the week's cost (the debrief's
        download; a round replays from it)."""
        names = self.settings.names
        weeks = np.arange(1, self.week + 1)
        columns = {
            "incoming": "incoming_order", "orders": "order", "receipts": "receipts",
            "on_hand": "on_hand", "backorders": "backlog", "cost": "cost",
        }  # fmt: skip
        frame = pd.DataFrame(
            {
                "week": np.repeat(weeks, len(names)),
                "stage": np.tile(names, self.week),
                "customer_demand": np.repeat(self.series("demand"), len(names)),
                **{out: self.series(name).reshape(-1) for name, out in columns.items()},
            }
        )
        return frame

    def position(self) -> np.ndarray:
        """Each stage's inventory position now ``[stage]``."""
        return self.state.inventory_position()[0]


def start_game(settings: ChainSettings) -> ChainGame:
    """A new round: the steady state at the mean demand and the round's demand drawn from the
    seed (path 0 of :func:`~jitcore.chain.run.chain_demand`, the batch run's first path)."""
    return ChainGame(settings, chain_demand(settings, paths=1)[0], initial_state(settings, 1))


def play_week(game: ChainGame, orders: Mapping[int, float] | None = None) -> ChainGame:
    """The game one week on: ``orders`` maps each manual stage's index to the units it orders
    this week (the other stages follow their rules)."""
    if game.finished:
        raise ScenarioError(
            f"The round is over: all {game.settings.periods} weeks are played.",
            "Start a new round to play again.",
        )
    state = game.state.copy()
    given = {i: np.array([float(value)]) for i, value in (orders or {}).items()}
    week = advance(state, game.settings, game.demand[game.week : game.week + 1], given)
    return ChainGame(game.settings, game.demand, state, (*game.weeks, week))


def incoming_now(game: ChainGame) -> np.ndarray:
    """The orders each stage receives this week ``[stage]``, before anyone orders: what a
    player sees before typing an order (a stage's incoming order depends only on the stages
    below it, which order first)."""
    if game.finished:
        return np.full(len(game.settings.stages), np.nan)
    given = {i: np.zeros(1) for i in game.settings.manual_stages()}
    week = advance(game.state.copy(), game.settings, game.demand[game.week : game.week + 1], given)
    return week.incoming[0]


# --- a classroom round -------------------------------------------------------------------------
#: The room can play one of these stages, or none ("nobody": every stage follows its rule).
PLAYERS: tuple[str, ...] = ("nobody", *STAGE_NAMES)
#: The customer demand of a round: the Beer Game's step, or random around a level.
ROUND_DEMANDS: dict[str, str] = {
    "step": "Step: 4 a week, 8 from week 5 (the Beer Game)",
    "random": "Random: 8 a week on average (sd 3)",
}


class RoundSetup(Settings):
    """What the trainer sets for a round of the four-stage game (Sterman 1989's Beer Game:
    two-week lead times, 12 units at each stage, holding $0.50 and backlog $1 a unit a week).

    The stages that follow rules order up to a level from a 4-week moving average (POUT with
    ``Ti = 4`` when ``smoothing``); ``shared_information`` lets every stage see end-customer
    demand, ``vmi`` lets the wholesaler manage the retailer's stock, ``short_lead_times`` halves
    the lead times to one week.
    """

    player: Literal["nobody", "retailer", "wholesaler", "distributor", "factory"] = Field(
        "wholesaler", description="the stage the room plays"
    )
    shared_information: bool = Field(False, description="end-customer demand seen by all")
    vmi: bool = Field(False, description="the wholesaler manages the retailer's stock")
    short_lead_times: bool = Field(False, description="one-week instead of two-week lead times")
    smoothing: bool = Field(False, description="rules smooth their orders (POUT)")
    demand: Literal["step", "random"] = Field("step", description="end-customer demand")
    weeks: int = Field(30, ge=6, le=60, description="weeks in the round")
    seed: int = Field(7, ge=0, le=2**31 - 1, description="random seed of random demand")

    @property
    def player_stage(self) -> int | None:
        """The index of the stage the room plays, or None."""
        return None if self.player == "nobody" else STAGE_NAMES.index(self.player)


def round_settings(setup: RoundSetup) -> ChainSettings:
    """The four-stage chain of a round (one path, whole units, every week counted)."""
    information = {
        (False, False): "local",
        (True, False): "shared",
        (False, True): "vmi",
        (True, True): "shared_vmi",
    }[(setup.shared_information, setup.vmi)]
    demand = (
        {"mean": 4.0, "sd": 0.0, "step_period": 5, "step_to": 8.0}
        if setup.demand == "step"
        else {"mean": 8.0, "sd": 3.0}
    )
    stages = [
        {
            "name": name,
            "lead_time": 1 if setup.short_lead_times else 2,
            "policy": "manual" if i == setup.player_stage else
            ("pout" if setup.smoothing else "order_up_to"),
            "window": 4,
            "smoothing_periods": 4.0,
            "safety_stock": 12.0,
            "holding_cost": 0.5,
            "backorder_cost": 1.0,
        }
        for i, name in enumerate(STAGE_NAMES)
    ]  # fmt: skip
    return chain_settings(
        {
            "stages": stages,
            "information": information,
            "demand": demand,
            "periods": setup.weeks,
            "warmup": 0,
            "paths": 1,
            "seed": setup.seed,
            "whole_units": True,
            "timeline_paths": 1,
        }
    )


def setup_changes(before: RoundSetup, after: RoundSetup) -> list[str]:
    """What the trainer changed between two rounds, one line each (``Shared information: off
    → on``), in the order of the settings."""
    lines = []
    for name, field in RoundSetup.model_fields.items():
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            label = (field.description or name).capitalize()
            lines.append(f"{label}: {_word(old)} → {_word(new)}")
    return lines


def _word(value: object) -> str:
    return ("on" if value else "off") if isinstance(value, bool) else str(value)
