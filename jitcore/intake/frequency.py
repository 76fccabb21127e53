"""The data's own frequency (day, week, month) and the labels of the periods it is summed into.

Period labels: a day is itself; a week is labelled by its first day — the data's own weekday when
the data is weekly (Walmart's Friday weeks stay Fridays), Monday when days are summed into weeks;
a month by its first day.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jitcore.demand import FREQUENCY_NAMES, Frequency
from jitcore.errors import IntakeError

ORDER: dict[str, int] = {"D": 0, "W": 1, "M": 2}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EPOCH_MONDAY = np.datetime64("1970-01-05", "D")


@dataclass(frozen=True)
class FrequencyGuess:
    frequency: Frequency
    weekday: int  # the weekday weeks start on, 0 = Monday
    reason: str


def detect_frequency(dates: pd.Series, *, inherent: str | None = None) -> FrequencyGuess:
    """Detect D, W or M from the distinct dates (``inherent``: the date format names months or
    ISO weeks)."""
    unique = pd.DatetimeIndex(pd.unique(dates.dropna())).sort_values()
    if inherent == "M":
        return FrequencyGuess("M", 0, "the dates name months")
    if inherent == "W":
        return FrequencyGuess("W", 0, "the dates name ISO weeks (labelled by their Monday)")
    if len(unique) < 2:
        raise IntakeError(
            "All demand falls on a single date, so there is no history over time.",
            "Load a file with at least two periods of demand.",
        )
    gaps = np.diff(unique.asi8) // (86_400 * 10**9)
    if (unique.day == 1).all() and gaps.min() >= 28:
        return FrequencyGuess("M", 0, "every date is the first of a month")
    if (gaps % 7 == 0).all():
        weekday = int(unique[0].weekday())
        return FrequencyGuess("W", weekday, f"dates are whole weeks apart, on {WEEKDAYS[weekday]}s")
    month_end = unique.is_month_end.all()
    same_day = len(set(unique.day)) == 1
    if gaps.min() >= 28 and (month_end or same_day):
        return FrequencyGuess("M", 0, "there is one date per month")
    return FrequencyGuess("D", 0, "dates are days apart")


def target_frequency(native: FrequencyGuess, wanted: Frequency | None) -> tuple[Frequency, int]:
    """The frequency to aggregate to and its week start; refuses to split periods."""
    if wanted is None:
        return native.frequency, native.weekday
    if ORDER[wanted] < ORDER[native.frequency]:
        raise IntakeError(
            f"The data is {FREQUENCY_NAMES[native.frequency]}; it cannot be split into "
            f"{FREQUENCY_NAMES[wanted]} periods.",
            f"Choose {FREQUENCY_NAMES[native.frequency]} or a coarser frequency.",
        )
    weekday = native.weekday if native.frequency == "W" else 0
    return wanted, weekday


def period_start(dates: pd.Series, frequency: Frequency, weekday: int = 0) -> pd.Series:
    """The label (first day) of the period each date falls in."""
    if frequency == "D":
        return dates.dt.normalize()
    if frequency == "W":
        shift = (dates.dt.day_of_week - weekday) % 7
        return dates.dt.normalize() - pd.to_timedelta(shift, unit="D")
    return dates.dt.to_period("M").dt.to_timestamp()


def period_number(labels: pd.Series, frequency: Frequency, weekday: int = 0) -> np.ndarray:
    """Consecutive integers for consecutive periods (so gaps are differences above one)."""
    days = labels.to_numpy(dtype="datetime64[D]")
    if frequency == "D":
        return days.astype(np.int64)
    if frequency == "W":
        return (days - (_EPOCH_MONDAY + weekday)).astype(np.int64) // 7
    return labels.dt.year.to_numpy(dtype=np.int64) * 12 + labels.dt.month.to_numpy() - 1


def period_label(numbers: np.ndarray, frequency: Frequency, weekday: int = 0) -> np.ndarray:
    """Inverse of ``period_number``: datetime64[ns] period labels."""
    numbers = np.asarray(numbers, dtype=np.int64)
    if frequency == "D":
        days = numbers.astype("datetime64[D]")
    elif frequency == "W":
        days = _EPOCH_MONDAY + weekday + numbers * 7
    else:
        days = (numbers - 1970 * 12).astype("datetime64[M]").astype("datetime64[D]")
    return days.astype("datetime64[ns]")
