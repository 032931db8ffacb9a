"""The one widget pattern of the course: controls + a figure redrawn by a pure function.

``FigureWidget(plot, controls)`` shows the controls above an image. When a control changes,
the callback makes exactly one call, ``plot(**values)``, and shows the Figure it returns as a
PNG in an ``ipywidgets.Image`` (not an Output area: no display messages to capture, so
headless execution and the browser see the same thing). The pure ``plot`` function is
tested on its own; tests drive the widget by setting control values and reading
``widget.figure``.

Two figures take turns: while one is shown, the one shown before it is handed back to
``plot`` emptied (:func:`actlearn.plots.style.recycling`), which keeps its axes and roughly
halves the drawing time. The figure on show is never touched.

A widget whose redraw takes a noticeable time (lesson 14's dashboard trains a network for a
new combination) passes ``busy``: that text shows beside the controls from the moment a change
arrives until its figure is shown (the browser gets it at once: widget state is sent as it
changes, not when the callback ends).

A redraw that fails (a plot function that raises for some combination of values, say) says so
under the controls, with the error, until a redraw succeeds: the figure keeps the values before
the change, and the error would otherwise reach only the kernel's log, which a learner does not
see in JupyterLab.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w
from matplotlib.figure import Figure

from actlearn.plots.style import CourseFigure, recycling, reuse_layout

PlotFunction = Callable[..., Figure]


#: zlib's fastest level for a widget's redraws: a quarter less encoding time than the default
#: (about 45 against 31 ms for lesson 14's dashboard) for a few per cent more bytes, which
#: are sent once and never stored.
WIDGET_PNG_COMPRESSION = 1


def png_of(figure: Figure) -> bytes:
    """The PNG a learner sees: the figure's own ``png`` (CourseFigure), else savefig, both at
    :data:`WIDGET_PNG_COMPRESSION`."""
    if isinstance(figure, CourseFigure):
        return figure.png(WIDGET_PNG_COMPRESSION)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", pil_kwargs={"compress_level": WIDGET_PNG_COMPRESSION})
    return buffer.getvalue()


class FigureWidget(w.VBox):
    """Controls (name → ipywidget with a ``value``) wired to ``plot(**values)``."""

    def __init__(
        self,
        plot: PlotFunction,
        controls: Mapping[str, w.ValueWidget],
        fixed: Mapping[str, Any] | None = None,
        title: str | None = None,
        busy: str | None = None,
    ) -> None:
        self.plot = plot
        self.controls = dict(controls)
        self.fixed = dict(fixed or {})
        #: ``busy``, when given, is shown beside the controls while a change redraws: for a
        #: widget whose redraw takes a noticeable time (one that trains first, say), so that a
        #: learner sees the change was taken. The status is empty the rest of the time.
        self.busy = busy
        self.status = w.HTML("")
        #: A failed redraw's error (see the module docstring); hidden while there is none.
        self.error = w.HTML("", layout=w.Layout(display="none"))
        self.image = w.Image(format="png")
        self.figure: Figure | None = None
        self._spare: Figure | None = None  # the figure shown before this one, to be reused
        self._laid_out: list | None = None  # axes positions of the first rendered figure
        for control in self.controls.values():
            control.observe(self._redraw, names="value")
        header = [w.HTML(f"<b>{title}</b>")] if title else []
        status = [self.status] if busy else []
        box = w.HBox([*self.controls.values(), *status],
                     layout=w.Layout(flex_flow="row wrap", align_items="center"))
        super().__init__([*header, box, self.error, self.image])
        self._redraw()

    @property
    def values(self) -> dict[str, Any]:
        """The current control values (plus the fixed arguments)."""
        return {**self.fixed, **{name: c.value for name, c in self.controls.items()}}

    def _redraw(self, change: object = None) -> None:
        if self.busy and change is not None:  # (sent to the browser at once, before plot runs)
            self.status.value = f"<i>{html.escape(self.busy)}</i>"
        try:
            with recycling(self._spare):  # plot() may get the previous figure back, emptied
                figure = self.plot(**self.values)
            reuse_layout(figure, self._laid_out)  # same structure: skip the layout pass
            self._spare = self.figure if figure is not self.figure else None
            self.figure = figure
            self.png = png_of(figure)
            width, height = (round(v) for v in figure.get_size_inches() * figure.dpi)
            self.image.layout = w.Layout(width=f"{width}px", height=f"{height}px")  # natural
            self.image.value = self.png
            self._laid_out = self._laid_out or getattr(figure, "laid_out", None)
        except Exception as exc:
            self._show_error(exc)
            raise  # (to the caller, or to the kernel's log when the browser made the change)
        else:
            self._show_error(None)
        finally:
            self.status.value = ""

    def _show_error(self, exc: Exception | None) -> None:
        """Show why a redraw failed, or hide the line again once one succeeds."""
        if exc is None:
            if self.error.value:
                self.error.value = ""
                self.error.layout.display = "none"
            return
        message = html.escape(str(exc).rstrip("."))
        self.error.value = (
            f"<span style='color:#b00020'>Not redrawn: {html.escape(type(exc).__name__)}: "
            f"{message}. The figure still shows the values before this change.</span>"
        )
        self.error.layout.display = None


def slider(
    value: float, low: float, high: float, step: float, description: str, integer: bool = False
) -> w.ValueWidget:
    """A labelled slider; the figure redraws when the handle is released (or a key moves it),
    so dragging never queues a backlog of redraws in the kernel."""
    cls = w.IntSlider if integer else w.FloatSlider
    return cls(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=False,
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


def activation_menu(built_in: list[str] | tuple[str, ...]) -> list[str]:
    """A menu's built-in activation names followed by the pointwise activations defined in
    this session (``al.define_activation``), read when the widget is created."""
    from actlearn.activations.registry import user_defined

    return list(built_in) + [n for n in user_defined("pointwise") if n not in built_in]
