"""Trainer: exercise cards with targets on the teaching sample, fixed seeds, teams predict then
run, a scoreboard and a debrief export. Thin: card and levers -> exercise scenario -> one cached
run -> score, result, chart, scoreboard."""

from __future__ import annotations

import streamlit as st

from jitcore.errors import JitError
from jitcore.lessons.exercises import exercise_scenario, score_attempt
from ui import cache
from ui.messages import show_error
from ui.samples import DEFAULT_SAMPLE, SAMPLES
from ui.views import trainer as view


def _run(exercise, team: str, choices: dict[str, float], predicted: float) -> None:
    scenario = exercise_scenario(exercise, choices)
    data = cache.sample(SAMPLES[DEFAULT_SAMPLE])
    with st.spinner("Simulating…"):
        kpis = cache.run(data, scenario, [exercise.sku]).kpis_for(exercise.sku)
    attempt = score_attempt(
        exercise,
        kpis,
        team=team,
        choices=choices,
        number=len(view.attempts()) + 1,
        predicted_fill_rate=predicted / 100.0,
    )
    view.add(attempt)


def main() -> None:
    title, picker, team_box = st.columns([1.4, 1.6, 1], vertical_alignment="bottom")
    title.title("Trainer")
    with picker:
        exercise = view.pick_exercise()
    with team_box:
        team = view.team()
    st.caption(
        "Exercises on the teaching sample. A team predicts, moves the levers and runs; the "
        "scoreboard keeps each team's best. Download the debrief at the end of the session."
    )
    view.card(exercise)
    left, right = st.columns([1, 2.2], gap="large")
    with left:
        choices = view.levers(exercise)
        predicted = view.prediction(exercise)
        if st.button("Run and score", type="primary", icon=":material/play_arrow:",
                     width="stretch", key=f"{view.KEY}_run"):  # fmt: skip
            try:
                _run(exercise, team, choices, predicted)
            except JitError as exc:
                show_error(exc)
        with st.expander("Hint for the trainer"):
            st.markdown(exercise.hint)
    with right:
        attempt = view.latest(exercise)
        if attempt is not None:
            view.result(exercise, attempt, currency="$")
        view.chart(exercise)
    st.subheader("Scoreboard")
    view.board()
    view.debrief()


main()
