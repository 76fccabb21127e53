"""The Trainer page: teams run an exercise with fixed seeds, the scoreboard ranks them, the
debrief downloads hold every attempt, and a missing team name is a message, not a traceback."""

from __future__ import annotations

from tests.app.session import open_app

PAGE = "pages/trainer.py"


def _attempt(at, team: str, service: float | None = None) -> None:
    at.text_input(key="trainer_team").input(team).run()
    if service is not None:
        at.slider(key="trainer_right_size_service").set_value(service).run()
    at.button(key="trainer_run").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_two_teams_play_and_the_scoreboard_ranks_them() -> None:
    at = open_app(PAGE)
    assert any("Fill rate ≥ 98 %" in m.value for m in at.markdown)
    _attempt(at, "Red")  # the default 95 % target misses the fill rate
    assert at.warning and "Red" in at.warning[0].value
    _attempt(at, "Blue", service=96.5)
    assert at.success and "Blue** passed" in at.success[0].value
    fill = next(m for m in at.metric if m.label == "Fill rate")
    assert fill.value == "98.3 %"
    table = at.dataframe[0].value
    assert list(table["Team"]) == ["Blue", "Red"]
    assert table.loc[0, "Right-size the buffer"] > 100 and table.loc[1, "Total"] == 0
    attempts = at.session_state["trainer_attempts"]
    assert [a.team for a in attempts] == ["Red", "Blue"]
    assert attempts[1].predicted_fill_rate == 0.95


def test_a_run_without_a_team_asks_for_one() -> None:
    at = open_app(PAGE)
    at.button(key="trainer_run").click().run()
    assert not at.exception
    assert at.error and "team name" in at.error[0].value


def test_every_exercise_runs() -> None:
    at = open_app(PAGE)
    for key in ("right_size", "lead_time", "smooth"):
        at.selectbox(key="trainer_exercise").set_value(key).run()
        _attempt(at, "Green")
        assert len(at.get("plotly_chart")) == 1
    assert len(at.session_state["trainer_attempts"]) == 3
