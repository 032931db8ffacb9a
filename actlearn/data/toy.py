"""Synthetic classification sets: the XOR truth table and interleaved spirals."""

from __future__ import annotations

import numpy as np

from actlearn.data._checks import check_float, check_int, check_rng

_XOR_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
_XOR_LABELS = np.array([0, 1, 1, 0], dtype=np.int64)


def xor(
    n_per_corner: int = 1, noise: float = 0.0, rng: np.random.Generator | None = None
) -> tuple[np.ndarray, np.ndarray]:
    r"""The XOR problem: :math:`y = x_1 \oplus x_2` on the corners of the unit square.

    Each corner :math:`(x_1, x_2) \in \{0, 1\}^2` appears ``n_per_corner`` times, moved by
    Gaussian noise :math:`\mathcal{N}(0, \text{noise}^2)` in each coordinate. Rows are the
    truth table repeated: row ``4 * i + c`` is a copy of corner ``c``, so ``X[:4]`` lists the
    corners (0, 0), (0, 1), (1, 0), (1, 1) in that order.

    Args:
        n_per_corner: copies of each corner, at least 1.
        noise: standard deviation of the displacement, at least 0 (0 gives exact corners).
        rng: generator for the noise; ``np.random.default_rng(0)`` when None. Unused
            when ``noise == 0``.

    Returns:
        ``X`` float64 of shape ``(4 * n_per_corner, 2)`` and ``y`` int64 of shape
        ``(4 * n_per_corner,)`` with values in {0, 1}.

    >>> X, y = xor()
    >>> X.tolist(), y.tolist()
    ([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [0, 1, 1, 0])
    """
    n_per_corner = check_int(n_per_corner, "xor: n_per_corner", minimum=1)
    noise = check_float(noise, "xor: noise", minimum=0.0)
    generator = check_rng(rng, "xor")
    X = np.tile(_XOR_INPUTS, (n_per_corner, 1))
    y = np.tile(_XOR_LABELS, n_per_corner)
    if noise > 0:
        X = X + noise * generator.standard_normal(X.shape)
    return X, y


def spirals(
    n: int = 200,
    noise: float = 0.2,
    rng: np.random.Generator | None = None,
    n_classes: int = 2,
    turns: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Interleaved spiral arms, one arm per class.

    Point :math:`i` of the :math:`m` points of class :math:`j` (of :math:`k`) lies at

    .. math::
        r_i = \frac{i + 1}{m}, \qquad
        \theta_i = \frac{2\pi j}{k} + 2\pi\,\text{turns}\; r_i + \text{noise}\;\varepsilon_i,
        \qquad x_i = r_i(\cos\theta_i, \sin\theta_i),

    with :math:`\varepsilon_i \sim \mathcal{N}(0, 1)`: the noise is an angle in radians, so
    it moves outer points further than inner ones. The ``n`` points are shared out as evenly
    as possible (the first ``n % k`` classes get one more) and rows come class by class.
    The same ``rng`` state gives the same points.

    Args:
        n: total number of points, at least ``n_classes``.
        noise: standard deviation of the angular noise in radians, at least 0.
        rng: generator for the noise; ``np.random.default_rng(0)`` when None.
        n_classes: number of arms, at least 2.
        turns: how many full turns each arm makes from the centre to radius 1, above 0.

    Returns:
        ``X`` float64 of shape ``(n, 2)`` inside the unit disc and ``y`` int64 of shape
        ``(n,)`` with values ``0 .. n_classes - 1``.

    >>> X, y = spirals(n=6, noise=0.0, n_classes=3)
    >>> y.tolist()
    [0, 0, 1, 1, 2, 2]
    >>> bool(np.allclose(np.hypot(X[:, 0], X[:, 1]), [0.5, 1.0] * 3))
    True
    """
    n_classes = check_int(n_classes, "spirals: n_classes", minimum=2)
    n = check_int(n, "spirals: n", minimum=n_classes)
    noise = check_float(noise, "spirals: noise", minimum=0.0)
    turns = check_float(turns, "spirals: turns")
    if turns <= 0:
        raise ValueError(f"spirals: turns must be positive, got {turns}")
    generator = check_rng(rng, "spirals")
    counts = [n // n_classes + (j < n % n_classes) for j in range(n_classes)]
    y = np.repeat(np.arange(n_classes, dtype=np.int64), counts)
    radius = np.concatenate([np.arange(1, m + 1) / m for m in counts])
    theta = 2 * np.pi * (y / n_classes + turns * radius)
    theta = theta + noise * generator.standard_normal(n)
    X = radius[:, None] * np.stack([np.cos(theta), np.sin(theta)], axis=1)  # (n, 2)
    return X, y
