r"""How an activation treats random pre-activations: saturation, sparsity and centring, measured.

A unit receives :math:`z \sim \mathcal N(\mu, s^2)` (a layer's pre-activations at
initialisation). Over a sample of such :math:`z` we measure

* the *blocked* fraction, :math:`P(|f'(z)| < \tau)`: units that pass (almost) no gradient back,
  whether saturated (sigmoid, tanh at large :math:`|z|`) or switched off (ReLU for :math:`z < 0`);
* the *sparsity*, :math:`P(f(z) = 0)`: units whose output is exactly zero;
* the mean output :math:`E[f(z)]` (zero-centred activations keep it near 0);
* the root-mean-square slope :math:`\sqrt{E[f'(z)^2]}`, the factor by which one layer scales a
  back-propagated gradient on average (ignoring the weights); after :math:`L` layers it
  compounds to about its :math:`L`-th power.

At kinks :math:`f'` is the registry's value (PyTorch's autograd convention).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

import actlearn as al
from actlearn.activations.bound import ActivationFunction

BLOCKED_BELOW = 0.01
"""Default threshold τ: a unit with |f'(z)| < τ passes back less than 1 % of its gradient."""


@dataclass(frozen=True)
class Response:
    """What one activation did to ``n`` pre-activations drawn from N(mean, scale²)."""

    name: str
    scale: float
    blocked: float
    sparsity: float
    mean_output: float
    rms_slope: float

    def gradient_after(self, depth: int) -> float:
        """rms_slope ** depth: the typical gradient factor through ``depth`` such layers."""
        return self.rms_slope**depth


def _as_function(f: str | ActivationFunction) -> ActivationFunction:
    fn = al.activation(f) if isinstance(f, str) else f
    if not isinstance(fn, ActivationFunction) or fn.kind != "pointwise":
        raise TypeError(f"response: expected a pointwise activation or its name, got {f!r}")
    return fn


def preactivations(scale: float, n: int, rng: np.random.Generator, mean: float = 0.0) -> np.ndarray:
    """``n`` draws of z ~ N(mean, scale²)."""
    if not scale > 0:
        raise ValueError(f"preactivations: scale must be positive, got {scale}")
    if n < 1:
        raise ValueError(f"preactivations: n must be at least 1, got {n}")
    return rng.normal(mean, scale, n)


def response(
    f: str | ActivationFunction,
    scale: float = 1.0,
    n: int = 100_000,
    rng: np.random.Generator | None = None,
    mean: float = 0.0,
    blocked_below: float = BLOCKED_BELOW,
) -> Response:
    """Measure blocked fraction, sparsity, mean output and rms slope on z ~ N(mean, scale²).

    >>> r = response("relu", n=10_000)
    >>> round(r.sparsity, 1), round(r.blocked, 1), round(r.rms_slope, 2)
    (0.5, 0.5, 0.71)
    """
    fn = _as_function(f)
    z = preactivations(scale, n, rng if rng is not None else np.random.default_rng(0), mean)
    out, slope = fn(z), fn.derivative(z)
    return Response(
        name=fn.name,
        scale=float(scale),
        blocked=float(np.mean(np.abs(slope) < blocked_below)),
        sparsity=float(np.mean(out == 0.0)),
        mean_output=float(np.mean(out)),
        rms_slope=float(np.sqrt(np.mean(slope**2))),
    )


def blocked_curve(
    f: str | ActivationFunction,
    scales: Iterable[float],
    n: int = 20_000,
    rng: np.random.Generator | None = None,
    blocked_below: float = BLOCKED_BELOW,
) -> np.ndarray:
    """The blocked fraction P(|f'(z)| < τ) for z ~ N(0, s²) at each scale s (same z·s reused).

    Using one standard-normal sample scaled by each s makes the curve smooth in s.

    >>> blocked_curve("tanh", [0.1, 100.0], n=1000).round(2)
    array([0.  , 0.98])
    """
    fn = _as_function(f)
    generator = rng if rng is not None else np.random.default_rng(0)
    unit = generator.standard_normal(n)
    return np.array([np.mean(np.abs(fn.derivative(s * unit)) < blocked_below) for s in scales])


def output_gradients(logits: np.ndarray, target: float) -> tuple[np.ndarray, np.ndarray]:
    r"""∂loss/∂z for a sigmoid output p = σ(z) under two losses, for one binary ``target``.

    Cross-entropy :math:`-[y\log p + (1-y)\log(1-p)]` gives :math:`p - y`; squared error
    :math:`\tfrac12 (p - y)^2` gives :math:`(p - y)\,\sigma'(z)`, which vanishes wherever the
    sigmoid saturates, even when the prediction is confidently wrong.

    >>> ce, se = output_gradients(np.array([-10.0]), target=1.0)
    >>> ce.round(4), se.round(6)
    (array([-1.]), array([-4.5e-05]))
    """
    if target not in (0.0, 1.0):
        raise ValueError(f"output_gradients: target must be 0 or 1, got {target}")
    sigmoid = al.activation("sigmoid")
    z = np.asarray(logits, dtype=np.float64)
    error = sigmoid(z) - target
    return error, error * sigmoid.derivative(z)
