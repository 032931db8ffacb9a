"""actlearn.plots.linear: deep linear nets are lines, XOR panels, fits without and with ReLU."""

from __future__ import annotations

import numpy as np
import pytest

from actlearn.labs import linear
from actlearn.plots import linear as plots
from tests.figure_summary import assert_labelled, lines


def _is_line(x: np.ndarray, y: np.ndarray) -> bool:
    coef = np.polyfit(x, y, 1)
    return bool(np.allclose(np.polyval(coef, x), y, atol=1e-9))


@pytest.mark.parametrize("depth", [1, 3, 10])
def test_deep_linear_networks_are_lines_matching_their_single_layer(depth: int) -> None:
    fig = plots.deep_network(depth, "linear")
    assert_labelled(fig, 1)
    drawn = lines(fig)
    assert len([k for k in drawn if k.startswith("network")]) == plots.N_NETWORKS
    for name in (f"network {i + 1}" for i in range(plots.N_NETWORKS)):
        assert _is_line(*drawn[name])
    x, y = drawn["network 1"]
    np.testing.assert_allclose(drawn["its single layer"][1], y, atol=1e-9)


def test_a_relu_network_is_not_a_line() -> None:
    drawn = lines(plots.deep_network(4, "relu"))
    assert not all(_is_line(*drawn[f"network {i + 1}"]) for i in range(plots.N_NETWORKS))
    assert "its single layer" not in drawn


def test_constant_gradient_draws_constant_slopes() -> None:
    fig = plots.constant_gradient()
    assert_labelled(fig, 2)
    slopes = lines(fig, 1)
    np.testing.assert_array_equal(slopes["d/dx of 2x + 3"][1], 2.0)
    np.testing.assert_array_equal(slopes["d/dx of x"][1], 1.0)
    x, relu_slope = slopes["d/dx of relu(x)"]
    np.testing.assert_array_equal(relu_slope, (x > 0).astype(float))


def test_xor_models_linear_panel_is_one_half_and_relu_panel_is_xor() -> None:
    fig = plots.xor_models(resolution=31)
    assert_labelled(fig, 2)
    linear_mesh, relu_mesh = (ax.collections[0] for ax in fig.axes[:2])
    np.testing.assert_allclose(linear_mesh.get_array(), 0.5, atol=1e-12)
    grid = np.linspace(-0.25, 1.25, 31)
    values = np.asarray(relu_mesh.get_array()).reshape(31, 31)
    corner = {v: int(np.argmin(np.abs(grid - v))) for v in (0.0, 1.0)}
    got = [values[corner[x2], corner[x1]] for x1, x2 in ((0, 0), (0, 1), (1, 0), (1, 1))]
    np.testing.assert_allclose(got, [0.0, 1.0, 1.0, 0.0], atol=0.06)


@pytest.mark.parametrize("curve", list(linear.CURVES))
def test_curve_fit_relu_beats_the_line_except_on_a_line(curve: str) -> None:
    fig = plots.curve_fit(8, curve)
    assert_labelled(fig, 1)
    names = list(lines(fig))
    line_mse = float(next(n for n in names if n.startswith("linear")).split()[-1])
    relu_mse = float(next(n for n in names if "ReLU" in n).split()[-1])
    assert relu_mse <= line_mse
    if curve != "2x + 3":
        assert relu_mse < 0.5 * line_mse


def test_curve_fit_with_no_units_is_the_line() -> None:
    drawn = lines(plots.curve_fit(0, "x²"))
    relu = next(v for k, v in drawn.items() if "ReLU" in k)
    line = next(v for k, v in drawn.items() if k.startswith("linear"))
    np.testing.assert_allclose(relu[1], line[1], atol=1e-9)


def test_network_fits_draws_each_prediction_with_its_error() -> None:
    x = np.linspace(-1, 1, 11)
    y = x**2
    xs = np.linspace(-1, 1, 101)
    fig = plots.network_fits(x, y, xs, {"exact": xs**2, "zero": np.zeros_like(xs)}, title="t")
    assert_labelled(fig, 1)
    drawn = lines(fig)
    assert set(drawn) == {"exact, MSE 0.00", f"zero, MSE {np.mean(y**2):.2f}"}
    np.testing.assert_allclose(drawn["exact, MSE 0.00"][1], xs**2)
