"""The display helpers of actlearn.course.claims."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from actlearn.course.claims import fixed

finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)


@given(finite, st.integers(0, 8), st.booleans())
def test_fixed_prints_as_format_does_but_never_a_negative_zero(value, digits, signed):
    expected = f"{value:{'+' if signed else ''}.{digits}f}"
    shown = fixed(value, digits, signed)
    if float(expected) == 0:  # a rounded zero: no minus, whatever the sign of value
        assert shown == expected.replace("-", "+" if signed else "")
    else:
        assert shown == expected


@given(st.floats(min_value=0.0, max_value=1e-9), st.integers(3, 8))
def test_a_zero_and_its_rounding_noise_print_alike(noise, digits):
    assert fixed(noise, digits) == fixed(-noise, digits) == fixed(0.0, digits)
    assert not math.copysign(1.0, float(fixed(-noise, digits))) < 0
