"""Read a figure's data back (titles, labels, line data) so tests compare data, not pixels."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure


def lines(fig: Figure, axes: int = 0) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Labelled lines of one axes: label -> (x data, y data)."""
    found = {}
    for line in fig.axes[axes].get_lines():
        name = line.get_label()
        if not name.startswith("_"):
            found[name] = (np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float))
    return found


def summary(fig: Figure) -> list[tuple]:
    """Per axes: title, labels, and every line's data (rounded), in drawing order."""
    rows = []
    for ax in fig.axes:
        data = tuple(np.round(np.asarray(line.get_xydata(), float), 12).tobytes()
                     for line in ax.get_lines())
        rows.append((ax.get_title(), ax.get_xlabel(), ax.get_ylabel(), data))
    return rows


def assert_labelled(fig: Figure, panels: int) -> None:
    """The figure has ``panels`` plot axes, each with a title and both axis labels."""
    plot_axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    assert len(plot_axes) == panels
    for ax in plot_axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
