r"""Universal approximation made concrete: a curve as a sum of ReLU pieces.

On knots :math:`t_0 < t_1 < \dots < t_n` the piecewise-linear interpolant of f is

.. math::
    \hat f(x) = f(t_0) + \sum_{k=0}^{n-1} c_k\,\mathrm{ReLU}(x - t_k), \qquad
    c_0 = s_0,\quad c_k = s_k - s_{k-1},\quad s_k = \frac{f(t_{k+1}) - f(t_k)}{t_{k+1} - t_k},

so each unit switches on at its knot and bends the line by :math:`c_k`. That is a network with
one hidden layer of n ReLU units (input weights 1, biases :math:`-t_k`, output weights
:math:`c_k`, output bias :math:`f(t_0)`). For a twice-differentiable f the maximum error on
:math:`[t_0, t_n]` is at most :math:`\tfrac18 h^2 \max|f''|` with spacing h, so it falls like
:math:`1/n^2`.

Gradient descent can find such a network too, if the kinks start where the curve is: with
biases initialised to 0 every kink of a one-input layer sits at x = 0 (:func:`train_relu_fit`
shows both starts).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import numpy as np
from numpy.typing import ArrayLike

import actlearn as al
from actlearn.engine import no_grad
from actlearn.losses import mse
from actlearn.nn import MLP, Linear
from actlearn.optim import Adam
from actlearn.training import fit

Curve = Callable[[np.ndarray], np.ndarray]

#: Curves the lesson fits, each with its interval.
TARGETS: Mapping[str, tuple[Curve, tuple[float, float]]] = MappingProxyType({
    "wave": (lambda x: np.sin(3 * x) + 0.3 * x, (-2.0, 2.0)),
    "bump": (lambda x: np.exp(-4 * x**2), (-2.0, 2.0)),
    "parabola": (lambda x: x**2, (-2.0, 2.0)),
})


def target(name: str) -> tuple[Curve, tuple[float, float]]:
    """The curve and interval called ``name`` in :data:`TARGETS`."""
    if name not in TARGETS:
        raise ValueError(f"unknown target curve {name!r}; choose one of {sorted(TARGETS)}")
    return TARGETS[name]


@dataclass(frozen=True)
class ReluSum:
    r""":math:`\hat f(x) = b + \sum_k c_k\,\mathrm{ReLU}(x - t_k)` with b = ``bias``,
    c = ``coefs``, t = ``knots``."""

    bias: float
    knots: np.ndarray
    coefs: np.ndarray

    def terms(self, x: ArrayLike) -> np.ndarray:
        r"""Each unit's contribution :math:`c_k\,\mathrm{ReLU}(x - t_k)`, shape (n, *x.shape)."""
        xs = np.asarray(x, dtype=np.float64)
        shape = (-1,) + (1,) * xs.ndim
        hidden = al.activation("relu")(xs[None] - self.knots.reshape(shape))
        return self.coefs.reshape(shape) * hidden

    def __call__(self, x: ArrayLike) -> np.ndarray:
        return self.bias + self.terms(x).sum(axis=0)

    def as_network(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(W1, b1, W2, b2)`` of the equivalent ``x → ReLU(x W1 + b1) W2 + b2`` network,
        shapes (1, n), (n,), (n, 1), (1,), the layout of :class:`actlearn.nn.Linear`."""
        n = self.knots.size
        return (np.ones((1, n)), -self.knots.copy(), self.coefs.reshape(n, 1).copy(),
                np.array([self.bias]))


def relu_interpolant(f: Curve, low: float, high: float, n_pieces: int) -> ReluSum:
    """The sum of ``n_pieces`` ReLU units that interpolates ``f`` at equally spaced knots.

    >>> fit = relu_interpolant(np.abs, -1.0, 1.0, 2)
    >>> fit.coefs.tolist(), float(fit(0.5))
    ([-1.0, 2.0], 0.5)
    """
    if isinstance(n_pieces, bool) or not isinstance(n_pieces, (int, np.integer)) or n_pieces < 1:
        raise ValueError(f"n_pieces must be an int >= 1, got {n_pieces!r}")
    if not low < high:
        raise ValueError(f"need low < high, got [{low}, {high}]")
    knots = np.linspace(low, high, n_pieces + 1)
    values = np.asarray(f(knots), dtype=np.float64)
    slopes = np.diff(values) / np.diff(knots)
    coefs = np.diff(slopes, prepend=0.0)
    return ReluSum(float(values[0]), knots[:-1], coefs)


def max_error(f: Curve, approx: Curve, low: float, high: float, samples: int = 2001) -> float:
    """:math:`\\max |f(x) - \\hat f(x)|` over ``samples`` equally spaced points of [low, high]."""
    xs = np.linspace(low, high, samples)
    return float(np.max(np.abs(f(xs) - approx(xs))))


def kink_positions(layer: Linear) -> np.ndarray:
    r"""Where each unit of a one-input layer bends: ReLU(w x + b) has its kink at x = −b / w
    (±inf for a unit with w = 0, which never bends)."""
    if layer.weight.shape[0] != 1:
        raise ValueError(f"kink_positions needs a layer with one input, got {layer!r}")
    w, b = layer.weight.data[0], layer.bias.data
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(w != 0, -b / w, np.inf)


def spread_kinks(layer: Linear, low: float, high: float, rng: np.random.Generator) -> None:
    """Set a one-input layer's biases so its units' kinks fall uniformly at random in
    [low, high] (b = −w·t with t ~ U(low, high)); the weights are left as they are."""
    positions = rng.uniform(low, high, layer.weight.shape[1])
    with no_grad():
        layer.bias.data[...] = -layer.weight.data[0] * positions


@dataclass(frozen=True)
class TrainedFit:
    """A ``MLP([1, width, 1], relu)`` fitted to a target curve by gradient descent."""

    net: MLP
    loss: np.ndarray
    max_error: float

    def __call__(self, x: ArrayLike) -> np.ndarray:
        with no_grad():
            return self.net(np.asarray(x, dtype=np.float64)[..., None]).data[..., 0]


@lru_cache(maxsize=32)
def train_relu_fit(
    name: str, width: int = 16, steps: int = 1500, spread: bool = True, lr: float = 0.01,
    seed: int = 0, samples: int = 200,
) -> TrainedFit:
    r"""Fit ``MLP([1, width, 1], relu)`` to the target curve ``name`` on ``samples`` points by
    full-batch Adam on the mean squared error. With ``spread`` the kinks start spread over
    the interval (:func:`spread_kinks`); without it every bias starts at 0, so every kink
    starts at x = 0. Cached per argument tuple: the same arguments give the same object."""
    f, (low, high) = target(name)
    rng = np.random.default_rng(seed)
    net = MLP([1, width, 1], activation="relu", rng=rng)
    if spread:
        spread_kinks(net.layers[0], low, high, rng)
    xs = np.linspace(low, high, samples)[:, None]
    history = fit(net, mse, xs, f(xs), Adam(net.parameters(), lr=lr), steps=steps,
                  progress=False)
    def predict(x: np.ndarray) -> np.ndarray:
        with no_grad():
            return net(x[:, None]).data[:, 0]

    loss = np.array(history.loss)
    loss.flags.writeable = False
    return TrainedFit(net, loss, max_error(f, predict, low, high))
