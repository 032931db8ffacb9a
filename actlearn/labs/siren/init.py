r"""SIREN's initialisation and the distributions it preserves through depth.

Sitzmann et al. (2020) draw a hidden sine layer's weights from :math:`U(-c, c)` with

.. math:: c = \frac{1}{\omega_0}\sqrt{\frac{6}{n}}, \qquad n = \text{fan-in},

and the first layer's from :math:`U(-1/n, 1/n)`. Why: if a layer's inputs :math:`y_i` are
arcsine-distributed on :math:`[-1, 1]` (variance :math:`\tfrac12`) and :math:`w_i \sim
U(-c, c)` (variance :math:`c^2/3`), the pre-activation :math:`z = \omega_0 \sum_i w_i y_i` has
variance :math:`\omega_0^2\, n\, \tfrac{c^2}{3}\, \tfrac12 = 1` and, by the central limit
theorem, is close to :math:`\mathcal N(0, 1)` for large :math:`n`. A sine of such a
:math:`z` is again spread over :math:`[-1, 1]` close to the arcsine law
:math:`F(y) = \tfrac12 + \arcsin(y)/\pi`, so every layer sees the same statistics and the
network neither collapses to small values nor turns into noise. The first layer is
different: its inputs are coordinates in :math:`[-1, 1]`, and the factor :math:`\omega_0`
(30 in the paper) spreads :math:`\omega_0 x w` over several periods of the sine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from actlearn import nn
from actlearn.nn.siren import weight_bound  # noqa: F401 (its home is nn.siren; kept here for lessons)


def arcsine_cdf(y: np.ndarray) -> np.ndarray:
    r"""CDF of the arcsine law on [−1, 1]: :math:`\tfrac12 + \arcsin(y)/\pi`."""
    return 0.5 + np.arcsin(np.clip(y, -1.0, 1.0)) / np.pi


def ks_to_arcsine(samples: np.ndarray) -> float:
    """Kolmogorov–Smirnov distance between the samples' empirical CDF and the arcsine CDF
    (0: identical; about 0.5 or more: a very different shape)."""
    s = np.sort(np.ravel(samples))
    n = s.size
    cdf = arcsine_cdf(s)
    return float(max(np.max(np.arange(1, n + 1) / n - cdf), np.max(cdf - np.arange(n) / n)))


@dataclass(frozen=True)
class LayerStats:
    """One sine layer at initialisation: the spread of its pre-activations ω₀(xW + b), and
    how far its outputs are from the arcsine law."""

    layer: int
    pre_std: float
    out_std: float
    ks: float
    outputs: np.ndarray


def layer_statistics(
    depth: int = 6,
    width: int = 256,
    omega_0: float = 30.0,
    weight_scale: float = 1.0,
    n_points: int = 2048,
    rng: np.random.Generator | None = None,
) -> list[LayerStats]:
    """Push ``n_points`` inputs x ~ U(−1, 1) through ``depth`` freshly initialised sine layers
    of ``width`` units; hidden weights are multiplied by ``weight_scale`` (1: the paper's)."""
    if depth < 1 or width < 1:
        raise ValueError(
            f"layer_statistics: depth and width must be positive, got {depth}, {width}"
        )
    generator = rng if rng is not None else np.random.default_rng(0)
    h = generator.uniform(-1.0, 1.0, (n_points, 1))
    stats = []
    for i in range(depth):
        layer = nn.Siren(h.shape[1], width, omega_0, is_first=(i == 0), rng=generator)
        if i > 0:
            layer.weight.data *= weight_scale
        pre = omega_0 * (h @ layer.weight.data + layer.bias.data)
        h = layer(h).data
        stats.append(LayerStats(i + 1, float(pre.std()), float(h.std()), ks_to_arcsine(h), h))
    return stats


def random_outputs(
    omega_0: float,
    x: np.ndarray,
    seeds: tuple[int, ...] = (0, 1, 2),
    hidden: tuple[int, ...] = (64, 64),
) -> np.ndarray:
    """Outputs on x (shape (n, 1)) of untrained SIRENs ``1 → hidden → 1``, one row per seed:
    the functions a SIREN starts from at this ω₀."""
    from actlearn.labs.siren.fit import SirenNet, predict

    return np.array(
        [
            predict(SirenNet([1, *hidden, 1], omega_0, np.random.default_rng(s)), x)[:, 0]
            for s in seeds
        ]
    )


def turning_points(values: np.ndarray) -> int:
    """How many times a sampled curve turns (its slope changes sign): a count of its wiggles.

    >>> turning_points(np.sin(np.linspace(0.0, 4 * np.pi, 401)))
    4
    """
    slopes = np.sign(np.diff(np.asarray(values, dtype=np.float64)))
    slopes = slopes[slopes != 0]
    return int(np.sum(slopes[1:] != slopes[:-1]))


def sine_variance(std: float) -> float:
    r"""Var(sin z) for z ~ N(0, std²), exactly: :math:`(1 - e^{-2\,\mathrm{std}^2})/2`
    (E[sin z] = 0 by symmetry, and :math:`E[\sin^2 z] = (1 - E[\cos 2z])/2` with
    :math:`E[\cos 2z] = e^{-2\,\mathrm{std}^2}`). The arcsine law's variance is 1/2.

    >>> round(sine_variance(1.0), 3), round(sine_variance(1.5), 3)
    (0.432, 0.494)
    """
    return float((1.0 - np.exp(-2.0 * std**2)) / 2.0)
