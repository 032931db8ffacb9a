"""A widget says what it is doing: while a slow redraw runs (``busy``), and when one failed."""

from __future__ import annotations

import ipywidgets as w
import pytest

from actlearn.plots.style import figure
from actlearn.widgets.base import FigureWidget
from actlearn.widgets.training import dashboard_widget


def _plot(level: float = 1.0):
    if level < 0:
        raise ValueError("level must be >= 0")
    fig, (ax,) = figure()
    ax.plot([0, 1], [0, level])
    return fig


def _statuses(widget: FigureWidget) -> list[str]:
    seen: list[str] = []
    widget.status.observe(lambda change: seen.append(change["new"]), names="value")
    return seen


def test_the_status_shows_while_a_change_redraws_and_is_empty_after() -> None:
    level = w.FloatSlider(value=1.0, min=-1.0, max=2.0)
    widget = FigureWidget(_plot, {"level": level}, busy="working <now> & then…")
    assert widget.status in widget.children[0].children  # beside the controls
    assert widget.status.value == ""  # the first drawing, before the widget is shown: none
    seen = _statuses(widget)
    level.value = 2.0
    assert seen == ["<i>working &lt;now&gt; &amp; then…</i>", ""]  # its text, escaped
    with pytest.raises(ValueError, match="level must be"):
        level.value = -1.0  # a plot that fails still clears the status
    assert widget.status.value == ""


def test_a_widget_without_busy_has_no_status_beside_its_controls() -> None:
    level = w.FloatSlider(value=1.0, min=0.0, max=2.0)
    widget = FigureWidget(_plot, {"level": level})
    seen = _statuses(widget)
    level.value = 2.0
    assert seen == [] and widget.status not in widget.children[0].children


def test_the_dashboard_says_it_is_updating_while_it_trains() -> None:
    widget = dashboard_widget()
    seen = _statuses(widget)
    widget.controls["lr"].value = 0.01
    assert len(seen) == 2 and "trains" in seen[0] and seen[1] == ""



def test_a_failed_redraw_says_why_under_the_controls_until_one_succeeds() -> None:
    level = w.FloatSlider(value=1.0, min=-1.0, max=2.0)
    widget = FigureWidget(_plot, {"level": level})
    box, error, image = widget.children
    assert error is widget.error and image is widget.image  # under the controls, above the image
    assert widget.error.value == "" and widget.error.layout.display == "none"  # hidden
    shown = widget.image.value
    with pytest.raises(ValueError, match="level must be"):
        level.value = -1.0
    assert "Not redrawn: ValueError: level must be &gt;= 0." in widget.error.value  # escaped
    assert widget.error.layout.display is None  # shown
    assert widget.image.value == shown  # the figure of the values before the change
    level.value = 0.5
    assert widget.error.value == "" and widget.error.layout.display == "none"
    assert widget.image.value != shown
