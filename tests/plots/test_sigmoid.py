"""actlearn.plots.sigmoid: slopes peak at a/4 and a, the tanh identity, centring, the fit."""

from __future__ import annotations

import numpy as np
import pytest

import actlearn as al
from actlearn.plots import sigmoid as plots
from tests.figure_summary import assert_labelled, lines


@pytest.mark.parametrize(("slope", "bias"), [(1.0, 0.0), (2.5, -1.0), (-1.5, 2.0)])
def test_sigmoid_and_tanh_curves_and_slopes(slope: float, bias: float) -> None:
    fig = plots.sigmoid_and_tanh(slope, bias)
    assert_labelled(fig, 2)
    x, s = lines(fig, 0)["sigmoid(a·x + b)"]
    np.testing.assert_allclose(s, al.activation("sigmoid")(slope * x + bias))
    slopes = list(lines(fig, 1).values())
    assert np.max(np.abs(slopes[0][1])) == pytest.approx(abs(slope) / 4, rel=1e-3)
    assert np.max(np.abs(slopes[1][1])) == pytest.approx(abs(slope), rel=1e-3)


def test_tanh_identity_difference_is_rounding_only() -> None:
    fig = plots.tanh_identity()
    assert_labelled(fig, 2)
    drawn = lines(fig, 0)
    np.testing.assert_allclose(drawn["2σ(2x) − 1"][1], drawn["tanh(x)"][1], atol=1e-15)
    (diff,) = fig.axes[1].get_lines()
    assert np.max(np.abs(diff.get_ydata())) < 8  # in units of machine epsilon


@pytest.mark.parametrize(("spread", "shift"), [(1.0, 0.0), (3.0, 1.0)])
def test_output_distributions_report_the_means(spread: float, shift: float) -> None:
    fig = plots.output_distributions(spread, shift)
    assert_labelled(fig, 1)
    z = np.random.default_rng(0).normal(shift, spread, plots.N_SAMPLES)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == [f"sigmoid: mean {al.activation('sigmoid')(z).mean():+.2f}",
                      f"tanh: mean {al.activation('tanh')(z).mean():+.2f}"]


def test_centred_inputs_give_tanh_mean_near_zero_and_sigmoid_near_half() -> None:
    legend = [t.get_text() for t in plots.output_distributions().axes[0].get_legend().get_texts()]
    assert abs(float(legend[0].split()[-1]) - 0.5) < 0.02
    assert abs(float(legend[1].split()[-1])) < 0.02


def test_logistic_probability_draws_the_curve_and_the_boundary() -> None:
    x = np.array([0.0, 1.0, 2.0, 3.0])
    y = np.array([0.0, 0.0, 1.0, 1.0])
    fig = plots.logistic_probability(x, y, w=2.0, b=-3.0, classes=("no", "yes"))
    assert_labelled(fig, 1)
    drawn = lines(fig)
    xs, p = drawn["p(class yes | x)"]
    np.testing.assert_allclose(p, al.activation("sigmoid")(2.0 * xs - 3.0))
    np.testing.assert_allclose(drawn["p = 1/2 at x = 1.50"][0], 1.5)


def test_softsign_and_tanh_draw_both_curves_and_slopes() -> None:
    fig = plots.softsign_and_tanh()
    assert_labelled(fig, 2)
    x, soft = lines(fig, 0)["softsign(x)"]
    np.testing.assert_allclose(soft, x / (1 + np.abs(x)))
    slopes = lines(fig, 1)
    np.testing.assert_allclose(slopes["softsign'(x)"][1], 1 / (1 + np.abs(x)) ** 2)
    far = np.abs(x) >= 3
    assert np.all(slopes["softsign'(x)"][1][far] > slopes["tanh'(x)"][1][far])
    assert fig.axes[1].get_yscale() == "log"
