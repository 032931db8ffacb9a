"""Losses: values against NumPy references, gradients, stability at extreme logits."""

import numpy as np
import pytest

from actlearn import Tensor, gradcheck
from actlearn.losses import binary_cross_entropy_with_logits, cross_entropy, mse


def test_mse_value_and_gradient():
    pred = Tensor(np.array([[1.0], [3.0]]), requires_grad=True)
    target = np.array([[0.0], [1.0]])
    loss = mse(pred, target)
    assert loss.item() == 2.5
    loss.backward()
    np.testing.assert_allclose(pred.grad, [[1.0], [2.0]])


def test_mse_refuses_mismatched_shapes():
    with pytest.raises(ValueError, match=r"\(4, 1\).*\(4,\)"):
        mse(Tensor(np.ones((4, 1))), np.ones(4))


def test_cross_entropy_matches_numpy():
    rng = np.random.default_rng(0)
    logits, labels = rng.normal(size=(6, 4)), rng.integers(0, 4, 6)
    log_probs = logits - np.log(np.exp(logits).sum(1, keepdims=True))
    expected = -log_probs[np.arange(6), labels].mean()
    assert cross_entropy(Tensor(logits), labels).item() == pytest.approx(expected, rel=1e-14)
    probs = np.eye(4)[labels]
    assert cross_entropy(Tensor(logits), probs).item() == pytest.approx(expected, rel=1e-14)


def test_cross_entropy_gradient_is_softmax_minus_onehot():
    rng = np.random.default_rng(1)
    z = Tensor(rng.normal(size=(5, 3)), requires_grad=True)
    labels = np.array([0, 2, 1, 1, 0])
    cross_entropy(z, labels).backward()
    softmax = np.exp(z.data) / np.exp(z.data).sum(1, keepdims=True)
    np.testing.assert_allclose(z.grad, (softmax - np.eye(3)[labels]) / 5, atol=1e-15)
    assert gradcheck(lambda t: cross_entropy(t, labels), z, atol=1e-8, rtol=1e-6)


def test_cross_entropy_is_stable_at_large_logits():
    z = Tensor(np.array([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 0.0]]), requires_grad=True)
    loss = cross_entropy(z, [0, 0])
    assert loss.item() == pytest.approx(1000.0)
    loss.backward()
    np.testing.assert_allclose(z.grad, [[0.0, 0.0, 0.0], [-0.5, 0.5, 0.0]])


def test_cross_entropy_bad_targets():
    z = Tensor(np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"\[0, 3\); got 0\.\.3"):
        cross_entropy(z, [0, 3])
    with pytest.raises(ValueError, match=r"\[0, 3\); got -1\.\.0"):
        cross_entropy(z, [0, -1])  # a negative index is refused, not read from the row's end
    with pytest.raises(TypeError, match="integers"):
        cross_entropy(z, [0.5, 1.0])
    with pytest.raises(ValueError, match="N=2 class indices"):
        cross_entropy(z, [0, 1, 2])
    with pytest.raises(ValueError, match=r"\(N, C\)"):
        cross_entropy(Tensor(np.zeros(3)), [0])


def test_bce_with_logits_matches_numpy():
    z = np.array([-2.0, -0.5, 0.0, 1.5, 3.0])
    y = np.array([0.0, 1.0, 1.0, 0.0, 0.3])
    p = 1 / (1 + np.exp(-z))
    expected = -(y * np.log(p) + (1 - y) * np.log(1 - p)).mean()
    t = Tensor(z, requires_grad=True)
    loss = binary_cross_entropy_with_logits(t, y)
    assert loss.item() == pytest.approx(expected, rel=1e-13)
    loss.backward()
    np.testing.assert_allclose(t.grad, (p - y) / 5, rtol=1e-12)


def test_bce_with_logits_is_stable_at_large_logits():
    z = Tensor(np.array([1000.0, -1000.0, 1000.0, -1000.0]), requires_grad=True)
    loss = binary_cross_entropy_with_logits(z, np.array([1.0, 0.0, 0.0, 1.0]))
    assert loss.item() == pytest.approx(500.0)
    loss.backward()
    np.testing.assert_array_equal(z.grad, [0.0, 0.0, 0.25, -0.25])


def test_bce_bad_targets():
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        binary_cross_entropy_with_logits(Tensor([0.0]), [2.0])
    with pytest.raises(ValueError, match="differ"):
        binary_cross_entropy_with_logits(Tensor([0.0, 1.0]), [1.0])


def _composed_cross_entropy(z, targets):
    """The loss from separate engine nodes: log-softmax, pick (or weight), sum, scale."""
    log_probs = z.log_softmax(axis=-1)
    n = z.shape[0]
    if np.ndim(targets) == 2:
        return (log_probs * targets).sum() * (-1.0 / n)
    return log_probs[np.arange(n), targets].sum() * (-1.0 / n)


@pytest.mark.parametrize("infinite", [False, True])
@pytest.mark.parametrize("kind", ["indices", "probabilities"])
def test_cross_entropy_is_one_node_with_the_composed_numbers(kind, infinite):
    rng = np.random.default_rng(7)
    logits = rng.normal(scale=3.0, size=(9, 4))
    if infinite:  # rows whose max is ±inf: the loss takes the checked kernel's limit
        logits[2] = [np.inf, 0.0, np.inf, 1.0]
        logits[5] = -np.inf
    labels = rng.integers(0, 4, 9)
    targets = labels if kind == "indices" else rng.dirichlet(np.ones(4), size=9)
    results = []
    for loss_fn in (cross_entropy, _composed_cross_entropy):
        z = Tensor(logits, requires_grad=True)
        loss = loss_fn(z, targets)
        loss.backward()
        results.append((loss, z))
    (fused, z_fused), (composed, z_composed) = results
    assert fused.op == "cross_entropy" and fused.parents == (z_fused,)
    assert fused.item() == composed.item()
    np.testing.assert_array_equal(z_fused.grad, z_composed.grad)


def test_cross_entropy_refuses_an_empty_batch():
    with pytest.raises(ValueError, match="batch is empty"):
        cross_entropy(Tensor(np.zeros((0, 3))), np.zeros(0, dtype=int))
