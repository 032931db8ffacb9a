"""Weight initialisers: each draws an (n_in, n_out) matrix whose variance keeps signals steady.

* ``he`` (He et al. 2015, for ReLU): :math:`W \\sim \\mathcal N(0,\\, 2/n_{in})`
* ``xavier`` (Glorot & Bengio 2010, for tanh/sigmoid):
  :math:`W \\sim U(-a, a)`, :math:`a = \\sqrt{6/(n_{in} + n_{out})}`
* ``lecun`` (LeCun et al. 1998, for SELU): :math:`W \\sim \\mathcal N(0,\\, 1/n_{in})`
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

import numpy as np

Initializer = Callable[[int, int, np.random.Generator], np.ndarray]


def he(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    r""":math:`\mathcal N(0, 2/n_{in})`: variance 2/fan-in, so ReLU layers keep their scale.

    >>> he(1000, 1000, np.random.default_rng(0)).var().round(4)
    np.float64(0.002)
    """
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))


def xavier(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    r""":math:`U(-a, a)`, :math:`a = \sqrt{6/(n_{in}+n_{out})}`: variance 2/(fan-in + fan-out)."""
    limit = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-limit, limit, size=(n_in, n_out))


def lecun(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    r""":math:`\mathcal N(0, 1/n_{in})`: variance 1/fan-in (the fixed point SELU expects)."""
    return rng.normal(0.0, np.sqrt(1.0 / n_in), size=(n_in, n_out))


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
