"""Views of the Trainer page: the exercise card, the levers and prediction, the result of the
latest attempt, the attempts chart, the scoreboard and the debrief downloads."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from jitcore.charts.lessons import attempts_figure
from jitcore.formatting import plain
from jitcore.lessons.catalog import LESSONS
from jitcore.lessons.exercises import (
    EXERCISES,
    EXERCISES_BY_KEY,
    Attempt,
    Exercise,
    debrief_csv,
    debrief_markdown,
    scoreboard,
)
from jitcore.vocabulary import KPIS
from ui import presentation, state
from ui.format import card_value
from ui.views import lessons as lesson_views
from ui.views.tradeoffs.common import chart as titled_chart

KEY = "trainer"
PREFS = state.Memory("trainer_prefs")
_ATTEMPTS = "trainer_attempts"
#: The four cards of an attempt.
CARDS = ("fill_rate", "average_on_hand", "bullwhip", "total_cost")


def attempts() -> list[Attempt]:
    """Every attempt of this session, in the order they were run."""
    return st.session_state.setdefault(_ATTEMPTS, [])


def add(attempt: Attempt) -> None:
    attempts().append(attempt)


def pick_exercise() -> Exercise:
    keys = [exercise.key for exercise in EXERCISES]
    key = st.selectbox(
        "Exercise",
        keys,
        format_func=lambda k: f"{keys.index(k) + 1} · {EXERCISES_BY_KEY[k].title}",
        **PREFS.widget(f"{KEY}_exercise", keys[0], name="exercise", options=keys),
    )
    return EXERCISES_BY_KEY[key]


def team() -> str:
    return st.text_input(
        "Team",
        max_chars=30,
        placeholder="e.g. Red",
        help="The team whose turn it is; its attempts go on the scoreboard under this name.",
        **PREFS.widget(f"{KEY}_team", "", name="team"),
    )


def card(exercise: Exercise) -> None:
    with st.container(border=True):
        targets = " · ".join(f"**{target.text()}**" for target in exercise.targets)
        st.markdown(f"**{exercise.title}** — {exercise.sku}. {exercise.task}  \nTargets: {targets}")
        st.caption(
            "Same seed for every team: the same demand futures, so only the settings differ."
        )


def levers(exercise: Exercise) -> dict[str, float]:
    controls = [lever.control for lever in exercise.levers]
    return lesson_views.sliders(controls, PREFS, f"{KEY}_{exercise.key}", exercise.key)


def prediction(exercise: Exercise) -> float:
    """The team's predicted fill rate (%), asked before the run."""
    return st.number_input(
        "Your prediction: fill rate (%)",
        min_value=0.0,
        max_value=100.0,
        step=0.5,
        help="Predict, then run: the debrief compares the guess with the result.",
        **PREFS.widget(f"{KEY}_{exercise.key}_prediction", 95.0, name=f"{exercise.key}.predict"),
    )


def latest(exercise: Exercise) -> Attempt | None:
    own = [a for a in attempts() if a.exercise == exercise.key]
    return own[-1] if own else None


def result(exercise: Exercise, attempt: Attempt, currency: str) -> None:
    verdict = (
        f"**{plain(attempt.team)}** passed: {attempt.score:g} points."
        if attempt.passed
        else f"**{plain(attempt.team)}** missed a target: 0 points."
    )
    guess = attempt.predicted_fill_rate
    guess_text = "" if guess is None else f" Predicted fill rate {100 * guess:.1f} %."
    (st.success if attempt.passed else st.warning)(verdict + guess_text)
    for column, name in zip(st.columns(len(CARDS)), CARDS, strict=True):
        value = card_value(name, getattr(attempt, name), currency)
        column.metric(KPIS[name].card_label("week"), value, border=False)


def chart(exercise: Exercise) -> None:
    own = [a for a in attempts() if a.exercise == exercise.key]
    points = [(a.team, a.average_on_hand, a.fill_rate, a.passed) for a in own]
    fill = next((t.value for t in exercise.targets if t.kpi == "fill_rate"), None)
    stock = exercise.stock_allowed
    fig = attempts_figure(
        points,
        fill_target=fill,
        stock_limit=stock if math.isfinite(stock) else None,
        height=presentation.chart_height(420, presenting=250),
    )
    titled_chart(fig, f"{KEY}_chart")


def board() -> None:
    rows = scoreboard(attempts())
    if not rows:
        st.caption("No attempts yet: the scoreboard fills as teams run.")
        return
    table = pd.DataFrame(
        [
            {"Team": row.team,
             **{e.title: row.best.get(e.key) for e in EXERCISES},
             "Total": row.total, "Passed": row.passed, "Attempts": row.attempts}
            for row in rows
        ]
    )  # fmt: skip
    st.dataframe(table, hide_index=True, width="stretch")


def debrief() -> None:
    made = attempts()
    calls = lesson_views.calls()
    predicted = [calls[lesson.key] for lesson in LESSONS if lesson.key in calls]
    left, middle, right = st.columns(3)
    left.download_button(
        "Debrief (markdown)",
        debrief_markdown(made, EXERCISES_BY_KEY, title="JIT workshop debrief", lessons=predicted),
        file_name="jit-debrief.md",
        mime="text/markdown",
        disabled=not (made or predicted),
        help="The scoreboard, every attempt and the room's predictions in Learn JIT.",
        icon=":material/download:",
        width="stretch",
    )
    middle.download_button(
        "Attempts (CSV)",
        debrief_csv(made, EXERCISES_BY_KEY),
        file_name="jit-attempts.csv",
        mime="text/csv",
        disabled=not made,
        icon=":material/download:",
        width="stretch",
    )
    if right.button("Clear the scoreboard", disabled=not made, width="stretch", key=f"{KEY}_clear"):
        st.session_state[_ATTEMPTS] = []
        st.rerun()
