"""The display helpers of actlearn.course.claims, and its report of a timing."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actlearn.course.claims import fixed, on_this_machine

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


def test_on_this_machine_reports_either_way_and_never_raises(capsys):
    on_this_machine("relu is cheap", True, "1.0x")
    on_this_machine("gelu is cheap", False, "gelu 31x")
    shown = capsys.readouterr().out.splitlines()
    assert shown[0] == "✓ relu is cheap (on this machine)"  # no measured value: same everywhere
    assert shown[1].startswith("✗ gelu is cheap: not on this machine (gelu 31x).")


def test_on_this_machine_refuses_what_is_not_a_statement_and_a_condition():
    with pytest.raises(TypeError, match="non-empty string"):
        on_this_machine("", True)
    with pytest.raises(TypeError, match="needs a True/False condition, got float"):
        on_this_machine("fast", 0.5)
