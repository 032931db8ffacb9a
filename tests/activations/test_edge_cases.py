"""Edge cases of the vector activations and the tempered softmax: each gives a result (empty in,
empty out) or an error naming the function and what it expected, never NumPy's own message or
a floating-point warning. Compared with PyTorch where it is installed."""

from __future__ import annotations

import numpy as np
import pytest

import actlearn as al
from actlearn.labs.softmax import tempered_softmax

try:
    import torch
except ImportError:  # the optional "bench" extra
    torch = None

NORMALISED = ["softmax", "log_softmax", "softmin"]


@pytest.mark.parametrize("shape", [(0,), (3, 0), (0, 4)], ids=str)
@pytest.mark.parametrize("name", NORMALISED)
def test_empty_in_empty_out(name: str, shape: tuple[int, ...]) -> None:
    f = al.activation(name)
    z = np.empty(shape)
    with np.errstate(all="raise"):
        out = f(z)
        grad = f.vjp(z, np.empty(shape))
    assert out.shape == shape and out.dtype == np.float64
    assert grad.shape == shape
    if torch is not None:
        function = getattr(torch.nn.functional, name)
        expected = function(torch.empty(shape, dtype=torch.float64), dim=-1)
        assert tuple(expected.shape) == out.shape


@pytest.mark.parametrize("name", ["crelu", "glu"])
def test_zero_d_input_names_the_function_and_the_dimension_it_needs(name: str) -> None:
    f = al.activation(name)
    with pytest.raises(ValueError, match=rf"^{name} .*at least 1 dimension"):
        f(np.array(1.5))
    with pytest.raises(ValueError, match=rf"^{name} .*at least 1 dimension"):
        f.vjp(np.array(1.5), np.array(1.0))


def test_glu_names_the_odd_axis() -> None:
    with pytest.raises(ValueError, match=r"glu needs an even size along axis -1.*\(2, 3\)"):
        al.activation("glu")(np.ones((2, 3)))


@pytest.mark.parametrize("name", sorted(al.list_activations("vector")))
@pytest.mark.parametrize("axis", [2, -3, 5])
def test_out_of_range_axis_names_the_function_axis_and_ndim(name: str, axis: int) -> None:
    f = al.activation(name, axis=axis)
    z = np.ones((2, 4))
    message = rf"^{name}: axis {axis} is out of range for an array with 2 dimension\(s\)"
    with pytest.raises(ValueError, match=message):
        f(z)
    with pytest.raises(ValueError, match=message):
        f.vjp(z, np.ones((2, 4)))


def test_tempered_softmax_at_a_subnormal_temperature_is_the_argmax_one_hot() -> None:
    z = np.array([[2.33, -1.46, 0.56], [1.0, 3.0, 3.0]])
    with np.errstate(all="raise"):
        p = tempered_softmax(z, 1e-320)
    np.testing.assert_array_equal(p, [[1.0, 0.0, 0.0], [0.0, 0.5, 0.5]])
    if torch is not None:  # PyTorch has no stable form here: its z/T overflows to inf − inf
        with np.errstate(all="ignore"):
            naive = torch.softmax(torch.tensor(z) / 1e-320, -1).numpy()
        assert np.isnan(naive).any()


@pytest.mark.parametrize("bad", ["x", None, [1.0], True])
def test_tempered_softmax_temperature_type_is_named(bad) -> None:
    with pytest.raises(TypeError, match="tempered_softmax: temperature must be a real number"):
        tempered_softmax([1.0, 2.0], bad)


def test_tempered_softmax_empty_and_axis() -> None:
    assert tempered_softmax(np.empty((2, 0)), 0.5).shape == (2, 0)
    with pytest.raises(ValueError, match="tempered_softmax: axis 1 is out of range"):
        tempered_softmax([1.0, 2.0], 0.5, axis=1)
