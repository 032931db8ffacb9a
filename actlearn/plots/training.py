"""Figures for lesson 14: a deep MLP's loss, activations, gradients and update ratios while it
trains on the digits (runs from :func:`actlearn.labs.training.experiments.run`)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes

from actlearn.labs.training.experiments import Config, Result, run
from actlearn.labs.training.instrument import TrainingRun
from actlearn.plots.style import CourseFigure, bars, color, figure, label

HEALTHY_RATIO = -3.0
"""log10 of the update-to-data ratio that Karpathy's rule of thumb calls healthy."""
LOG_SPAN = 4.0
"""A loss axis is logarithmic when its curves span more than this factor."""
QUANTITIES = {"pre": "pre-activation z", "act": "activation f(z)", "act_grad": "gradient ∂L/∂a"}


def _diverged(ax: Axes, result: Result, title: str) -> None:
    ax.text(0.5, 0.5, "training diverged:\nlower the learning rate", ha="center", va="center",
            transform=ax.transAxes, color=color(3))
    ax.set_xlim(0, result.config.steps)
    ax.set_ylim(0, 1)
    label(ax, title, "step", "—")


def loss_axes(ax: Axes, results: Sequence[Result], labels: Sequence[str] | None = None,
              smooth: int = 1) -> None:
    """Training loss per step of each run (a moving mean over ``smooth`` steps), and the
    uniform-guess loss log C as a dashed line. The loss axis is logarithmic when the curves
    span more than a factor :data:`LOG_SPAN`, linear otherwise (a log axis over less than a
    decade has no labelled decade, only crowded minor labels)."""
    low, high = math.log(10), math.log(10)
    for i, result in enumerate(results):
        if result.run is None:
            continue
        loss = result.run.loss
        if smooth > 1:
            loss = np.convolve(loss, np.ones(smooth) / smooth, mode="valid")
        name = labels[i] if labels else result.config.label()
        ax.plot(np.arange(len(loss)), loss, color=color(i), lw=1.2, label=name)
        finite = loss[np.isfinite(loss) & (loss > 0)]
        if finite.size:
            low, high = min(low, float(finite.min())), max(high, float(finite.max()))
    ax.axhline(math.log(10), color="0.3", ls="--", lw=1, label="log C = log 10")
    logarithmic = high > LOG_SPAN * low
    if logarithmic:
        ax.set_yscale("log")
    ax.legend(loc="best", fontsize=8)
    label(ax, "Training loss", "step", "cross-entropy" + (" (log scale)" if logarithmic else ""))


def histogram_axes(ax: Axes, record: TrainingRun, quantity: str = "act", step: int = -1) -> None:
    """One line per hidden layer: the density of ``quantity`` at recorded step ``step``."""
    values = [getattr(layer, quantity)[step].ravel() for layer in record.layers]
    if quantity == "act_grad":
        top = max(np.percentile(np.abs(v), 99.5) for v in values) or 1.0
        value_range = (-top, top)
    else:
        value_range = None
    edges, counts = record.histograms(quantity, record=step, bins=40, value_range=value_range)
    centres = (edges[:-1] + edges[1:]) / 2
    for i, row in enumerate(counts):
        ax.plot(centres, row / row.sum(), color=color(i), lw=1.2, label=f"layer {i + 1}")
    ax.legend(loc="best", fontsize=8, ncols=2)
    step_number = int(record.recorded_steps[step])
    label(ax, f"{QUANTITIES[quantity]} at step {step_number}", QUANTITIES[quantity],
          "fraction of values")


def fraction_axes(ax: Axes, record: TrainingRun) -> None:
    """Per hidden layer over the recorded steps: the saturated fraction (tanh, sigmoid) or the
    dead fraction (other activations)."""
    name = record.layers[0].name
    saturating = name in ("tanh", "sigmoid")
    for i, layer in enumerate(record.layers):
        values = layer.saturated if saturating else layer.dead
        ax.plot(record.recorded_steps, values, "o-", ms=3, color=color(i), label=f"layer {i + 1}")
    ax.set_ylim(-0.03, 1.03)
    ax.legend(loc="best", fontsize=8, ncols=2)
    what = "saturated (|tanh| > 0.97)" if name == "tanh" else (
        "saturated (σ < 0.015 or > 0.985)" if name == "sigmoid" else "dead (off for the batch)")
    label(ax, f"{name}: fraction {what}", "step",
          "fraction saturated" if saturating else "fraction dead")


def ratio_axes(ax: Axes, record: TrainingRun, smooth: int = 10) -> None:
    """log10 ‖lr·∇W‖/‖W‖ per weight matrix over the steps (moving mean over ``smooth`` steps),
    with the healthy −3 marked and a band from −4 to −2."""
    ratios = np.where(np.isfinite(record.update_ratio), record.update_ratio, np.nan)
    kernel = np.ones(smooth) / smooth
    for i in range(ratios.shape[1]):
        line = np.convolve(ratios[:, i], kernel, mode="valid")
        ax.plot(np.arange(len(line)), line, color=color(i), lw=1.2, label=f"W{i + 1}")
    ax.axhspan(HEALTHY_RATIO - 1, HEALTHY_RATIO + 1, color="0.85", zorder=0)
    ax.axhline(HEALTHY_RATIO, color="0.3", ls="--", lw=1)
    ax.legend(loc="best", fontsize=8, ncols=2)
    label(ax, "Update-to-data ratio (−3 is healthy)", "step", "log10 ‖lr·∇W‖ / ‖W‖")


def dashboard_plot(activation: str = "tanh", init: str = "gain-aware", norm: str = "none",
                   lr: float = 0.1, quantity: str = "act") -> CourseFigure:
    """The four dashboards of one run: loss, per-layer histograms of ``quantity`` at the last
    record, saturated or dead fractions over training, update ratios."""
    result = run(Config(activation=activation, init=init, norm=norm, lr=lr))
    fig, (loss_ax, hist_ax, frac_ax, ratio_ax) = figure(2, 2, size=(10.4, 7.2))
    loss_axes(loss_ax, [result], smooth=10)
    if result.run is None:
        loss_ax.set_xlim(0, result.config.steps)
        loss_ax.set_ylim(1, 100)
        for ax, title in ((hist_ax, "histograms"), (frac_ax, "fractions"), (ratio_ax, "ratios")):
            _diverged(ax, result, title)
    else:
        histogram_axes(hist_ax, result.run, quantity)
        fraction_axes(frac_ax, result.run)
        ratio_axes(ratio_ax, result.run)
    accuracy = "diverged" if result.run is None else f"test accuracy {result.test_accuracy:.0%}"
    fig.suptitle(f"{result.config.label()}: {accuracy}")
    return fig


def histograms_plot(record: TrainingRun, steps: Sequence[int] = (0, -1)) -> CourseFigure:
    """Rows: recorded steps; columns: pre-activations, activations, gradients, per layer."""
    fig, axes = figure(3, len(steps), size=(13.0, 3.2 * len(steps) + 0.4))
    for row, step in enumerate(steps):
        for col, quantity in enumerate(QUANTITIES):
            histogram_axes(axes[3 * row + col], record, quantity, step)
    return fig


def fractions_plot(records: Sequence[TrainingRun], titles: Sequence[str]) -> CourseFigure:
    """Side by side, each run's saturated or dead fraction per layer over training."""
    fig, axes = figure(len(records), size=(4.6 * len(records) + 0.6, 3.6))
    for ax, record, title in zip(axes, records, titles, strict=True):
        fraction_axes(ax, record)
        ax.set_title(title)
    return fig


def ratios_plot(results: Sequence[Result]) -> CourseFigure:
    """Side by side, the update ratios of each run (e.g. three learning rates)."""
    fig, axes = figure(len(results), size=(4.6 * len(results) + 0.6, 3.6))
    drawn = []
    for ax, result in zip(axes, results, strict=True):
        if result.run is None:
            _diverged(ax, result, result.config.label())
            continue
        ratio_axes(ax, result.run)
        ax.set_title(f"lr = {result.config.lr:g}")
        drawn.append(ax)
    if drawn:  # one y range for all, so the panels compare at a glance
        low = min(ax.get_ylim()[0] for ax in drawn)
        high = max(ax.get_ylim()[1] for ax in drawn)
        for ax in drawn:
            ax.set_ylim(low, high)
    return fig


def fixes_plot(results: Sequence[Result], labels: Sequence[str], smooth: int = 10) -> CourseFigure:
    """Loss curves of several runs (left, a moving mean over ``smooth`` steps) and their test
    accuracies (right)."""
    fig, (left, right) = figure(2, size=(11.4, 4.0))
    loss_axes(left, results, labels, smooth=smooth)
    accuracies = [0.0 if r.run is None else r.test_accuracy for r in results]
    bars(right, labels, [100 * a for a in accuracies], [f"{a:.0%}" for a in accuracies])
    right.set_ylim(0, 105)
    right.tick_params(axis="x", labelsize=8)
    label(right, "Test accuracy", "run", "accuracy (%)")
    return fig
