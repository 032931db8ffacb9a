"""Figures for lesson 12: SIREN's initialisation, signal and image fits, the role of ω₀.

Every function takes values and returns a :class:`~actlearn.plots.style.CourseFigure`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from actlearn.labs.siren.fit import SignalFit, signal, signal_derivative
from actlearn.labs.siren.image import ImageFit
from actlearn.labs.siren.init import LayerStats
from actlearn.plots.style import CMAP, CourseFigure, color, figure, label


def init_histograms(stats: Sequence[LayerStats]) -> CourseFigure:
    """Histogram of each layer's outputs at initialisation over the arcsine density
    1/(π√(1 − y²)), with the Kolmogorov–Smirnov distance in the title."""
    if not stats:
        raise ValueError("init_histograms: no layers given")
    fig, axes = figure(len(stats), size=(3.0 * len(stats) + 0.6, 3.2))
    y = np.linspace(-0.995, 0.995, 400)
    for ax, layer in zip(axes, stats, strict=True):
        ax.hist(layer.outputs.ravel(), bins=40, range=(-1, 1), density=True, color=color(0),
                alpha=0.7, label="outputs")
        ax.plot(y, 1 / (np.pi * np.sqrt(1 - y**2)), color=color(3), lw=2, label="arcsine")
        ax.set_ylim(0, 2.5)
        label(ax, f"layer {layer.layer}: KS = {layer.ks:.3f}", "output y", "density")
    axes[0].legend(loc="upper center", fontsize=8)
    return fig


def signal_fits(fits: Sequence[SignalFit]) -> CourseFigure:
    """Left: the signal and each fit; right: the true derivative and each network's
    derivative (from the engine). Errors in the legend."""
    fig, (left, right) = figure(2, size=(11.0, 4.0))
    x = fits[0].x if fits else np.linspace(-1, 1, 3)
    left.plot(x, signal(x), color="0.2", lw=1.5, ls="--", label="signal f")
    right.plot(x, signal_derivative(x), color="0.2", lw=1.5, ls="--", label="f'")
    for i, fit in enumerate(fits):
        left.plot(fit.x, fit.prediction, color=color(i), lw=1.6,
                  label=f"{fit.name} (MSE {fit.mse:.2g})")
        right.plot(fit.x, fit.derivative, color=color(i), lw=1.4,
                   label=f"{fit.name} (error {fit.derivative_error:.2g})")
    right.set_ylim(-60, 60)
    left.legend(loc="lower left", fontsize=8)
    right.legend(loc="lower left", fontsize=8)
    label(left, "fit of the signal", "x", "f(x)")
    label(right, "derivative with respect to the input", "x", "df/dx")
    return fig


def omega_fit(sweep: Mapping[float, SignalFit], omega_0: float) -> CourseFigure:
    """:func:`signal_fits` for the SIREN trained with ``omega_0`` (a key of ``sweep``)."""
    if omega_0 not in sweep:
        raise ValueError(f"omega_fit: no fit for ω₀ = {omega_0}; available: {sorted(sweep)}")
    return signal_fits([sweep[omega_0]])


def omega_errors(sweep: Mapping[float, SignalFit]) -> CourseFigure:
    """Test error of the fit and of its derivative against ω₀, log–log."""
    omegas = sorted(sweep)
    fig, (ax,) = figure(size=(6.2, 3.8))
    ax.plot(omegas, [sweep[w].mse for w in omegas], "o-", color=color(0), lw=2,
            label="signal: test MSE")
    ax.plot(omegas, [sweep[w].derivative_error for w in omegas], "s-", color=color(3), lw=2,
            label="derivative: relative error")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.legend(loc="upper center", fontsize=9)
    label(ax, "the same SIREN trained with different ω₀", "ω₀", "error on a fine grid")
    return fig


def image_fits(target: np.ndarray, fits: Sequence[ImageFit]) -> CourseFigure:
    """Top: the target and each reconstruction (on the fits' fine grid); bottom: |∇| of the
    target (finite differences) and |∇f| of each network."""
    fig, axes = figure(len(fits) + 1, 2, size=(3.7 * (len(fits) + 1), 7.0))
    top, bottom = axes[: len(fits) + 1], axes[len(fits) + 1:]
    n = target.shape[0]
    panels = [(target, f"target ({n} × {n})")] + [
        (f.reconstruction, f"{f.name}\nMSE {f.train_mse:.1g} (pixels), {f.fine_mse:.1g} (between)")
        for f in fits]
    for ax, (image, title) in zip(top, panels, strict=True):
        ax.imshow(image, cmap="gray", vmin=-1, vmax=1)
        ax.grid(False)
        label(ax, title, "x", "y")
    rows, cols = np.gradient(target, 2.0 / (target.shape[0] - 1))
    gradients = [(np.hypot(rows, cols), "target: |∇|\n(finite differences)")]
    gradients += [(f.gradient_norm, f"{f.name}: |∇f|\n(from the engine)") for f in fits]
    top_value = max(float(np.percentile(g, 99)) for g, _ in gradients)
    for ax, (grad, title) in zip(bottom, gradients, strict=True):
        ax.imshow(grad, cmap=CMAP, vmin=0, vmax=top_value)
        ax.grid(False)
        label(ax, title, "x", "y")
    for ax in axes:
        ax.title.set_fontsize(10)
    return fig


def random_functions(x: np.ndarray, outputs: Mapping[float, np.ndarray]) -> CourseFigure:
    """Outputs of untrained SIRENs (one line per seed), one panel per ω₀."""
    fig, axes = figure(len(outputs), size=(3.4 * len(outputs) + 0.6, 3.2))
    for ax, (omega, rows) in zip(axes, outputs.items(), strict=True):
        for i, row in enumerate(rows):
            ax.plot(x, row, color=color(i), lw=1.2)
        label(ax, f"untrained, ω₀ = {omega:g}", "x", "output")
    return fig
