"""float32 in, float32 out: every activation, its derivative and its VJP keep the input's float
dtype, stay quiet where float32 overflows (e^x at x ≈ 88.7, cosh at 89, squares past 1.8e19),
give float32's limits at ±inf, agree with the same function computed in float64, and (where
PyTorch is installed) with PyTorch's float32 autograd within rtol 1e-4 / atol 1e-5.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import actlearn as al
from tests.activations.test_stability import LIMITS, strict

F32_MAX = float(np.finfo(np.float32).max)
#: Where float32 differs from float64: its overflow of e^x (88.72), of cosh (89.4), of x² and
#: of its largest number, with the usual extremes and the smallest subnormal.
EXTREMES = np.array(
    [-F32_MAX, -1e38, -1e6, -1000.0, -100.0, -89.5, -88.8, -88.0, -20.0, -1.0, -1e-45, -0.0,
     0.0, 1e-45, 1.0, 20.0, 88.0, 88.8, 89.5, 100.0, 1000.0, 1e6, 1e38, F32_MAX],
    dtype=np.float32,
)  # fmt: skip
MODERATE = np.linspace(-30, 30, 240, dtype=np.float32)  # an even size, for glu


def _outputs(f: al.ActivationFunction, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(f(x), f'(x)) for a pointwise activation, (f(z), vjp(z, 1)) for a vector one on a
    (2, n) array of x and x reversed."""
    if f.kind == "pointwise":
        return f(x), f.derivative(x)
    z = np.stack([x, x[::-1]])
    y = f(z)
    return y, f.vjp(z, np.ones_like(y))


def test_float32_in_float32_out(bound, act_name: str) -> None:
    f = bound(act_name)
    for value, slope in [_outputs(f, EXTREMES), _outputs(f, MODERATE)]:
        assert value.dtype == np.float32 and slope.dtype == np.float32


def test_float32_extremes_warn_nothing_and_give_no_nan(bound, act_name: str) -> None:
    f = bound(act_name)
    with strict():
        value, slope = _outputs(f, EXTREMES)
    if act_name != "sin":  # sin(ω·1e38) is a float32 sine, a number, but not checked here
        assert not np.isnan(value).any() and not np.isnan(slope).any()


@pytest.mark.parametrize("side", [-math.inf, math.inf])
def test_float32_infinity_gives_the_limit(bound, pointwise_name: str, side: float) -> None:
    f = bound(pointwise_name)
    x = np.array([side, np.nan], dtype=np.float32)
    with strict():
        value, slope = f(x), f.derivative(x)
    index = int(side > 0)
    for got, limits in [(value, LIMITS[pointwise_name][0]), (slope, LIMITS[pointwise_name][1])]:
        expected = np.float32(limits[index])
        assert got[0] == expected or (np.isnan(expected) and np.isnan(got[0])), got
        assert np.isnan(got[1])


def test_float32_agrees_with_float64(bound, act_variant) -> None:
    """The float32 result is the float64 one to float32 precision (a few ulps, or 1e-6
    absolute near zero) on moderate inputs, where both are well conditioned."""
    name, params = act_variant
    f = bound(name, **params)
    x32 = MODERATE
    # sin(ω₀x): the float32 phase ω₀x is rounded, by up to half an ulp of |ω₀x| ≤ 30ω₀.
    atol = 1e-6 if name != "sin" else 2 * float(np.spacing(np.float32(30 * params.get(
        "omega_0", 1.0)))) * params.get("omega_0", 1.0)
    for got, want in zip(_outputs(f, x32), _outputs(f, x32.astype(np.float64)), strict=True):
        np.testing.assert_allclose(got, want, rtol=2e-6, atol=atol, err_msg=name)


def test_float32_sigmoid_family_reaches_float32s_limits_without_overflow() -> None:
    """e^(−x) overflows float32 at x < −88.72: σ is then 0 (it is below float32's smallest
    number anyway), log σ(x) is x, and softplus(x) is 0, all without a warning."""
    x = np.array([-88.0, -89.0, -104.0, -110.0], dtype=np.float32)
    with strict():
        sig = al.activation("sigmoid")(x)
        log_sig = al.activation("log_sigmoid")(x)
        soft = al.activation("softplus")(-x)
    assert sig[0] > 0 and sig[-1] == 0  # e^−104 is below float32's smallest subnormal
    np.testing.assert_array_equal(log_sig, x)  # −x − log1p(e^x): e^x is below x's ulp
    np.testing.assert_array_equal(soft, -x)  # past the threshold: exactly x


def test_lists_numbers_and_integers_are_float64() -> None:
    f = al.activation("tanh")
    assert f([1, 2]).dtype == np.float64
    assert f(np.arange(3)).dtype == np.float64
    assert f.derivative(0.5).dtype == np.float64


def test_vjp_promotes_mixed_dtypes_as_numpy() -> None:
    f = al.activation("softmax")
    z = np.ones((2, 3), dtype=np.float32)
    assert f.vjp(z, np.ones((2, 3), dtype=np.float32)).dtype == np.float32
    assert f.vjp(z, np.ones((2, 3))).dtype == np.float64


def test_pointwise_float32_matches_torch_float32() -> None:
    torch = pytest.importorskip("torch")
    from tests.test_reference_torch import CASES

    x = np.concatenate([MODERATE, EXTREMES[3:-3]])
    for name, params, func, _ in CASES:
        if name == "prelu":  # the reference's slope is a float64 tensor: one in float32
            slope = torch.tensor([params.get("a", 0.25)], dtype=torch.float32)
            func = lambda t, slope=slope: torch.nn.functional.prelu(t, slope)  # noqa: E731
        f = al.activation(name, **params)
        t = torch.tensor(x, dtype=torch.float32, requires_grad=True)
        y = func(t)
        y.backward(torch.ones_like(y))
        np.testing.assert_allclose(f(x), y.detach().numpy(), rtol=1e-4, atol=1e-5, err_msg=name)
        np.testing.assert_allclose(f.derivative(x), t.grad.numpy(), rtol=1e-4, atol=1e-5,
                                   err_msg=name)


def test_vector_float32_matches_torch_float32() -> None:
    torch = pytest.importorskip("torch")
    from tests.test_reference_torch import VECTOR_TORCH

    rng = np.random.default_rng(0)
    z = (rng.standard_normal((5, 8)) * 30).astype(np.float32)
    g = rng.standard_normal((5, 8)).astype(np.float32)
    for name, func in VECTOR_TORCH.items():
        f = al.activation(name)
        t = torch.tensor(z, requires_grad=True)
        y = func(t, -1)
        grad = g[:, : y.shape[-1]] if y.shape[-1] <= 8 else np.concatenate([g, g], axis=-1)
        y.backward(torch.from_numpy(np.ascontiguousarray(grad)))
        np.testing.assert_allclose(f(z), y.detach().numpy(), rtol=1e-4, atol=1e-5, err_msg=name)
        np.testing.assert_allclose(f.vjp(z, grad), t.grad.numpy(), rtol=1e-4, atol=1e-5,
                                   err_msg=name)
