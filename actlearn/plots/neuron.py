"""Figures of one neuron: its response, the step's threshold, logic gates, a flat loss."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

import actlearn as al
from actlearn.labs import neuron
from actlearn.plots.style import CourseFigure, color, figure, label, zero_lines

#: Inputs shown as dots on the threshold plot (fixed, so the figure is reproducible).
SAMPLE_INPUTS = (-2.6, -1.7, -0.9, -0.2, 0.6, 1.3, 2.1, 2.9)


def response(activation: str = "step", weight: float = 1.0, bias: float = 0.0,
             x_min: float = -4.0, x_max: float = 4.0) -> CourseFigure:
    """A one-input neuron y = f(w x + b): the weight stretches the curve, the bias shifts it.

    The pre-activation z = w x + b is drawn dashed for reference.
    """
    x = np.linspace(x_min, x_max, 801)
    z = weight * x + bias
    fig, (ax,) = figure(size=(5.6, 3.6))
    zero_lines(ax)
    ax.plot(x, z, "--", color="0.55", lw=1.2, label="z = w·x + b")
    ax.plot(x, al.activation(activation)(z), color=color(0), lw=2.4, label=f"y = {activation}(z)")
    low, high = -1.5, 2.5
    if activation not in ("step", "sigmoid", "tanh", "hardtanh", "hardsigmoid", "softsign"):
        high = max(high, float(np.max(al.activation(activation)(z))) * 1.05)
        low = min(low, float(np.min(al.activation(activation)(z))) * 1.05)
    ax.set_ylim(low, high)
    ax.legend(loc="upper left")
    return label(ax, f"y = {activation}({weight:g}·x {'+' if bias >= 0 else '−'} {abs(bias):g})",
                 "input x", "output y").figure


def step_threshold(threshold: float = 0.0, inputs: ArrayLike = SAMPLE_INPUTS) -> CourseFigure:
    """The step with a threshold T: an input fires (output 1) when it reaches T, else 0."""
    x = np.linspace(-4.0, 4.0, 801)
    step = al.activation("step", threshold=threshold)
    points = np.asarray(inputs, dtype=np.float64)
    fired = step(points) == 1.0
    fig, (ax,) = figure(size=(5.6, 3.6))
    zero_lines(ax)
    below, above = x < threshold, x >= threshold
    ax.plot(x[below], step(x[below]), color=color(0), lw=2.4, label="step(x; T)")
    ax.plot(x[above], step(x[above]), color=color(0), lw=2.4)
    ax.axvline(threshold, color=color(3), ls=":", lw=1.5, label=f"threshold T = {threshold:g}")
    ax.scatter(points[fired], np.ones(fired.sum()), s=60, color=color(2), zorder=3,
               label="fires (1)")
    ax.scatter(points[~fired], np.zeros((~fired).sum()), s=60, facecolor="white",
               edgecolor=color(1), lw=2, zorder=3, label="silent (0)")
    ax.set_ylim(-0.25, 1.35)
    ax.legend(loc="upper left", fontsize=9, ncols=2)
    title = f"step with T = {threshold:g}: {fired.sum()} of {points.size} inputs fire"
    return label(ax, title, "weighted sum z", "output").figure


def gate_plane(w1: float = 1.0, w2: float = 1.0, b: float = -1.5) -> CourseFigure:
    """The four 0/1 input pairs, the line w1 x1 + w2 x2 + b = 0 and the side where it fires.

    Filled dots output 1, open dots 0; the title names the gate, if any, that results.
    """
    grid = np.linspace(-0.5, 1.5, 201)
    g1, g2 = np.meshgrid(grid, grid)
    z = w1 * g1 + w2 * g2 + b
    fig, (ax,) = figure(size=(4.6, 4.2))
    ax.contourf(g1, g2, (z >= 0).astype(float), levels=[-0.5, 0.5, 1.5],
                colors=["white", color(5)], alpha=0.35)
    if np.ptp(z) > 0 and z.min() < 0 <= z.max():
        ax.contour(g1, g2, z, levels=[0.0], colors=[color(0)], linewidths=2)
    inputs, outputs = neuron.truth_table([w1, w2], b)
    on = outputs == 1.0
    ax.scatter(inputs[on, 0], inputs[on, 1], s=140, color=color(2), zorder=3, label="output 1")
    ax.scatter(inputs[~on, 0], inputs[~on, 1], s=140, facecolor="white", edgecolor=color(3),
               lw=2.5, zorder=3, label="output 0")
    for (x1, x2), y in zip(inputs, outputs, strict=True):
        ax.annotate(f"{y:.0f}", (x1, x2), xytext=(9, 7), textcoords="offset points")
    gate = neuron.gate_of([w1, w2], b)
    name = gate.upper() if gate else "no standard gate"
    ax.set_xlim(-0.5, 1.5)
    ax.set_ylim(-0.5, 1.5)
    ax.set_aspect("equal")
    ax.legend(loc="upper right", fontsize=9, framealpha=0.9)
    title = f"w = ({w1:g}, {w2:g}), b = {b:g}: {name}"
    return label(ax, title, "input x1", "input x2").figure


def step_loss_landscape(gate: str = "and", w1: float = 1.0, w2: float = 1.0,
                        b_min: float = -3.0, b_max: float = 1.0) -> CourseFigure:
    """Loss and its chain-rule slope against the bias: a staircase (step) vs a slope (sigmoid).

    Weights are fixed at (w1, w2); the loss is the mean squared error on the gate's truth
    table. The step's slope is zero at every bias, so gradient descent never moves.
    """
    inputs, targets = neuron.gate_targets(gate)
    w = np.array([w1, w2])[: inputs.shape[1]]
    biases = np.linspace(b_min, b_max, 801)
    fig, (ax_loss, ax_grad) = figure(ncols=2, size=(9.6, 3.6))
    for i, name in enumerate(("step", "sigmoid")):
        losses = [neuron.step_loss(w, b, inputs, targets, name) for b in biases]
        slopes = [neuron.loss_gradient(w, b, inputs, targets, name)[1] for b in biases]
        ax_loss.plot(biases, losses, color=color(i), lw=2.2, label=f"{name} neuron")
        ax_grad.plot(biases, slopes, color=color(i), lw=2.2, label=f"{name} neuron")
    zero_lines(ax_grad)
    ax_loss.legend()
    ax_grad.legend()
    label(ax_loss, f"loss on {gate.upper()} as the bias moves", "bias b", "mean squared error")
    label(ax_grad, "its slope by the chain rule", "bias b", "∂loss/∂b")
    return fig
