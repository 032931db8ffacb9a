"""Lesson 12's library: SIREN networks, input derivatives, the image, the initialisation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actlearn import nn
from actlearn.engine import Tensor
from actlearn.labs.siren.fit import (
    SirenNet,
    fit_signal,
    fit_signals,
    input_gradient,
    make_model,
    omega_sweep,
    predict,
    relu_net,
    signal,
    signal_derivative,
)
from actlearn.labs.siren.image import digit_image, fit_images, pixel_grid, upsample
from actlearn.labs.siren.init import (
    arcsine_cdf,
    ks_to_arcsine,
    layer_statistics,
    random_outputs,
    weight_bound,
)


def test_siren_and_relu_networks_have_the_same_size() -> None:
    siren = SirenNet([2, 16, 16, 1], rng=np.random.default_rng(0))
    assert siren.num_parameters() == relu_net([2, 16, 16, 1]).num_parameters()
    assert all(isinstance(layer, nn.Siren) for layer in siren.layers)
    assert siren.layers[0].is_first and not siren.layers[1].is_first
    assert np.abs(siren.out.weight.data).max() <= weight_bound(16, 30.0)
    scaled = SirenNet([2, 16, 16, 1], rng=np.random.default_rng(0), weight_scale=30.0)
    np.testing.assert_allclose(scaled.layers[1].weight.data, 30 * siren.layers[1].weight.data)
    with pytest.raises(ValueError, match="at least one hidden layer"):
        SirenNet([1, 1])
    with pytest.raises(ValueError, match="kind must be 'siren' or 'relu'"):
        make_model("tanh", (1, 4, 1))


def test_signal_derivative_matches_central_differences() -> None:
    x, h = np.linspace(-1, 1, 101), 1e-6
    np.testing.assert_allclose(signal_derivative(x), (signal(x + h) - signal(x - h)) / (2 * h),
                               rtol=1e-5, atol=1e-5)


def test_input_gradient_matches_central_differences() -> None:
    model = SirenNet([2, 8, 1], omega_0=5.0, rng=np.random.default_rng(1))
    X = np.random.default_rng(2).uniform(-1, 1, (5, 2))
    grad = input_gradient(model, X)
    h = 1e-6
    for j in range(2):
        step = np.zeros(2)
        step[j] = h
        numeric = (predict(model, X + step) - predict(model, X - step))[:, 0] / (2 * h)
        np.testing.assert_allclose(grad[:, j], numeric, rtol=1e-5, atol=1e-7)
    assert isinstance(model(Tensor(X)), Tensor)


def test_siren_fits_the_signal_and_its_derivative_far_better_than_relu() -> None:
    siren, relu = fit_signals([("s", "siren", (1, 32, 32, 1), 30.0, 0, 1.0, {"steps": 250}),
                               ("r", "relu", (1, 32, 32, 1), 30.0, 0, 1.0,
                                {"steps": 250, "lr": 1e-2})], workers=1)
    assert siren.mse < relu.mse / 10
    assert siren.derivative_error < relu.derivative_error / 3
    assert siren.x.shape == siren.prediction.shape == siren.derivative.shape == (2001,)


def test_omega_sweep_keys_and_the_missing_omega_factor_fails_between_samples() -> None:
    sweep = omega_sweep([10, 30], sizes=(1, 32, 32, 1), steps=200, workers=1)
    assert list(sweep) == [10.0, 30.0] and sweep[30.0].name == "SIREN, ω₀ = 30"
    bad = fit_signal(make_model("siren", (1, 32, 32, 1), 30.0, 0, weight_scale=30.0), "bad",
                     steps=200)
    assert bad.mse > 100 * sweep[30.0].mse


def test_upsample_keeps_corners_and_is_linear_between() -> None:
    image = np.arange(9.0).reshape(3, 3)
    big = upsample(image, 5)
    assert big[0, 0] == 0 and big[-1, -1] == 8 and big[0, 2] == 1 and big[2, 2] == 4
    with pytest.raises(ValueError, match="square 2-D image"):
        upsample(np.ones((2, 3)), 4)


def test_digit_image_and_pixel_grid() -> None:
    image = digit_image(0, 16)
    assert image.shape == (16, 16) and image.min() >= -1 and image.max() <= 1
    grid = pixel_grid(4)
    assert grid.shape == (16, 2) and tuple(grid[1]) == (-1 + 2 / 3, -1.0)


def test_image_fit_reports_errors_at_and_between_pixels() -> None:
    (fit,) = fit_images([("s", "siren", 8, (32, 32), 10.0, 0, 150, 1e-3)], workers=1)
    assert fit.reconstruction.shape == fit.gradient_norm.shape == (16, 16)
    assert fit.train_mse < 1e-4 < fit.fine_mse < 0.1


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 5000), st.floats(0.5, 100.0), st.booleans())
def test_weight_bound_formula(n, omega, first) -> None:
    expected = 1 / n if first else np.sqrt(6 / n) / omega
    assert weight_bound(n, omega, first) == pytest.approx(expected)


def test_arcsine_tools() -> None:
    np.testing.assert_allclose(arcsine_cdf(np.array([-1.0, 0.0, 1.0])), [0.0, 0.5, 1.0])
    samples = np.sin(np.random.default_rng(0).uniform(0, 2 * np.pi, 20_000))
    assert ks_to_arcsine(samples) < 0.02
    assert ks_to_arcsine(np.random.default_rng(0).uniform(-1, 1, 20_000)) > 0.1


def test_layer_statistics_stay_arcsine_through_depth_with_the_paper_init() -> None:
    stats = layer_statistics(depth=4, width=128, n_points=1000)
    assert [s.layer for s in stats] == [1, 2, 3, 4]
    assert all(s.ks < 0.08 for s in stats)
    assert all(0.6 < s.out_std < 0.8 for s in stats)  # arcsine: std 1/sqrt(2)
    wide = layer_statistics(depth=3, width=128, n_points=1000, weight_scale=30.0)
    assert wide[-1].pre_std > 10 * stats[-1].pre_std
    with pytest.raises(ValueError, match="must be positive"):
        layer_statistics(depth=0)


def test_random_outputs_rows_per_seed() -> None:
    x = np.linspace(-1, 1, 50)[:, None]
    out = random_outputs(30.0, x, seeds=(0, 1), hidden=(8,))
    assert out.shape == (2, 50) and not np.allclose(out[0], out[1])


def test_turning_points_count_wiggles() -> None:
    from actlearn.labs.siren.init import turning_points

    x = np.linspace(0.0, 1.0, 1001)
    assert turning_points(x) == 0 and turning_points(x**2 - x) == 1
    assert turning_points(np.sin(20 * np.pi * x)) == 20
    assert turning_points(np.array([0.0, 1.0, 1.0, 0.0])) == 1  # a flat step is not a turn


def test_sine_variance_matches_quadrature_and_tends_to_the_arcsine_half() -> None:
    from actlearn.activations.moments import activation_moments
    from actlearn.labs.siren.init import sine_variance

    for std in (0.5, 1.0, 1.5, 3.0):
        assert sine_variance(std) == pytest.approx(activation_moments("sin", std=std)[1], abs=1e-9)
    assert sine_variance(1.0) < 0.44 and sine_variance(1.5) > 0.49 and sine_variance(10.0) == 0.5


def test_gradient_error_is_zero_for_the_target_and_checks_shapes() -> None:
    from actlearn.labs.siren.image import ImageFit, digit_image, gradient_error

    t = digit_image(0, 16)
    flat = ImageFit("flat", t, np.zeros_like(t), 0.0, 0.0)
    assert gradient_error(flat, t) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="grid"):
        gradient_error(flat, digit_image(0, 8))
