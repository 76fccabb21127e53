"""Demand profile per SKU: size, variability, Syntetos-Boylan class, ABC/XYZ, trend and seasonality.

One call, :func:`profile_demand`, turns ``DemandData`` into a :class:`DemandProfile`: a frozen
record per SKU and a table with one row per SKU. Every column is defined in the docstring of
:class:`SkuProfile` with its formula and source.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import Field, model_validator

from jitcore.demand import DemandData, Frequency
from jitcore.settings import Settings

DemandClass = Literal["smooth", "erratic", "intermittent", "lumpy"]
AbcClass = Literal["A", "B", "C"]
XyzClass = Literal["X", "Y", "Z"]

DEMAND_CLASSES: tuple[DemandClass, ...] = ("smooth", "erratic", "intermittent", "lumpy")

#: Cut-offs of Syntetos, Boylan & Croston (2005), "On the categorization of demand patterns",
#: Journal of the Operational Research Society 56(5): ADI 1.32 and CV² 0.49.
ADI_CUTOFF = 1.32
CV2_CUTOFF = 0.49

#: Seasonal period used for the seasonality strength, by data frequency: a year of months,
#: a year of weeks, a week of days.
SEASONAL_PERIODS: dict[str, int] = {"M": 12, "W": 52, "D": 7}

#: Seasonal smoother window of the STL decomposition (in seasons), as in R ``feasts::feat_stl``
#: (``s.window = 11``, passed to ``stats::stl`` whose seasonal smoother is locally constant).
STL_SEASONAL_WINDOW = 11

#: Shown next to intermittent and lumpy items.
INTERMITTENT_WARNING = (
    "A normal-distribution safety stock formula will mislead here: demand does not come every "
    "period. Use the intermittent forecast methods (Croston, SBA, TSB) and a buffer sized on "
    "the demand over the lead time."
)

#: Plain-language meaning of each Syntetos-Boylan class, for the app and reports.
CLASS_DESCRIPTIONS: dict[DemandClass, str] = {
    "smooth": "Demand nearly every period, in similar amounts. The easiest to forecast.",
    "erratic": "Demand nearly every period, but the amounts swing a lot.",
    "intermittent": "Many periods without demand; when it comes, the amounts are similar.",
    "lumpy": "Many periods without demand, and the amounts vary a lot. The hardest to plan.",
}


def average_demand_interval(quantities: np.ndarray) -> float:
    """ADI: periods observed divided by periods with demand (inf when there is none)."""
    values = np.asarray(quantities, dtype=float)
    values = values[~np.isnan(values)]
    nonzero = np.count_nonzero(values > 0)
    return float(len(values) / nonzero) if nonzero else float("inf")


def squared_cv_of_sizes(quantities: np.ndarray) -> float:
    """CV²: squared coefficient of variation of the non-zero demand sizes (0 for fewer than 2)."""
    values = np.asarray(quantities, dtype=float)
    sizes = values[(~np.isnan(values)) & (values > 0)]
    if len(sizes) < 2 or sizes.mean() == 0:
        return 0.0
    return float((sizes.std(ddof=1) / sizes.mean()) ** 2)


def syntetos_boylan_class(quantities: np.ndarray) -> DemandClass:
    """Classify demand as smooth, erratic, intermittent or lumpy from ADI and CV².

    Smooth: ADI < 1.32 and CV² < 0.49; erratic: ADI < 1.32, CV² ≥ 0.49; intermittent:
    ADI ≥ 1.32, CV² < 0.49; lumpy: both above. Source: Syntetos, Boylan & Croston (2005).
    """
    adi = average_demand_interval(quantities)
    cv2 = squared_cv_of_sizes(quantities)
    if adi < ADI_CUTOFF:
        return "smooth" if cv2 < CV2_CUTOFF else "erratic"
    return "intermittent" if cv2 < CV2_CUTOFF else "lumpy"


class ProfileSettings(Settings):
    """Thresholds of the ABC and XYZ classes and the seasonal period.

    ``abc_a_share``/``abc_b_share``: cumulative share of total volume closing classes A and B
    (defaults 80 % and 95 %). ``xyz_x_cv``/``xyz_y_cv``: coefficient of variation below which an
    item is X, then Y (defaults 0.5 and 1.0). ``seasonal_period``: periods per season for the
    seasonality strength; ``None`` picks 12 for monthly, 52 for weekly, 7 for daily data.
    """

    abc_a_share: float = Field(0.80, gt=0.0, lt=1.0)
    abc_b_share: float = Field(0.95, gt=0.0, le=1.0)
    xyz_x_cv: float = Field(0.5, gt=0.0)
    xyz_y_cv: float = Field(1.0, gt=0.0)
    seasonal_period: int | None = Field(None, ge=2)

    @model_validator(mode="after")
    def _ordered(self) -> ProfileSettings:
        if self.abc_b_share <= self.abc_a_share:
            raise ValueError("abc_b_share must be above abc_a_share")
        if self.xyz_y_cv <= self.xyz_x_cv:
            raise ValueError("xyz_y_cv must be above xyz_x_cv")
        return self


def abc_classes(totals: np.ndarray, *, a_share: float = 0.80, b_share: float = 0.95) -> np.ndarray:
    """ABC class of each item by volume (Pareto analysis).

    Items are ranked by total volume, largest first (ties keep their order). An item is A while
    the cumulative share of the items ranked above it is below ``a_share``, B while it is below
    ``b_share``, else C: so the item that crosses 80 % is still A, and the largest item is
    always A. Negative totals count as zero. The 80/95 % split is the usual convention of the
    Pareto (A-B-C) classification, e.g. Silver, Pyke & Thomas (2017), Inventory and Production
    Management in Supply Chains, 4th ed.
    """
    volume = np.clip(np.nan_to_num(np.asarray(totals, dtype=float)), 0.0, None)
    classes = np.full(len(volume), "C", dtype="<U1")
    grand = volume.sum()
    if grand <= 0:
        return classes
    order = np.argsort(-volume, kind="stable")
    ranked = volume[order]
    share_before = (np.cumsum(ranked) - ranked) / grand
    ranked_classes = np.where(
        share_before < a_share - 1e-12, "A", np.where(share_before < b_share - 1e-12, "B", "C")
    )
    classes[order] = ranked_classes
    return classes


def xyz_classes(cv: np.ndarray, *, x_cv: float = 0.5, y_cv: float = 1.0) -> np.ndarray:
    """XYZ class by variability: X when CV < ``x_cv``, Y when CV < ``y_cv``, else Z.

    CV is the coefficient of variation of demand per period (zeros included). An undefined CV
    (no demand or a single period) is Z. There is no single textbook standard for the cut-offs;
    0.5 and 1.0 are a common practitioner convention, so both are settings.
    """
    values = np.asarray(cv, dtype=float)
    return np.where(values < x_cv, "X", np.where(values < y_cv, "Y", "Z"))


def stl_strengths(values: np.ndarray, period: int) -> tuple[float, float]:
    """Trend and seasonality strength (each in [0, 1]) of one series from an STL decomposition.

    F_T = max(0, 1 − Var(R) / Var(T + R)) and F_S = max(0, 1 − Var(R) / Var(S + R)), with T, S,
    R the trend, seasonal and remainder of STL (Cleveland et al. 1990). Source: Hyndman &
    Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., §4.2 "STL features".

    The STL settings follow R ``feasts::feat_stl`` and ``stats::stl`` for period m: seasonal
    window 11 seasons with a locally constant smoother, trend window nextodd(1.5 m / (1 − 1.5/11)),
    low-pass window the smallest odd number above m, each smoother evaluated every
    ceiling(window / 10) points. Returns ``(nan, nan)`` with fewer than two full seasons; a
    constant series has strength 0. Missing values are interpolated.

    With few seasons a purely random series still scores some seasonality (about 0.35 with
    three years of weekly data), because each season's shape is estimated from that few values.
    """
    series = np.asarray(values, dtype=float)
    if period < 2 or len(series) < 2 * period:
        return float("nan"), float("nan")
    if np.isnan(series).any():
        if np.isnan(series).all():
            return float("nan"), float("nan")
        series = pd.Series(series).interpolate(limit_direction="both").to_numpy()
    if np.ptp(series) == 0:
        return 0.0, 0.0
    from statsmodels.tsa.seasonal import STL  # lazy: importing statsmodels takes seconds

    trend_window = _next_odd(1.5 * period / (1 - 1.5 / STL_SEASONAL_WINDOW))
    low_pass_window = _next_odd(period + 1)  # the smallest odd number above the period
    fit = STL(
        series,
        period=period,
        seasonal=STL_SEASONAL_WINDOW,
        seasonal_deg=0,
        trend=trend_window,
        low_pass=low_pass_window,
        # R's stl() evaluates each smoother every ceiling(window / 10) points and interpolates:
        # four times faster than statsmodels' default of every point, same strengths to 1e-2.
        seasonal_jump=math.ceil(STL_SEASONAL_WINDOW / 10),
        trend_jump=math.ceil(trend_window / 10),
        low_pass_jump=math.ceil(low_pass_window / 10),
    ).fit()
    remainder = np.asarray(fit.resid)
    var_r = float(np.var(remainder))
    return (
        _strength(var_r, float(np.var(np.asarray(fit.trend) + remainder))),
        _strength(var_r, float(np.var(np.asarray(fit.seasonal) + remainder))),
    )


def _next_odd(value: float) -> int:
    whole = math.ceil(value)
    return whole if whole % 2 else whole + 1


def _strength(var_remainder: float, var_component: float) -> float:
    if var_component <= 0:
        return 0.0
    return float(min(1.0, max(0.0, 1.0 - var_remainder / var_component)))


@dataclass(frozen=True)
class SkuProfile:
    """The demand profile of one SKU over its active range (first to last period in the data).

    - ``periods``: periods with a value; ``active_periods``: periods with demand (> 0).
    - ``total`` (units), ``mean`` (units per period, zeros included), ``std`` (sample standard
      deviation per period, n − 1), ``cv`` = std / mean (NaN when the mean is 0).
    - ``adi`` = periods / active_periods (inf with no demand); ``cv2`` = squared CV of the
      non-zero sizes; ``demand_class`` from both with cut-offs 1.32 and 0.49 (Syntetos, Boylan &
      Croston 2005).
    - ``zero_share``: share of periods without demand, 1 − 1/ADI.
    - ``volume_share``: share of the total volume of all SKUs; ``abc`` from its rank
      (:func:`abc_classes`); ``xyz`` from ``cv`` (:func:`xyz_classes`).
    - ``trend_strength``, ``seasonal_strength``: STL features in [0, 1] (:func:`stl_strengths`),
      NaN when the history is shorter than two seasons.
    - ``intermittent``: True for intermittent and lumpy items (see ``INTERMITTENT_WARNING``).
    """

    sku: str
    periods: int
    active_periods: int
    total: float
    mean: float
    std: float
    cv: float
    adi: float
    cv2: float
    demand_class: DemandClass
    zero_share: float
    volume_share: float
    abc: AbcClass
    xyz: XyzClass
    trend_strength: float
    seasonal_strength: float
    intermittent: bool


#: Columns of ``DemandProfile.table``, in order: the fields of ``SkuProfile``.
TABLE_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(SkuProfile))


@dataclass(frozen=True, eq=False)
class DemandProfile:
    """Profiles of every SKU of a dataset, with the notes made while computing them.

    ``items``: one :class:`SkuProfile` per SKU, in the data's SKU order. ``seasonal_period``:
    periods per season used for the seasonality strength. ``notes``: plain-language remarks
    (e.g. SKUs too short for the seasonality strength).
    """

    items: tuple[SkuProfile, ...]
    frequency: Frequency
    seasonal_period: int
    settings: ProfileSettings
    notes: tuple[str, ...] = ()

    @property
    def table(self) -> pd.DataFrame:
        """One row per SKU, columns ``TABLE_COLUMNS`` (a fresh copy on each access)."""
        rows = [tuple(getattr(item, name) for name in TABLE_COLUMNS) for item in self.items]
        return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))

    @property
    def skus(self) -> tuple[str, ...]:
        return tuple(item.sku for item in self.items)

    def item(self, sku: str) -> SkuProfile:
        """The profile of one SKU (KeyError when it is not in the data)."""
        for item in self.items:
            if item.sku == sku:
                return item
        raise KeyError(sku)

    @property
    def flagged(self) -> tuple[str, ...]:
        """SKUs whose demand is intermittent or lumpy."""
        return tuple(item.sku for item in self.items if item.intermittent)

    @property
    def warning(self) -> str | None:
        """``INTERMITTENT_WARNING`` when at least one SKU is intermittent or lumpy."""
        return INTERMITTENT_WARNING if self.flagged else None

    def class_counts(self) -> dict[DemandClass, int]:
        """Number of SKUs per Syntetos-Boylan class, every class present (0 when none)."""
        counts: dict[DemandClass, int] = dict.fromkeys(DEMAND_CLASSES, 0)
        for item in self.items:
            counts[item.demand_class] += 1
        return counts

    def abc_xyz_counts(self) -> pd.DataFrame:
        """Number of SKUs in each ABC (rows A, B, C) × XYZ (columns X, Y, Z) cell."""
        counts = pd.DataFrame(0, index=list("ABC"), columns=list("XYZ"), dtype=int)
        for item in self.items:
            counts.loc[item.abc, item.xyz] += 1
        return counts


def _skus_have(count: int) -> str:
    """``1 SKU has`` / ``3,000 SKUs have``: the subject of a note about ``count`` SKUs."""
    return "1 SKU has" if count == 1 else f"{count:,} SKUs have"


def profile_demand(demand: DemandData, settings: ProfileSettings | None = None) -> DemandProfile:
    """Profile every SKU of ``demand``; see :class:`SkuProfile` for each figure and its source.

    Sizes, variability and classes are computed for all SKUs at once; the STL strengths loop
    over the SKUs long enough for them (about 1-10 ms each).
    """
    settings = settings or ProfileSettings()
    period = settings.seasonal_period or SEASONAL_PERIODS[demand.frequency]
    frame = demand.frame.dropna(subset=["quantity"])
    skus = list(demand.skus)
    if not skus:
        return DemandProfile((), demand.frequency, period, settings, ("The data has no SKUs.",))

    quantity = frame["quantity"]
    positive = quantity.where(quantity > 0)
    groups = frame.assign(positive=positive, active=quantity > 0).groupby("sku", sort=False)
    stats = groups.agg(
        periods=("quantity", "size"),
        active_periods=("active", "sum"),
        total=("quantity", "sum"),
        mean=("quantity", "mean"),
        std=("quantity", "std"),
        size_mean=("positive", "mean"),
        size_std=("positive", "std"),
    ).reindex(skus)
    stats["periods"] = stats["periods"].fillna(0).astype(int)
    stats["active_periods"] = stats["active_periods"].fillna(0).astype(int)

    periods = stats["periods"].to_numpy(dtype=float)
    active = stats["active_periods"].to_numpy(dtype=float)
    mean = stats["mean"].to_numpy(dtype=float)
    std = stats["std"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        cv = np.where(mean > 0, std / mean, np.nan)
        adi = np.where(active > 0, periods / active, np.inf)
        size_cv = stats["size_std"].to_numpy(dtype=float) / stats["size_mean"].to_numpy(float)
    cv2 = np.where((active >= 2) & np.isfinite(size_cv), size_cv**2, 0.0)
    zero_share = np.where(periods > 0, 1.0 - active / np.maximum(periods, 1.0), np.nan)
    demand_class = np.where(
        adi < ADI_CUTOFF,
        np.where(cv2 < CV2_CUTOFF, "smooth", "erratic"),
        np.where(cv2 < CV2_CUTOFF, "intermittent", "lumpy"),
    )
    totals = stats["total"].to_numpy(dtype=float)
    grand = np.clip(totals, 0.0, None).sum()
    volume_share = np.clip(totals, 0.0, None) / grand if grand > 0 else np.zeros(len(skus))
    abc = abc_classes(totals, a_share=settings.abc_a_share, b_share=settings.abc_b_share)
    xyz = xyz_classes(cv, x_cv=settings.xyz_x_cv, y_cv=settings.xyz_y_cv)

    trend = np.full(len(skus), np.nan)
    seasonal = np.full(len(skus), np.nan)
    values_by_sku = dict(iter(frame.groupby("sku", sort=False)["quantity"]))
    for index, sku in enumerate(skus):
        values = values_by_sku.get(sku)
        if values is not None and len(values) >= 2 * period:
            trend[index], seasonal[index] = stl_strengths(values.to_numpy(dtype=float), period)

    notes: list[str] = []
    short = int(np.count_nonzero(periods < 2 * period))
    if short:
        notes.append(
            f"{_skus_have(short)} fewer than two full seasons ({2 * period} periods): "
            "their trend and seasonality strengths are left blank."
        )
    empty = int(np.count_nonzero(active == 0))
    if empty:
        notes.append(f"{_skus_have(empty)} no demand at all: they count as intermittent.")

    items = tuple(
        SkuProfile(
            sku=sku,
            periods=int(periods[i]),
            active_periods=int(active[i]),
            total=float(totals[i]),
            mean=float(mean[i]),
            std=float(std[i]),
            cv=float(cv[i]),
            adi=float(adi[i]),
            cv2=float(cv2[i]),
            demand_class=str(demand_class[i]),  # type: ignore[arg-type]
            zero_share=float(zero_share[i]),
            volume_share=float(volume_share[i]),
            abc=str(abc[i]),  # type: ignore[arg-type]
            xyz=str(xyz[i]),  # type: ignore[arg-type]
            trend_strength=float(trend[i]),
            seasonal_strength=float(seasonal[i]),
            intermittent=bool(demand_class[i] in ("intermittent", "lumpy")),
        )
        for i, sku in enumerate(skus)
    )
    return DemandProfile(items, demand.frequency, period, settings, tuple(notes))
