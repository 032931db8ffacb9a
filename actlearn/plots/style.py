"""One plotting style for the whole course: colour-blind-safe colours, readable fonts.

Figures are :class:`CourseFigure` objects made without pyplot: no global state, nothing shown
twice, and each one displays itself as a PNG in Jupyter (``_repr_png_``) and in a widget's
output area.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
from collections.abc import Iterator, Sequence
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

#: Okabe & Ito's palette, distinguishable under the common colour-vision deficiencies.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
#: A perceptually uniform, colour-blind-friendly colour map for heat maps and surfaces.
CMAP = "cividis"
#: A diverging map for signed quantities (weights, gradients, decision scores).
DIVERGING_CMAP = "RdBu_r"

_RC = {
    "font.size": 11,
    "axes.titlesize": 12,
    # A fixed title height (no top tick labels to dodge): skips a tick-layout pass per draw.
    "axes.titley": 1.0,
    "axes.labelsize": 11,
    "legend.fontsize": 10,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=PALETTE),
    "figure.dpi": 100,
    "savefig.dpi": 100,
}


class CourseFigure(Figure):
    """A matplotlib Figure that renders itself as PNG in notebooks (no pyplot needed).

    After rendering, ``laid_out`` holds the axes positions the layout engine chose, so a
    widget redrawing a figure of the same structure can reuse them (see :func:`reuse_layout`).
    """

    laid_out: list | None = None
    structure: tuple | None = None  # what figure() was asked for: (ncols, nrows, size, options)

    def _repr_png_(self) -> bytes:
        return self.png()

    def png(self, compress_level: int | None = None) -> bytes:
        """The figure as PNG bytes. ``compress_level`` is zlib's, 1 (fastest) to 9 (smallest);
        None keeps PIL's default (6), as for the outputs a notebook stores."""
        buffer = io.BytesIO()
        options = {} if compress_level is None else {"compress_level": compress_level}
        with mpl.rc_context(_RC):  # (constrained layout already fits the labels)
            self.savefig(buffer, format="png", pil_kwargs=options or None)
        self.laid_out = [ax.get_position() for ax in self.axes]
        return buffer.getvalue()


def reuse_layout(fig: Figure, positions: list | None) -> bool:
    """Place fig's axes at ``positions`` (from an earlier figure of the same structure) and
    switch its layout engine off, so rendering draws once instead of laying out first.

    Returns False, leaving fig untouched, when there is nothing to reuse or the number of
    axes differs. Constrained layout costs about half of a redraw's time.
    """
    if not positions or len(positions) != len(fig.axes):
        return False
    fig.set_layout_engine(None)
    for ax, position in zip(fig.axes, positions, strict=True):
        ax.set_position(position)
    return True


def color(i: int) -> str:
    """The i-th palette colour (cycling)."""
    return PALETTE[i % len(PALETTE)]


_SPARE: contextvars.ContextVar[Figure | None] = contextvars.ContextVar(
    "actlearn_spare_figure", default=None
)


@contextlib.contextmanager
def recycling(spare: Figure | None) -> Iterator[None]:
    """Inside this block the first :func:`figure` call asking for ``spare``'s structure (same
    grid, size and subplot options, no axes added since, such as a colour bar) gets ``spare``
    back, emptied, instead of a new figure.

    Widgets redraw this way: an emptied figure keeps its axes, their ticks and its renderer's
    text cache, so drawing it costs about half of drawing a new one. The result is pixel for
    pixel the figure a fresh call would draw at the same axes positions (tested per widget).
    """
    token = _SPARE.set(spare)
    try:
        yield
    finally:
        _SPARE.reset(token)


def figure(
    ncols: int = 1, nrows: int = 1, size: tuple[float, float] | None = None, **subplot_kw: Any
) -> tuple[CourseFigure, list[Axes]]:
    """A new course figure with ``nrows × ncols`` axes, returned as a flat list.

    >>> fig, (ax,) = figure()
    >>> type(fig).__name__
    'CourseFigure'
    """
    size = size or (4.2 * ncols + 0.6, 3.4 * nrows + 0.4)
    structure = (ncols, nrows, tuple(size), repr(sorted(subplot_kw.items())))
    spare = _SPARE.get()
    if spare is not None and getattr(spare, "structure", None) == structure:
        _SPARE.set(None)  # one reuse per block
        if _reusable(spare, ncols * nrows):
            _empty(spare)
            return spare, list(spare.axes)  # type: ignore[return-value]
    with mpl.rc_context(_RC):
        fig = CourseFigure(figsize=size, layout="constrained")
        FigureCanvasAgg(fig)  # its own renderer, whose text cache lasts as long as the figure
        axes = fig.subplots(nrows, ncols, squeeze=False, subplot_kw=subplot_kw or None)
    fig.structure = structure
    return fig, list(axes.flat)


def _reusable(fig: Figure, n_axes: int) -> bool:
    """Only the axes figure() made (no colour bar added since) and no unit conversion on any
    axis (categorical data: its category table would carry over)."""
    return len(fig.axes) == n_axes and all(
        ax.xaxis.get_converter() is None and ax.yaxis.get_converter() is None for ax in fig.axes
    )


def _empty(fig: Figure) -> None:
    """Remove everything a plot function adds and restore what it may have changed, keeping
    the axes objects (and the tick objects they have built) and their positions."""
    with mpl.rc_context(_RC):
        if fig.get_suptitle():
            fig.suptitle("")
        for ax in fig.axes:
            for artist in [*ax.lines, *ax.collections, *ax.patches, *ax.texts, *ax.images,
                           *ax.tables, *ax.artists]:
                artist.remove()
            ax.containers.clear()
            if ax.legend_ is not None:
                ax.legend_.remove()
            for loc in ("left", "center", "right"):
                ax.set_title("", loc=loc)
            ax.set_xlabel("")
            ax.set_ylabel("")
            ax.set_xscale("linear")  # also restores the default tick locators and formatters
            ax.set_yscale("linear")
            ax.xaxis.set_inverted(False)
            ax.yaxis.set_inverted(False)
            ax.set_aspect("auto")
            ax.grid(mpl.rcParams["axes.grid"])
            ax.set_prop_cycle(None)  # colours start again at the palette's first
            ax.set_xmargin(mpl.rcParams["axes.xmargin"])
            ax.set_ymargin(mpl.rcParams["axes.ymargin"])
            ax.relim()
            ax.set_autoscale_on(True)


def label(ax: Axes, title: str, xlabel: str, ylabel: str) -> Axes:
    """Title and axis labels: every course plot has all three."""
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def bars(ax: Axes, names: Sequence[str], values: Sequence[float],
         value_labels: Sequence[str] | None = None) -> Any:
    """One bar per name, in the palette's colours, with ``value_labels`` printed above them.

    Bars sit at numeric positions with the names as tick labels: a categorical axis would keep
    its category table, and a widget's emptied figure (:func:`recycling`) could not be reused.
    """
    places = range(len(names))
    container = ax.bar(places, values, tick_label=list(names), color=[color(i) for i in places])
    if value_labels is not None:
        ax.bar_label(container, labels=list(value_labels), padding=2)
    return container


def zero_lines(ax: Axes) -> None:
    """Thin axes through the origin, as in a textbook graph."""
    ax.axhline(0, color="0.6", lw=0.8, zorder=0)
    ax.axvline(0, color="0.6", lw=0.8, zorder=0)


def cycle(items: Sequence[Any]) -> Iterator[tuple[str, Any]]:
    """Pairs (colour, item) in palette order."""
    for i, item in enumerate(items):
        yield color(i), item


def functions_and_slopes(
    names: Sequence[str],
    low: float,
    high: float,
    titles: tuple[str, str],
    size: tuple[float, float] = (10.4, 4.0),
    legend_columns: int = 1,
) -> CourseFigure:
    """f (left) and f' (right) of each named registry activation on [low, high], one colour
    per name; ``titles`` are the two panels' titles."""
    from actlearn.activations.bound import activation

    fig, (left, right) = figure(2, size=size)
    x = np.linspace(low, high, 701)
    for i, name in enumerate(names):
        f = activation(name)
        left.plot(x, f(x), color=color(i), label=name)
        right.plot(x, f.derivative(x), color=color(i), label=f"{name}'")
    for ax in (left, right):
        zero_lines(ax)
    left.legend(loc="upper left", ncols=legend_columns)
    label(left, titles[0], "x", "f(x)")
    label(right, titles[1], "x", "f'(x)")
    return fig

