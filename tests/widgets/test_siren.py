"""Tests for actlearn.widgets.siren: choosing ω₀ redraws the pure figure of that fit."""

from __future__ import annotations

import numpy as np

from actlearn.labs.siren.fit import SignalFit, signal
from actlearn.plots.siren import omega_fit
from actlearn.widgets.siren import omega_widget


def _fit(shift: float) -> SignalFit:
    x = np.linspace(-1, 1, 11)
    return SignalFit(f"shift {shift}", x, signal(x) + shift, np.zeros(11), shift, 0.0, 0.0)


def test_omega_widget_switches_between_fits() -> None:
    sweep = {10.0: _fit(0.1), 30.0: _fit(0.2), 100.0: _fit(0.3)}
    widget = omega_widget(sweep)
    before = widget.figure
    np.testing.assert_allclose(before.axes[0].lines[1].get_ydata(), sweep[30.0].prediction)
    widget.controls["omega_0"].value = 100.0
    after = widget.figure
    assert after is not before
    expected = omega_fit(sweep, 100.0).axes[0].lines[1].get_ydata()
    np.testing.assert_allclose(after.axes[0].lines[1].get_ydata(), expected)
    assert list(widget.controls["omega_0"].options) == [10.0, 30.0, 100.0]
