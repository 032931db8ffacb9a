"""The 0-d clip bounds (kernels._util.BOUNDS) give the bits Python's 0.0, 1.0 and inf give, in
every float dtype, at the values where a clip could differ: ±0, ±inf, NaN, subnormals (the
sign of a zero included)."""

from __future__ import annotations

import numpy as np
import pytest

from actlearn.activations.kernels._util import BOUNDS, above, clip
from actlearn.activations.kernels.piecewise import relu, relu_grad

VALUES = [-0.0, 0.0, np.nan, -np.inf, np.inf, 5e-324, -5e-324, 1e-40, -1e-40, 0.5, -2.0, 3e38, 7.0]


@pytest.mark.parametrize("dtype", sorted(BOUNDS, key=str), ids=str)
def test_relu_relu_grad_and_above_are_the_python_number_clips(dtype: np.dtype) -> None:
    with np.errstate(all="ignore"):  # 3e38 is inf in float16
        x = np.array(VALUES).astype(dtype).reshape(-1, 1)
        want_relu = clip(x, 0.0, np.inf)
        want_grad = np.ceil(clip(x, 0.0, 1.0))
    for got, want in [(relu(x), want_relu), (relu_grad(x), want_grad), (above(x), want_grad)]:
        assert got.dtype == want.dtype == dtype
        np.testing.assert_array_equal(got, want)  # NaN where NaN
        np.testing.assert_array_equal(np.signbit(got), np.signbit(want))  # −0 where −0
    assert all(not bound.flags.writeable and bound.dtype == dtype for bound in BOUNDS[dtype])
