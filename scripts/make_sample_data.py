"""Write the synthetic teaching set ``sample_data/teaching_weekly_long.csv``.

Six SKUs, 156 weeks (Mondays 2022-01-03 .. 2024-12-23), whole units, one demand pattern each:

- ``STABLE-01``: level 120, normal noise (sd 12). Smooth, low variability.
- ``SEASONAL-01``: level 200, yearly cosine of amplitude 100 peaking mid-December, noise sd 12.
- ``TREND-01``: starts at 60 and grows by 0.9 units a week, noise sd 8.
- ``PROMO-01``: level 80 (sd 8); one promotion week in every 13-week block, at a random week,
  selling 3.5 to 5.5 times the level, then a week at 70 % while customers use up their stock.
- ``INTERMITTENT-01``: demand in 30 % of weeks, 8 + Poisson(4) units when it comes.
- ``LUMPY-01``: demand in 25 % of weeks, log-normal sizes (median 20 units, log-sd 1.0).

Everything comes from one ``numpy.random.Generator`` seeded with ``SEED``, so running the script
again writes the same bytes (a test checks it). Usage::

    python scripts/make_sample_data.py [--output-dir sample_data]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import numpy as np

SEED = 20240601
START = dt.date(2022, 1, 3)  # a Monday
WEEKS = 156
FILE_NAME = "teaching_weekly_long.csv"


def teaching_series(rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Weekly demand in whole units for each teaching SKU, drawn from ``rng`` in a fixed order."""
    t = np.arange(WEEKS)
    week_of_year = np.array([(START + dt.timedelta(weeks=int(i))).isocalendar()[1] for i in t])

    stable = 120 + rng.normal(0, 12, WEEKS)

    seasonal = 200 + 100 * np.cos(2 * np.pi * (week_of_year - 50) / 52) + rng.normal(0, 12, WEEKS)

    trend = 60 + 0.9 * t + rng.normal(0, 8, WEEKS)

    promo = 80 + rng.normal(0, 8, WEEKS)
    blocks = WEEKS // 13
    promo_weeks = np.arange(blocks) * 13 + rng.integers(0, 12, blocks)
    promo[promo_weeks] *= rng.uniform(3.5, 5.5, blocks)
    promo[promo_weeks + 1] *= 0.7

    intermittent_occurs = rng.random(WEEKS) < 0.30
    intermittent = np.where(intermittent_occurs, 8 + rng.poisson(4, WEEKS), 0)

    lumpy_occurs = rng.random(WEEKS) < 0.25
    lumpy = np.where(lumpy_occurs, rng.lognormal(np.log(20), 1.0, WEEKS), 0)

    series = {
        "STABLE-01": stable,
        "SEASONAL-01": seasonal,
        "TREND-01": trend,
        "PROMO-01": promo,
        "INTERMITTENT-01": intermittent,
        "LUMPY-01": lumpy,
    }
    return {
        sku: np.clip(np.rint(values), 0, None).astype(np.int64) for sku, values in series.items()
    }


def teaching_csv(seed: int = SEED) -> str:
    """The teaching set as long CSV text: ``date,sku,quantity``, one row per SKU and week."""
    series = teaching_series(np.random.default_rng(seed))
    dates = [(START + dt.timedelta(weeks=i)).isoformat() for i in range(WEEKS)]
    lines = ["date,sku,quantity"]
    for sku, values in series.items():
        lines.extend(
            f"{date},{sku},{int(value)}" for date, value in zip(dates, values, strict=True)
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "sample_data",
        help="folder to write the file into (default: sample_data/)",
    )
    args = parser.parse_args(argv)
    args.output_dir.mkdir(parents=True, exist_ok=True)
    path = args.output_dir / FILE_NAME
    path.write_bytes(teaching_csv().encode("utf-8"))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
