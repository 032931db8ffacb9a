"""Gradient checking: back-propagated gradients against central finite differences."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from actlearn.engine import Tensor, no_grad

Where = tuple[int, tuple[int, ...]]
Worst = tuple[float, Where | None, float, float]


@dataclass(frozen=True)
class GradcheckResult:
    """The outcome of :func:`gradcheck`; truthy when every element passed.

    ``max_rel_error`` is the worst :math:`|a-n| / \\max(|a|, |n|, atol/rtol)` over all checked
    elements (a analytic, n numeric); ``where`` is ``(tensor index, element index)`` of it.
    """

    passed: bool
    max_rel_error: float
    where: Where | None
    analytic: float
    numeric: float
    checked: int

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        verdict = "passed" if self.passed else "FAILED"
        if self.where is None:
            return f"gradcheck {verdict}: no element to check"
        tensor, element = self.where
        return (
            f"gradcheck {verdict}: worst relative error {self.max_rel_error:.3g} at tensor "
            f"{tensor}, element {element} (analytic {self.analytic:.10g}, numeric "
            f"{self.numeric:.10g}; {self.checked} elements checked)"
        )


def gradcheck(
    fn: Callable[..., Tensor],
    *tensors: Tensor,
    eps: float = 1e-6,
    atol: float = 1e-5,
    rtol: float = 1e-3,
    rng: np.random.Generator | None = None,
) -> GradcheckResult:
    r"""Compare ``backward()`` with central differences for every element of every input.

    .. math::
        \frac{\partial L}{\partial x_i}
        \approx \frac{L(x + \epsilon e_i) - L(x - \epsilon e_i)}{2\epsilon}

    where :math:`L = \sum_j r_j\,\mathrm{fn}(\dots)_j` with fixed random weights r (or L = fn
    itself for a one-element output), so a non-scalar output checks a random vector-Jacobian
    product. An element passes when :math:`|a - n| \le \max(\text{atol}, \text{rtol}\cdot
    \max(|a|, |n|))`. Inputs with ``requires_grad=False`` are not checked; their data are
    restored after each perturbation.

    >>> x = Tensor([0.5, -1.0], requires_grad=True)
    >>> bool(gradcheck(lambda t: (t * t.sin()).sum(), x))
    True
    """
    if eps <= 0 or atol < 0 or rtol <= 0:
        raise ValueError(f"gradcheck: need eps > 0, atol >= 0, rtol > 0; got {eps}, {atol}, {rtol}")
    for i, t in enumerate(tensors):
        if not isinstance(t, Tensor):
            raise TypeError(f"gradcheck: argument {i} must be a Tensor, got {type(t).__name__}")
    if not any(t.requires_grad for t in tensors):
        raise ValueError("gradcheck: no argument has requires_grad=True, so nothing to check")
    rng = np.random.default_rng(0) if rng is None else rng
    # Infinite or NaN gradients are reported in the result, not warned about.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        worst, checked = _compare(fn, tensors, eps, atol / rtol, rng)
    rel, where, a, numeric = worst
    return GradcheckResult(
        passed=where is None or bool(rel <= rtol),
        max_rel_error=rel if where is not None else 0.0,
        where=where,
        analytic=a,
        numeric=numeric,
        checked=checked,
    )


def _analytic(
    fn: Callable[..., Tensor], tensors: tuple[Tensor, ...], rng: np.random.Generator
) -> tuple[list[np.ndarray | None], np.ndarray | None]:
    """Gradients of L from backward() (leaving the tensors' own .grad untouched), and r."""
    out = fn(*tensors)
    weights = None if out.data.size == 1 else rng.standard_normal(out.data.shape)
    saved = [t.grad for t in tensors]
    for t in tensors:
        t.grad = None
    out.backward(weights)
    analytic = [t.grad for t in tensors]
    for t, grad in zip(tensors, saved, strict=True):
        t.grad = grad
    return analytic, weights


def _compare(
    fn: Callable[..., Tensor],
    tensors: tuple[Tensor, ...],
    eps: float,
    floor: float,
    rng: np.random.Generator,
) -> tuple[Worst, int]:
    """The worst (relative error, where, analytic, numeric) and the number of elements."""
    analytic, weights = _analytic(fn, tensors, rng)

    def objective() -> float:
        value = fn(*tensors).data
        return float(value.sum() if weights is None else (value * weights).sum())

    worst: Worst = (-1.0, None, 0.0, 0.0)
    checked = 0
    with no_grad():
        for index, t in enumerate(tensors):
            if not t.requires_grad:
                continue
            grad = np.zeros(t.shape) if analytic[index] is None else analytic[index]
            for element in np.ndindex(t.shape):
                original = t.data[element]
                t.data[element] = original + eps
                upper = objective()
                t.data[element] = original - eps
                lower = objective()
                t.data[element] = original
                numeric = (upper - lower) / (2 * eps)
                a = float(grad[element])
                rel = abs(a - numeric) / max(abs(a), abs(numeric), floor)
                if not (rel <= worst[0] or np.isnan(worst[0])):  # NaN is the worst
                    worst = (rel, (index, element), a, numeric)
                checked += 1
    return worst, checked
