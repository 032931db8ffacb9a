"""Extreme inputs with every floating-point warning turned into an error.

For finite inputs: no warning and no NaN (``sin`` at ±inf is NaN by design: it has no limit).
±inf gives the limit; NaN gives NaN. Limits are typed in from the definitions and checked
against the value far out (±1e300).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
import pytest

import actlearn as al

TINY = 5e-324  # the smallest subnormal
FINITE = np.array(
    [-1e308, -1e300, -1e6, -1000.0, -1.0, -1e-310, -TINY, -0.0, 0.0, TINY, 1e-310, 1.0,
     1000.0, 1e6, 1e300, 1e308]
)  # fmt: skip
LAM, ALPHA = al.activations.SELU_SCALE, al.activations.SELU_ALPHA
INF = math.inf

#: (f(−∞), f(+∞)), (f'(−∞), f'(+∞)) at default parameters (threshold: T = 1, value = −2).
LIMITS = {
    "step": ((0, 1), (0, 0)),
    "linear": ((-INF, INF), (1, 1)),
    "sigmoid": ((0, 1), (0, 0)),
    "tanh": ((-1, 1), (0, 0)),
    "relu": ((0, INF), (0, 1)),
    "threshold": ((-2, INF), (0, 1)),
    "leaky_relu": ((-INF, INF), (0.01, 1)),
    "prelu": ((-INF, INF), (0.25, 1)),
    "relu6": ((0, 6), (0, 0)),
    "elu": ((-1, INF), (0, 1)),
    "celu": ((-1, INF), (0, 1)),
    "selu": ((-LAM * ALPHA, INF), (0, LAM)),
    "gelu": ((0, INF), (0, 1)),
    "softplus": ((0, INF), (0, 1)),
    "log_sigmoid": ((-INF, 0), (1, 0)),
    "softsign": ((-1, 1), (0, 0)),
    "tanhshrink": ((-INF, INF), (1, 1)),
    "hardtanh": ((-1, 1), (0, 0)),
    "hardsigmoid": ((0, 1), (0, 0)),
    "hardswish": ((0, INF), (0, 1)),
    "silu": ((0, INF), (0, 1)),
    "mish": ((0, INF), (0, 1)),
    "sin": ((math.nan, math.nan), (math.nan, math.nan)),
}

KNOWN: dict[tuple[str, ...], str] = {}  # (name, method, case) -> reason, for known failures


@contextmanager
def strict() -> Iterator[None]:
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        yield


def _mark_known(request: pytest.FixtureRequest, *key: str) -> None:
    if key in KNOWN:
        request.applymarker(pytest.mark.xfail(strict=True, reason=KNOWN[key]))


def _methods(f: al.ActivationFunction) -> dict[str, Callable]:
    return {"forward": f, "derivative": f.derivative}


def test_every_pointwise_activation_has_limits(pointwise_name: str) -> None:
    assert pointwise_name in LIMITS


@pytest.mark.parametrize("method", ["forward", "derivative"])
def test_finite_extremes_warn_nothing_and_give_no_nan(request, bound, pointwise_name, method):
    _mark_known(request, pointwise_name, method, "finite")
    func = _methods(bound(pointwise_name))[method]
    with strict():
        out = func(FINITE)
        singles = [func(x) for x in FINITE]
    assert not np.any(np.isnan(out)), dict(zip(FINITE, out, strict=True))
    np.testing.assert_array_equal(out, singles)


@pytest.mark.parametrize("side", ["-inf", "+inf"])
@pytest.mark.parametrize("method", ["forward", "derivative"])
def test_infinity_gives_the_limit(request, bound, pointwise_name, method, side) -> None:
    _mark_known(request, pointwise_name, method, side)
    func = _methods(bound(pointwise_name))[method]
    index = 0 if side == "-inf" else 1
    expected = LIMITS[pointwise_name][0 if method == "forward" else 1][index]
    with strict():
        got = float(func(float(side)))
    assert got == expected or (math.isnan(expected) and math.isnan(got)), got
    if math.isfinite(expected):
        with strict():
            far = float(func(-1e300 if side == "-inf" else 1e300))
        assert far == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("method", ["forward", "derivative"])
def test_nan_in_gives_nan_out(bound, act_variant, method) -> None:
    name, params = act_variant
    func = _methods(bound(name, **params))[method]
    x = np.array([np.nan, 1.0, np.nan, -2.0])
    with strict():
        out = func(x)
    np.testing.assert_array_equal(np.isnan(out), [True, False, True, False])


def test_variants_stay_quiet_where_the_answer_is_representable(request, bound, act_variant):
    name, params = act_variant
    f = bound(name, **params)
    scale = max(abs(params.get(k, 1.0)) for k in ("slope", "negative_slope", "a", "omega_0"))
    x = FINITE[np.abs(FINITE) <= 1e308 / scale]  # leave out inputs whose true f(x) overflows
    with strict():
        values, slopes = f(x), f.derivative(x)
    assert not np.any(np.isnan(values)) and not np.any(np.isnan(slopes))


def test_gelu_far_left_is_zero_not_a_subnormal_times_x() -> None:
    # x·Φ(x) < 1e-300 in magnitude for every x < -40 (Φ(-40) ≈ 3.7e-350).
    with strict():
        far = al.activation("gelu")(np.array([-40.0, -1e6, -1e300, -1e308]))
    assert np.all(np.abs(far) < 1e-300), far


# Vector activations ----------------------------------------------------------------------

ROWS = np.array(
    [
        [1000.0, 1001.0, 1002.0, 0.0],
        [-1000.0, -1001.0, -1002.0, 0.0],
        [1e308, -1e308, 0.0, 5.0],
        [-1e308, -1e308, -1e308, -1e308],
        [1e308, 1e308, 1e308, 1e308],
        [TINY, -TINY, 0.0, 1e-310],
    ]
)


def test_vector_activations_are_quiet_and_finite_at_extremes(bound, vector_name) -> None:
    f = bound(vector_name)
    with strict():
        out = f(ROWS)
        grad = f.vjp(ROWS, np.ones_like(out))
        columns = bound(vector_name, axis=0)(ROWS.T)
    assert not np.any(np.isnan(out)) and not np.any(np.isnan(grad))
    if vector_name != "log_softmax":  # log_softmax may rightly be −inf (e.g. −2e308)
        assert np.all(np.isfinite(out))
    np.testing.assert_array_equal(columns, out.T)


def test_softmax_of_large_scores_is_finite_and_right() -> None:
    with strict():
        p = al.softmax(np.array([1000.0, 1001.0, 1002.0]))
    e = np.exp([-2.0, -1.0, 0.0])
    np.testing.assert_allclose(p, e / e.sum(), rtol=1e-15)


def test_log_softmax_at_extremes() -> None:
    with strict():
        cases = {
            (1000.0, 0.0): [-0.0, -1000.0],
            (0.0, -1000.0): [-0.0, -1000.0],
            (1e308, 1e308): [-math.log(2), -math.log(2)],
            (-1e308, 0.0): [-1e308, -0.0],
            (1e300, -1e300): [0.0, -2e300],
            (-np.inf, 0.0): [-np.inf, 0.0],
        }
        for z, expected in cases.items():
            np.testing.assert_allclose(al.log_softmax(np.array(z)), expected, rtol=1e-15)


def test_softmax_with_infinities_takes_the_limit() -> None:
    with strict():
        np.testing.assert_array_equal(al.softmax(np.array([-np.inf, 0.0, np.inf])), [0, 0, 1])
        np.testing.assert_array_equal(al.softmax(np.array([np.inf, np.inf, 1.0])), [0.5, 0.5, 0])
        np.testing.assert_array_equal(al.softmin(np.array([-np.inf, 0.0, 3.0])), [1, 0, 0])


def test_a_nan_spoils_its_row_only(bound, vector_name) -> None:
    f = bound(vector_name)
    z = np.array([[np.nan, 1.0, 2.0, 3.0], [0.5, 1.0, 2.0, 3.0]])
    with strict():
        out = f(z)
    assert np.any(np.isnan(out[0])) and not np.any(np.isnan(out[1]))
    if vector_name in ("softmax", "softmin", "log_softmax"):
        assert np.all(np.isnan(out[0]))
