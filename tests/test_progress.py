"""The progress line's time estimate: elapsed · (total − done) / done, and run times as read."""

from __future__ import annotations

import pytest

from jitcore import progress as progress_module
from jitcore.formatting import duration
from jitcore.progress import ProgressClock


def test_remaining_time_is_the_average_so_far_times_what_is_left(monkeypatch) -> None:
    now = [100.0]
    monkeypatch.setattr(progress_module.time, "perf_counter", lambda: now[0])
    clock = ProgressClock(336)
    assert clock.remaining_seconds(0) is None
    assert clock.text(0) == "Forecast 0 of 336"
    now[0] = 104.0  # 4 s for the first 84 SKUs: 252 left at 4/84 s each = 12 s
    assert clock.remaining_seconds(84) == pytest.approx(12.0)
    assert clock.text(84, "A3349849A") == "Forecast 84 of 336 (A3349849A) · about 12 s left"
    assert clock.fraction(84) == pytest.approx(0.25)
    assert clock.text(336) == "Forecast 336 of 336"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0.4, "< 1 s"), (12.4, "12 s"), (60, "1 min"), (125, "2 min 5 s"), (3900, "1 h 5 min")],
)
def test_durations_read_as_people_say_them(seconds, text) -> None:
    assert duration(seconds) == text
