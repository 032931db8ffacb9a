"""Weight initialisers: each draws an (n_in, n_out) matrix whose variance keeps signals steady.

* ``he`` (He et al. 2015, for ReLU): :math:`W \\sim \\mathcal N(0,\\, g^2/n_{in})`, g = √2
* ``xavier`` (Glorot & Bengio 2010, for tanh/sigmoid):
  :math:`W \\sim U(-a, a)`, :math:`a = g\\sqrt{6/(n_{in} + n_{out})}`, g = 1
* ``lecun`` (LeCun et al. 1998, for SELU): :math:`W \\sim \\mathcal N(0,\\, g^2/n_{in})`, g = 1

Each takes an optional ``gain`` g (PyTorch's ``kaiming_normal_``/``xavier_uniform_`` with
that gain); :func:`calculate_gain` gives PyTorch's recommended gain for a nonlinearity, e.g.
``xavier(n_in, n_out, rng, gain=calculate_gain("tanh"))``. Without ``gain`` the draws are
exactly those of the defaults above.
"""

from __future__ import annotations

import difflib
import math
from typing import Protocol

import numpy as np


class Initializer(Protocol):
    def __call__(
        self, n_in: int, n_out: int, rng: np.random.Generator, gain: float | None = None
    ) -> np.ndarray: ...


#: Nonlinearities whose gain is 1: PyTorch's linear maps, and the sigmoid.
LINEAR_FNS = ("linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
              "conv_transpose3d")
NONLINEARITIES = (*LINEAR_FNS, "sigmoid", "tanh", "relu", "leaky_relu", "selu")


def calculate_gain(nonlinearity: str, param: int | float | None = None) -> float:
    r"""PyTorch's recommended gain g for layers followed by ``nonlinearity``.

    ==============================  ================================================
    nonlinearity                    g
    ==============================  ================================================
    linear, conv*, sigmoid          1
    tanh                            5/3
    relu                            √2
    leaky_relu (slope ``param``)    :math:`\sqrt{2 / (1 + \text{slope}^2)}`, slope 0.01 if None
    selu                            3/4 (for self-normalising nets use ``linear``: variance 1/n)
    ==============================  ================================================

    ``param`` must be an int or float (not a bool), as in PyTorch.

    >>> calculate_gain("tanh"), calculate_gain("leaky_relu", 0) == calculate_gain("relu")
    (1.6666666666666667, True)
    """
    if nonlinearity in LINEAR_FNS or nonlinearity == "sigmoid":
        return 1.0
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        if param is None:
            slope = 0.01
        elif isinstance(param, (int, float, np.integer, np.floating)) and not isinstance(
            param, (bool, np.bool_)
        ):
            slope = param
        else:
            raise ValueError(f"calculate_gain: negative_slope {param!r} is not a valid number "
                             "(give an int or a float)")
        return math.sqrt(2.0 / (1 + slope**2))
    if nonlinearity == "selu":
        return 3.0 / 4
    raise ValueError(f"calculate_gain: unsupported nonlinearity {nonlinearity!r}; accepted: "
                     f"{', '.join(NONLINEARITIES)}")


def _gain(gain: float | None) -> float:
    if isinstance(gain, (bool, np.bool_)) or not isinstance(gain, (int, float, np.number)) \
            or not math.isfinite(gain) or not gain > 0:
        raise ValueError(f"gain must be a positive number, got {gain!r}")
    return float(gain)


def he(n_in: int, n_out: int, rng: np.random.Generator, gain: float | None = None) -> np.ndarray:
    r""":math:`\mathcal N(0, g^2/n_{in})`, g = √2 by default: variance 2/fan-in, so ReLU layers
    keep their scale (PyTorch's ``kaiming_normal_``, fan-in mode).

    >>> he(1000, 1000, np.random.default_rng(0)).var().round(4)
    np.float64(0.002)
    """
    std = np.sqrt(2.0 / n_in) if gain is None else _gain(gain) / math.sqrt(n_in)
    return rng.normal(0.0, std, size=(n_in, n_out))


def xavier(
    n_in: int, n_out: int, rng: np.random.Generator, gain: float | None = None
) -> np.ndarray:
    r""":math:`U(-a, a)`, :math:`a = g\sqrt{6/(n_{in}+n_{out})}`, g = 1 by default: variance
    2g²/(fan-in + fan-out) (PyTorch's ``xavier_uniform_``)."""
    limit = np.sqrt(6.0 / (n_in + n_out))
    if gain is not None:
        limit = _gain(gain) * limit
    return rng.uniform(-limit, limit, size=(n_in, n_out))


def lecun(n_in: int, n_out: int, rng: np.random.Generator, gain: float | None = None) -> np.ndarray:
    r""":math:`\mathcal N(0, g^2/n_{in})`, g = 1 by default: variance 1/fan-in (the fixed point
    SELU expects)."""
    std = np.sqrt(1.0 / n_in) if gain is None else _gain(gain) / math.sqrt(n_in)
    return rng.normal(0.0, std, size=(n_in, n_out))


INITIALIZERS: dict[str, Initializer] = {"he": he, "xavier": xavier, "lecun": lecun}


def initializer(name: str) -> Initializer:
    """The initialiser called ``name``; an unknown name raises ValueError listing the valid ones."""
    try:
        return INITIALIZERS[name]
    except (KeyError, TypeError):
        close = difflib.get_close_matches(str(name), list(INITIALIZERS), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(
            f"unknown initialiser {name!r}{hint}; valid: {', '.join(INITIALIZERS)}"
        ) from None
