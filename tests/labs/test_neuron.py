"""actlearn.labs.neuron: weighted sums, truth tables, gate names, and the step's zero gradient."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from actlearn.engine.finite_differences import numerical_jacobian
from actlearn.labs import neuron

finite = st.floats(-5, 5, allow_nan=False)


def test_weighted_sum_of_rows_and_of_one_vector() -> None:
    np.testing.assert_allclose(neuron.weighted_sum([[1.0, 2.0], [3.0, 4.0]], [0.5, -1.0], 2.0),
                               [0.5, -0.5])
    assert neuron.weighted_sum([1.0, 2.0], [0.5, -1.0], 2.0) == pytest.approx(0.5)


def test_weighted_sum_rejects_mismatched_shapes() -> None:
    with pytest.raises(ValueError, match="last axis of x must have length 3"):
        neuron.weighted_sum([[1.0, 2.0]], [1.0, 2.0, 3.0], 0.0)
    with pytest.raises(ValueError, match="1-D vector"):
        neuron.weighted_sum([[1.0]], [[1.0]], 0.0)


def test_binary_inputs_count_in_order_and_reject_bad_n() -> None:
    assert neuron.binary_inputs(3).shape == (8, 3)
    np.testing.assert_array_equal(neuron.binary_inputs(1), [[0.0], [1.0]])
    with pytest.raises(ValueError, match="positive integer"):
        neuron.binary_inputs(0)


@pytest.mark.parametrize(("w", "b", "gate"), [
    ([1.0, 1.0], -1.5, "and"), ([1.0, 1.0], -0.5, "or"), ([-1.0], 0.5, "not"),
    ([-1.0, -1.0], 1.5, "nand"), ([-1.0, -1.0], 0.5, "nor"),
])
def test_hand_chosen_weights_compute_their_gates(w, b, gate) -> None:
    inputs, outputs = neuron.truth_table(w, b)
    np.testing.assert_array_equal(outputs, neuron.gate_targets(gate)[1])
    assert neuron.gate_of(w, b) == gate
    assert neuron.margin(w, b) == 0.5


@given(finite, finite, finite)
def test_no_step_neuron_computes_xor(w1: float, w2: float, b: float) -> None:
    assert neuron.gate_of([w1, w2], b) != "xor"


def test_unknown_gate_is_named() -> None:
    with pytest.raises(ValueError, match="unknown gate 'xnor'"):
        neuron.gate_targets("xnor")


def test_the_step_convention_puts_the_line_on_the_firing_side() -> None:
    assert neuron.gate_of([1.0, 1.0], -2.0) == "and"  # (1, 1) sits on the line and fires
    assert neuron.margin([1.0, 1.0], -2.0) == 0.0


@given(finite, finite, st.floats(-3, 3, allow_nan=False))
def test_step_loss_has_zero_gradient_by_chain_rule(w1: float, w2: float, b: float) -> None:
    inputs, targets = neuron.gate_targets("and")
    grad_w, grad_b = neuron.loss_gradient([w1, w2], b, inputs, targets)
    assert np.all(grad_w == 0.0) and grad_b == 0.0


def test_step_loss_is_flat_under_small_moves() -> None:
    inputs, targets = neuron.gate_targets("or")
    rng = np.random.default_rng(1)
    for theta in rng.normal(0, 2, (20, 3)):
        loss = lambda t: neuron.step_loss(t[:2], t[2], inputs, targets)  # noqa: E731
        np.testing.assert_array_equal(numerical_jacobian(loss, theta, eps=1e-7), 0.0)


def test_sigmoid_loss_gradient_matches_central_differences() -> None:
    inputs, targets = neuron.gate_targets("and")
    theta = np.array([0.7, -0.3, 0.2])
    loss = lambda t: neuron.step_loss(t[:2], t[2], inputs, targets, "sigmoid")  # noqa: E731
    grad_w, grad_b = neuron.loss_gradient(theta[:2], theta[2], inputs, targets, "sigmoid")
    np.testing.assert_allclose(np.r_[grad_w, grad_b], numerical_jacobian(loss, theta)[0],
                               rtol=1e-6)
