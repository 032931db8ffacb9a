"""Tests for actlearn.plots.engine and actlearn.plots.engine.graph: titled, labelled, right data."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from actlearn import Tensor
from actlearn.labs.engine.descent import descend
from actlearn.plots import engine as pe
from actlearn.plots.engine.graph import computation_graph, formula
from actlearn.training import History


def _labelled(fig: Figure) -> list:
    for ax in fig.axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    return fig.axes


@pytest.mark.parametrize(("lr", "word"), [(0.05, "converges"), (0.15, "oscillates"),
                                          (0.25, "diverges")])
def test_learning_rate_draws_the_path_and_losses(lr: float, word: str) -> None:
    left, right = _labelled(pe.learning_rate(lr, 30))
    path = descend(lr, 30)
    assert left.get_title() == f"α = {lr:.3g}: {word}"
    trail = left.get_lines()[0].get_xydata()
    np.testing.assert_allclose(trail, path.thetas[np.all(np.abs(path.thetas) < 50, axis=1)])
    np.testing.assert_allclose(right.get_lines()[0].get_ydata(), path.losses)
    assert right.get_yscale() == "log"


def test_learning_rate_sweep_has_one_curve_per_rate() -> None:
    (ax,) = _labelled(pe.learning_rate_sweep((0.005, 0.1), steps=10))
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["α = 0.005 (crawls)", "α = 0.1 (converges)"]
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), descend(0.1, 10).losses)


def test_training_curve_shows_steps_and_epoch_means() -> None:
    history = History(loss=[4.0, 2.0, 1.0, 0.5], epoch=[0, 0, 1, 1])
    (ax,) = _labelled(pe.training_curve(history, "toy"))
    steps, means = ax.get_lines()[1].get_data()
    np.testing.assert_array_equal(steps, [2, 4])
    np.testing.assert_allclose(means, [3.0, 0.75])
    assert ax.get_title() == "toy"


def test_digit_mistakes_shows_only_wrong_predictions() -> None:
    images = np.arange(5 * 64, dtype=float).reshape(5, 8, 8) % 17
    truth, predicted = np.array([1, 2, 3, 4, 5]), np.array([1, 7, 3, 9, 5])
    fig = pe.digit_mistakes(images, truth, predicted)
    assert [ax.get_title() for ax in fig.axes] == ["2 → 7", "4 → 9"]
    np.testing.assert_array_equal(fig.axes[1].get_images()[0].get_array(), images[3])
    assert fig.get_suptitle() == "2 of 5 test digits misread"
    assert pe.digit_mistakes(images, truth, truth).axes[0].get_title() == "no mistakes"


def test_computation_graph_boxes_show_values_and_gradients() -> None:
    w, x = Tensor(0.8, requires_grad=True), Tensor(1.5)
    out = (w * x).sigmoid()
    before = [t.get_text() for t in computation_graph(out, {"w": w, "x": x}).axes[0].texts
              if t.get_text()]
    assert before[0] == "w\nvalue 0.8\ngrad —"
    out.backward()
    fig = computation_graph(out, {"w": w, "x": x, "y": out}, title="after")
    (ax,) = _labelled(fig)
    texts = [t.get_text() for t in ax.texts if t.get_text()]
    assert texts[2].startswith("v1 = w * x\nvalue 1.2")
    assert texts[3] == "y = sigmoid(v1)\nvalue 0.7685\ngrad 1"
    arrows = [t for t in ax.texts if not t.get_text()]
    assert len(arrows) == 3  # one per edge: w→v1, x→v1, v1→y
    assert ax.get_title() == "after"


def test_formula_reads_like_maths() -> None:
    assert formula("+", ("a", "b")) == "a + b"
    assert formula("**3", ("d",)) == "d**3"
    assert formula("tanh", ("z",)) == "tanh(z)"
