"""Tests for actlearn.plots.boundaries: titled, labelled figures showing the expected data."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from actlearn.labs.boundaries.approximation import max_error, relu_interpolant, target
from actlearn.labs.boundaries.planes import DATASETS, plane_data, train_boundary
from actlearn.plots import boundaries as pb


def _labelled(fig: Figure) -> list:
    for ax in fig.axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    return fig.axes


def test_datasets_overview_scatters_every_point() -> None:
    axes = _labelled(pb.datasets_overview())
    assert len(axes) == len(DATASETS)
    for ax, name in zip(axes, DATASETS, strict=True):
        data = plane_data(name)
        shown = np.concatenate([c.get_offsets() for c in ax.collections])
        assert len(shown) == len(data.y)
        assert len(ax.get_legend().get_texts()) == len(data.class_names)


@pytest.mark.parametrize(("dataset", "activation", "width", "steps"),
                         [("spirals", "relu", 16, 200), ("iris", "tanh", 4, 60),
                          ("xor", "linear", 8, 0)])
def test_decision_boundary_shows_the_snapshot(dataset, activation, width, steps) -> None:
    left, right = _labelled(pb.decision_boundary(dataset, activation, width, steps))
    run = train_boundary(dataset, activation, width)
    i = run.index(steps)
    image = left.get_images()[0].get_array()
    assert image.shape == run.probs[i].shape[:2] + (3,)
    assert f"accuracy {100 * run.accuracy[i]:.1f} %" in left.get_title()
    assert f"{run.steps[i]} steps" in left.get_title()
    loss_line = right.get_lines()[0]
    np.testing.assert_allclose(loss_line.get_ydata(), run.loss)
    assert right.get_lines()[1].get_xdata()[0] == run.steps[i]


def test_decision_boundary_images_differ_between_steps() -> None:
    early = pb.decision_boundary("spirals", "relu", 16, 0).axes[0].get_images()[0].get_array()
    late = pb.decision_boundary("spirals", "relu", 16, 200).axes[0].get_images()[0].get_array()
    assert not np.allclose(early, late)


@pytest.mark.parametrize("n", [1, 5, 12])
def test_relu_pieces_draws_target_sum_and_each_unit(n: int) -> None:
    left, right = _labelled(pb.relu_pieces("bump", n))
    f, (low, high) = target("bump")
    fit = relu_interpolant(f, low, high, n)
    lines = {line.get_label(): line for line in left.get_lines()}
    xs, ys = lines[f"sum of {n} ReLU units"].get_data()
    np.testing.assert_allclose(ys, fit(xs))
    np.testing.assert_allclose(lines["target: bump"].get_ydata(), f(xs))
    assert f"max error {max_error(f, fit, low, high):.3g}" in left.get_title()
    units = right.get_lines()[:n]
    np.testing.assert_allclose(np.array([u.get_ydata() for u in units]), fit.terms(xs))


def test_approximation_error_is_decreasing_and_log_log() -> None:
    (ax,) = _labelled(pb.approximation_error("parabola", (2, 4, 8)))
    n, errors = ax.get_lines()[0].get_data()
    np.testing.assert_array_equal(n, [2, 4, 8])
    assert np.all(np.diff(errors) < 0)
    assert ax.get_xscale() == ax.get_yscale() == "log"


def test_trained_vs_constructed_shows_both_starts() -> None:
    left, right = _labelled(pb.trained_vs_constructed("bump", width=8, steps=300))
    labels = [line.get_label() for line in left.get_lines()]
    assert labels[0] == "target: bump"
    assert labels[1].startswith("constructed (error ")
    assert any(text.startswith("trained, biases start at 0") for text in labels)
    assert any(text.startswith("trained, kinks spread") for text in labels)
    f, (low, high) = target("bump")
    xs, ys = left.get_lines()[1].get_data()
    np.testing.assert_allclose(ys, relu_interpolant(f, low, high, 8)(xs))
    assert [len(line.get_ydata()) for line in right.get_lines()] == [300, 300]
