"""The numpy benchmark methods against slow, obvious references and statsmodels; the method
interface's promises (fit then predict equals forecast, no peeking past an origin)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jitcore.errors import JitError
from jitcore.forecast.base import FitContext
from jitcore.forecast.registry import METHODS, get_method
from jitcore.forecast.simple import fit_ses_alpha, ses_levels

RNG = np.random.default_rng(7)
SEASONAL = 50 + 10 * np.sin(np.arange(60) * 2 * np.pi / 12) + RNG.normal(0, 2, 60)


def _paths(name: str, y: np.ndarray, origins, horizon: int, **overrides) -> np.ndarray:
    method = METHODS[name]
    context = FitContext(12, overrides)
    model = method.fit(y, context)
    return method.paths(y, model, np.asarray(origins), horizon)


def test_naive_repeats_the_last_value() -> None:
    y = np.array([3.0, 5.0, 4.0, 8.0])
    paths = _paths("naive", y, [1, 2, 4], 3)
    assert paths.tolist() == [[3.0] * 3, [5.0] * 3, [8.0] * 3]
    assert np.isnan(_paths("naive", y, [0], 2)).all()


def test_seasonal_naive_matches_a_loop() -> None:
    y = SEASONAL
    origins = np.array([12, 30, 60])
    horizon = 30
    paths = _paths("seasonal_naive", y, origins, horizon)
    for i, origin in enumerate(origins):
        for h in range(1, horizon + 1):
            # slow reference: go back whole seasons until inside the observed history
            t = origin + h - 1
            while t >= origin:
                t -= 12
            assert paths[i, h - 1] == y[t]


def test_average_and_moving_average_match_loops() -> None:
    y = SEASONAL
    origins = np.arange(5, 60)
    average = _paths("average", y, origins, 2)
    moving = _paths("moving_average", y, origins, 2, window=4)
    for i, origin in enumerate(origins):
        assert average[i, 0] == pytest.approx(sum(y[:origin]) / origin)
        assert moving[i, 1] == pytest.approx(sum(y[origin - 4 : origin]) / 4)


def test_moving_average_window_is_fitted_by_one_step_mse() -> None:
    y = SEASONAL
    model = METHODS["moving_average"].fit(y, FitContext())
    window = int(model.parameters["window"])

    def mse(w: int) -> float:  # compared from period 12 on, as the fit does
        errors = [y[t] - np.mean(y[t - w : t]) for t in range(12, len(y))]
        return float(np.mean(np.square(errors)))

    assert mse(window) == pytest.approx(min(mse(w) for w in range(2, 13)))


def test_ses_levels_match_the_recursion_by_hand() -> None:
    # ℓ1 = 10; ℓ2 = 10 + 0.5(20 − 10) = 15; ℓ3 = 15 + 0.5(12 − 15) = 13.5
    levels = ses_levels(np.array([10.0, 20.0, 12.0]), 0.5)
    assert np.isnan(levels[0])
    assert levels[1:].tolist() == [10.0, 15.0, 13.5]


def test_ses_matches_statsmodels() -> None:
    from statsmodels.tsa.holtwinters import SimpleExpSmoothing

    y = SEASONAL
    model = SimpleExpSmoothing(y, initialization_method="known", initial_level=y[0])
    fixed = model.fit(smoothing_level=0.3, optimized=False)
    ours = _paths("ses", y, np.arange(1, len(y) + 1), 1, alpha=0.3)[:, 0]
    np.testing.assert_allclose(ours[:-1], fixed.fittedvalues[1:], rtol=1e-12)
    assert ours[-1] == pytest.approx(fixed.forecast(1)[0])
    optimised = model.fit()
    assert fit_ses_alpha(y) == pytest.approx(optimised.params["smoothing_level"], abs=2e-3)


@pytest.mark.parametrize("name", list(METHODS))
def test_fit_then_predict_equals_forecast_and_fitted_are_one_step(name: str) -> None:
    """statsmodels' property: forecasting from the end equals predicting with the fitted model,
    and fitted[t] is the one-step forecast from origin t."""
    method = get_method(name)
    y = SEASONAL + 5
    model = method.fit(y, FitContext(12, {}))
    predicted = method.predict(y, model, 15)
    paths = method.paths(y, model, np.array([len(y)]), 15)[0]
    np.testing.assert_allclose(predicted, paths)
    fitted = method.fitted(y, model)
    for t in (20, 40, 59):
        assert fitted[t] == pytest.approx(method.paths(y, model, np.array([t]), 1)[0, 0])


@pytest.mark.parametrize("name", list(METHODS))
def test_paths_never_use_data_after_their_origin(name: str) -> None:
    method = get_method(name)
    y = SEASONAL + 5
    model = method.fit(y[:40], FitContext(12, {}))
    changed = y.copy()
    changed[45:] *= 3.0  # a spike after origin 45
    origins = np.array([30, 40, 45])
    before = method.paths(y, model, origins, 12)
    after = method.paths(changed, model, origins, 12)
    np.testing.assert_array_equal(before, after)


def test_method_checks_raise_plain_errors() -> None:
    with pytest.raises(JitError, match="above zero"):
        get_method("holt_winters_multiplicative").check(np.r_[SEASONAL, 0.0], 12)
    with pytest.raises(JitError, match="seasonal"):
        get_method("seasonal_naive").check(SEASONAL, 1)
    with pytest.raises(JitError, match="at least"):
        get_method("ets").check(SEASONAL[:5], 1)
    with pytest.raises(JitError, match="Unknown"):
        get_method("arima")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(0, 1000, allow_nan=False), min_size=3, max_size=40),
    st.integers(1, 8),
)
def test_flat_methods_forecast_within_the_history_range(values: list[float], horizon: int) -> None:
    """Averages of past values (average, moving average, SES) never leave the history's range."""
    y = np.array(values)
    for name in ("average", "moving_average", "ses"):
        method = get_method(name)
        forecast = method.predict(y, method.fit(y, FitContext()), horizon)
        assert np.all(forecast >= y.min() - 1e-9)
        assert np.all(forecast <= y.max() + 1e-9)
