"""The sample data sets bundled with the app (files in ``sample_data/``)."""

from __future__ import annotations

from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"

#: Sample datasets offered in the app: label -> file in sample_data/.
SAMPLES: dict[str, str] = {
    "Teaching set: six typical demand patterns (weekly, 6 SKUs)": "teaching_weekly_long.csv",
    "Australian drug and wine sales (monthly, 3 SKUs)": "classic_monthly_long.csv",
    "Walmart store 1 departments (weekly sales in USD, not units; 7 SKUs)": (
        "walmart_store1_weekly_long.csv"
    ),
    "Australian prescriptions, intermittent and lumpy (monthly, 26 SKUs)": (
        "pbs_intermittent_monthly_wide.csv"
    ),
}
DEFAULT_SAMPLE = next(iter(SAMPLES))
