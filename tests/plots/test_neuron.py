"""actlearn.plots.neuron: each figure is labelled and holds the data it claims."""

from __future__ import annotations

import numpy as np
import pytest

import actlearn as al
from actlearn.labs import neuron
from actlearn.plots import neuron as plots
from actlearn.plots.style import CourseFigure
from tests.figure_summary import assert_labelled, lines


@pytest.mark.parametrize("activation", ["step", "relu", "tanh", "log_sigmoid"])
def test_response_draws_f_of_the_weighted_sum(activation: str) -> None:
    fig = plots.response(activation, weight=2.0, bias=-1.0)
    assert isinstance(fig, CourseFigure)
    assert_labelled(fig, 1)
    drawn = lines(fig)
    x, y = drawn[f"y = {activation}(z)"]
    np.testing.assert_allclose(y, al.activation(activation)(2.0 * x - 1.0))
    np.testing.assert_allclose(drawn["z = w·x + b"][1], 2.0 * x - 1.0)
    assert fig.axes[0].get_title() == f"y = {activation}(2·x − 1)"


def test_response_keeps_unbounded_curves_in_view() -> None:
    fig = plots.response("relu", weight=3.0, bias=0.0)
    assert fig.axes[0].get_ylim()[1] >= 12.0


@pytest.mark.parametrize("threshold", [-1.0, 0.0, 0.6, 2.5])
def test_step_threshold_counts_the_inputs_that_fire(threshold: float) -> None:
    fig = plots.step_threshold(threshold)
    assert_labelled(fig, 1)
    fired = int(np.sum(np.asarray(plots.SAMPLE_INPUTS) >= threshold))
    assert fig.axes[0].get_title().endswith(f"{fired} of {len(plots.SAMPLE_INPUTS)} inputs fire")
    x, y = lines(fig)["step(x; T)"]
    assert np.all(y[x < threshold] == 0.0)
    on, off = fig.axes[0].collections[:2]
    assert len(on.get_offsets()) == fired
    np.testing.assert_array_equal(np.asarray(on.get_offsets())[:, 1], 1.0)
    np.testing.assert_array_equal(np.asarray(off.get_offsets())[:, 1], 0.0)


@pytest.mark.parametrize(("w1", "w2", "b", "name"), [
    (1.0, 1.0, -1.5, "AND"), (1.0, 1.0, -0.5, "OR"), (-1.0, -1.0, 1.5, "NAND"),
    (1.0, -1.0, 5.0, "no standard gate"),
])
def test_gate_plane_names_the_gate_and_marks_the_outputs(w1, w2, b, name) -> None:
    fig = plots.gate_plane(w1, w2, b)
    assert_labelled(fig, 1)
    assert fig.axes[0].get_title() == f"w = ({w1:g}, {w2:g}), b = {b:g}: {name}"
    scatters = [c for c in fig.axes[0].collections if c.get_label().startswith("output")]
    fired = {tuple(p) for p in np.asarray(scatters[0].get_offsets())}
    inputs, outputs = neuron.truth_table([w1, w2], b)
    assert fired == {tuple(row) for row in inputs[outputs == 1.0]}


def test_step_loss_landscape_is_flat_for_the_step_and_sloped_for_the_sigmoid() -> None:
    fig = plots.step_loss_landscape("and")
    assert_labelled(fig, 2)
    b, step_slope = lines(fig, 1)["step neuron"]
    _, sigmoid_slope = lines(fig, 1)["sigmoid neuron"]
    assert np.all(step_slope == 0.0)
    assert np.max(np.abs(sigmoid_slope)) > 0.05
    _, step_loss = lines(fig, 0)["step neuron"]
    assert set(np.round(step_loss, 12)) == {0.0, 0.25, 0.5, 0.75}
    assert step_loss[np.argmin(np.abs(b + 1.5))] == 0.0
