"""affine_chain: an MLP's layers as one node, the numbers of one affine node per layer bit for
bit, and clear errors."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from actlearn import Tensor, activation, gradcheck, nn, no_grad
from actlearn.engine import affine
from actlearn.engine.chain import affine_chain
from actlearn.losses import cross_entropy
from actlearn.optim import SGD

RELU, TANH = activation("relu"), activation("tanh")
LEAKY = activation("leaky_relu", negative_slope=0.2)


def _layers(rng: np.random.Generator, sizes: list[int], acts: list[Any], dtype: Any = np.float64,
            bias: bool = True, members: int | None = None) -> list[tuple]:
    lead = () if members is None else (members,)
    layers = []
    for (a, b), act in zip(zip(sizes[:-1], sizes[1:], strict=True), acts, strict=True):
        W = Tensor(rng.normal(size=(*lead, a, b)), requires_grad=True, dtype=dtype)
        shape = (b,) if members is None else (members, 1, b)
        B = Tensor(rng.normal(size=shape), requires_grad=True, dtype=dtype) if bias else None
        layers.append((W, B, act))
    return layers


def _one_node_per_layer(x: Any, layers: list[tuple]) -> Tensor:
    h = x
    for W, B, act in layers:
        h = affine(h, W, B, activation=act)
    return h


def _run(build: Any, x: Tensor, layers: list[tuple], upstream: np.ndarray) -> list[np.ndarray]:
    tensors = [x] + [t for W, B, _ in layers for t in (W, B) if t is not None]
    for t in tensors:
        t.grad = None
    out = build(x, layers)
    out.backward(upstream)
    return [out.data] + [t.grad for t in tensors if t.requires_grad]


CASES = {
    "relu": dict(acts=[RELU, RELU, None]),
    "parameters": dict(acts=[LEAKY, TANH, None]),
    "last activated": dict(acts=[TANH, None, RELU]),
    "no bias": dict(acts=[RELU, RELU, None], bias=False),
    "float32": dict(acts=[RELU, TANH, None], dtype=np.float32),
    "stack": dict(acts=[TANH, RELU, None], members=3),
}


@pytest.mark.parametrize("x_shape", [(6, 4), (4,), (2, 5, 4)])
@pytest.mark.parametrize("case", sorted(CASES))
def test_values_and_gradients_are_those_of_one_node_per_layer(case: str, x_shape: tuple) -> None:
    spec = dict(CASES[case])
    members = spec.get("members")
    if members is not None:
        x_shape = (members, 6, 4)
    rng = np.random.default_rng(len(case) + len(x_shape))
    layers = _layers(rng, [4, 5, 3, 2], **spec)
    dtype = layers[0][0].dtype
    x = Tensor(rng.normal(size=x_shape), requires_grad=True, dtype=dtype)
    upstream = rng.normal(size=_one_node_per_layer(x, layers).shape).astype(dtype)
    chained = _run(affine_chain, x, layers, upstream)
    separate = _run(_one_node_per_layer, x, layers, upstream)
    assert len(chained) == len(separate)
    for got, want in zip(chained, separate, strict=True):
        assert got.dtype == want.dtype == dtype
        np.testing.assert_array_equal(got, want)


def test_mixed_dtypes_round_each_gradient_to_its_tensor() -> None:
    rng = np.random.default_rng(1)
    layers = _layers(rng, [3, 4, 2], [RELU, None], dtype=np.float32)
    W2 = Tensor(layers[1][0].data, requires_grad=True, dtype=np.float64)
    layers[1] = (W2, layers[1][1], None)  # a float64 top layer over a float32 one
    x = Tensor(rng.normal(size=(5, 3)), requires_grad=True, dtype=np.float32)
    upstream = rng.normal(size=(5, 2))
    chained = _run(affine_chain, x, layers, upstream)
    separate = _run(_one_node_per_layer, x, layers, upstream)
    for got, want in zip(chained, separate, strict=True):
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(got, want)
    assert x.grad.dtype == np.float32 and W2.grad.dtype == np.float64


def test_frozen_layers_and_a_constant_input_get_no_gradient() -> None:
    rng = np.random.default_rng(2)
    layers = _layers(rng, [3, 4, 4, 2], [TANH, TANH, None])
    for t in layers[0][:2]:
        t.requires_grad = False  # the first layer frozen: nothing below layer 2 needs a gradient
    x = rng.normal(size=(5, 3))
    out = affine_chain(x, layers)
    out.sum().backward()
    assert layers[0][0].grad is None and layers[0][1].grad is None
    assert layers[1][0].grad is not None and layers[2][1].grad is not None
    with no_grad():
        assert not affine_chain(x, layers).requires_grad


def test_one_node_whose_parents_are_the_input_and_every_parameter() -> None:
    rng = np.random.default_rng(3)
    layers = _layers(rng, [3, 4, 2], [RELU, None])
    x = Tensor(rng.normal(size=(5, 3)))
    out = affine_chain(x, layers)
    assert out.op == "affine_chain"
    assert out.parents == (x, layers[0][0], layers[0][1], layers[1][0], layers[1][1])


def test_gradcheck() -> None:
    rng = np.random.default_rng(4)
    layers = _layers(rng, [3, 4, 2], [TANH, None])
    x = Tensor(rng.normal(size=(5, 3)), requires_grad=True)

    def f(x_: Tensor, *params: Tensor) -> Tensor:
        W1, b1, W2, b2 = params
        return affine_chain(x_, [(W1, b1, TANH), (W2, b2, None)]).sum()

    assert gradcheck(f, x, *(t for W, B, _ in layers for t in (W, B)))


def test_errors_name_the_layer_and_the_shapes() -> None:
    rng = np.random.default_rng(5)
    layers = _layers(rng, [3, 4, 2], [RELU, None])
    with pytest.raises(ValueError, match=r"shape \(5, 4\) and a weight of shape \(3, 4\)"):
        affine_chain(np.ones((5, 4)), layers)
    bad = [layers[0], (Tensor(np.ones((5, 2))), None, None)]
    with pytest.raises(ValueError, match=r"shape \(5, 4\) and a weight of shape \(5, 2\)"):
        affine_chain(np.ones((5, 3)), bad)
    with pytest.raises(ValueError, match=r"bias must have shape \(4,\), got \(3,\)"):
        affine_chain(np.ones((5, 3)), [(layers[0][0], Tensor(np.zeros(3)), None)])
    with pytest.raises(TypeError, match="layer 1 needs Tensor parameters, got ndarray"):
        affine_chain(np.ones((5, 3)), [layers[0], (np.ones((4, 2)), None, None)])
    with pytest.raises(ValueError, match="softmax is a vector activation"):
        affine_chain(np.ones((5, 3)), [(layers[0][0], None, activation("softmax"))])
    with pytest.raises(ValueError, match="at least one layer"):
        affine_chain(np.ones((5, 3)), [])


def test_mlp_is_one_chain_node_unless_a_layer_is_not_plain() -> None:
    plain = nn.MLP([3, 4, 4, 2], activation="relu", rng=np.random.default_rng(6))
    assert plain(np.ones((2, 3))).op == "affine_chain"
    prelu = nn.MLP([3, 4, 2], activation="prelu", rng=np.random.default_rng(6))
    assert prelu(np.ones((2, 3))).op == "affine"  # PReLU is a Module: one node per layer
    squashed = nn.MLP([3, 4, 2], activation="tanh", output_activation="softmax")
    assert squashed(np.ones((2, 3))).op == "softmax"


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_mlp_training_steps_are_those_of_one_node_per_layer(dtype: Any) -> None:
    rng = np.random.default_rng(7)
    X, y = rng.normal(size=(16, 5)).astype(dtype), rng.integers(0, 3, 16)
    nets = [nn.MLP([5, 8, 8, 3], activation="gelu", rng=np.random.default_rng(8), dtype=dtype)
            for _ in range(2)]
    chained, separate = nets
    separate._chain = lambda: None  # the per-layer path: one affine node per layer
    for net in nets:
        opt = SGD(net.parameters(), lr=0.1)
        for _ in range(3):
            loss = cross_entropy(net(X), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
    for a, b in zip(chained.parameters(), separate.parameters(), strict=True):
        assert a.dtype == dtype
        np.testing.assert_array_equal(a.data, b.data)


def test_shapes_accepted_once_are_still_checked_when_they_change() -> None:
    rng = np.random.default_rng(9)
    layers = _layers(rng, [3, 4, 2], [RELU, None])
    affine_chain(np.ones((5, 3)), layers)  # these shapes are now known to fit
    W1, b1, act = layers[0]
    wrong_bias = [(W1, Tensor(np.zeros(5)), act), layers[1]]
    with pytest.raises(ValueError, match=r"bias must have shape \(4,\), got \(5,\)"):
        affine_chain(np.ones((5, 3)), wrong_bias)
    with pytest.raises(ValueError, match=r"shape \(5, 2\) and a weight of shape \(3, 4\)"):
        affine_chain(np.ones((5, 2)), layers)
