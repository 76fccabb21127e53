"""Trainer mode: exercise cards with targets, teams' attempts, the scoreboard and the debrief.

An exercise is a task on one SKU of the teaching sample with a fixed seed (every team plays the
same demand paths), the levers a team may move and targets on the simulated KPIs ("reach 98 %
fill rate with at most 220 units on hand"). An attempt is scored once it is simulated:

* it *passes* when every target is met;
* a pass scores ``100 + 100·(1 − on hand / the allowed on hand)`` points — the leaner, the more;
  an attempt that misses a target scores 0.

The scoreboard keeps each team's best attempt per exercise and adds them up. The debrief lists
every attempt in order, as CSV or as markdown.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from jitcore.errors import JitError
from jitcore.formatting import percent, plain, short
from jitcore.kpis import Kpis
from jitcore.lessons.catalog import Control
from jitcore.reports.cells import csv_bytes
from jitcore.scenario import Scenario
from jitcore.vocabulary import KPIS

#: Seed of every exercise run: the same demand paths for every team.
EXERCISE_SEED = 20_240
#: Paths of an exercise run (Monte Carlo over one year).
EXERCISE_PATHS = 200


@dataclass(frozen=True)
class Target:
    """``kpi`` (a name of :data:`jitcore.vocabulary.KPIS`) at least or at most ``value``."""

    kpi: str
    bound: Literal["at_least", "at_most"]
    value: float

    def met(self, kpis: Kpis) -> bool:
        achieved = getattr(kpis, self.kpi)
        if not math.isfinite(achieved):
            return False
        return achieved >= self.value if self.bound == "at_least" else achieved <= self.value

    def text(self) -> str:
        """``Fill rate ≥ 98 %``, ``Average on hand ≤ 220 units``."""
        term = KPIS[self.kpi]
        sign = "≥" if self.bound == "at_least" else "≤"
        if term.unit == "share":
            value = percent(self.value, 1 if self.value * 100 % 1 else 0)
        elif term.unit == "units":
            value = f"{short(self.value)} units"
        else:
            value = short(self.value)
        return f"{term.label} {sign} {value}"


@dataclass(frozen=True)
class Lever:
    """A setting a team may move: ``path`` names it in the scenario (``supply.lead_time``);
    the slider shows ``value × scale`` (a share as a percentage)."""

    control: Control
    path: str
    scale: float = 1.0
    integer: bool = False

    def to_setting(self, shown: float) -> float | int:
        value = shown / self.scale
        return int(round(value)) if self.integer else float(value)


@dataclass(frozen=True)
class Exercise:
    key: str
    title: str
    task: str
    sku: str
    targets: tuple[Target, ...]
    levers: tuple[Lever, ...]
    fixed: tuple[tuple[str, float | str], ...] = ()  #: settings the exercise sets (path, value)
    hint: str = ""

    @property
    def stock_allowed(self) -> float:
        """The on-hand limit the score is measured against (∞ without one)."""
        limits = [
            t.value for t in self.targets if t.kpi == "average_on_hand" and t.bound == "at_most"
        ]
        return min(limits) if limits else math.inf

    def defaults(self) -> dict[str, float]:
        return {lever.control.name: lever.control.default for lever in self.levers}


def _set(data: dict, path: str, value: object) -> None:
    section, name = path.split(".")
    data[section][name] = value


def exercise_scenario(exercise: Exercise, choices: Mapping[str, float] | None = None) -> Scenario:
    """The scenario of an attempt: the defaults, the exercise's fixed settings and seed, and the
    team's ``choices`` (slider values by lever name)."""
    data = Scenario(name=exercise.title).model_dump()
    _set(data, "simulation.mode", "monte_carlo")
    _set(data, "simulation.seed", EXERCISE_SEED)
    _set(data, "simulation.paths", EXERCISE_PATHS)
    for path, value in exercise.fixed:
        _set(data, path, value)
    shown = {**exercise.defaults(), **(choices or {})}
    for lever in exercise.levers:
        control = lever.control
        value = float(shown[control.name])
        if not control.low <= value <= control.high:
            raise JitError(
                f"{control.label} must be between {control.low:g} and {control.high:g}.",
                "Move the slider back into its range.",
            )
        _set(data, lever.path, lever.to_setting(value))
    return Scenario.model_validate(data)


@dataclass(frozen=True)
class Attempt:
    """One team's simulated attempt at one exercise."""

    number: int
    team: str
    exercise: str  #: key
    choices: tuple[tuple[str, float], ...]
    fill_rate: float
    average_on_hand: float
    bullwhip: float
    total_cost: float
    passed: bool
    score: float
    predicted_fill_rate: float | None = None


def score_attempt(
    exercise: Exercise,
    kpis: Kpis,
    *,
    team: str,
    choices: Mapping[str, float],
    number: int,
    predicted_fill_rate: float | None = None,
) -> Attempt:
    """Score ``kpis`` of a run against the exercise's targets (rules in the module docstring)."""
    if not team.strip():
        raise JitError("An attempt needs a team name.", "Type the team's name first.")
    passed = all(target.met(kpis) for target in exercise.targets)
    score = 0.0
    if passed:
        allowed = exercise.stock_allowed
        lean = 1.0 - kpis.average_on_hand / allowed if math.isfinite(allowed) and allowed > 0 else 0
        score = round(100.0 + 100.0 * max(lean, 0.0), 1)
    return Attempt(
        number=number,
        team=team.strip(),
        exercise=exercise.key,
        choices=tuple(sorted(choices.items())),
        fill_rate=kpis.fill_rate,
        average_on_hand=kpis.average_on_hand,
        bullwhip=kpis.bullwhip,
        total_cost=kpis.total_cost,
        passed=passed,
        score=score,
        predicted_fill_rate=predicted_fill_rate,
    )


@dataclass(frozen=True)
class ScoreRow:
    team: str
    best: dict[str, float]  #: exercise key → best score
    total: float
    passed: int  #: exercises passed
    attempts: int


def scoreboard(attempts: Iterable[Attempt]) -> list[ScoreRow]:
    """Each team's best score per exercise and their sum, best team first."""
    teams: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        teams.setdefault(attempt.team, []).append(attempt)
    rows = []
    for team, own in teams.items():
        best: dict[str, float] = {}
        for attempt in own:
            best[attempt.exercise] = max(best.get(attempt.exercise, 0.0), attempt.score)
        rows.append(
            ScoreRow(team, best, round(sum(best.values()), 1),
                     sum(1 for v in best.values() if v > 0), len(own))
        )  # fmt: skip
    return sorted(rows, key=lambda row: (-row.total, -row.passed, row.attempts, row.team))


@dataclass(frozen=True)
class LessonCall:
    """The room's prediction in one Learn JIT lesson and the answer it revealed."""

    element: str
    predicted: str
    answer: str

    @property
    def right(self) -> bool:
        return self.predicted == self.answer


_DEBRIEF_COLUMNS = ("attempt", "team", "exercise", "settings", "predicted fill rate",
                    "fill rate", "on hand (units)", "bullwhip", "total cost", "passed", "score")  # fmt: skip


def _settings_text(exercise: Exercise, attempt: Attempt) -> str:
    labels = {lever.control.name: lever.control.label for lever in exercise.levers}
    return "; ".join(f"{labels.get(name, name)} {value:g}" for name, value in attempt.choices)


def _debrief_rows(
    attempts: Sequence[Attempt], exercises: Mapping[str, Exercise]
) -> list[list[str]]:
    rows = []
    for a in attempts:
        exercise = exercises[a.exercise]
        predicted = "" if a.predicted_fill_rate is None else percent(a.predicted_fill_rate)
        rows.append([str(a.number), a.team, exercise.title, _settings_text(exercise, a), predicted,
                     percent(a.fill_rate), short(a.average_on_hand), f"{a.bullwhip:.2f}",
                     short(a.total_cost), "yes" if a.passed else "no", f"{a.score:g}"])  # fmt: skip
    return rows


def debrief_csv(attempts: Sequence[Attempt], exercises: Mapping[str, Exercise]) -> str:
    """Every attempt, one row each, as CSV; team names and other text through the safe
    writer (:func:`~jitcore.reports.cells.csv_bytes`), so none can run as a formula."""
    rows = pd.DataFrame(_debrief_rows(attempts, exercises), columns=list(_DEBRIEF_COLUMNS))
    return csv_bytes(rows).decode("utf-8")


def _cell(text: str) -> str:
    """User text in a markdown table cell: as typed, and a ``|`` does not split the cell."""
    return plain(text).replace("|", "\\|")


def debrief_markdown(
    attempts: Sequence[Attempt],
    exercises: Mapping[str, Exercise],
    *,
    title: str = "Debrief",
    lessons: Sequence[LessonCall] = (),
) -> str:
    """The scoreboard, the exercises with their targets, every attempt and, when given, the
    room's predictions in the lessons, as markdown."""
    lines = [f"# {title}", "", "## Scoreboard", ""]
    board = scoreboard(attempts)
    keys = [key for key in exercises if any(a.exercise == key for a in attempts)]
    lines.append("| Team | " + " | ".join(exercises[k].title for k in keys) + " | Total |")
    lines.append("|---" * (len(keys) + 2) + "|")
    for row in board:
        cells = [f"{row.best[k]:g}" if k in row.best else "–" for k in keys]
        lines.append(f"| {_cell(row.team)} | " + " | ".join(cells) + f" | {row.total:g} |")
    lines += ["", "## Exercises", ""]
    for key in keys:
        exercise = exercises[key]
        targets = ", ".join(t.text() for t in exercise.targets)
        lines.append(
            f"- **{exercise.title}** ({exercise.sku}): {exercise.task} Targets: {targets}."
        )
    lines += ["", "## Attempts", "", "| " + " | ".join(_DEBRIEF_COLUMNS) + " |",
              "|---" * len(_DEBRIEF_COLUMNS) + "|"]  # fmt: skip
    for row in _debrief_rows(attempts, exercises):
        row[1] = _cell(row[1])  # the team name, as typed
        lines.append("| " + " | ".join(row) + " |")
    if lessons:
        right = sum(call.right for call in lessons)
        lines += ["", "## Lessons: the room's predictions", "",
                  f"{right} of {len(lessons)} predicted right.", "",
                  "| lesson | predicted | answer | right |", "|---|---|---|---|"]  # fmt: skip
        lines += [f"| {c.element} | {c.predicted} | {c.answer} | {'yes' if c.right else 'no'} |"
                  for c in lessons]  # fmt: skip
    return "\n".join(lines) + "\n"


def _control(name: str, label: str, low: float, high: float, step: float, default: float,
             help: str = "") -> Control:  # fmt: skip
    return Control(name, label, low, high, step, default, help)


_SERVICE = Lever(
    _control("service", "Cycle service target (%)", 80, 99.9, 0.1, 95,
             "The share of replenishment cycles without a stockout the buffer is sized for."),
    "buffers.cycle_service_level", scale=100.0,
)  # fmt: skip

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "right_size",
        "Right-size the buffer",
        "Promotions make this item's demand jumpy. Find the service target that keeps customers "
        "served without drowning in stock.",
        "PROMO-01",
        (Target("fill_rate", "at_least", 0.98), Target("average_on_hand", "at_most", 220.0)),
        (_SERVICE,),
        hint="Fill rate counts units, cycle service counts cycles: a 98 % fill rate needs less "
        "than a 98 % cycle service target.",
    ),
    Exercise(
        "lead_time",
        "Shorten the lead time",
        "Same item, a tougher customer: 99 % of units on time, and the warehouse has room for "
        "200 units. Negotiate the lead time and set the buffer.",
        "PROMO-01",
        (Target("fill_rate", "at_least", 0.99), Target("average_on_hand", "at_most", 200.0)),
        (
            Lever(
                _control(
                    "lead_time", "Lead time (weeks)", 0, 4, 1, 2, "Weeks from order to receipt."
                ),
                "supply.lead_time",
                integer=True,
            ),
            _SERVICE,
        ),
        hint="The buffer covers the lead time: a shorter one needs less stock for the same "
        "service.",
    ),  # fmt: skip
    Exercise(
        "smooth",
        "Level the orders",
        "Your supplier asks for steady orders: their swings at most a third of demand's. Keep "
        "the service and the stock.",
        "STABLE-01",
        (
            Target("bullwhip", "at_most", 0.34),
            Target("fill_rate", "at_least", 0.995),
            Target("average_on_hand", "at_most", 42.0),
        ),
        (
            Lever(
                _control(
                    "smoothing",
                    "Smoothing Ti (weeks)",
                    1,
                    8,
                    0.5,
                    1,
                    "POUT closes 1/Ti of the gap each week; 1 = plain order-up-to.",
                ),
                "policy.smoothing_periods",
            ),
            _SERVICE,
        ),
        fixed=(("policy.kind", "pout"),),
        hint="Bullwhip of POUT is 1/(2Ti − 1): Ti = 2 gives a third.",
    ),  # fmt: skip
)
EXERCISES_BY_KEY: dict[str, Exercise] = {exercise.key: exercise for exercise in EXERCISES}
