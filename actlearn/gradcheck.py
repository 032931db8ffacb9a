"""Gradient checking: back-propagated gradients against central finite differences."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from actlearn.engine import Tensor, no_grad


@dataclass(frozen=True)
class GradcheckResult:
    """The outcome of :func:`gradcheck`; truthy when every element passed.

    ``max_rel_error`` is the worst :math:`|a-n| / \\max(|a|, |n|, atol/rtol)` over all checked
    elements (a analytic, n numeric); ``where`` is ``(tensor index, element index)`` of it.
    """

    passed: bool
    max_rel_error: float
    where: tuple[int, tuple[int, ...]] | None
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
    rng = np.random.default_rng(0) if rng is None else rng
    out = fn(*tensors)
    weights = None if out.data.size == 1 else rng.standard_normal(out.data.shape)

    def objective() -> float:
        value = fn(*tensors)
        return float(value.data.sum() if weights is None else (value.data * weights).sum())

    saved = [t.grad for t in tensors]
    for t in tensors:
        t.grad = None
    out.backward(None if weights is None else weights)
    analytic = [t.grad for t in tensors]
    for t, grad in zip(tensors, saved, strict=True):
        t.grad = grad

    floor = atol / rtol
    worst = (-1.0, None, 0.0, 0.0)
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
    rel, where, a, numeric = worst
    return GradcheckResult(
        passed=where is None or bool(rel <= rtol),
        max_rel_error=max(rel, 0.0) if where is not None else 0.0,
        where=where,
        analytic=a,
        numeric=numeric,
        checked=checked,
    )
