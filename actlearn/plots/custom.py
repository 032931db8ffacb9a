"""Figures for lesson 15: a defined activation beside others, and the search's ranking."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.ticker import MaxNLocator

from actlearn.labs.custom.flow import DigitsResult, flow_ratios
from actlearn.labs.custom.search import SWISH, SearchResult
from actlearn.plots.style import (
    CourseFigure,
    color,
    figure,
    functions_and_slopes,
    label,
    zero_lines,
)

FLOOR = 1e-300


def shapes_plot(names: Sequence[str] = ("relu", "gelu", "silu"), low: float = -5.0,
                high: float = 5.0) -> CourseFigure:
    """f (left) and f' (right) of each named activation on [low, high]."""
    return functions_and_slopes(names, low, high, ("The activations", "Their derivatives"),
                                size=(10.4, 3.8))


def flow_plot(names: Sequence[str] = ("relu", "gelu", "silu"), depth: int = 20,
              seed: int = 0) -> CourseFigure:
    """‖∂L/∂W_l‖ per layer through ``depth`` layers (Xavier init, one pass, same seed)."""
    norms = flow_ratios(names, depth, seed=seed)
    fig, (ax,) = figure(size=(6.8, 4.0))
    layer = np.arange(1, depth + 1)
    for i, (name, values) in enumerate(norms.items()):
        ax.plot(layer, np.maximum(values, FLOOR), "o-", ms=3, color=color(i),
                label=f"{name} (first/last {values[0] / values[-1]:.2f})")
    ax.set_yscale("log")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="best")
    label(ax, f"Gradient flow through {depth} layers", "layer l (1 = input side)",
          r"$\|\partial L/\partial W_l\|$")
    return fig


def digits_plot(result: DigitsResult) -> CourseFigure:
    """Held-out accuracy (left) and the blocked and dead fractions of the hidden units at the
    start and the end of training (right), one group of bars per activation."""
    fig, (left, right) = figure(2, size=(10.4, 3.8))
    places = np.arange(len(result.names))
    left.bar(places, result.accuracy, color=[color(i) for i in places])
    left.set_xticks(places, list(result.names))
    low = max(0.0, float(np.nanmin(result.accuracy)) - 0.05)
    left.set_ylim(low, 1.0)
    label(left, "Digits: held-out accuracy", "activation", "accuracy")
    series = (("blocked, start", result.blocked_start), ("blocked, end", result.blocked_end),
              ("dead, start", result.dead_start), ("dead, end", result.dead_end))
    width = 0.2
    for k, (name, values) in enumerate(series):
        right.bar(places + (k - 1.5) * width, values, width, color=color(k), label=name)
    right.set_xticks(places, list(result.names))
    right.legend(loc="upper right")
    label(right, "Hidden units passing < 1 % of the gradient", "activation", "fraction")
    return fig


def ranking_plot(result: SearchResult, rank: int = 1, top: int = 15) -> CourseFigure:
    """The ``top`` candidates by held-out accuracy (left; x·σ(x) marked, the chosen ``rank``
    outlined) and the candidate at ``rank`` with its slope (right)."""
    if not 1 <= rank <= len(result.ranking):
        raise ValueError(f"ranking_plot: rank must be in 1..{len(result.ranking)}, got {rank}")
    fig, (left, right) = figure(2, size=(11.0, 4.6))
    shown = result.ranking[:top]
    places = np.arange(len(shown))[::-1]
    colors = [color(1) if e.candidate == SWISH else color(0) for e in shown]
    bars = left.barh(places, [e.accuracy for e in shown], color=colors)
    if rank <= len(shown):
        bars[rank - 1].set_edgecolor("black")
        bars[rank - 1].set_linewidth(2.0)
    left.set_yticks(places, [f"{i}. {e.label}" for i, e in enumerate(shown, start=1)])
    low = max(0.0, min(e.accuracy for e in shown) - 0.05)
    left.set_xlim(low, 1.0)
    place = result.rank_of(SWISH) if SWISH in [e.candidate for e in result.ranking] else None
    where = f"x · σ(x) is #{place}" if place else "x · σ(x) was dropped"
    label(left, f"Top {len(shown)} of {len(result.ranking)} ({where})", "held-out accuracy",
          "candidate (rank. f)")
    entry = result.ranking[rank - 1]
    z = np.linspace(-4.0, 4.0, 401)
    with np.errstate(all="ignore"):
        values, slopes = entry.candidate.value_and_slope(z)
    right.plot(z, values, color=color(0), label="f")
    right.plot(z, slopes, color=color(2), ls="--", label="f'")
    zero_lines(right)
    right.legend(loc="upper left")
    label(right, f"#{rank}: f(x) = {entry.label}  (accuracy {entry.accuracy:.3f})", "x",
          "f(x), f'(x)")
    return fig
