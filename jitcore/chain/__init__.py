"""A serial supply chain of 1-4 stages (retailer → wholesaler → distributor → factory) and the
bullwhip effect: settings (:mod:`.settings`), the rules of a period (:mod:`.rules`), batch runs
over demand paths with per-stage KPIs (:mod:`.run`) and the week-by-week game (:mod:`.game`),
which plays the same rules."""

from jitcore.chain.game import (
    PLAYERS,
    ROUND_DEMANDS,
    ChainGame,
    RoundSetup,
    incoming_now,
    play_week,
    round_settings,
    setup_changes,
    start_game,
)
from jitcore.chain.rules import ChainState, Week, advance, initial_state
from jitcore.chain.run import ChainKpis, ChainRun, StageKpis, chain_demand, run_chain, summarize
from jitcore.chain.settings import (
    CHAIN_POLICY_NAMES,
    FORECAST_NAMES,
    INFORMATION_NAMES,
    MAX_STAGES,
    STAGE_NAMES,
    ChainDemand,
    ChainSettings,
    StageSettings,
    chain_settings,
    stage_names,
    uniform_chain,
)

__all__ = [
    "CHAIN_POLICY_NAMES",
    "FORECAST_NAMES",
    "INFORMATION_NAMES",
    "MAX_STAGES",
    "PLAYERS",
    "ROUND_DEMANDS",
    "STAGE_NAMES",
    "ChainDemand",
    "ChainGame",
    "ChainKpis",
    "ChainRun",
    "ChainSettings",
    "ChainState",
    "RoundSetup",
    "StageKpis",
    "StageSettings",
    "Week",
    "advance",
    "chain_demand",
    "chain_settings",
    "incoming_now",
    "initial_state",
    "play_week",
    "round_settings",
    "run_chain",
    "setup_changes",
    "stage_names",
    "start_game",
    "summarize",
    "uniform_chain",
]
