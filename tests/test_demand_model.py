"""The demand model shared by the buffers and the simulation: its formulas, its fit, its draws."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jitcore.demand_model import (
    DemandModel,
    ar1_noise,
    fit_demand_model,
    variance_factor,
)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 40), rho=st.floats(-0.9, 0.95))
def test_variance_factor_is_the_double_sum_of_correlations(n: int, rho: float) -> None:
    """V(n; ρ) = Σ_i Σ_j ρ^|i−j| (Box, Jenkins & Reinsel, Time Series Analysis, §3.2)."""
    i = np.arange(n)
    brute = float(np.sum(rho ** np.abs(i[:, None] - i[None, :])))
    assert variance_factor(n, rho) == pytest.approx(brute, rel=1e-12)


def test_variance_factor_special_cases() -> None:
    assert variance_factor(5, 0.0) == 5.0  # independent errors: σ_n = √n·σ₁
    assert variance_factor(2, 0.5) == pytest.approx(3.0)
    assert variance_factor(0, 0.7) == 0.0
    # fractional periods interpolate the variance
    assert variance_factor(2.5, 0.5) == pytest.approx(0.5 * 3.0 + 0.5 * variance_factor(3, 0.5))


def test_ar1_noise_has_unit_variance_its_correlation_and_the_summed_variance() -> None:
    rng = np.random.default_rng(1)
    u = ar1_noise(0.6, 20_000, 12, rng)
    assert u.var() == pytest.approx(1.0, abs=0.02)
    lag1 = np.mean(u[:, 1:] * u[:, :-1])
    assert lag1 == pytest.approx(0.6, abs=0.02)
    # 20,000 sums of 3: the variance's standard error is about 1 % (√(2/20,000))
    assert u[:, :3].sum(axis=1).var() == pytest.approx(variance_factor(3, 0.6), rel=0.04)


def _ar1_backtest(rho: float, origins: int, steps: int = 12, seed: int = 0) -> np.ndarray:
    """Backtest errors (origins × steps) of a forecast whose errors are AR(1) with ``rho``."""
    rng = np.random.default_rng(seed)
    return 10.0 * ar1_noise(rho, origins, steps, rng)


def test_fit_recovers_a_strong_correlation_and_shrinks_it_by_the_origins() -> None:
    history = np.random.default_rng(2).normal(100, 10, 300)
    errors = _ar1_backtest(0.6, 2_000)
    model = fit_demand_model("X", history, backtest_errors=errors)
    assert model.kind == "normal"
    assert model.sigma == pytest.approx(10.0, rel=0.05)
    weight = 2_000 / (2_000 + 24)
    assert model.correlation == pytest.approx(0.6 * weight, abs=0.05)
    assert "origins" in model.sigma_source


def test_fit_sets_a_correlation_within_noise_to_zero() -> None:
    history = np.random.default_rng(3).normal(100, 10, 300)
    model = fit_demand_model("X", history, backtest_errors=_ar1_backtest(0.0, 36, seed=4))
    assert model.correlation == 0.0
    assert model.exposure_sd(3, 100.0) == pytest.approx(np.sqrt(3) * model.sigma)


def test_without_a_backtest_the_demand_sd_is_used() -> None:
    history = np.random.default_rng(5).normal(50, 5, 30)
    model = fit_demand_model("X", history)
    assert model.sigma == pytest.approx(np.std(history, ddof=1))
    assert "no backtest" in model.reason


def test_multiplicative_errors_grow_with_the_level() -> None:
    rng = np.random.default_rng(6)
    forecasts = rng.uniform(50, 150, (400, 6))
    errors = forecasts * 0.1 * rng.standard_normal((400, 6))
    history = rng.uniform(50, 150, 200)
    model = fit_demand_model(
        "X",
        history,
        method="holt_winters_multiplicative",
        backtest_errors=errors,
        backtest_forecasts=forecasts,
    )
    assert model.kind == "multiplicative"
    assert model.sigma == pytest.approx(0.1, rel=0.1)  # a share of the forecast
    assert model.exposure_sd(1, 200.0) == pytest.approx(2 * model.exposure_sd(1, 100.0))
    paths = model.draw(np.full(50, 200.0), 4_000, np.random.default_rng(7))
    assert paths.std() == pytest.approx(200.0 * model.sigma, rel=0.05)


def _compound(sizes=(1.0, 2.0, 8.0), share=0.25, n=400, seed=8) -> tuple[DemandModel, np.ndarray]:
    rng = np.random.default_rng(seed)
    history = np.where(rng.random(n) < share, rng.choice(sizes, n), 0.0)
    return fit_demand_model("X", history), history


def test_compound_draws_keep_sizes_in_history_and_the_forecast_mean() -> None:
    model, history = _compound()
    assert model.kind == "compound"
    sizes = set(np.unique(history[history > 0]))
    low, high = history.mean() / 2, history.mean() * 2
    for mean in (low, high):
        paths = model.draw(np.full(60, mean), 5_000, np.random.default_rng(9))
        assert paths.mean() == pytest.approx(mean, rel=0.03)
        assert set(np.unique(paths[paths > 0])) <= sizes  # no size outside the history
    # half the history's mean: demand half as often, same sizes
    paths = model.draw(np.full(60, low), 5_000, np.random.default_rng(10))
    assert (paths > 0).mean() == pytest.approx(model.occurrence / 2, abs=0.01)


def test_compound_sizes_grow_only_when_every_period_has_demand() -> None:
    model, history = _compound()
    mean = history.mean() / model.occurrence * 2  # twice the mean size, every period
    paths = model.draw(np.full(30, mean), 2_000, np.random.default_rng(11))
    assert (paths > 0).all()
    assert paths.mean() == pytest.approx(mean, rel=0.03)


def test_compound_exposure_sample_is_binomial_for_unit_sizes() -> None:
    """Sizes all 1, occurrence p: demand over n periods is Binomial(n, p)."""
    from scipy.stats import binom

    model, history = _compound(sizes=(1.0,), share=0.3)
    sample = model.exposure_sample(3, history.mean())
    p = model.occurrence
    for k in range(4):
        assert np.mean(sample <= k) == pytest.approx(binom.cdf(k, 3, p), abs=0.015)
    assert model.exposure_sd(3, history.mean()) == pytest.approx(np.sqrt(3 * p * (1 - p)))


def test_compound_exposure_sample_with_a_random_lead_time_is_wider() -> None:
    model, history = _compound()
    fixed = model.exposure_sample(3, history.mean())
    varied = model.exposure_sample(3, history.mean(), lead_time_sd=1.0)
    assert varied.std() > fixed.std()
    assert varied.mean() == pytest.approx(fixed.mean(), rel=0.05)
    # seeded per SKU: the same model gives the same draws
    np.testing.assert_array_equal(fixed, model.exposure_sample(3, history.mean()))


def test_warmup_model_measures_the_seasonal_naive_error_known_at_the_first_origin() -> None:
    """The prior is the warm-up's backtest of the seasonal naive forecast y_{t−12}: around a
    stable season (±40) with i.i.d. N(0, 10²) noise its one-step error has σ = √2·10; a trend
    of 2 per period adds a bias of 12·2 = 24, so the root mean square is √(24² + 2·10²)."""
    from jitcore.demand_model import DemandModel, warmup_model

    rng = np.random.default_rng(11)
    t = np.arange(120)
    season = 500 + 40 * np.sin(2 * np.pi * t / 12)
    noise = rng.normal(0, 10, 120)
    prior = DemandModel("normal", sigma=99.0, correlation=0.5)
    flat = warmup_model(prior, season + noise, season=12)
    assert flat.sigma == pytest.approx(np.sqrt(2) * 10.0, rel=0.12)
    assert "warm-up" in flat.sigma_source and "seasonal naive" in flat.sigma_source
    trending = warmup_model(prior, season + 2.0 * t + noise, season=12)
    assert trending.sigma == pytest.approx(np.sqrt(24.0**2 + 200.0), rel=0.08)
    share = warmup_model(DemandModel("multiplicative", sigma=0.5), season + noise, season=12)
    assert share.kind == "multiplicative"
    assert share.sigma == pytest.approx(np.sqrt(2) * 10.0 / 500.0, rel=0.12)


def test_warmup_model_of_an_intermittent_item_uses_the_warm_up_sizes() -> None:
    from jitcore.demand_model import warmup_model

    history = np.array([0, 3, 0, 0, 5, 0, 2, 0, 0, 0, 40, 0, 60, 0, 0, 50], dtype=float)
    full = fit_demand_model("X", history, choice="intermittent")
    early = warmup_model(full, history[:10], season=12)
    assert early.kind == "compound"
    assert sorted(early.sizes) == [2.0, 3.0, 5.0]  # the later sizes 40-60 were not known
    assert early.occurrence == pytest.approx(0.3)


@given(st.floats(0.01, 1e4), st.integers(0, 2**31 - 1))
def test_warmup_sigma_scales_with_the_units(factor, seed) -> None:
    """Normal σ₁ is in units (× factor); the multiplicative share is unit-free."""
    from jitcore.demand_model import DemandModel, warmup_model

    y = np.random.default_rng(seed).gamma(4.0, 25.0, 40)
    a = warmup_model(DemandModel("normal"), y, season=12)
    b = warmup_model(DemandModel("normal"), y * factor, season=12)
    assert b.sigma == pytest.approx(a.sigma * factor, rel=1e-9)
    m1 = warmup_model(DemandModel("multiplicative"), y, season=12)
    m2 = warmup_model(DemandModel("multiplicative"), y * factor, season=12)
    assert m2.sigma == pytest.approx(m1.sigma, rel=1e-9)
