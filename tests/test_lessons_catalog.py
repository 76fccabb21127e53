"""The eight lessons on the teaching sample: each reveals numbers and a chart and names the
prediction that was right; the numbers behind the answers are the closed forms."""

from __future__ import annotations

import math

import pytest

from jitcore.demand import DemandData
from jitcore.errors import JitError
from jitcore.intake import read_demand
from jitcore.lessons.catalog import LESSONS, LESSONS_BY_KEY, lesson_item
from jitcore.scenario import Scenario
from ui.samples import DEFAULT_SAMPLE, SAMPLE_DIR, SAMPLES

DATA = read_demand(SAMPLE_DIR / SAMPLES[DEFAULT_SAMPLE])


@pytest.fixture(scope="module")
def stable():
    return lesson_item(DATA, "STABLE-01", Scenario())


def test_the_eight_elements_in_session_order() -> None:
    assert [lesson.element for lesson in LESSONS] == [
        "Smoothing supply and demand",
        "Forecasting",
        "Rapid changeover (SMED)",
        "Standardisation",
        "Vendor-managed inventory",
        "Quality assurance",
        "Technology and information",
        "Later-stage customisation",
    ]
    for lesson in LESSONS:
        assert lesson.page.startswith("pages/") and 1 <= len(lesson.controls) <= 2
        assert lesson.takeaway.count(". ") <= 2  # two sentences


@pytest.mark.parametrize("sku", DATA.skus)
def test_every_lesson_reveals_on_every_teaching_sku(sku: str) -> None:
    item = lesson_item(DATA, sku, Scenario())
    for lesson in LESSONS:
        reveal = lesson.reveal(item)
        assert math.isfinite(reveal.measured)
        assert 0 <= lesson.answer(reveal) < len(lesson.choices)
        assert reveal.numbers and reveal.figure.data


def test_postponement_of_four_independent_variants_is_half(stable) -> None:
    lesson = LESSONS_BY_KEY["postponement"]
    reveal = lesson.reveal(stable, {"variants": 4, "correlation": 0.0})
    assert reveal.measured == 0.5
    assert lesson.choices[lesson.answer(reveal)][0] == "About half"
    assert lesson.reveal(stable, {"variants": 9}).measured == pytest.approx(1 / 3)


def test_smoothing_ti_two_with_lead_time_two_costs_five_percent(stable) -> None:
    # Disney & Towill: √((3 + 1/3) / 3) − 1 = 5.4 %
    reveal = LESSONS_BY_KEY["smoothing"].reveal(stable, {"smoothing": 2})
    assert reveal.measured == pytest.approx(math.sqrt(10 / 9) - 1)


def test_smed_quarter_setup_halves_an_economic_lot(stable) -> None:
    reveal = LESSONS_BY_KEY["changeover"].reveal(stable, {"before": 4, "after": 1})
    assert reveal.measured == pytest.approx(0.5)  # EPQ ∝ √(setup time) where capacity is ample


def test_chain_lessons_lower_the_factorys_amplification(stable) -> None:
    for key in ("vmi", "technology"):
        reveal = LESSONS_BY_KEY[key].reveal(stable, {"stages": 4, "window": 5})
        assert reveal.measured < 0.8
    # shared information: simulated amplification near the Chen et al. value 1 + 2ΣLe/p + …
    shared = LESSONS_BY_KEY["technology"].reveal(stable, {"stages": 4, "window": 5})
    top = shared.numbers[0].value.split("→")[1].strip()
    exposure_sum = 4 * 3
    assert float(top) == pytest.approx(
        1 + 2 * exposure_sum / 5 + 2 * exposure_sum**2 / 25, rel=0.15
    )


def test_a_flat_item_is_refused_with_a_fix() -> None:
    frame = DATA.frame[DATA.frame["sku"] == "STABLE-01"].assign(quantity=5.0)
    flat = DemandData(frame, DATA.frequency)
    with pytest.raises(JitError, match="too little"):
        lesson_item(flat, "STABLE-01", Scenario())


def test_forecasting_on_a_too_short_history_is_a_message() -> None:
    frame = DATA.frame[DATA.frame["sku"] == "STABLE-01"].head(5)
    short = lesson_item(DemandData(frame, DATA.frequency), "STABLE-01", Scenario())
    with pytest.raises(JitError, match="too few to backtest"):
        LESSONS_BY_KEY["forecasting"].reveal(short)
