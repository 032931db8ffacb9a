"""Figures for lesson 04: the σ' bound, derivative products through depth, per-layer gradients."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.ticker import MaxNLocator

from actlearn.activations.bound import activation
from actlearn.labs import gradients
from actlearn.plots.style import CourseFigure, color, figure, label, zero_lines

FLOOR = 1e-300
"""Exact zeros are drawn at this floor on log axes (a dead gradient is 'below everything')."""


def derivative_bound_plot(
    names: Sequence[str] = ("sigmoid", "tanh"), low: float = -6.0, high: float = 6.0
) -> CourseFigure:
    """Each activation's derivative f'(x), with its maximum marked and σ' ≤ 1/4 drawn."""
    fig, (ax,) = figure(size=(6.4, 3.8))
    x = np.linspace(low, high, 601)
    for i, name in enumerate(names):
        f = activation(name)
        x_peak, peak = gradients.numeric_derivative_peak(name, low, high)
        ax.plot(x, f.derivative(x), color=color(i), label=f"{name}' (max {peak:.3g})")
        ax.plot([x_peak], [peak], "o", color=color(i))
    ax.axhline(0.25, color="0.3", ls="--", lw=1, label="1/4")
    zero_lines(ax)
    ax.legend(loc="upper right")
    label(ax, "Slopes of the S-shaped activations", "x", "f'(x)")
    return fig


def chain_product_plot(
    depth: int = 20,
    names: Sequence[str] = ("sigmoid", "tanh", "relu"),
    x0: float = 0.5,
    weight: float = 1.0,
    tol: float = 1e-6,
) -> CourseFigure:
    """|dh_k/dx| through k stacked activations h_k = f(w h_{k-1}) (log scale), with 4^-k."""
    fig, (ax,) = figure(size=(6.4, 3.8))
    k = np.arange(depth + 1)
    for i, name in enumerate(names):
        grads = np.abs(gradients.chain_gradients(x0, depth, name, weight))
        ax.plot(k, np.maximum(grads, FLOOR), "o-", ms=3, color=color(i), label=name)
    ax.plot(k, (weight / 4.0) ** k, ls="--", color="0.3", label=r"bound $(w/4)^k$ for sigmoid")
    ax.axhline(tol, color=color(3), ls=":", lw=1.2, label=f"{tol:g}")
    ax.set_yscale("log")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(max(1e-16, min(ax.get_ylim()[0], tol / 10)), None)
    ax.legend(loc="lower left")
    title = f"Product of slopes through depth (x = {x0:g}, w = {weight:g})"
    label(ax, title, "layers k", "|dh_k / dx|")
    return fig


def gradient_flow_plot(
    activation_name: str = "sigmoid",
    depth: int = 20,
    init: str = "xavier",
    scale: float = 1.0,
    width: int = 64,
    batch: int = 128,
    seed: int = 0,
) -> CourseFigure:
    """Per-layer gradient norms (left, log scale) and activation spread (right) of one pass.

    Computed by :func:`actlearn.labs.gradients.gradient_flow` on the engine with ``seed``.
    """
    flow = gradients.gradient_flow(
        activation_name, depth, width, batch, init, scale, np.random.default_rng(seed)
    )
    layer = np.arange(1, depth + 1)
    fig, (left, right) = figure(2, size=(10.4, 3.9))
    left.plot(layer, np.maximum(flow.weight_grad_norms, FLOOR), "o-", ms=3, color=color(0),
              label=r"$\|\partial L/\partial W_l\|$")
    left.plot(layer, np.maximum(flow.activation_grad_norms, FLOOR), "s--", ms=3, color=color(1),
              label=r"$\|\partial L/\partial h_l\|$")
    left.set_yscale("log")
    left.legend(loc="best")
    label(left, f"Gradients (‖∂L/∂W‖ first/last = {flow.ratio:.2g})", "layer l (1 = input side)",
          "gradient norm")
    right.plot(layer, np.maximum(flow.activation_std, FLOOR), "o-", ms=3, color=color(2))
    right.set_yscale("log")
    label(right, "Forward signal", "layer l", r"std of the activations $h_l$")
    for ax in (left, right):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    fig.suptitle(f"{activation_name}, {depth} layers, {init} init × {scale:g}")
    return fig


def init_comparison_plot(
    runs: Sequence[tuple[str, str, float]] = (
        ("sigmoid", "xavier", 1.0),
        ("tanh", "xavier", 1.0),
        ("relu", "xavier", 1.0),
        ("relu", "he", 1.0),
    ),
    depth: int = 30,
    seed: int = 0,
) -> CourseFigure:
    """‖∂L/∂h_l‖ per layer for several (activation, init, scale) runs, all on one log axis."""
    fig, (ax,) = figure(size=(6.8, 4.0))
    layer = np.arange(1, depth + 1)
    for i, (name, init, scale) in enumerate(runs):
        flow = gradients.gradient_flow(name, depth, init=init, scale=scale,
                                      rng=np.random.default_rng(seed))
        tag = f"{name}, {init}" + ("" if scale == 1.0 else f" × {scale:g}")
        ax.plot(layer, np.maximum(flow.activation_grad_norms, FLOOR), "o-", ms=3,
                color=color(i), label=tag)
    ax.set_yscale("log")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="lower right")
    label(ax, "Back-propagated gradient per layer", "layer l (1 = input side)",
          r"$\|\partial L/\partial h_l\|$")
    return fig
