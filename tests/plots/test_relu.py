"""Tests for actlearn.plots.relu: titled, labelled figures holding the expected data."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

import actlearn as al
from actlearn.labs.relu.training import DyingRun, SlopeRun
from actlearn.plots import relu as pr


def _labelled(fig: Figure) -> list:
    assert isinstance(fig, Figure)
    for ax in fig.axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    return fig.axes


def _finite(line) -> tuple[np.ndarray, np.ndarray]:
    x, y = (np.asarray(v, dtype=float) for v in line.get_data())
    keep = np.isfinite(x) & np.isfinite(y)
    return x[keep], y[keep]


def test_family_panels_follow_their_parameters() -> None:
    axes = _labelled(pr.family_panels(negative_slope=0.3, threshold=4.0))
    assert len(axes) == 4
    x, y = _finite(axes[1].get_lines()[0])
    np.testing.assert_allclose(y, al.activation("threshold", threshold=4.0, value=0.0)(x))
    assert "T = 4" in axes[1].get_title()
    x, y = _finite(axes[2].get_lines()[0])
    np.testing.assert_allclose(y, al.activation("leaky_relu", negative_slope=0.3)(x))
    x, dy = _finite(axes[2].get_lines()[1])
    np.testing.assert_allclose(dy, np.where(x > 0, 1.0, 0.3))
    assert len(axes[0].get_legend().get_texts()) == 2


def test_threshold_curve_is_broken_at_the_jump() -> None:
    axes = pr.family_panels(threshold=10.0).axes
    y = axes[1].get_lines()[0].get_ydata()
    assert np.isnan(y).sum() == 1


def test_crelu_plot_has_both_channels() -> None:
    (ax,) = _labelled(pr.crelu_plot())
    (x, pos), (_, neg) = (line.get_data() for line in ax.get_lines()[:2])
    np.testing.assert_allclose(pos, np.maximum(x, 0))
    np.testing.assert_allclose(neg, np.maximum(-x, 0))


def test_sparsity_plot_bars_and_labels() -> None:
    (ax,) = _labelled(pr.sparsity_plot({"relu": 0.5, "tanh": 0.0}))
    np.testing.assert_allclose([p.get_width() for p in ax.patches], [0.5, 0.0])
    assert [t.get_text() for t in ax.texts] == ["50.0%", "0.0%"]


def test_dying_plot_draws_dead_counts_and_loss() -> None:
    run = DyingRun("relu", 0.05, -1.0, 8, np.array([1.0, 0.5]), np.array([0, 3, 4]))
    left, right = _labelled(pr.dying_plot([run]))
    np.testing.assert_array_equal(left.get_lines()[0].get_ydata(), [0, 3, 4])
    np.testing.assert_array_equal(right.get_lines()[0].get_xdata(), [1, 2])
    assert left.get_legend().get_texts()[0].get_text() == "relu, lr 0.05, bias -1"
    assert right.get_yscale() == "log"


def test_prelu_slope_plot_shows_slope_and_fit() -> None:
    x = np.linspace(-1, 1, 5)
    run = SlopeRun(np.array([0.25, -0.5, -0.9]), np.ones(2), x, np.abs(x), np.abs(x) * 0.9)
    left, right = _labelled(pr.prelu_slope_plot(run))
    np.testing.assert_array_equal(left.get_lines()[0].get_ydata(), run.slope)
    assert left.get_title() == "PReLU slope: 0.25 → -0.900"
    np.testing.assert_array_equal(right.get_lines()[1].get_ydata(), run.fitted)


def test_scale_invariance_plot_reports_zero_gap_for_relu_only() -> None:
    left, right = _labelled(pr.scale_invariance_plot(a=2.5, other="tanh"))
    assert left.get_title() == "relu: max gap 0"
    assert right.get_title().startswith("tanh: max gap") and right.get_title() != "tanh: max gap 0"
    x, y = left.get_lines()[0].get_data()
    np.testing.assert_allclose(y, np.maximum(2.5 * x, 0))
