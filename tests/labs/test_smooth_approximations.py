"""Tests for actlearn.labs.smooth.approximations: GELU's approximations, their errors, softplus's
switch."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import actlearn as al
from actlearn.labs.smooth import approximations as ap


@given(st.floats(-30, 30))
@settings(max_examples=50, deadline=None)
def test_gelu_sigmoid_is_x_times_sigmoid_of_kx(x: float) -> None:
    expected = x / (1 + math.exp(-1.702 * x))
    assert float(ap.gelu_sigmoid(np.array(x))) == pytest.approx(expected, rel=1e-12, abs=1e-300)


def test_max_error_of_known_pairs() -> None:
    tanh_form = ap.max_error(al.activation("gelu", approximate="tanh"), al.activation("gelu"))
    sigmoid_form = ap.max_error(ap.gelu_sigmoid, al.activation("gelu"))
    assert 4e-4 < tanh_form.max_abs < 5e-4
    assert 0.015 < sigmoid_form.max_abs < 0.025
    same = ap.max_error(al.activation("relu"), al.activation("relu"))
    assert same.max_abs == 0.0


def test_max_error_reports_the_location() -> None:
    err = ap.max_error(lambda x: x + (x == 1.0), lambda x: x, low=0.0, high=2.0, num=3)
    assert err.max_abs == 1.0 and err.at == 1.0


@pytest.mark.parametrize(("beta", "threshold"), [(1.0, 20.0), (2.0, 20.0), (1.0, 10.0)])
def test_softplus_switch_jump_is_minus_the_log_excess(beta: float, threshold: float) -> None:
    switch = ap.softplus_switch(beta, threshold)
    assert switch.point == threshold / beta
    assert switch.jump == pytest.approx(-math.log1p(math.exp(-threshold)) / beta, rel=1e-5)
    assert switch.below > switch.point
