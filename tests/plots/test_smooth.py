"""Tests for actlearn.plots.smooth: titled, labelled figures holding the expected data."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

import actlearn as al
from actlearn.activations import SELU_ALPHA
from actlearn.labs.smooth import approximations, selfnorm
from actlearn.plots import smooth as ps


def _labelled(fig: Figure) -> list:
    assert isinstance(fig, Figure)
    for ax in fig.axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    return fig.axes


@pytest.mark.parametrize(("beta", "threshold"), [(1.0, 20.0), (3.0, 12.0)])
def test_softplus_plot_curves_and_switch(beta: float, threshold: float) -> None:
    left, right = _labelled(ps.softplus_plot(beta, threshold))
    x, y = left.get_lines()[1].get_data()
    np.testing.assert_allclose(y, al.activation("softplus", beta=beta, threshold=threshold)(x))
    np.testing.assert_allclose(left.get_lines()[2].get_ydata(), 1 / (1 + np.exp(-beta * x)))
    xs, excess = right.get_lines()[0].get_data()
    assert np.all(excess[xs > threshold / beta] == 0.0)
    assert np.all(excess[xs <= threshold / beta] > 0.0)
    jump = approximations.softplus_switch(beta, threshold).jump
    assert right.get_title() == f"The switch: a jump of {jump:.2e}"


def test_smooth_family_plot_one_line_per_activation() -> None:
    left, right = _labelled(ps.smooth_family_plot(("elu", "mish")))
    x, y = right.get_lines()[1].get_data()
    np.testing.assert_allclose(y, al.activation("mish").derivative(x))
    assert [t.get_text() for t in left.get_legend().get_texts()] == ["elu", "mish"]


def test_elu_celu_plot_uses_alpha() -> None:
    left, right = _labelled(ps.elu_celu_plot(alpha=0.5))
    x, y = left.get_lines()[1].get_data()
    np.testing.assert_allclose(y, al.activation("celu", alpha=0.5)(x))
    x, dy = right.get_lines()[0].get_data()
    np.testing.assert_allclose(dy, al.activation("elu", alpha=0.5).derivative(x))


def test_selu_fixed_point_plot_marks_solution_and_path() -> None:
    sol = selfnorm.solve_selu_constants()
    (ax,) = _labelled(ps.selu_fixed_point_plot(sol))
    lines = {line.get_label(): line for line in ax.get_lines()}
    np.testing.assert_allclose(lines["mean = 0"].get_xdata(), [sol.alpha, sol.alpha])
    np.testing.assert_allclose(lines["Newton iterates"].get_xdata(), [p[0] for p in sol.path])
    alphas, scales = lines["variance = 1"].get_data()
    i = np.argmin(np.abs(alphas - 1.7))
    var = selfnorm.selu_moments(alphas[i], scales[i])[1]
    assert var == pytest.approx(1.0, abs=1e-10)
    (published,) = [line for name, line in lines.items() if name.startswith("published")]
    np.testing.assert_array_equal(published.get_xdata(), [SELU_ALPHA])


def test_depth_statistics_plot_draws_each_run() -> None:
    run = selfnorm.DepthStatistics("selu", np.array([0.0, 0.1]), np.array([1.0, 0.5]))
    left, right = _labelled(ps.depth_statistics_plot([run]))
    np.testing.assert_array_equal(left.get_lines()[0].get_ydata(), run.mean)
    np.testing.assert_array_equal(right.get_lines()[0].get_ydata(), run.variance)
    assert right.get_yscale() == "log"


def test_gelu_approximation_plot_reports_max_errors() -> None:
    left, right = _labelled(ps.gelu_approximation_plot())
    labels = [t.get_text() for t in right.get_legend().get_texts()]
    assert labels == ["tanh form: max 4.7e-04", "x σ(1.702 x): max 2.0e-02"]
    x, y = left.get_lines()[0].get_data()
    np.testing.assert_allclose(y, al.activation("gelu")(x))


def test_hard_vs_smooth_plot_has_three_pairs() -> None:
    axes = _labelled(ps.hard_vs_smooth_plot())
    assert [ax.get_title().split(":")[0] for ax in axes] == ["hardsigmoid", "hardswish",
                                                             "hardtanh"]
    x, y = axes[1].get_lines()[1].get_data()
    np.testing.assert_allclose(y, al.activation("hardswish")(x))
