"""Tests for actlearn.plots.gradients: titled, labelled figures holding the expected data."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

import actlearn as al
from actlearn.labs import gradients
from actlearn.plots import gradients as pg


def _labelled(fig: Figure) -> list:
    assert isinstance(fig, Figure)
    for ax in fig.axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    return fig.axes


def test_derivative_bound_plot_draws_derivatives_and_quarter_line() -> None:
    (ax,) = _labelled(pg.derivative_bound_plot(("sigmoid", "tanh")))
    lines = ax.get_lines()
    x, y = lines[0].get_data()
    np.testing.assert_allclose(y, al.activation("sigmoid").derivative(x))
    assert any(np.allclose(line.get_ydata(), 0.25) for line in lines)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == "sigmoid' (max 0.25)" and legend[1] == "tanh' (max 1)"


def test_chain_product_plot_uses_log_scale_and_chain_gradients() -> None:
    (ax,) = _labelled(pg.chain_product_plot(depth=8, names=("sigmoid",), x0=0.0))
    assert ax.get_yscale() == "log"
    k, y = ax.get_lines()[0].get_data()
    np.testing.assert_allclose(y, np.abs(gradients.chain_gradients(0.0, 8)))
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), 0.25 ** np.arange(9))


@pytest.mark.parametrize(("name", "init", "scale"), [("sigmoid", "xavier", 1.0),
                                                     ("relu", "he", 1.5)])
def test_gradient_flow_plot_shows_the_flow_of_that_configuration(
    name: str, init: str, scale: float
) -> None:
    fig = pg.gradient_flow_plot(name, 6, init, scale, width=16, batch=8, seed=2)
    left, right = _labelled(fig)
    flow = gradients.gradient_flow(name, 6, 16, 8, init, scale, np.random.default_rng(2))
    np.testing.assert_allclose(left.get_lines()[0].get_ydata(), flow.weight_grad_norms)
    np.testing.assert_allclose(left.get_lines()[1].get_ydata(), flow.activation_grad_norms)
    np.testing.assert_allclose(right.get_lines()[0].get_ydata(), flow.activation_std)
    assert left.get_yscale() == "log" and len(left.get_legend().get_texts()) == 2
    assert fig.get_suptitle() == f"{name}, 6 layers, {init} init × {scale:g}"


def test_init_comparison_plot_draws_one_line_per_run() -> None:
    runs = (("tanh", "xavier", 1.0), ("relu", "he", 2.0))
    (ax,) = _labelled(pg.init_comparison_plot(runs, depth=5))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["tanh, xavier", "relu, he × 2"]
    flow = gradients.gradient_flow("relu", 5, init="he", scale=2.0, rng=np.random.default_rng(0))
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), flow.activation_grad_norms)
