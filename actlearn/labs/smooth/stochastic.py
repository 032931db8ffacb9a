r"""Activations and random masks: GELU as an averaged 0/1 mask, dropout and alpha-dropout on
SELU networks, and a SELU unit that cannot die.

* GELU multiplies its input by a random mask :math:`m \sim \mathrm{Bernoulli}(\Phi(x))` and
  keeps the average: :math:`E[m\,x] = x\,\Phi(x)` (Hendrycks & Gimpel, 2016).
* Dropout zeroes each unit with probability ``rate`` and divides the survivors by
  :math:`q = 1 - \text{rate}`: the mean is kept, the variance grows to :math:`E[h^2]/q`.
  Alpha-dropout (Klambauer et al., 2017) sets dropped units to SELU's negative saturation
  :math:`\alpha' = -\lambda\alpha` and applies :math:`a\,(\cdot) + b` chosen so that mean 0 and
  variance 1 survive.
* A unit whose pre-activation is negative on every input passes no gradient through ReLU, but
  :math:`\mathrm{SELU}'(z) = \lambda\alpha e^{z} > 0` there, so gradient descent can revive it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from actlearn import nn
from actlearn.activations import SELU_ALPHA, SELU_SCALE
from actlearn.activations.bound import activation
from actlearn.activations.kernels.special import normal_cdf
from actlearn.losses import mse
from actlearn.optim import SGD
from actlearn.training import fit


def gelu_mask_average(
    x: np.ndarray, samples: int, rng: np.random.Generator | None = None
) -> np.ndarray:
    r"""The average of :math:`m\,x` over ``samples`` random masks
    :math:`m \sim \mathrm{Bernoulli}(\Phi(x))`, drawn independently for every entry of x; it
    tends to :math:`\mathrm{GELU}(x) = x\,\Phi(x)`.

    >>> gelu_mask_average(np.array([-50.0, 0.0, 50.0]), 10)
    array([ 0.,  0., 50.])
    """
    if samples < 1:
        raise ValueError(f"gelu_mask_average: samples must be >= 1, got {samples}")
    rng = np.random.default_rng(0) if rng is None else rng
    x = np.asarray(x, dtype=np.float64)
    keep = normal_cdf(x)
    masks = rng.random((samples, *x.shape)) < keep
    return (masks * x).mean(axis=0)


def alpha_dropout_constants(
    rate: float, alpha: float = SELU_ALPHA, scale: float = SELU_SCALE
) -> tuple[float, float, float]:
    r"""(α', a, b) of alpha-dropout: dropped units are set to :math:`\alpha' = -\lambda\alpha`,
    then every unit is mapped by :math:`a\,(\cdot) + b`, with q = 1 − rate,

    .. math:: a = \bigl(q + \alpha'^2 q (1 - q)\bigr)^{-1/2}, \qquad b = -a\,(1 - q)\,\alpha',

    so that inputs with mean 0 and variance 1 leave with mean 0 and variance 1.

    >>> [round(v, 4) for v in alpha_dropout_constants(0.1)]
    [-1.7581, 0.9213, 0.162]
    """
    if not 0 <= rate < 1:
        raise ValueError(f"alpha_dropout_constants: rate must be in [0, 1), got {rate}")
    q = 1.0 - rate
    saturation = -scale * alpha
    a = (q + saturation**2 * q * (1.0 - q)) ** -0.5
    return saturation, a, -a * (1.0 - q) * saturation


def dropout(
    h: np.ndarray, rate: float, kind: str = "standard", rng: np.random.Generator | None = None
) -> np.ndarray:
    """Training-mode dropout of ``h``: ``"standard"`` (zero, then divide by 1 − rate) or
    ``"alpha"`` (SELU's companion, :func:`alpha_dropout_constants`); rate 0 returns h."""
    if kind not in ("standard", "alpha"):
        raise ValueError(f"dropout: kind must be 'standard' or 'alpha', got {kind!r}")
    if not 0 <= rate < 1:
        raise ValueError(f"dropout: rate must be in [0, 1), got {rate}")
    h = np.asarray(h, dtype=np.float64)
    if rate == 0:
        return h
    rng = np.random.default_rng(0) if rng is None else rng
    keep = rng.random(h.shape) >= rate
    if kind == "standard":
        return np.where(keep, h / (1.0 - rate), 0.0)
    saturation, a, b = alpha_dropout_constants(rate)
    return a * np.where(keep, h, saturation) + b


@dataclass(frozen=True)
class DropoutStatistics:
    """Mean and variance of a SELU network's activations after each layer (index 0: input)."""

    kind: str
    rate: float
    mean: np.ndarray
    variance: np.ndarray


def dropout_statistics(
    kind: str = "alpha",
    rate: float = 0.1,
    depth: int = 32,
    width: int = 256,
    batch: int = 256,
    rng: np.random.Generator | None = None,
) -> DropoutStatistics:
    r"""Push :math:`h_0 \sim \mathcal N(0, 1)` through ``depth`` layers
    :math:`h_l = \mathrm{drop}(\mathrm{selu}(h_{l-1} W_l))` with LeCun-normal weights (no biases),
    ``drop`` being :func:`dropout` of ``kind`` at ``rate``; record each layer's mean and variance.
    """
    if depth < 1 or width < 1 or batch < 2:
        raise ValueError(f"dropout_statistics: need depth, width >= 1 and batch >= 2; got "
                         f"{depth}, {width}, {batch}")
    rng = np.random.default_rng(0) if rng is None else rng
    selu = activation("selu")
    h = rng.standard_normal((batch, width))
    means, variances = [h.mean()], [h.var()]
    for _ in range(depth):
        weights = rng.standard_normal((width, width)) / np.sqrt(width)
        h = dropout(selu(h @ weights), rate, kind, rng)
        means.append(h.mean())
        variances.append(h.var())
    return DropoutStatistics(kind, rate, np.array(means), np.array(variances))


@dataclass(frozen=True)
class RevivalRun:
    """One unit :math:`f(w^\\top x + b)` started with every pre-activation negative: the
    fraction of inputs on which it is active (z > 0) and its bias, before each step and after
    the last (index 0: the start), and the loss after each step."""

    activation: str
    active: np.ndarray
    bias: np.ndarray
    loss: np.ndarray


def revival_run(
    name: str = "selu", bias_init: float = -4.0, steps: int = 200, lr: float = 0.1,
    rng: np.random.Generator | None = None,
) -> RevivalRun:
    r"""Train one unit :math:`\hat y = f(w^\top x + b)` on :math:`y = \mathrm{relu}(x_1 + x_2)`,
    :math:`x \sim U(-1, 1)^2`, by full-batch gradient descent (MSE), from weights small enough
    and a bias ``bias_init`` low enough that every pre-activation starts negative."""
    rng = np.random.default_rng(0) if rng is None else rng
    X = rng.uniform(-1.0, 1.0, (200, 2))
    y = np.maximum(X.sum(axis=1), 0.0)[:, None]
    model = nn.MLP([2, 1], output_activation=name, init="xavier", rng=rng)
    layer = model.layers[0]
    layer.weight.data *= 0.1
    layer.bias.data[:] = bias_init

    def state() -> tuple[float, float]:
        return float(np.mean(layer(X).data > 0)), float(layer.bias.data[0])

    start = state()
    history = fit(model, mse, X, y, SGD(model.parameters(), lr=lr), steps=steps, progress=False,
                  callback=lambda step, loss: dict(zip(("active", "bias"), state(), strict=True)))
    active = [start[0]] + [r["active"] for r in history.records]
    bias = [start[1]] + [r["bias"] for r in history.records]
    return RevivalRun(name, np.array(active), np.array(bias), np.array(history.loss))
