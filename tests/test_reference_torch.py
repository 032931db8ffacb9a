"""Values and autograd derivatives against PyTorch in float64, kinks included.

PyTorch defines the contract's conventions (parameters, defaults, the derivative at kinks), so
its autograd is the reference. Skipped when torch is not installed (``pip install torch``).
"""

from __future__ import annotations

import numpy as np
import pytest

import actlearn as al

torch = pytest.importorskip("torch")
F = torch.nn.functional

#: (activation, params, torch function of a float64 tensor, its kinks).
CASES = [
    ("relu", {}, F.relu, [0.0]),
    ("leaky_relu", {}, F.leaky_relu, [0.0]),
    ("leaky_relu", {"negative_slope": 0.2}, lambda t: F.leaky_relu(t, 0.2), [0.0]),
    ("prelu", {}, lambda t: F.prelu(t, torch.tensor([0.25], dtype=torch.float64)), [0.0]),
    ("prelu", {"a": 0.1}, lambda t: F.prelu(t, torch.tensor([0.1], dtype=torch.float64)), [0.0]),
    ("relu6", {}, F.relu6, [0.0, 6.0]),
    ("elu", {}, F.elu, [0.0]),
    ("elu", {"alpha": 0.5}, lambda t: F.elu(t, 0.5), [0.0]),
    ("celu", {}, F.celu, [0.0]),
    ("celu", {"alpha": 2.0}, lambda t: F.celu(t, 2.0), [0.0]),
    ("selu", {}, F.selu, [0.0]),
    ("gelu", {}, F.gelu, []),
    ("gelu", {"approximate": "tanh"}, lambda t: F.gelu(t, approximate="tanh"), []),
    ("softplus", {}, F.softplus, [20.0]),
    ("softplus", {"beta": 2.0, "threshold": 10.0},
     lambda t: F.softplus(t, beta=2.0, threshold=10.0), [5.0]),
    ("log_sigmoid", {}, F.logsigmoid, []),
    ("softsign", {}, F.softsign, [0.0]),
    ("tanhshrink", {}, F.tanhshrink, []),
    ("hardtanh", {}, F.hardtanh, [-1.0, 1.0]),
    ("hardtanh", {"min_val": -2.0, "max_val": 3.0}, lambda t: F.hardtanh(t, -2.0, 3.0),
     [-2.0, 3.0]),
    ("hardsigmoid", {}, F.hardsigmoid, [-3.0, 3.0]),
    ("hardswish", {}, F.hardswish, [-3.0, 3.0]),
    ("silu", {}, F.silu, []),
    ("mish", {}, F.mish, []),
    ("sigmoid", {}, torch.sigmoid, []),
    ("tanh", {}, torch.tanh, []),
    ("threshold", {"threshold": 1.0, "value": -2.0}, lambda t: F.threshold(t, 1.0, -2.0), [1.0]),
    ("threshold", {"threshold": 10.0, "value": 0.0}, lambda t: F.threshold(t, 10.0, 0.0), [10.0]),
    ("sin", {}, torch.sin, []),
]  # fmt: skip
GRID = np.array(
    [-1000.0, -40.0, -20.0, -7.0, -3.5, -2.5, -1.7, -1.0, -0.5, -1e-300, 1e-300, 0.3, 0.5, 1.0,
     1.5, 2.5, 3.5, 4.0, 5.5, 6.5, 9.0, 12.0, 19.5, 25.0, 40.0, 1000.0]
)  # fmt: skip
# PyTorch computes some tails by cancellation (1 − tanh², 1 + erf, σ(1 − σ)), losing relative
# precision where actlearn keeps it (checked against math/mpmath elsewhere): compare those
# with an absolute floor of a few ulps of 1.
ATOL = 1e-15
# PyTorch's float64 hardsigmoid backward multiplies by a float32 1/6 (0.1666666716337204).
LOOSE_GRAD = {"hardsigmoid": 1e-7}
#: Kinks where actlearn's stated convention disagrees with PyTorch 2.13's autograd.
DISAGREE: dict[tuple[str, float], str] = {}  # kinks where actlearn and torch differ


def _case_id(case) -> str:
    name, params = case[0], case[1]
    return "-".join([name, *(f"{k}={v}" for k, v in params.items())])


def _torch(func, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    y = func(t)
    y.backward(torch.ones_like(y))
    return y.detach().numpy(), t.grad.numpy()


def test_every_torch_counterpart_is_covered() -> None:
    covered = {case[0] for case in CASES}
    assert covered == set(al.list_activations("pointwise")) - {"step", "linear"}


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_values_and_derivatives_match_torch(case) -> None:
    name, params, func, _ = case
    f = al.activation(name, **params)
    values, grads = _torch(func, GRID)
    np.testing.assert_allclose(f(GRID), values, rtol=1e-13, atol=ATOL)
    rtol = LOOSE_GRAD.get(name, 1e-13)
    np.testing.assert_allclose(f.derivative(GRID), grads, rtol=rtol, atol=ATOL)


KINK_CASES = [
    pytest.param(
        case, kink,
        id=f"{_case_id(case)}-at-{kink}",
        marks=[pytest.mark.xfail(strict=True, reason=DISAGREE[(case[0], kink)])]
        if (case[0], kink) in DISAGREE else [],
    )
    for case in CASES
    for kink in sorted({0.0, *case[3]})
]  # fmt: skip


@pytest.mark.parametrize(("case", "kink"), KINK_CASES)
def test_the_kink_convention_is_torchs(case, kink: float) -> None:
    name, params, func, _ = case
    f = al.activation(name, **params)
    value, grad = _torch(func, np.array([kink]))
    assert float(f(kink)) == pytest.approx(float(value[0]), rel=1e-15, abs=1e-300)
    rtol = LOOSE_GRAD.get(name, 1e-15)
    assert float(f.derivative(kink)) == pytest.approx(float(grad[0]), rel=rtol, abs=1e-300)


VECTOR_TORCH = {
    "softmax": lambda t, dim: torch.softmax(t, dim),
    "log_softmax": lambda t, dim: torch.log_softmax(t, dim),
    "softmin": lambda t, dim: F.softmin(t, dim=dim),
    "glu": lambda t, dim: F.glu(t, dim),
    "crelu": lambda t, dim: torch.cat([F.relu(t), F.relu(-t)], dim),  # TensorFlow's crelu
}
Z = np.array([[2.33, -1.46, 0.56, 0.0], [1000.0, 1001.0, 1002.0, -3.0], [0.0, 0.0, 0.0, 0.0]])


@pytest.mark.parametrize("axis", [0, 1, -1])
@pytest.mark.parametrize("name", sorted(VECTOR_TORCH))
def test_vector_values_and_vjp_match_torch(name: str, axis: int) -> None:
    f = al.activation(name, axis=axis)
    z = Z if name != "glu" or axis != 0 else np.vstack([Z, -Z])  # glu needs an even axis
    t = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    y = VECTOR_TORCH[name](t, axis)
    grad_out = np.random.default_rng(0).normal(size=tuple(y.shape))
    y.backward(torch.tensor(grad_out))
    np.testing.assert_allclose(f(z), y.detach().numpy(), rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(f.vjp(z, grad_out), t.grad.numpy(), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", sorted(VECTOR_TORCH))
def test_vector_jacobian_matches_torch(name: str) -> None:
    z = np.array([0.7, -1.2, 0.0, 2.5])
    jac = torch.autograd.functional.jacobian(
        lambda t: VECTOR_TORCH[name](t, -1), torch.tensor(z, dtype=torch.float64)
    )
    np.testing.assert_allclose(al.activation(name).jacobian(z), jac.numpy(), rtol=1e-13, atol=1e-16)
