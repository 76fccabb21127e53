"""Demand profile per SKU: size, variability and the Syntetos-Boylan demand class."""

from __future__ import annotations

from typing import Literal

import numpy as np

DemandClass = Literal["smooth", "erratic", "intermittent", "lumpy"]

#: Cut-offs of Syntetos, Boylan & Croston (2005), "On the categorization of demand patterns",
#: Journal of the Operational Research Society 56(5): ADI 1.32 and CV² 0.49.
ADI_CUTOFF = 1.32
CV2_CUTOFF = 0.49


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
