"""Figures for lesson 11: extrapolation failures, the NAC weight, the benchmark, the gate.

Every function takes values and returns a :class:`~actlearn.plots.style.CourseFigure`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

import actlearn as al
from actlearn.activations.params import REQUIRED_PARAMS
from actlearn.labs.nalu.bench import SYMBOLS, BenchResult
from actlearn.labs.nalu.extrapolation import IdentityFit
from actlearn.plots.style import CMAP, DIVERGING_CMAP, CourseFigure, color, figure, label

SATURATION_GROUPS = {"none": "never saturates", "left": "saturates on one side",
                     "right": "saturates on one side", "both": "bounded: saturates both sides"}


def identity_curves(fits: Sequence[IdentityFit],
                    train_range: tuple[float, float] = (-5.0, 5.0)) -> CourseFigure:
    """Each network's prediction over the test grid, the identity, and the training band."""
    fig, (ax,) = figure(size=(7.0, 4.2))
    ax.axvspan(*train_range, color="0.9", zorder=0, label="training range")
    x = fits[0].x if fits else np.linspace(-20, 20, 2)
    ax.plot(x, x, color="0.3", lw=1, ls="--", label="identity y = x")
    for i, fit in enumerate(fits):
        ax.plot(fit.x, fit.prediction, color=color(i), lw=2, label=fit.name)
    ax.legend(loc="upper left", fontsize=9)
    label(ax, "MLPs trained on y = x over [-5, 5]", "input x", "network output")
    return fig


def extrapolation_bars(errors: Mapping[str, float]) -> CourseFigure:
    """Mean absolute error outside the training range per activation, log scale, coloured by
    how the activation saturates (read from ``f.properties``)."""
    if not errors:
        raise ValueError("extrapolation_bars: errors is empty; pass {activation: error}")
    items = sorted(errors.items(), key=lambda kv: kv[1])
    groups = list(dict.fromkeys(SATURATION_GROUPS.values()))
    fig, (ax,) = figure(size=(8.6, 0.27 * len(items) + 1.6))
    seen: set[str] = set()
    for row, (name, value) in enumerate(items):
        kind = al.activation(name, **REQUIRED_PARAMS.get(name, {})).properties.saturates
        group = SATURATION_GROUPS[kind]
        ax.barh(row, max(value, 1e-4), color=color(groups.index(group)),
                label=None if group in seen else group)
        seen.add(group)
    ax.set_yticks(range(len(items)), [name for name, _ in items])
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)
    label(ax, "error outside the training range (|x| in 5…20)", "mean |f(x) − x| (log)",
          "activation")
    return fig


def nac_weight_map(w_hat: float | None = None, m_hat: float | None = None,
                   limit: float = 6.0) -> CourseFigure:
    """W = tanh(ŵ)·σ(m̂) over the (ŵ, m̂) plane with its plateaus at −1, 0, 1; an optional
    point marks one (ŵ, m̂) and its W."""
    grid = np.linspace(-limit, limit, 241)
    w, m = np.meshgrid(grid, grid)
    weight = al.activation("tanh")(w) * al.activation("sigmoid")(m)
    fig, (ax,) = figure(size=(5.6, 4.4))
    image = ax.imshow(weight, origin="lower", extent=(-limit, limit, -limit, limit),
                      cmap=DIVERGING_CMAP, vmin=-1, vmax=1)
    ax.contour(w, m, weight, levels=[-0.9, 0.0, 0.9], colors="k", linewidths=0.8)
    ax.grid(False)
    fig.colorbar(image, ax=ax, label="W = tanh(ŵ)·σ(m̂)")
    title = "NAC weight: plateaus at −1, 0 and +1"
    if w_hat is not None and m_hat is not None:
        value = float(np.tanh(w_hat) * al.activation("sigmoid")(m_hat))
        ax.plot([w_hat], [m_hat], "o", color=color(1), ms=9, mec="k")
        title = f"W = tanh({w_hat:.2g})·σ({m_hat:.2g}) = {value:.3f}"
    label(ax, title, "ŵ", "m̂")
    return fig


def score_map(result: BenchResult, which: str = "extrapolation") -> CourseFigure:
    """Heat map of median normalised error (log colour scale) per model and operation, each
    cell annotated with the median and, for extrapolation, the success rate."""
    models, ops = result.config.models, result.config.ops
    values = np.array([[result.median(m, op, which) for op in ops] for m in models])
    shown = np.log10(np.clip(np.where(np.isfinite(values), values, 1e4), 1e-6, 1e4))
    fig, (ax,) = figure(size=(1.15 * len(ops) + 2.6, 0.5 * len(models) + 1.6))
    image = ax.imshow(shown, cmap=CMAP, vmin=-6, vmax=3, aspect="auto")
    for r, model in enumerate(models):
        for c, op in enumerate(ops):
            text = "inf" if not np.isfinite(values[r, c]) else f"{values[r, c]:.2g}"
            if which == "extrapolation":
                text += f"\n{result.success_rate(model, op):.0%}"
            ax.text(c, r, text, ha="center", va="center", fontsize=8,
                    color="white" if shown[r, c] < -1.5 else "black")
    ax.set_xticks(range(len(ops)), [SYMBOLS[op] for op in ops])
    ax.set_yticks(range(len(models)), list(models))
    ax.grid(False)
    fig.colorbar(image, ax=ax, label="log10 error (100 = untrained)")
    label(ax, f"{which}: median normalised error" + (" and success rate"
          if which == "extrapolation" else ""), "operation", "model")
    return fig


def gate_plot(t: np.ndarray, gates: Mapping[str, np.ndarray],
              train_range: tuple[float, float] = (1.0, 2.0)) -> CourseFigure:
    """NALU gate values against the input size t (a = b = t), one line per trained model."""
    fig, (ax,) = figure(size=(6.6, 3.8))
    ax.axvspan(*train_range, color="0.9", zorder=0, label="training range")
    for i, (name, g) in enumerate(gates.items()):
        ax.plot(t, g, color=color(i), lw=2, label=name)
    ax.axhline(0.5, color="0.5", lw=0.8, ls=":")
    ax.set_xscale("log")
    ax.set_ylim(-0.03, 1.03)
    ax.legend(loc="center right", fontsize=9)
    label(ax, "NALU gate g = σ(xG): 1 adds, 0 multiplies", "input size t (a = b = t)",
          "gate g")
    return fig
