"""Figures of the linear collapse: deep linear nets are lines, XOR, fits without and with ReLU."""

from __future__ import annotations

import numpy as np

import actlearn as al
from actlearn.data import xor
from actlearn.labs import linear
from actlearn.plots.style import CMAP, CourseFigure, color, figure, label, zero_lines

N_NETWORKS = 3


def deep_network(depth: int = 4, activation: str = "linear", width: int = 8,
                 seed: int = 0) -> CourseFigure:
    """Outputs of three random 1-input networks with ``depth`` layers of ``width`` units.

    With ``activation="linear"`` every network is a straight line, whatever the depth; the
    collapsed single layer (dashed) lies exactly on it. Any other activation bends it.
    """
    rng = np.random.default_rng(seed)
    x = np.linspace(-3.0, 3.0, 401)
    widths = [1, *([width] * (depth - 1)), 1]
    fig, (ax,) = figure(size=(5.6, 3.8))
    zero_lines(ax)
    for i in range(N_NETWORKS):
        layers = linear.random_layers(widths, rng, gain=1.5)
        y = linear.forward(layers, x[None, :], activation)[0]
        ax.plot(x, y, color=color(i), lw=2.4, label=f"network {i + 1}")
        if activation == "linear":
            W, b = linear.collapse(layers)
            ax.plot(x, W[0, 0] * x + b[0], "--", color="black", lw=1.0,
                    label="its single layer" if i == 0 else None)
    ax.legend(fontsize=9)
    title = f"{depth} layer{'s' if depth > 1 else ''} of {width} units, {activation} between"
    return label(ax, title, "input x", "network output").figure


def constant_gradient(x_min: float = -3.0, x_max: float = 3.0) -> CourseFigure:
    """y = 2x + 3 and y = x with their derivatives (constants), next to ReLU's (0 or 1)."""
    x = np.linspace(x_min, x_max, 601)
    relu, line = al.activation("relu"), al.activation("linear", slope=2.0)
    curves = (("y = 2x + 3", line(x) + 3.0, line.derivative(x)),
              ("y = x", x, np.ones_like(x)),
              ("y = relu(x)", relu(x), relu.derivative(x)))
    fig, (ax_f, ax_d) = figure(ncols=2, size=(9.6, 3.6))
    for i, (name, y, dy) in enumerate(curves):
        ax_f.plot(x, y, color=color(i), lw=2.2, label=name)
        ax_d.plot(x, dy, color=color(i), lw=2.2, label=f"d/dx of {name[4:]}")
    for ax in (ax_f, ax_d):
        zero_lines(ax)
        ax.legend(fontsize=9)
    ax_d.set_ylim(-0.3, 2.5)
    label(ax_f, "the functions", "x", "y")
    label(ax_d, "their derivatives", "x", "dy/dx")
    return fig


def _xor_panel(ax, grid: np.ndarray, values: np.ndarray, title: str) -> None:
    mesh = ax.pcolormesh(grid, grid, values, cmap=CMAP, vmin=-0.1, vmax=1.1, shading="auto")
    corners, targets = xor()
    for (x1, x2), t in zip(corners, targets, strict=True):
        ax.scatter([x1], [x2], s=170, color="white" if t else "black", edgecolor="black",
                   lw=1.5, zorder=3)
        ax.annotate(f"target {t:.0f}", (x1, x2), xytext=(-26, 13), textcoords="offset points",
                    fontsize=9, bbox={"boxstyle": "round,pad=0.2", "fc": "white", "alpha": 0.85})
    ax.grid(False)
    ax.set_aspect("equal")
    label(ax, title, "input x1", "input x2")
    ax.figure.colorbar(mesh, ax=ax, shrink=0.85, label="model output")


def xor_models(resolution: int = 121) -> CourseFigure:
    """XOR's four corners under the best linear fit (0.5 everywhere) and a two-unit ReLU net."""
    grid = np.linspace(-0.25, 1.25, resolution)
    g1, g2 = np.meshgrid(grid, grid)
    plane = np.c_[g1.ravel(), g2.ravel()]
    corners, targets = xor()
    coef, _ = linear.least_squares(linear.linear_features(corners), targets)
    linear_out = linear.linear_features(plane) @ coef
    relu_out = linear.forward(linear.xor_relu_network(), plane.T, "relu")[0]
    fig, (ax_lin, ax_relu) = figure(ncols=2, size=(10.0, 4.2))
    _xor_panel(ax_lin, grid, linear_out.reshape(g1.shape), "best linear model")
    _xor_panel(ax_relu, grid, relu_out.reshape(g1.shape), "two ReLU units")
    return fig


def curve_fit(units: int = 6, curve: str = "x²", noise: float = 0.3,
              seed: int = 0) -> CourseFigure:
    """Noisy samples of a curve, the best straight line, and a fit with ``units`` ReLU units.

    Both fits are least squares: the line on [1, x] (all any linear network can use), the
    ReLU fit on [1, x, relu(x - k_1), ...] with kinks spread evenly over [-3, 3].
    """
    x, y = linear.curve_samples(curve, 60, noise, np.random.default_rng(seed))
    xs = np.linspace(-3.0, 3.0, 601)
    knots = linear.even_knots(-3.0, 3.0, units)
    line, line_fit = linear.least_squares(linear.linear_features(x), y)
    bent, bent_fit = linear.least_squares(linear.relu_features(x, knots), y)
    fig, (ax,) = figure(size=(5.8, 3.9))
    ax.scatter(x, y, s=16, color="0.45", label="samples")
    ax.plot(xs, linear.CURVES[curve](xs), ":", color="black", lw=1.2, label=f"true {curve}")
    ax.plot(xs, linear.linear_features(xs) @ line, color=color(1), lw=2.2,
            label=f"linear, MSE {np.mean((line_fit - y) ** 2):.2f}")
    ax.plot(xs, linear.relu_features(xs, knots) @ bent, color=color(0), lw=2.4,
            label=f"{units} ReLU units, MSE {np.mean((bent_fit - y) ** 2):.2f}")
    for k in knots:
        ax.axvline(k, color=color(0), lw=0.6, alpha=0.35)
    ax.legend(fontsize=9, loc="best")
    return label(ax, f"fitting {curve} without and with ReLU", "x", "y").figure


def network_fits(x: np.ndarray, y: np.ndarray, xs: np.ndarray, predictions: dict[str, np.ndarray],
                 title: str = "trained networks") -> CourseFigure:
    """Samples (x, y) with one curve per trained model, each ``predictions[name]`` over ``xs``.

    The legend quotes each model's mean squared error on the samples, read off its curve.
    """
    x, y, xs = (np.asarray(a, dtype=np.float64).reshape(-1) for a in (x, y, xs))
    fig, (ax,) = figure(size=(5.8, 3.9))
    ax.scatter(x, y, s=16, color="0.45", label="samples")
    for i, (name, pred) in enumerate(predictions.items()):
        pred = np.asarray(pred, dtype=np.float64).reshape(-1)
        mse = float(np.mean((np.interp(x, xs, pred) - y) ** 2))
        ax.plot(xs, pred, color=color(i), lw=2.4, label=f"{name}, MSE {mse:.2f}")
    ax.legend(fontsize=9, loc="best")
    return label(ax, title, "x", "y").figure
