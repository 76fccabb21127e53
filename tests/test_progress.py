"""The progress line's time estimate: elapsed · (total − done) / done, and run times as read."""

from __future__ import annotations

import pytest

from jitcore import progress as progress_module
from jitcore.formatting import duration
from jitcore.progress import ProgressClock


def test_remaining_time_is_the_rate_since_the_first_report_times_what_is_left(
    monkeypatch,
) -> None:
    now = [100.0]
    monkeypatch.setattr(progress_module.time, "perf_counter", lambda: now[0])
    clock = ProgressClock(336)
    assert clock.remaining_seconds(0) is None
    assert clock.text(0) == "Forecast 0 of 336"
    now[0] = 103.0  # workers started: the first 6 SKUs after 3 s, no estimate yet
    assert clock.text(6) == "Forecast 6 of 336"
    now[0] = 106.0  # 78 more in 3 s: 252 left at 3/78 s each = 9.7 s
    assert clock.remaining_seconds(84) == pytest.approx(3 / 78 * 252)
    assert clock.text(84, "A3349849A") == "Forecast 84 of 336 (A3349849A) · about 10 s left"
    assert clock.fraction(84) == pytest.approx(0.25)
    assert clock.text(336) == "Forecast 336 of 336"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0.4, "< 1 s"), (12.4, "12 s"), (60, "1 min"), (125, "2 min 5 s"), (3900, "1 h 5 min")],
)
def test_durations_read_as_people_say_them(seconds, text) -> None:
    assert duration(seconds) == text
