"""The one widget pattern of the course: controls + a figure redrawn by a pure function.

``FigureWidget(plot, controls)`` shows the controls above an output area. When a control
changes, the callback makes exactly one call, ``plot(**values)``, and shows the Figure it
returns. The pure ``plot`` function is tested on its own; tests drive the widget by setting
control values and reading ``widget.figure``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w
from IPython.display import display
from matplotlib.figure import Figure

PlotFunction = Callable[..., Figure]


class FigureWidget(w.VBox):
    """Controls (name → ipywidget with a ``value``) wired to ``plot(**values)``."""

    def __init__(
        self,
        plot: PlotFunction,
        controls: Mapping[str, w.ValueWidget],
        fixed: Mapping[str, Any] | None = None,
        title: str | None = None,
    ) -> None:
        self.plot = plot
        self.controls = dict(controls)
        self.fixed = dict(fixed or {})
        self.output = w.Output()
        self.figure: Figure | None = None
        for control in self.controls.values():
            control.observe(self._redraw, names="value")
        header = [w.HTML(f"<b>{title}</b>")] if title else []
        box = w.HBox(list(self.controls.values()), layout=w.Layout(flex_flow="row wrap"))
        super().__init__([*header, box, self.output])
        self._redraw()

    @property
    def values(self) -> dict[str, Any]:
        """The current control values (plus the fixed arguments)."""
        return {**self.fixed, **{name: c.value for name, c in self.controls.items()}}

    def _redraw(self, change: object = None) -> None:
        self.figure = self.plot(**self.values)
        self.output.clear_output(wait=True)
        with self.output:
            display(self.figure)


def slider(
    value: float, low: float, high: float, step: float, description: str, integer: bool = False
) -> w.ValueWidget:
    """A labelled slider that updates on release-free dragging (continuous_update)."""
    cls = w.IntSlider if integer else w.FloatSlider
    return cls(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=True,
        style={"description_width": "initial"},
        layout=w.Layout(width="320px"),
    )


def dropdown(options: list[str] | dict[str, Any], value: Any, description: str) -> w.ValueWidget:
    """A labelled dropdown."""
    return w.Dropdown(
        options=options,
        value=value,
        description=description,
        style={"description_width": "initial"},
    )
