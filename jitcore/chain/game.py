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

import numpy as np

from jitcore.chain.rules import ChainState, Week, advance, initial_state
from jitcore.chain.run import ChainKpis, StageKpis, chain_demand, summarize
from jitcore.chain.settings import ChainSettings
from jitcore.errors import ScenarioError


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
