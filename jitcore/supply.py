"""Supply model: lead time and its variability, supplier reliability, quality yield, capacity.

Every released shipment draws, independently:

* its lead time ``L_i``: fixed ``L``, or ``round(L + σ_L·z)`` truncated to ``[0, L + 4σ_L]``
  (z standard normal), so shipments may overtake one another;
* a slip: with probability ``p_slip`` it arrives ``slip_periods`` later;
* its good share ``y_i``: ``yield_rate``, or ``clip(yield_rate + yield_sd·z, 0, 1)``; the rest
  of the receipt is defective and rejected at receipt.

An order placed at the end of period ``t`` joins the supplier's backlog; each period the
supplier releases at most ``capacity`` units of its backlog, and a release at the end of ``t``
arrives at the start of period ``t + 1 + L_i (+ slip)``. With unlimited capacity the whole
order is released at once.

Random numbers come from a counter-based generator: a SplitMix64 hash of
``(seed, key, period, stream)`` (Steele, Lea & Flood 2014, "Fast splittable pseudorandom
number generators", OOPSLA). The draw for a given SKU, path and period is therefore the same
whatever the lane, the thread or the other settings of a sweep (common random numbers), and the
same seed always gives the same result.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from jitcore.settings import Settings, amount, share, whole


class SupplySettings(Settings):
    """The supplier: lead time and its variability, reliability, yield and capacity."""

    lead_time: int = whole(
        2,
        "periods between ordering and receipt: an order placed at the end of "
        "period t arrives at the start of t + lead_time + 1",
        low=0,
        high=104,
    )
    lead_time_sd: float = amount(0.0, "standard deviation of the lead time in periods", high=52.0)
    slip_probability: float = share(0.0, "probability that a shipment slips")
    slip_periods: int = whole(1, "periods a slipped shipment is late", low=0, high=52)
    yield_rate: float = share(
        1.0, "share of each receipt that is good (rest rejected)", positive=True
    )
    yield_sd: float = share(0.0, "standard deviation of the good share per receipt", high=0.5)
    capacity: float | None = amount(
        None, "units the supplier can ship per period; empty = unlimited", positive=True
    )


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_K_KEY = np.uint64(0xD1B54A32D192ED03)
_K_T = np.uint64(0xABC98388FB8FAC03)
_K_STREAM = np.uint64(0x8CB92BA72F3D8DD7)
_S30 = np.uint64(30)
_S27 = np.uint64(27)
_S31 = np.uint64(31)
_S11 = np.uint64(11)

#: Streams of supply random numbers.
STREAM_LEAD_A = 0
STREAM_LEAD_B = 1
STREAM_SLIP = 2
STREAM_YIELD_A = 3
STREAM_YIELD_B = 4

#: Lead times are truncated at the mean plus this many standard deviations.
LEAD_TIME_SPREAD = 4.0


@njit(cache=True, inline="always", error_model="numpy")
def _mix(x: np.uint64) -> np.uint64:
    x = (x ^ (x >> _S30)) * _M1
    x = (x ^ (x >> _S27)) * _M2
    return x ^ (x >> _S31)


@njit(cache=True, inline="always", error_model="numpy")
def uniform(seed: int, key: int, period: int, stream: int) -> float:
    """A uniform number in (0, 1) from the hash of (seed, key, period, stream)."""
    x = np.uint64(seed) * _GOLDEN
    x = _mix(x ^ (np.uint64(key) * _K_KEY))
    x = _mix(x ^ (np.uint64(period) * _K_T) ^ (np.uint64(stream) * _K_STREAM))
    return (float(x >> _S11) + 0.5) * (1.0 / 9007199254740992.0)


@njit(cache=True, inline="always", error_model="numpy")
def standard_normal(seed: int, key: int, period: int, stream: int) -> float:
    """A standard normal number by the Box–Muller transform of two hashed uniforms."""
    u1 = uniform(seed, key, period, stream)
    u2 = uniform(seed, key, period, stream + 16)
    return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


@njit(cache=True, inline="always", error_model="numpy")
def draw_delay(
    seed: int,
    key: int,
    period: int,
    lead_time: float,
    lead_time_sd: float,
    lead_time_max: float,
    slip_probability: float,
    slip_periods: float,
) -> int:
    """Periods from release to arrival minus one: ``L_i + slip`` (arrival at ``t + 1 + delay``)."""
    lead = lead_time
    if lead_time_sd > 0.0:
        lead = math.floor(lead_time + lead_time_sd * standard_normal(seed, key, period, 0) + 0.5)
        lead = min(max(lead, 0.0), lead_time_max)
    if slip_probability > 0.0 and uniform(seed, key, period, STREAM_SLIP) < slip_probability:
        lead += slip_periods
    return int(lead)


@njit(cache=True, inline="always", error_model="numpy")
def draw_yield(seed: int, key: int, period: int, yield_rate: float, yield_sd: float) -> float:
    """The good share of a receipt: fixed, or normal around the mean clipped to [0, 1]."""
    if yield_sd <= 0.0:
        return yield_rate
    y = yield_rate + yield_sd * standard_normal(seed, key, period, STREAM_YIELD_A)
    return min(max(y, 0.0), 1.0)


def lead_time_max(lead_time: float, lead_time_sd: float) -> int:
    """Largest lead time drawn (periods): ``ceil(L + 4σ_L)``, the normal's truncation."""
    return int(math.ceil(lead_time + LEAD_TIME_SPREAD * lead_time_sd))


def expected_lead_time(lead_time: float, *, slip_probability: float, slip_periods: float) -> float:
    """Mean periods from order to receipt beyond ``t + 1``, with slips: ``L + p·slip``."""
    return lead_time + slip_probability * slip_periods


def lead_time_sd_total(
    lead_time_sd: float, *, slip_probability: float, slip_periods: float
) -> float:
    """σ_L including slips: ``sqrt(σ_L² + p(1−p)·slip²)`` (an independent Bernoulli slip)."""
    p = slip_probability
    return math.sqrt(lead_time_sd**2 + p * (1.0 - p) * slip_periods**2)
