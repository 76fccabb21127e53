"""Trainer mode: the exercises are solvable and the default settings are not; scoring, the
scoreboard and the debrief exports (CSV read back, markdown tables)."""

from __future__ import annotations

import csv
import io

import pytest

from jitcore.errors import JitError
from jitcore.intake import read_demand
from jitcore.kpis import Kpis
from jitcore.lessons.exercises import (
    EXERCISE_SEED,
    EXERCISES,
    EXERCISES_BY_KEY,
    LessonCall,
    debrief_csv,
    debrief_markdown,
    exercise_scenario,
    score_attempt,
    scoreboard,
)
from jitcore.pipeline import run_scenario
from ui.samples import DEFAULT_SAMPLE, SAMPLE_DIR, SAMPLES

DATA = read_demand(SAMPLE_DIR / SAMPLES[DEFAULT_SAMPLE])


def _kpis(exercise_key: str, choices: dict) -> Kpis:
    exercise = EXERCISES_BY_KEY[exercise_key]
    scenario = exercise_scenario(exercise, choices)
    return run_scenario(DATA, scenario, skus=[exercise.sku]).kpis_for(exercise.sku)


def _passes(key: str, choices: dict) -> bool:
    exercise = EXERCISES_BY_KEY[key]
    return score_attempt(exercise, _kpis(key, choices), team="t", choices=choices, number=1).passed


@pytest.mark.parametrize(
    ("key", "solution"),
    [
        ("right_size", {"service": 96.5}),
        ("lead_time", {"lead_time": 0, "service": 98}),
        ("smooth", {"smoothing": 2, "service": 96}),
    ],
)
def test_each_exercise_fails_at_its_defaults_and_has_a_solution(key: str, solution) -> None:
    assert not _passes(key, {})
    assert _passes(key, solution)


def test_the_seed_is_fixed_so_every_team_sees_the_same_result() -> None:
    scenario = exercise_scenario(EXERCISES[0], {"service": 96})
    assert scenario.simulation.seed == EXERCISE_SEED and scenario.simulation.mode == "monte_carlo"
    assert _kpis("right_size", {"service": 96}) == _kpis("right_size", {"service": 96})


def test_levers_land_in_the_scenario_in_its_units() -> None:
    scenario = exercise_scenario(EXERCISES_BY_KEY["lead_time"], {"lead_time": 1, "service": 97.5})
    assert scenario.supply.lead_time == 1
    assert scenario.buffers.cycle_service_level == pytest.approx(0.975)
    smooth = exercise_scenario(EXERCISES_BY_KEY["smooth"], {"smoothing": 2.5})
    assert smooth.policy.kind == "pout" and smooth.policy.smoothing_periods == 2.5
    with pytest.raises(JitError, match="between"):
        exercise_scenario(EXERCISES_BY_KEY["lead_time"], {"lead_time": 9})


def test_score_is_100_plus_the_unused_share_of_the_stock_limit() -> None:
    exercise = EXERCISES_BY_KEY["right_size"]  # on hand ≤ 220 units
    kpis = _kpis("right_size", {"service": 96.5})
    attempt = score_attempt(exercise, kpis, team="Blue", choices={"service": 96.5}, number=1)
    assert attempt.score == pytest.approx(round(100 + 100 * (1 - kpis.average_on_hand / 220), 1))
    with pytest.raises(JitError, match="team"):
        score_attempt(exercise, kpis, team=" ", choices={}, number=2)


def _attempts():
    made = []
    plan = [("Red", "right_size", {"service": 95}), ("Red", "right_size", {"service": 96.5}),
            ("Blue", "right_size", {"service": 96}), ("Blue", "lead_time", {"lead_time": 0,
            "service": 97})]  # fmt: skip
    for number, (team, key, choices) in enumerate(plan, start=1):
        made.append(
            score_attempt(EXERCISES_BY_KEY[key], _kpis(key, choices), team=team, choices=choices,
                          number=number, predicted_fill_rate=0.97)
        )  # fmt: skip
    return made


def test_scoreboard_keeps_each_teams_best_and_ranks_by_total() -> None:
    attempts = _attempts()
    board = scoreboard(attempts)
    assert [row.team for row in board] == ["Blue", "Red"]
    red = board[1]
    assert red.attempts == 2 and red.passed == 1
    assert red.best["right_size"] == max(a.score for a in attempts if a.team == "Red")
    assert board[0].total == pytest.approx(sum(board[0].best.values()))


def test_debrief_csv_reads_back_one_row_per_attempt() -> None:
    attempts = _attempts()
    rows = list(csv.DictReader(io.StringIO(debrief_csv(attempts, EXERCISES_BY_KEY))))
    assert len(rows) == 4
    assert rows[0]["team"] == "Red" and rows[0]["passed"] == "no" and rows[0]["score"] == "0"
    assert rows[3]["exercise"] == "Shorten the lead time"
    assert rows[3]["settings"] == "Lead time (weeks) 0; Cycle service target (%) 97"
    assert rows[0]["predicted fill rate"] == "97.0 %"


def test_debrief_markdown_has_the_scoreboard_and_every_attempt() -> None:
    text = debrief_markdown(_attempts(), EXERCISES_BY_KEY, title="Workshop")
    assert text.startswith("# Workshop\n")
    assert "| Team | Right-size the buffer | Shorten the lead time | Total |" in text
    assert text.count("\n| ") >= 2 + 4  # two teams, four attempts
    assert "Fill rate ≥ 98 %" in text and "units" in text


def test_team_names_stay_text_in_the_markdown_debrief() -> None:
    exercise = EXERCISES_BY_KEY["right_size"]
    kpis = _kpis("right_size", {"service": 96.5})
    odd = score_attempt(exercise, kpis, team="**A|B** ![x](http://x)", choices={}, number=1)
    text = debrief_markdown([odd], EXERCISES_BY_KEY)
    assert "| \\*\\*A\\|B\\*\\* !\\[x\\](http\\://x) |" in text
    assert "![x](http" not in text


def test_the_debrief_lists_the_rooms_lesson_predictions() -> None:
    calls = [
        LessonCall("Later-stage customisation", "About half", "About half"),
        LessonCall("Rapid changeover (SMED)", "About a quarter", "About half"),
    ]
    text = debrief_markdown([], EXERCISES_BY_KEY, lessons=calls)
    assert "## Lessons: the room's predictions" in text
    assert "1 of 2 predicted right." in text
    assert "| Rapid changeover (SMED) | About a quarter | About half | no |" in text
