"""Stacks of models (actlearn.nn.stacked): each member computes exactly what it computes alone."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actlearn import Tensor, gradcheck, nn
from actlearn.engine import affine
from actlearn.labs.nalu.models import Stack
from actlearn.losses import mse
from actlearn.nn.stacked import member_shape, stack_models, unstack_into

Builder = Callable[[int, np.random.Generator], nn.Module]

BUILDERS: dict[str, Builder] = {
    "linear": lambda n_in, rng: nn.Linear(n_in, 3, rng=rng),
    "mlp-tanh": lambda n_in, rng: nn.MLP([n_in, 4, 2], activation="tanh", rng=rng),
    "mlp-prelu": lambda n_in, rng: nn.MLP([n_in, 4, 4, 1], activation="prelu", rng=rng),
    "prelu-per-feature": lambda n_in, rng: nn.PReLU(n_in, init=float(rng.uniform(0, 1))),
    "NAC": lambda n_in, rng: Stack(nn.NAC(n_in, 2, rng=rng), nn.NAC(2, 1, rng=rng)),
    "NALU": lambda n_in, rng: Stack(nn.NALU(n_in, 2, rng=rng), nn.NALU(2, 1, rng=rng)),
    "NAU-NMU": lambda n_in, rng: Stack(nn.NAU(n_in, 2, rng=rng), nn.NMU(2, 1, rng=rng)),
}


def _grads(model: nn.Module, x: np.ndarray, upstream: np.ndarray) -> tuple[np.ndarray, list]:
    model.zero_grad()
    out = model(Tensor(x))
    out.backward(upstream)
    return out.data, [p.grad for p in model.parameters()]


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(sorted(BUILDERS)), st.integers(1, 4), st.integers(1, 6),
       st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_every_member_gets_its_own_output_and_gradients_bit_for_bit(
    kind: str, members: int, n: int, n_in: int, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    models = [BUILDERS[kind](n_in, rng) for _ in range(members)]
    x = rng.uniform(0.5, 2.0, size=(members, n, n_in))
    stack = stack_models(models)
    n_out = models[0](Tensor(x[0])).shape[-1]
    upstream = rng.normal(size=(members, n, n_out))
    out, grads = _grads(stack, x, upstream)
    for b, model in enumerate(models):
        alone, alone_grads = _grads(model, x[b], upstream[b])
        np.testing.assert_array_equal(out[b], alone)
        for stacked, single in zip(grads, alone_grads, strict=True):
            np.testing.assert_array_equal(stacked[b].reshape(single.shape), single)


def test_parameters_gain_a_member_axis_in_front_of_their_matrix_shape() -> None:
    assert (member_shape(()), member_shape((5,)), member_shape((2, 3))) == ((1, 1), (1, 5),
                                                                          (2, 3))
    rng = np.random.default_rng(0)
    stack = stack_models([nn.MLP([2, 3, 1], activation="prelu", rng=rng) for _ in range(4)])
    assert [p.shape for p in stack.parameters()] == [(4, 2, 3), (4, 1, 3), (4, 3, 1), (4, 1, 1),
                                                   (4, 1, 1)]
    assert repr(stack) == "MLP([2, 3, 1], activation=['PReLU'])"


def test_regularizers_give_one_value_per_member() -> None:
    rng = np.random.default_rng(1)
    for layer in (nn.NAU, nn.NMU):
        units = [layer(3, 2, rng=rng) for _ in range(3)]
        stacked = stack_models(units).regularizer()
        assert stacked.shape == (3,)
        np.testing.assert_array_equal(stacked.data, [u.regularizer().data for u in units])


def test_clamping_a_stack_clamps_every_member() -> None:
    units = [nn.NMU(2, 2, rng=np.random.default_rng(s)) for s in range(2)]
    stack = stack_models(units)
    stack.weight.data[1] = 3.0
    stack.clamp_weights()
    assert stack.weight.data[1].max() == 1.0 and stack.weight.data[0].max() < 1.0


def test_models_are_untouched_until_unstacked_into() -> None:
    rng = np.random.default_rng(2)
    models = [nn.Linear(2, 2, rng=rng) for _ in range(3)]
    before = [m.weight.data.copy() for m in models]
    stack = stack_models(models)
    stack.weight.data += 1.0
    stack.bias.data[2] = 7.0
    for model, weight in zip(models, before, strict=True):
        np.testing.assert_array_equal(model.weight.data, weight)
    unstack_into(stack, models)
    np.testing.assert_array_equal(models[1].weight.data, before[1] + 1.0)
    np.testing.assert_array_equal(models[2].bias.data, [7.0, 7.0])
    assert models[2].bias.shape == (2,)


def test_a_tensor_shared_inside_a_model_stays_shared_in_the_stack() -> None:
    class Tied(nn.Module):
        def __init__(self, seed: int) -> None:
            self.first = nn.Linear(2, 2, rng=np.random.default_rng(seed))
            self.second = nn.Linear(2, 2, rng=np.random.default_rng(seed + 1))
            self.second.weight = self.first.weight

        def forward(self, x):
            return self.second(self.first(x))

    stack = stack_models([Tied(0), Tied(5)])
    assert stack.first.weight is stack.second.weight
    assert len(stack.parameters()) == 3


def test_stacking_rejects_what_cannot_be_a_stack() -> None:
    rng = np.random.default_rng(3)
    with pytest.raises(ValueError, match="at least one model"):
        stack_models([])
    with pytest.raises(TypeError, match="model 1 must be an nn.Module, got ndarray"):
        stack_models([nn.Linear(2, 2, rng=rng), np.ones(3)])
    with pytest.raises(ValueError, match="model 1 has parameters .*a stack needs one structure"):
        stack_models([nn.Linear(2, 2, rng=rng), nn.Linear(3, 2, rng=rng)])

    class Cube(nn.Module):
        def __init__(self) -> None:
            self.w = Tensor(np.ones((2, 2, 2)), requires_grad=True)

    with pytest.raises(ValueError, match=r"shape \(2, 2, 2\) cannot be stacked"):
        stack_models([Cube()])
    stack = stack_models([nn.Linear(2, 2, rng=rng)] * 2)
    with pytest.raises(ValueError, match="the stack has 2 members, got 3 models"):
        unstack_into(stack, [nn.Linear(2, 2, rng=rng)] * 3)


def test_stacked_affine_checks_its_shapes_and_passes_gradcheck() -> None:
    rng = np.random.default_rng(4)
    W = Tensor(rng.normal(size=(2, 3, 4)), requires_grad=True)
    b = Tensor(rng.normal(size=(2, 1, 4)), requires_grad=True)
    x = Tensor(rng.normal(size=(2, 5, 3)), requires_grad=True)
    assert gradcheck(lambda x_, W_, b_: affine(x_, W_, b_).sum(), x, W, b)
    with pytest.raises(ValueError, match=r"needs inputs of shape \(2, N, 3\), got \(5, 3\)"):
        affine(rng.normal(size=(5, 3)), W, b)
    with pytest.raises(ValueError, match=r"stacked bias must have shape \(2, 1, 4\), got \(4,\)"):
        affine(x, W, Tensor(np.zeros(4), requires_grad=True))
    with pytest.raises(ValueError, match=r"NMU expects inputs of shape \(2, N, 3\), got \(4, 3\)"):
        stack_models([nn.NMU(3, 1, rng=rng)] * 2)(np.ones((4, 3)))


def test_mse_per_member_is_each_members_mse_with_its_gradient() -> None:
    rng = np.random.default_rng(5)
    pred = Tensor(rng.normal(size=(3, 4, 1)), requires_grad=True)
    target = rng.normal(size=(3, 4, 1))
    per_member = mse(pred, target, axis=(1, 2))
    per_member.sum().backward()
    for b in range(3):
        alone = Tensor(pred.data[b], requires_grad=True)
        loss = mse(alone, target[b])
        loss.backward()
        assert per_member.data[b] == loss.data
        np.testing.assert_array_equal(pred.grad[b], alone.grad)
    np.testing.assert_array_equal(mse(pred, target, axis=-2).data, per_member.data[:, None])
    for bad in ((1, 1), 3, ()):
        with pytest.raises(ValueError, match="does not name distinct axes of a 3-d input"):
            mse(pred, target, axis=bad)
