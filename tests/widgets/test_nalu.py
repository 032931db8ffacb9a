"""Tests for actlearn.widgets.nalu: the sliders redraw the pure NAC-weight figure."""

from __future__ import annotations

from actlearn.plots.nalu import nac_weight_map
from actlearn.widgets.nalu import nac_weight_widget


def test_nac_weight_widget_moves_the_point() -> None:
    widget = nac_weight_widget()
    before = widget.figure
    assert before.axes[0].get_title() == nac_weight_map(1.0, 0.0).axes[0].get_title()
    widget.controls["w_hat"].value = -3.0
    widget.controls["m_hat"].value = 4.0
    after = widget.figure
    assert after is not before
    expected = nac_weight_map(-3.0, 4.0).axes[0]
    assert after.axes[0].get_title() == expected.get_title()
    assert after.axes[0].lines[0].get_xdata()[0] == -3.0
    assert after.axes[0].get_title() != before.axes[0].get_title()
