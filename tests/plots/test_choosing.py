"""Tests for actlearn.plots.choosing: titled, labelled figures showing the measured data."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

import actlearn as al
from actlearn.labs.choosing.saturation import blocked_curve, output_gradients, response
from actlearn.plots import choosing as pc


def _axes(fig: Figure) -> list:
    axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    for ax in axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    return axes


def test_response_plot_draws_f_and_its_slope_and_the_measured_statistics() -> None:
    left, right = _axes(pc.response_plot("tanh", 2.0, n=5000, seed=3))
    x, y = left.lines[0].get_data()
    np.testing.assert_allclose(y, al.activation("tanh")(x))
    np.testing.assert_allclose(left.lines[1].get_ydata(), al.activation("tanh").derivative(x))
    assert x.min() == -6.0 and "N(0, 2²)" in left.get_title()
    stats = response("tanh", 2.0, 5000, np.random.default_rng(3))
    heights = [p.get_height() for p in right.patches]
    np.testing.assert_allclose(heights, [stats.blocked, stats.sparsity, stats.mean_output,
                                         stats.rms_slope])
    assert len(left.get_legend().get_texts()) == 3


def test_response_plot_binds_the_threshold_parameters() -> None:
    (left, _) = _axes(pc.response_plot("threshold", 5.0, n=1000))
    assert left.lines[0].get_ydata().max() > 10.0


def test_blocked_fraction_plot_has_one_measured_line_per_activation() -> None:
    (ax,) = _axes(pc.blocked_fraction_plot(("sigmoid", "relu"), scales=[0.5, 5.0, 50.0], n=2000))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["sigmoid", "relu"]
    np.testing.assert_allclose(ax.lines[0].get_ydata(),
                               blocked_curve("sigmoid", [0.5, 5.0, 50.0], 2000))
    np.testing.assert_allclose(ax.lines[1].get_ydata(), 0.5, atol=0.03)


def test_output_gradient_plot_shows_both_losses() -> None:
    (ax,) = _axes(pc.output_gradient_plot(target=0.0))
    z = ax.lines[0].get_xdata()
    ce, se = output_gradients(z, 0.0)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), np.abs(ce))
    np.testing.assert_allclose(ax.lines[1].get_ydata(), np.abs(se))
    assert ax.get_yscale() == "log" and "y = 0" in ax.get_title()


def test_cost_plot_sorts_bars_and_marks_relu() -> None:
    (ax,) = _axes(pc.cost_plot({"relu": 1.0, "gelu": 20.0, "tanh": 3.0}))
    widths = [p.get_width() for p in ax.patches]
    assert widths == [20.0, 3.0, 1.0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["gelu", "tanh", "relu"]
    with pytest.raises(ValueError, match="ratios is empty"):
        pc.cost_plot({})


def test_gate_surfaces_show_gate_times_value() -> None:
    axes = _axes(pc.gate_surfaces(("GLU", "SwiGLU"), limit=2.0))
    assert len(axes) == 2 and "silu" in axes[1].get_title()
    image = axes[1].images[0].get_array()
    grid = np.linspace(-2.0, 2.0, 121)
    np.testing.assert_allclose(image[-1, -1], al.activation("silu")(2.0) * 2.0)
    np.testing.assert_allclose(image[:, 60], 0.0, atol=1e-12)  # u = 0 closes every gate
    assert grid[60] == 0.0
    with pytest.raises(ValueError, match="unknown variants"):
        pc.gate_surfaces(("SwiGLUU",))


def test_learning_curves_plot_draws_one_line_per_activation_in_percent() -> None:
    from actlearn.labs.choosing.data_size import LearningCurves

    curves = LearningCurves((50, 400), {"relu": (0.7, 0.9), "tanh": (0.72, 0.91)}, 450)
    (ax,) = _axes(pc.learning_curves_plot(curves))
    assert len(ax.lines) == 2 and ax.get_xscale() == "log"
    np.testing.assert_allclose(ax.lines[1].get_ydata(), [72.0, 91.0])
    assert "450" in ax.get_title()


def test_regression_plot_shows_the_target_and_each_fit() -> None:
    from actlearn.labs.choosing.data_size import RegressionFit, regression_target

    x = np.linspace(-2, 2, 5)
    fits = [RegressionFit("tanh", 1e-3, x, regression_target(x) + 0.01)]
    (ax,) = _axes(pc.regression_plot(fits))
    np.testing.assert_allclose(ax.lines[0].get_ydata(), regression_target(x))
    np.testing.assert_allclose(ax.lines[1].get_ydata(), regression_target(x) + 0.01)
    assert "MSE 1.0e-03" in ax.get_legend().get_texts()[1].get_text()
    with pytest.raises(ValueError, match="empty"):
        pc.regression_plot([])
