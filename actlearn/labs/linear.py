r"""Why linear activations collapse: stacked linear layers are one linear layer.

A layer maps a column vector :math:`x \mapsto W x + b`. Two of them give
:math:`W_2 (W_1 x + b_1) + b_2 = (W_2 W_1) x + (W_2 b_1 + b_2)`, again one layer, so by
induction N layers are one matrix and one bias (:func:`collapse`). A least-squares fit
shows what one layer can and cannot do (:func:`least_squares`), and a ReLU between the
layers breaks the collapse (:func:`relu_features`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType

import numpy as np
from numpy.typing import ArrayLike

import actlearn as al

Layer = tuple[np.ndarray, np.ndarray]

#: Curves for the "fit without and with ReLU" demonstration, on x in [-3, 3].
CURVES: Mapping[str, Callable[[np.ndarray], np.ndarray]] = MappingProxyType({
    "x²": lambda x: x**2 - 3.0,
    "sin(2x)": lambda x: np.sin(2.0 * x),
    "|x|": lambda x: np.abs(x) - 1.5,
    "2x + 3": lambda x: 2.0 * x + 3.0,
})


def _check_layers(layers: Sequence[Layer]) -> list[Layer]:
    if len(layers) == 0:
        raise ValueError("layers must hold at least one (W, b) pair")
    checked = []
    for i, (W, b) in enumerate(layers):
        W, b = np.asarray(W, dtype=np.float64), np.asarray(b, dtype=np.float64)
        if W.ndim != 2 or b.shape != (W.shape[0],):
            raise ValueError(f"layer {i}: expected W of shape (out, in) and b of shape (out,), "
                             f"got W {W.shape} and b {b.shape}")
        if checked and checked[-1][0].shape[0] != W.shape[1]:
            raise ValueError(f"layer {i} takes {W.shape[1]} inputs but layer {i - 1} gives "
                             f"{checked[-1][0].shape[0]}")
        checked.append((W, b))
    return checked


def random_layers(widths: Sequence[int], rng: np.random.Generator,
                  gain: float = 1.0) -> list[Layer]:
    r"""Layers of the given widths (inputs first) with random weights and biases.

    :math:`W_{ij} \sim N(0, \text{gain}^2 / \text{fan-in})`: a gain of 1 keeps outputs of
    order one through linear layers; biases have standard deviation 0.5.
    """
    if len(widths) < 2 or any(int(n) < 1 for n in widths):
        raise ValueError(f"widths must list at least two positive sizes, got {list(widths)}")
    layers = []
    for n_in, n_out in zip(widths[:-1], widths[1:], strict=True):
        std = gain / np.sqrt(n_in)
        layers.append((rng.normal(0.0, std, (n_out, n_in)), rng.normal(0.0, 0.5, n_out)))
    return layers


def forward(layers: Sequence[Layer], x: ArrayLike, activation: str = "linear") -> np.ndarray:
    r"""Apply the layers to the columns of ``x`` (shape (in, n) or (in,)), ``f`` between them.

    :math:`h_0 = x,\ h_k = f(W_k h_{k-1} + b_k)`, with no activation after the last layer.
    """
    layers = _check_layers(layers)
    f = al.activation(activation)
    h = np.asarray(x, dtype=np.float64)
    column = h.ndim == 1
    h = h[:, None] if column else h
    for i, (W, b) in enumerate(layers):
        h = W @ h + b[:, None]
        if i < len(layers) - 1:
            h = f(h)
    return h[:, 0] if column else h


def collapse(layers: Sequence[Layer]) -> Layer:
    r"""The single layer :math:`(W, b)` equal to the stack: :math:`W = W_N \cdots W_1`.

    The bias folds in the same way: :math:`b \leftarrow W_k b + b_k` layer by layer.

    >>> first, second = (np.array([[2.0]]), np.array([3.0])), (np.array([[1.0]]), np.array([1.0]))
    >>> collapse([first, second])
    (array([[2.]]), array([4.]))
    """
    layers = _check_layers(layers)
    W, b = layers[0]
    for W_k, b_k in layers[1:]:
        W, b = W_k @ W, W_k @ b + b_k
    return W, b


def least_squares(features: ArrayLike, targets: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    r"""Coefficients :math:`c` minimising :math:`\lVert F c - t\rVert^2`, and the fit :math:`F c`.

    ``features`` is (n, k), one column per feature (include a column of ones for a bias).

    >>> coef, fit = least_squares(np.c_[np.ones(3), [0.0, 1.0, 2.0]], [3.0, 5.0, 7.0])
    >>> coef.round(12)
    array([3., 2.])
    """
    F = np.asarray(features, dtype=np.float64)
    t = np.asarray(targets, dtype=np.float64)
    if F.ndim != 2 or t.shape != (F.shape[0],):
        raise ValueError(f"features must be (n, k) and targets (n,), got {F.shape} and {t.shape}")
    coef, *_ = np.linalg.lstsq(F, t, rcond=None)
    return coef, F @ coef


def linear_features(x: ArrayLike) -> np.ndarray:
    """Columns [1, x_1, ..., x_d]: the most any stack of linear layers can compute from x.

    ``x`` is (n,) for one input or (n, d).
    """
    x_arr = np.asarray(x, dtype=np.float64)
    x_arr = x_arr[:, None] if x_arr.ndim == 1 else x_arr
    return np.c_[np.ones(len(x_arr)), x_arr]


def relu_features(x: ArrayLike, knots: ArrayLike) -> np.ndarray:
    r"""Columns :math:`[1, x, \mathrm{relu}(x - k_1), \dots, \mathrm{relu}(x - k_m)]` for 1-D x.

    A least-squares fit on them is a one-hidden-layer ReLU network whose hidden units have
    slope 1 and kinks at the knots: a continuous piecewise-linear curve.
    """
    x_arr = np.asarray(x, dtype=np.float64)
    if x_arr.ndim != 1:
        raise ValueError(f"relu_features expects 1-D x, got shape {x_arr.shape}")
    k = np.asarray(knots, dtype=np.float64).reshape(-1)
    hidden = al.activation("relu")(x_arr[:, None] - k[None, :])
    return np.c_[linear_features(x_arr), hidden]


def even_knots(low: float, high: float, count: int) -> np.ndarray:
    """``count`` knots spread evenly inside (low, high), away from the ends."""
    if count < 0:
        raise ValueError(f"count must be >= 0, got {count}")
    return np.linspace(low, high, count + 2)[1:-1]


def xor_relu_network() -> list[Layer]:
    r"""Two ReLU units that compute XOR exactly: :math:`y = h_1 - 2 h_2` with
    :math:`h_1 = \mathrm{relu}(x_1 + x_2)`, :math:`h_2 = \mathrm{relu}(x_1 + x_2 - 1)`.

    >>> forward(xor_relu_network(), np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]]), "relu")
    array([[0., 1., 1., 0.]])
    """
    hidden = (np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([0.0, -1.0]))
    output = (np.array([[1.0, -2.0]]), np.array([0.0]))
    return [hidden, output]


def curve_samples(name: str, n: int, noise: float,
                  rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points x evenly spread on [-3, 3] and y = curve(x) + N(0, noise²) noise."""
    if name not in CURVES:
        raise ValueError(f"unknown curve {name!r}; expected one of {list(CURVES)}")
    if n < 2 or noise < 0:
        raise ValueError(f"need n >= 2 points and noise >= 0, got n={n}, noise={noise}")
    x = np.linspace(-3.0, 3.0, n)
    return x, CURVES[name](x) + rng.normal(0.0, noise, n)
