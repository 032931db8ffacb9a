"""Engine operations on values that overflow or are undefined: IEEE 754 results (±inf, NaN), as
PyTorch gives them, with no NumPy RuntimeWarning escaping a forward or a backward pass.

``pyproject.toml`` turns every RuntimeWarning into an error, and each case also runs under
``np.errstate(all="raise")``, so an escaping warning fails the test.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from actlearn import Tensor

try:
    import torch
except ImportError:  # the optional "bench" extra
    torch = None

INF = np.inf
#: name -> (inputs, the same function on actlearn Tensors and on torch tensors).
CASES: dict[str, tuple[list[list[float]], Callable[..., Any]]] = {
    "inf * 0": ([[INF, -INF, 0.0], [0.0, 0.0, INF]], lambda a, b: a * b),
    "inf * number 0": ([[INF, -INF, 1.0]], lambda a: a * 0.0),
    "exp(1000)": ([[1000.0, -1000.0, 0.0]], lambda a: a.exp()),
    "log(0)": ([[0.0, -0.0, 1.0]], lambda a: a.log()),
    "log(negative)": ([[-1.0, 2.0]], lambda a: a.log()),
    "1 / 0": ([[1.0, -1.0, 0.0], [0.0, 0.0, 0.0]], lambda a, b: a / b),
    "number / 0": ([[0.0, 2.0]], lambda a: 1.0 / a),
    "tensor / number 0": ([[1.0, 0.0]], lambda a: a / 0.0),
    "inf - inf": ([[INF, 1.0], [INF, 1.0]], lambda a, b: a - b),
    "inf + -inf": ([[INF, 1.0], [-INF, 1.0]], lambda a, b: a + b),
    "number - inf": ([[INF, 1.0]], lambda a: INF - a),
    "x ** -1 at 0": ([[0.0, 2.0]], lambda a: a**-1.0),
    "2 ** 5000": ([[5000.0, 1.0]], lambda a: 2.0**a),
    "sum of inf and -inf": ([[INF, -INF, 1.0]], lambda a: a.sum()),
    "sin(inf)": ([[INF, 1.0]], lambda a: a.sin()),
    "matmul with inf": ([[INF, 1.0], [0.0, 1.0]], lambda a, b: a.reshape(1, 2) @ b.reshape(2, 1)),
}


def _run_actlearn(inputs: list[list[float]], func: Callable[..., Any]):
    leaves = [Tensor(np.array(v), requires_grad=True) for v in inputs]
    with np.errstate(all="raise"):
        out = func(*leaves)
        out.backward(np.ones(out.shape))
    return out.data, [leaf.grad for leaf in leaves]


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_warning_escapes_forward_or_backward(name: str) -> None:
    inputs, func = CASES[name]
    value, grads = _run_actlearn(inputs, func)
    assert value.shape is not None and all(g is not None for g in grads)


@pytest.mark.skipif(torch is None, reason="needs torch (the bench extra)")
@pytest.mark.parametrize("name", sorted(CASES))
def test_values_and_gradients_match_torch(name: str) -> None:
    inputs, func = CASES[name]
    value, grads = _run_actlearn(inputs, func)
    leaves = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in inputs]
    out = func(*leaves)
    out.backward(torch.ones_like(out))
    np.testing.assert_array_equal(value, out.detach().numpy())
    for got, leaf in zip(grads, leaves, strict=True):
        np.testing.assert_array_equal(got, leaf.grad.numpy())


def test_the_error_state_is_restored_after_an_operation_fails() -> None:
    a, b = Tensor(np.ones((2, 3)), requires_grad=True), Tensor(np.ones((4, 5)))
    before = np.geterr()
    for failing in (lambda: a + b, lambda: a * b, lambda: a @ b, lambda: a - b, lambda: a / b):
        with pytest.raises(ValueError, match="shapes"):
            failing()
        assert np.geterr() == before
