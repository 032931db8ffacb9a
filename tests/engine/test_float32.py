"""float32 through the engine: a float32 tensor stays float32 through every operation and its
gradient is float32; lists and numbers are float64; mixed operands promote as NumPy does, and
each gradient comes back in its own tensor's dtype; float32 overflow (e^89) is silent."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from actlearn import Tensor, activation, no_grad
from actlearn.engine import affine, custom_op, operation
from actlearn.losses import binary_cross_entropy_with_logits, cross_entropy, mse
from actlearn.optim import SGD, Adam

F32, F64 = np.dtype(np.float32), np.dtype(np.float64)


def leaf(shape: tuple[int, ...] = (3, 4), dtype: type = np.float32, seed: int = 0) -> Tensor:
    data = np.random.default_rng(seed).uniform(0.5, 1.5, size=shape)
    return Tensor(data.astype(dtype), requires_grad=True)


def test_construction_keeps_float_dtypes_and_makes_the_rest_float64() -> None:
    assert Tensor(np.ones(2, dtype=np.float32)).dtype == F32
    assert Tensor(np.ones(2, dtype=np.float16)).dtype == np.float16
    assert Tensor([1.0, 2.0]).dtype == F64
    assert Tensor(2.0).dtype == F64
    assert Tensor(np.arange(3)).dtype == F64
    assert Tensor([1, 2], dtype=np.float32).dtype == F32
    assert Tensor(np.ones(2, dtype=np.float32), dtype="float64").dtype == F64
    with pytest.raises(TypeError, match="float"):
        Tensor([1.0], dtype=np.int32)


OPERATIONS = {
    "add": lambda t: t + t * 0.5,
    "sub": lambda t: 1.0 - t - 2,
    "mul": lambda t: 2.0 * t * t,
    "div": lambda t: 1.0 / t / 3.0,
    "pow": lambda t: t**3,
    "rpow": lambda t: 2.0**t,
    "matmul": lambda t: t @ t.T,
    "exp_log": lambda t: t.exp().log(),
    "abs_sin_cos": lambda t: t.abs().sin() + t.cos(),
    "maximum": lambda t: t.maximum(1.0).minimum(t * 0.9),
    "clip": lambda t: t.clip(0.8, 1.2),
    "sum_mean": lambda t: t.sum(axis=0) + t.mean(axis=0),
    "prod": lambda t: t.prod(axis=1),
    "shape": lambda t: t.reshape(4, 3).transpose()[1:, ::2],
    "fancy_index": lambda t: t[[0, 0, 2]],
    "activation": lambda t: t.activation("gelu") + t.relu() + t.sigmoid() + t.tanh(),
    "softmax": lambda t: t.softmax(axis=0) + t.log_softmax(),
    "glu": lambda t: t.activation("glu"),
    "affine": lambda t: affine(t, Tensor(np.ones((4, 2), dtype=np.float32)), None),
    "fused": lambda t: affine(t, t.T, None, activation=activation("silu")),
    "custom": lambda t: custom_op(lambda x: x * x, lambda g, x: 2 * x * g)(t),
}


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_every_operation_keeps_float32_with_float32_gradients(name: str) -> None:
    t = leaf()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = OPERATIONS[name](t)
        assert out.dtype == F32, name
        out.sum().backward()
    assert t.grad.dtype == F32 and t.grad.shape == t.shape


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_float32_gradients_agree_with_float64(name: str) -> None:
    t32, t64 = leaf(), leaf(dtype=np.float64)
    OPERATIONS[name](t32).sum().backward()
    OPERATIONS[name](t64).sum().backward()
    np.testing.assert_allclose(t32.grad, t64.grad, rtol=1e-5, atol=1e-6)


def test_python_numbers_are_weak() -> None:
    t = leaf()
    for out in (t * 2.0, 2.0 * t, t + 1, t - 0.5, t / 3, 1.0 - t, t**2.0, -t):
        assert out.dtype == F32


def test_mixed_tensors_promote_and_each_gradient_keeps_its_dtype() -> None:
    a, b = leaf(), leaf(dtype=np.float64, seed=1)
    out = a * b + (a @ b.T) @ b
    assert out.dtype == F64
    out.sum().backward()
    assert a.grad.dtype == F32 and b.grad.dtype == F64


def test_constant_arrays_promote_as_numpy() -> None:
    t = leaf()
    assert (t * np.ones(4)).dtype == F64  # a float64 array: float64, as NumPy
    assert (t * np.ones(4, dtype=np.float32)).dtype == F32
    assert (t * np.ones(4, dtype=np.int8)).dtype == np.result_type(np.int8, np.float32)
    assert (t * np.ones(4, dtype=np.int64)).dtype == np.result_type(np.int64, np.float32)
    assert (t + [1.0, 2.0, 3.0, 4.0]).dtype == F64  # a list is a float64 array


def test_astype_is_differentiable_and_rounds_the_gradient_back() -> None:
    x = Tensor(np.array([0.1, 0.2]), requires_grad=True)
    y = x.astype(np.float32)
    assert y.dtype == F32 and x.astype(np.float64) is x
    (y * np.float32(3.0)).sum().backward()
    assert x.grad.dtype == F64
    np.testing.assert_array_equal(x.grad, [3.0, 3.0])


def test_backward_seed_and_explicit_gradient_take_the_output_dtype() -> None:
    t = leaf()
    (t * 2.0).backward(np.ones(t.shape))  # a float64 gradient for a float32 output
    assert t.grad.dtype == F32


def test_float32_overflow_is_silent_and_ieee() -> None:
    t = Tensor(np.array([88.0, 89.0, -104.0], dtype=np.float32), requires_grad=True)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        e = t.exp()
        e.sum().backward()
        s = t.activation("softplus")
    assert e.data[1] == np.inf and e.data[2] == 0 and t.grad[1] == np.inf
    np.testing.assert_array_equal(s.data, [88.0, 89.0, 0.0])


def test_operation_keeps_float32() -> None:
    t = leaf()
    out = operation("double", t.data * 2, (t,), lambda g: 2 * g)
    assert out.dtype == F32
    out.sum().backward()
    assert t.grad.dtype == F32


def test_losses_keep_the_predictions_dtype_whatever_the_targets() -> None:
    logits = leaf((5, 3))
    labels = np.array([0, 2, 1, 1, 0])
    probabilities = np.full((5, 3), 1 / 3)  # float64
    for loss in (cross_entropy(logits, labels), cross_entropy(logits, probabilities),
                 mse(logits, np.zeros((5, 3))), binary_cross_entropy_with_logits(
                     logits, np.ones((5, 3)))):
        assert loss.dtype == F32
        logits.grad = None
        loss.backward()
        assert logits.grad.dtype == F32


def test_float32_cross_entropy_matches_float64() -> None:
    z32, z64 = leaf((6, 4)), leaf((6, 4), dtype=np.float64)
    labels = np.array([0, 1, 2, 3, 0, 1])
    l32, l64 = cross_entropy(z32, labels), cross_entropy(z64, labels)
    l32.backward()
    l64.backward()
    assert float(l32.data) == pytest.approx(float(l64.data), rel=1e-6)
    np.testing.assert_allclose(z32.grad, z64.grad, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("make", [lambda ps: SGD(ps, lr=0.1, momentum=0.9),
                                  lambda ps: Adam(ps, lr=0.1)], ids=["sgd", "adam"])
def test_optimizers_keep_float32_parameters_and_buffers(make) -> None:
    params = [leaf((3, 2)), leaf((2,), seed=1)]
    opt = make(params)
    for _ in range(3):
        opt.zero_grad()
        sum((p * p).sum() for p in params).backward()
        opt.step()
    assert all(p.data.dtype == F32 for p in params)
    buffers = getattr(opt, "m", None) or [v for v in opt.velocity if v is not None]
    assert all(b.dtype == F32 for b in buffers)


def test_adam_with_mixed_dtypes_keeps_each() -> None:
    params = [leaf((3,)), leaf((2,), dtype=np.float64)]
    opt = Adam(params, lr=0.1)
    (params[0].sum() + params[1].sum()).backward()
    opt.step()
    assert [p.data.dtype for p in params] == [F32, F64]
    assert [m.dtype for m in opt.m] == [F32, F64]


def test_no_grad_results_keep_float32() -> None:
    with no_grad():
        assert (leaf() @ leaf().T).dtype == F32
