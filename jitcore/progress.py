"""Progress of a long run with a time estimate: what the app's progress bar and the command
line's status line say while many SKUs are forecast.

The remaining time is the average time per item since the first report times the items left,
(now − t₁) / (done − done₁) · (total − done): items of one run take similar times, and counting
from the first report leaves out the start-up (worker processes starting, which would make the
first estimates many times too long). Until a second report there is no estimate.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from jitcore.formatting import duration


@dataclass
class ProgressClock:
    """Started when the run starts; ``text(done)`` reads e.g. ``Forecast 120 of 336 (A1) ·
    about 9 s left``. ``total``: items in the run; ``what``: the verb shown first."""

    total: int
    what: str = "Forecast"
    started: float = field(default_factory=lambda: time.perf_counter())

    def elapsed_seconds(self) -> float:
        return time.perf_counter() - self.started

    first: tuple[float, int] | None = None

    def remaining_seconds(self, done: int) -> float | None:
        """Seconds still to go after ``done`` items; None until a report after the first."""
        now = time.perf_counter()
        if done <= 0:
            return None
        if self.first is None:
            self.first = (now, done)
            return None
        since, counted = self.first
        if done <= counted:
            return None
        return (now - since) / (done - counted) * max(self.total - done, 0)

    def fraction(self, done: int) -> float:
        return min(max(done / self.total, 0.0), 1.0) if self.total else 1.0

    def text(self, done: int, item: str = "") -> str:
        about = ""
        remaining = self.remaining_seconds(done)
        if remaining is not None and done < self.total:
            about = f" · {'about ' if remaining >= 1 else ''}{duration(remaining)} left"
        label = f" ({item})" if item else ""
        return f"{self.what} {done:,} of {self.total:,}{label}{about}"
