"""Forecasting speed: the automatic choice per SKU, a whole dataset, a portfolio of 300+ real
monthly series (seconds and mean MASE), and series per second per method (backtest with refits
+ final fit), with the share spent in the exponential-smoothing methods.

Wall-clock figures depend on how busy the machine is; CPU seconds of this process are reported
next to them (on an idle machine the two agree).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jitcore.demand import DemandData  # noqa: E402
from jitcore.forecast import ForecastSettings, forecast_all, forecast_sku  # noqa: E402
from jitcore.forecast.backtest import plan_backtest, run_backtest  # noqa: E402
from jitcore.forecast.base import FitContext, single_threaded_blas  # noqa: E402
from jitcore.forecast.registry import METHODS  # noqa: E402

SAMPLES = ROOT / "sample_data"
STATSMODELS_METHODS = {
    "holt",
    "holt_damped",
    "holt_winters_additive",
    "holt_winters_multiplicative",
    "ets",
}


def load_classic() -> DemandData:
    frame = pd.read_csv(SAMPLES / "classic_monthly_long.csv")
    return DemandData(frame, "M", name="classic")


def load_intermittent() -> DemandData:
    """The wide PBS sample; through the intake reader when it reads wide files, else pandas."""
    path = SAMPLES / "pbs_intermittent_monthly_wide.csv"
    try:
        from jitcore.intake import read_demand

        data = read_demand(path)
        if len(data.skus) == 26:
            return data
    except Exception:  # noqa: BLE001 - the placeholder reader does not read wide files
        pass
    wide = pd.read_csv(path)
    frame = wide.melt(id_vars="date", var_name="sku", value_name="quantity").dropna()
    return DemandData(frame, "M", name="pbs")


def _timed(function) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = function()
    return time.perf_counter() - wall, time.process_time() - cpu, value


def _best_of(function, repeats: int = 3) -> tuple[float, float]:
    runs = [_timed(function)[:2] for _ in range(repeats)]
    return min(r[0] for r in runs), min(r[1] for r in runs)


def cold_start_seconds() -> float:
    """A fresh interpreter: import jitcore.forecast and forecast one SKU (statsmodels import
    included), as the first use in the app."""
    code = (
        "import time; t = time.perf_counter();"
        "import pandas as pd;"
        "from jitcore.demand import DemandData;"
        "from jitcore.forecast import ForecastSettings, forecast_sku;"
        f"f = pd.read_csv({str(SAMPLES / 'classic_monthly_long.csv')!r});"
        "d = DemandData(f, 'M'); s = d.skus[2];"
        "forecast_sku(d.series(s), ForecastSettings(), frequency='M');"
        "print(time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


#: The portfolio case: the 152 ABS retail series (see ../shared/data/PROVENANCE.md) twice over.
PORTFOLIO = ROOT.parent / "shared" / "data" / "aus_retail_monthly_long.csv"


def load_portfolio(paths: list[str] | None = None, copies: int = 2) -> DemandData | None:
    """The long monthly files in ``paths`` (default ``PORTFOLIO``), each SKU ``copies`` times
    under new names; None when no file is there."""
    files = [Path(p) for p in paths] if paths else [PORTFOLIO]
    frames = []
    for path in files:
        if not path.exists():
            continue
        frame = pd.read_csv(path)[["date", "sku", "quantity"]]
        for copy in range(copies):
            frames.append(frame.assign(sku=frame["sku"].astype(str) + f"~{copy + 1}"))
    if not frames:
        return None
    return DemandData(pd.concat(frames, ignore_index=True), "M", name="portfolio")


def portfolio_figures(data: DemandData) -> list[dict]:
    """The automatic choice with backtests for every SKU, in worker processes as the app and
    the CLI run it: wall seconds, CPU seconds of all processes (the workers are stopped after
    the run so their time is counted), and the mean backtest MASE of the chosen methods."""
    import resource

    from jitcore.forecast.parallel import shutdown_workers, worker_count

    shutdown_workers()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = children.ru_utime + children.ru_stime
    wall, cpu = time.perf_counter(), time.process_time()
    results = forecast_all(data, ForecastSettings())
    wall = time.perf_counter() - wall
    shutdown_workers()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - cpu + children.ru_utime + children.ru_stime - before
    mase = np.array([r.accuracy.mase if r.accuracy else np.nan for r in results.values()])
    n = len(results)
    return [
        {
            "name": f"portfolio: auto forecast of {n} monthly series",
            "value": wall,
            "unit": "s wall",
        },
        {"name": f"portfolio: {n} series, CPU of all processes", "value": cpu, "unit": "s cpu"},
        {"name": "portfolio: worker processes", "value": worker_count(n), "unit": ""},
        {
            "name": "portfolio: mean MASE of the chosen methods",
            "value": np.nanmean(mase),
            "unit": "",
        },
    ]


def run() -> list[dict]:
    figures: list[dict] = []

    def add(name: str, value: float, unit: str) -> None:
        figures.append({"name": name, "value": float(value), "unit": unit})

    portfolio = load_portfolio()
    if portfolio is not None:
        figures.extend(portfolio_figures(portfolio))

    settings = ForecastSettings()
    classic = load_classic()
    # warm up (statsmodels import and first-call costs)
    forecast_sku(classic.series(classic.skus[2]), settings, frequency="M")

    wine = classic.series("WINE_AU_BOTTLES_LT1L")
    a10 = classic.series("A10_ANTIDIABETIC_AUDm")
    cases = {
        "5 years (a10, last 60 months)": a10.iloc[-60:],
        "10 years (a10, last 120 months)": a10.iloc[-120:],
        "14.7 years (wineind, 176 months)": wine,
    }
    for label, series in cases.items():
        wall, cpu = _best_of(lambda s=series: forecast_sku(s, settings, frequency="M"))
        add(f"auto choice, one monthly SKU, {label}", wall, "s wall")
        add(f"auto choice, one monthly SKU, {label} (CPU)", cpu, "s cpu")

    pbs = load_intermittent()
    wall, cpu, results = _timed(lambda: forecast_all(pbs, settings))
    add("forecast_all, 26 intermittent PBS SKUs", wall, "s wall")
    add("forecast_all, 26 intermittent PBS SKUs (CPU)", cpu, "s cpu")
    wall, cpu, _ = _timed(lambda: forecast_all(classic, settings))
    add("forecast_all, 3 classic seasonal SKUs", wall, "s wall")

    # series per second per method: backtest (3 refits) + final fit + forecast, 29 series
    series = [classic.series(s).to_numpy(float) for s in classic.skus] + [
        pbs.series(s).to_numpy(float) for s in pbs.skus
    ]
    method_seconds: dict[str, float] = {}
    with single_threaded_blas():
        for name, method in METHODS.items():
            done, spent = 0, 0.0
            for y in series:
                plan = plan_backtest(y, horizon=12, folds=3, period=12)
                context = FitContext(plan.period, {})
                if method.seasonal and plan.period <= 1:
                    continue
                if method.positive_only and not np.all(y > 0):
                    continue
                start = time.process_time()
                try:
                    run_backtest(method, y, plan, context)
                    model = method.fit(y, context)
                    method.predict(y, model, 12)
                except Exception:  # noqa: BLE001 - a method that cannot fit a series is skipped
                    continue
                spent += time.process_time() - start
                done += 1
            if done:
                method_seconds[name] = spent / done
                add(f"method {name}: series per second (backtest + fit)", done / spent, "1/s")
    total = sum(method_seconds.values())
    in_statsmodels = sum(v for k, v in method_seconds.items() if k in STATSMODELS_METHODS)
    add(
        "share of per-series method time in Holt, Holt-Winters and ETS",
        100 * in_statsmodels / total,
        "%",
    )
    add(
        "  of which automatic ETS (15 forms per fit)",
        100 * method_seconds.get("ets", 0) / total,
        "%",
    )
    add("cold start: import + first SKU in a fresh interpreter", cold_start_seconds(), "s wall")
    return figures


if __name__ == "__main__":  # worker processes import this module without running it
    for figure in run():
        print(f"{figure['name']:<70} {figure['value']:>10.4g} {figure['unit']}")
