"""Gradient flow through depth: the bound on σ', products of derivatives, per-layer gradients.

Back-propagation through L layers multiplies L local derivatives. When each factor is below 1
(σ' ≤ 1/4) the product shrinks geometrically (vanishing gradients); when the weights are too
large it grows (exploding gradients). Initialising weights with the variance that keeps signals
at unit scale (Xavier/Glorot, He; drawn by :mod:`actlearn.nn.init`) keeps the per-layer
gradient norms flat.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from actlearn.activations import symbolic
from actlearn.activations.bound import activation
from actlearn.activations.moments import gaussian_expectation
from actlearn.engine import Tensor
from actlearn.nn import Linear


def derivative_peak(name: str, **params: Any) -> tuple[sp.Expr, sp.Expr]:
    r"""The exact maximiser x* of f' and the maximum f'(x*), solving :math:`f''(x) = 0` in SymPy.

    Only for smooth activations whose f'' = 0 SymPy can solve (sigmoid, tanh, gelu, ...).

    >>> derivative_peak("sigmoid")
    (0, 1/4)
    """
    expr = symbolic.expression(name, **params)
    if expr.has(sp.Piecewise):
        raise ValueError(f"derivative_peak: {name} is piecewise; use numeric_derivative_peak")
    first = symbolic.derivative(expr)
    second = sp.diff(first, symbolic.x)
    try:
        critical = sp.solve(sp.Eq(second, 0), symbolic.x)
    except NotImplementedError as exc:
        raise ValueError(f"derivative_peak: SymPy cannot solve f''(x) = 0 for {name}") from exc
    maxima = [
        (point, sp.simplify(first.subs(symbolic.x, point)))
        for point in critical
        if point.is_real and sp.diff(second, symbolic.x).subs(symbolic.x, point).evalf() < 0
    ]
    if not maxima:
        raise ValueError(f"derivative_peak: f' of {name} has no interior maximum")
    return max(maxima, key=lambda pair: float(pair[1]))


def numeric_derivative_peak(
    name: str, low: float = -10.0, high: float = 10.0, num: int = 200_001, **params: Any
) -> tuple[float, float]:
    """(x*, f'(x*)) maximising the registry's derivative on a grid of ``num`` points.

    >>> [round(v, 6) for v in numeric_derivative_peak("sigmoid")]
    [0.0, 0.25]
    """
    grid = np.linspace(low, high, num)
    slopes = activation(name, **params).derivative(grid)
    i = int(np.argmax(slopes))
    return float(grid[i]), float(slopes[i])


def chain_gradients(
    x: Any, depth: int, name: str = "sigmoid", weight: float = 1.0, **params: Any
) -> np.ndarray:
    r"""Gradients along the scalar chain :math:`h_k = f(w\,h_{k-1})`, :math:`h_0 = x`, k = 0..depth.

    Entry k is :math:`\frac{dh_k}{dx} = \prod_{j=1}^{k} w\,f'(w\,h_{j-1})`; entry 0 is 1.
    The result has shape ``(depth + 1, *np.shape(x))``.

    >>> chain_gradients(0.0, 2).round(4)
    array([1.    , 0.25  , 0.0588])
    """
    if not isinstance(depth, int | np.integer) or depth < 0:
        raise ValueError(f"chain_gradients: depth must be a non-negative int, got {depth!r}")
    f = activation(name, **params)
    h = np.asarray(x, dtype=np.float64)
    grads = [np.ones_like(h)]
    for _ in range(depth):
        z = weight * h
        grads.append(grads[-1] * weight * f.derivative(z))
        h = f(z)
    return np.stack(grads)


def vanishing_depth(
    threshold: float = 1e-6, x: float = 0.0, name: str = "sigmoid", max_depth: int = 10_000,
    **params: Any,
) -> int | None:
    """The smallest depth n with |dh_n/dx| < threshold along :func:`chain_gradients` (weight 1),
    or None if it never drops that low within ``max_depth`` layers.

    >>> vanishing_depth(1e-6)
    10
    """
    f = activation(name, **params)
    h, grad = np.asarray(x, dtype=np.float64), 1.0
    for depth in range(max_depth + 1):
        if abs(grad) < threshold:
            return depth
        grad, h = grad * float(f.derivative(h)), f(h)
    return None


@dataclass(frozen=True)
class UpdateScale:
    r"""What one step :math:`w \leftarrow w - \text{lr}\cdot g` does to a weight in float64.

    ``change`` is the change actually stored, ``relative`` its size next to ``|w|``,
    ``steps`` how many such steps move w by ``fraction`` of itself, and ``rounding_limit``
    (:math:`\varepsilon |w|`, ε = 2.2e-16) the size below which an update is rounded away.
    """

    change: float
    relative: float
    steps: float
    rounding_limit: float


def update_scale(weight: float, grad: float, lr: float = 0.1, fraction: float = 0.1) -> UpdateScale:
    """One gradient-descent step on a single float64 weight, and what it achieves.

    >>> u = update_scale(0.5, 1e-6)
    >>> f"{u.change:.3e}", f"{u.relative:.1e}", f"{u.steps:.1e}", f"{u.rounding_limit:.1e}"
    ('-1.000e-07', '2.0e-07', '5.0e+05', '1.1e-16')
    >>> update_scale(0.5, 1e-17).change
    0.0
    """
    if weight == 0 or not lr > 0 or not fraction > 0:
        raise ValueError(f"update_scale: need weight != 0, lr > 0, fraction > 0; got {weight}, "
                         f"{lr}, {fraction}")
    w = np.float64(weight)
    change = float((w - np.float64(lr) * np.float64(grad)) - w)
    relative = abs(change) / abs(float(w))
    steps = fraction / relative if relative > 0 else math.inf
    return UpdateScale(change, relative, steps, float(np.finfo(np.float64).eps * abs(w)))


def variance_factors(name: str, q: float = 1.0, **params: Any) -> tuple[float, float]:
    r"""How one layer scales the forward and backward variance, :math:`z \sim \mathcal N(0, q)`.

    With n inputs per unit and zero-mean weights of variance v,
    :math:`\mathrm{Var}(z_{l+1}) = n\,v\,E[f(z_l)^2]` forward and
    :math:`\mathrm{Var}(\delta_l) = n\,v\,E[f'(z_l)^2]\,\mathrm{Var}(\delta_{l+1})` backward.
    Returns :math:`(E[f(z)^2]/q,\; E[f'(z)^2])`: both equal 1/2 for ReLU (hence He's
    v = 2/n) and tend to 1 for tanh as q → 0 (hence v = 1/n, Xavier/LeCun).

    >>> [round(v, 6) for v in variance_factors("relu")]
    [0.5, 0.5]
    """
    if not q > 0:
        raise ValueError(f"variance_factors: q must be positive, got {q}")
    f = activation(name, **params)
    std = math.sqrt(q)
    forward = gaussian_expectation(lambda z: f(z) ** 2, std=std) / q
    backward = gaussian_expectation(lambda z: f.derivative(z) ** 2, std=std)
    return forward, backward


@dataclass(frozen=True)
class GradientFlow:
    """Per-layer statistics of one forward and backward pass (index 0 = first layer).

    ``weight_grad_norms[l]`` is the Frobenius norm of ∂L/∂W_l, ``activation_grad_norms[l]``
    the RMS of ∂L/∂h_l per sample, ``activation_std[l]`` the standard deviation of h_l.
    """

    weight_grad_norms: np.ndarray
    activation_grad_norms: np.ndarray
    activation_std: np.ndarray

    @property
    def ratio(self) -> float:
        """‖∂L/∂W_first‖ / ‖∂L/∂W_last‖: ≪ 1 means vanishing, ≫ 1 exploding, ≈ 1 flat."""
        return float(self.weight_grad_norms[0] / self.weight_grad_norms[-1])


def gradient_flow(
    name: str,
    depth: int,
    width: int = 64,
    batch: int = 128,
    init: str = "xavier",
    scale: float = 1.0,
    rng: np.random.Generator | None = None,
    **params: Any,
) -> GradientFlow:
    r"""Back-propagate once through ``depth`` layers :math:`h_l = f(h_{l-1} W_l)` on the engine.

    Each :math:`W_l` is an ``nn.Linear(width, width, init=init, bias=False)`` weight multiplied
    by ``scale`` (1 keeps the initialiser's variance), inputs are
    :math:`h_0 \sim \mathcal N(0, 1)`. The loss
    is a fixed random projection of the output, :math:`L = \frac1B \sum h_L \odot P`, so the
    gradient arriving at the top is the same for every activation.
    """
    if depth < 1 or width < 1 or batch < 1:
        raise ValueError(f"gradient_flow: depth, width, batch must be >= 1; got {depth}, "
                         f"{width}, {batch}")
    if scale <= 0:
        raise ValueError(f"gradient_flow: scale must be positive, got {scale}")
    rng = np.random.default_rng(0) if rng is None else rng
    f = activation(name, **params)
    if f.kind != "pointwise":
        raise ValueError(f"gradient_flow: {name} is not a pointwise activation")
    layers = [Linear(width, width, init=init, bias=False, rng=rng) for _ in range(depth)]
    for layer in layers:
        layer.weight.data *= scale
    h = Tensor(rng.standard_normal((batch, width)))
    probe = rng.standard_normal((batch, width))
    hidden = []
    for layer in layers:
        h = layer(h).activation(f)
        hidden.append(h)
    ((h * probe).sum() / batch).backward()
    return GradientFlow(
        weight_grad_norms=np.array([np.linalg.norm(layer.weight.grad) for layer in layers]),
        activation_grad_norms=np.array(
            [np.sqrt(np.mean(np.sum(t.grad**2, axis=1))) for t in hidden]
        ) * batch,
        activation_std=np.array([t.data.std() for t in hidden]),
    )
