"""The bullwhip game's views: the trainer's round setup, the week-by-week play bar, the KPI row,
the classic chart and the debrief. The round in progress and the rounds played so far live in
session state (keys below), so a trainer can switch pages and come back to the same round."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from jitcore.chain import (
    PLAYERS,
    ROUND_DEMANDS,
    ChainGame,
    ChainKpis,
    RoundSetup,
    StageKpis,
    incoming_now,
    play_week,
    round_settings,
    setup_changes,
    start_game,
)
from jitcore.charts.chain import game_chart
from jitcore.errors import JitError
from jitcore.formatting import MISSING, fixed, money, percent, plain
from jitcore.reports import csv_bytes
from jitcore.vocabulary import KPIS
from ui.messages import show_error
from ui.state import Memory

KEY = "bullwhip"
KEY_GAME = "bullwhip_game"
KEY_ROUNDS = "bullwhip_rounds"
KEY_ROUND_ID = "bullwhip_round_id"
MEMORY = Memory("bullwhip_settings")
#: Pixels: under the title and the two bars the chart ends above a 720-pixel fold.
CHART_HEIGHT = 375
#: How the room's stage is named in menus.
PLAYER_NAMES = {
    name: "Nobody: every stage follows its rule" if name == "nobody" else name.capitalize()
    for name in PLAYERS
}
#: The four toggles of a round: setting → (label, help).
TOGGLES: dict[str, tuple[str, str]] = {
    "shared_information": (
        "Shared information",
        "Every stage sees end-customer demand (point-of-sale data), not only its customer's "
        "orders.",
    ),
    "vmi": (
        "VMI",
        "The wholesaler sees the retailer's stock and replenishes it itself, planning both "
        "stocks as one on customer demand. If the room plays the retailer, the room's orders "
        "are the wholesaler's replenishment of the retailer.",
    ),
    "short_lead_times": ("Shorter lead times", "One week instead of two at every stage."),
    "smoothing": (
        "Smoothing (POUT)",
        "Stages that follow rules close only a quarter of the gap to their level each week "
        "(proportional order-up-to, Ti = 4).",
    ),
}


@dataclass(frozen=True)
class PlayedRound:
    """A round for the debrief: its number, setup, weeks played and KPIs."""

    number: int
    setup: RoundSetup
    weeks: int
    stages: tuple[StageKpis, ...]
    chain: ChainKpis


# --- the round's setup -------------------------------------------------------------------------
def round_setup() -> RoundSetup:
    """The trainer's settings of the next round (kept across page switches), in three columns."""
    who, levers, length = st.columns(3)
    player = who.selectbox(
        "The room plays", PLAYERS, format_func=PLAYER_NAMES.__getitem__,
        help="The stage whose orders the room types each week; the others follow their rule.",
        **MEMORY.widget(f"{KEY}_player", "wholesaler", name="player", options=PLAYERS),
    )  # fmt: skip
    values: dict[str, object] = {"player": player}
    for name, (label, help_text) in TOGGLES.items():
        values[name] = levers.toggle(label, help=help_text, **MEMORY.widget(f"{KEY}_{name}", False))
    values["demand"] = who.selectbox(
        "Customer demand", list(ROUND_DEMANDS), format_func=ROUND_DEMANDS.__getitem__,
        **MEMORY.widget(f"{KEY}_demand", "step", name="demand", options=ROUND_DEMANDS),
    )  # fmt: skip
    values["weeks"] = length.number_input(
        "Weeks in the round", min_value=6, max_value=60, step=1,
        **MEMORY.widget(f"{KEY}_weeks", 30, name="weeks"),
    )  # fmt: skip
    return RoundSetup(**values)


def current_game(setup: RoundSetup) -> ChainGame:
    """The round in progress; a new one when the setup changed (the old one is kept for the
    debrief)."""
    game: ChainGame | None = st.session_state.get(KEY_GAME)
    if game is None or _setup_of(game) != setup:
        game = new_round(setup)
    return game


def new_round(setup: RoundSetup) -> ChainGame:
    st.session_state[KEY_ROUND_ID] = st.session_state.get(KEY_ROUND_ID, 0) + 1
    game = start_game(round_settings(setup))
    st.session_state[KEY_GAME] = game
    st.session_state[f"{KEY}_setup_of_game"] = setup
    return game


def _setup_of(game: ChainGame) -> RoundSetup | None:
    return st.session_state.get(f"{KEY}_setup_of_game")


def _store(game: ChainGame, setup: RoundSetup) -> None:
    st.session_state[KEY_GAME] = game
    rounds: dict[int, PlayedRound] = st.session_state.setdefault(KEY_ROUNDS, {})
    number = st.session_state.get(KEY_ROUND_ID, 1)
    stages, chain = game.kpis()
    rounds[number] = PlayedRound(number, setup, game.week, stages, chain)


# --- playing -----------------------------------------------------------------------------------
def play_bar(game: ChainGame, setup: RoundSetup) -> None:
    """What the room needs to order and the buttons to play on; a click plays and redraws."""
    stage = setup.player_stage
    weeks = game.settings.periods
    if game.finished:
        st.success(f"Round over: {weeks} weeks played. The debrief is below the chart.")
        if st.button("New round", type="primary", key=f"{KEY}_again"):
            new_round(setup)
            st.rerun()
        return
    if stage is None:
        columns = st.columns([2.3, 0.8, 0.8, 1.1], vertical_alignment="center")
        columns[0].markdown(f"{_round_line(setup)}  \n**Week {game.week + 1} of {weeks}**")
        steps = {"Play 1 week": 1, "Play 4 weeks": 4, "Play to the end": weeks}
        for column, (label, count) in zip(columns[1:], steps.items(), strict=True):
            kind = "primary" if count == 1 else "secondary"
            if column.button(label, key=f"{KEY}_play_{count}", type=kind, width="stretch"):
                for _ in range(min(count, weeks - game.week)):
                    game = play_week(game)
                _store(game, setup)
                st.rerun()  # redraw the bar, KPIs and chart from the new week
        return
    name = game.settings.stages[stage].name
    incoming = incoming_now(game)[stage]
    position = game.position()[stage]
    on_hand, backlog = game.state.on_hand[0, stage], game.state.backorders[0, stage]
    with st.form(f"{KEY}_order_form", border=False, enter_to_submit=True):
        status, entry, submit = st.columns([3.0, 1.15, 0.9], vertical_alignment="bottom")
        status.markdown(
            f"{_round_line(setup)}  \n**Week {game.week + 1} of {weeks}** · "
            f"incoming **{fixed(incoming)}** · on hand **{fixed(on_hand)}** · "
            f"backlog **{fixed(backlog)}** · on order **{fixed(position - on_hand + backlog)}**"
        )
        # each new week the box starts from the week's incoming order
        if st.session_state.get(f"{KEY}_order_week") != (id(game.demand), game.week):
            st.session_state[f"{KEY}_order_week"] = (id(game.demand), game.week)
            st.session_state[f"{KEY}_order"] = int(incoming) if math.isfinite(incoming) else 0
        order = entry.number_input(
            f"{name.capitalize()}'s order (units)", min_value=0, max_value=10_000, step=1,
            key=f"{KEY}_order",
        )  # fmt: skip
        if submit.form_submit_button("Order and play", type="primary", width="stretch"):
            try:
                _store(play_week(game, {stage: float(order)}), setup)
            except JitError as exc:
                show_error(exc)
            else:
                st.rerun()  # redraw the bar, KPIs and chart from the new week


# --- what the round shows ----------------------------------------------------------------------
def kpi_cards(game: ChainGame, setup: RoundSetup) -> None:
    """Chain cost, the customer's fill rate, the factory's amplification and the room's cost
    (or the peak factory order), one under the other."""
    stages, chain = game.kpis() if game.weeks else ((), None)
    cards = [
        ("Chain cost", money(chain.total_cost) if chain else MISSING, KPIS["total_cost"].help),
        ("Customer fill rate", percent(chain.fill_rate) if chain else MISSING,
         KPIS["fill_rate"].help),
        ("Factory amplification", fixed(chain.amplification, 1) if chain else MISSING,
         KPIS["amplification"].help),
    ]  # fmt: skip
    if setup.player_stage is not None:
        mine = stages[setup.player_stage].total_cost if stages else math.nan
        cards.append(("The room's cost", money(mine), "Holding + backlog cost of your stage."))
    else:
        peak = game.series("orders")[:, -1].max() if game.weeks else math.nan
        cards.append(("Peak factory order", fixed(peak), "Largest weekly production order."))
    window = f"{game.week} weeks"
    for label, value, help_text in cards:
        st.metric(label, value, help=help_text.format(window=window, period="week"))


def chart_and_kpis(game: ChainGame, setup: RoundSetup) -> None:
    """The classic chart with the KPI cards beside it."""
    left, right = st.columns([3.4, 1], vertical_alignment="center")
    with right:
        kpi_cards(game, setup)
    left.plotly_chart(
        game_chart(game, player=setup.player_stage, height=CHART_HEIGHT),
        theme=None, width="stretch", key=f"{KEY}_chart",
    )  # fmt: skip


# --- the debrief -------------------------------------------------------------------------------
def _stage_table(played: PlayedRound) -> pd.DataFrame:
    rows = [
        {
            "Stage": k.name.capitalize(),
            "Orders by": "the room" if i == played.setup.player_stage else "rule",
            KPIS["bullwhip"].card: fixed(k.bullwhip, 2),
            KPIS["amplification"].card: fixed(k.amplification, 2),
            KPIS["average_on_hand"].card: fixed(k.average_on_hand, 1),
            KPIS["average_backorders"].card: fixed(k.average_backorders, 1),
            KPIS["fill_rate"].label: percent(k.fill_rate),
            KPIS["total_cost"].label: money(k.total_cost),
        }
        for i, k in enumerate(played.stages)
    ]
    return pd.DataFrame(rows)


def describe(setup: RoundSetup) -> str:
    """The round in a few words: ``the room plays the wholesaler · Shared information · VMI``."""
    who = "every stage follows its rule" if setup.player_stage is None else (
        f"the room plays the {setup.player}"
    )  # fmt: skip
    on = [label for name, (label, _) in TOGGLES.items() if getattr(setup, name)]
    return " · ".join([who, *(on or ["no lever on"])])


def round_bar() -> tuple[RoundSetup, ChainGame]:
    """The setup in an expander (a new setup starts a new round) and New round; returns the
    round's setup and the game in progress."""
    setup_column, restart = st.columns([4.4, 1])
    with setup_column.expander("Round setup", icon=":material/tune:", key=f"{KEY}_setup_open"):
        setup = round_setup()
    if restart.button("New round", key=f"{KEY}_new", width="stretch"):
        new_round(setup)
    return setup, current_game(setup)


def _round_line(setup: RoundSetup) -> str:
    return f"**Round {st.session_state.get(KEY_ROUND_ID, 1)}** · {describe(setup)}"


def _change(label: str, before: float, after: float, shown) -> str:
    if not (math.isfinite(before) and math.isfinite(after)):
        return f"{label}: {shown(before)} → {shown(after)}"
    share = f" ({(after - before) / before:+.0%})" if before else ""
    return f"{label}: {shown(before)} → {shown(after)}{share}"


def debrief(game: ChainGame) -> None:
    """Costs and orders per stage of the latest round, every round so far, what changed
    between the last two, and the round's weeks to download."""
    rounds: dict[int, PlayedRound] = st.session_state.get(KEY_ROUNDS, {})
    st.subheader("Debrief")
    if not rounds:
        st.info("Play a few weeks: the costs and the bullwhip of each stage appear here.")
        return
    played = sorted(rounds.values(), key=lambda r: r.number)
    last = played[-1]
    st.markdown(f"**Round {last.number}** ({describe(last.setup)}), {last.weeks} weeks")
    st.dataframe(_stage_table(last), hide_index=True, width="stretch")
    swings = [k for k in last.stages if math.isfinite(k.amplification)]
    if swings:
        top = max(swings, key=lambda k: k.amplification)
        st.markdown(
            f"Orders swing most at the **{plain(top.name)}**: their variance is "
            f"**{fixed(top.amplification, 1)}×** that of customer demand."
        )
    if len(played) > 1:
        before = played[-2]
        lines = setup_changes(before.setup, last.setup) or ["Same setup as before."]
        lines += [
            _change("Chain cost", before.chain.total_cost, last.chain.total_cost, money),
            _change("Factory amplification", before.chain.amplification,
                    last.chain.amplification, lambda v: fixed(v, 1)),
            _change("Customer fill rate", before.chain.fill_rate, last.chain.fill_rate, percent),
        ]  # fmt: skip
        st.markdown(
            f"**What changed from round {before.number}:**\n\n"
            + "\n".join(f"- {line}" for line in lines)
        )
    summary = pd.DataFrame(
        {
            "Round": r.number,
            "Setup": describe(r.setup),
            "Weeks": r.weeks,
            "Chain cost": money(r.chain.total_cost),
            "Customer fill rate": percent(r.chain.fill_rate),
            "Factory amplification": fixed(r.chain.amplification, 1),
        }
        for r in played
    )
    st.dataframe(summary, hide_index=True, width="stretch")
    if game.weeks:
        st.download_button(
            "Download this round's weeks (CSV)",
            csv_bytes(game.to_frame()),
            file_name=f"bullwhip-round-{st.session_state.get(KEY_ROUND_ID, 1)}.csv",
            mime="text/csv", key=f"{KEY}_download",
        )  # fmt: skip
