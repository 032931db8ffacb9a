"""Optimizers: each ``step()`` moves every parameter against its gradient, θ ← θ − α·(update).

>>> import numpy as np
>>> from actlearn.engine import Tensor
>>> w = Tensor(np.array([1.0]), requires_grad=True)
>>> opt = SGD([w], lr=0.1)
>>> (w * w).sum().backward(); opt.step(); w.data
array([0.8])
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from actlearn.engine import Tensor


def _positive(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ValueError(f"{name} must be a positive number, got {value!r}")
    return float(value)


class Optimizer:
    """Holds the parameters (each once, in order); ``zero_grad()`` clears their gradients."""

    def __init__(self, params: Iterable[Tensor], lr: float) -> None:
        unique: dict[int, Tensor] = {}
        for i, p in enumerate(params):
            if not isinstance(p, Tensor) or not p.requires_grad:
                raise TypeError(
                    f"parameter {i} must be a Tensor with requires_grad=True, got {p!r:.60}"
                )
            unique.setdefault(id(p), p)
        if not unique:
            raise ValueError("the optimizer got no parameters (an empty list?)")
        self.params = list(unique.values())
        self.lr = _positive("lr", lr)

    def zero_grad(self) -> None:
        """Set every parameter's ``.grad`` to None (the next backward() starts afresh)."""
        for p in self.params:
            p.grad = None

    def step(self) -> None:
        raise NotImplementedError


class SGD(Optimizer):
    r"""Stochastic gradient descent with optional momentum μ (PyTorch's form):

    .. math:: v \leftarrow \mu v + g, \qquad \theta \leftarrow \theta - \alpha v

    With μ = 0 this is plain :math:`\theta \leftarrow \theta - \alpha g`. Parameters whose
    ``.grad`` is None are skipped.
    """

    def __init__(self, params: Iterable[Tensor], lr: float, momentum: float = 0.0) -> None:
        super().__init__(params, lr)
        if isinstance(momentum, bool) or not 0.0 <= momentum < 1.0:
            raise ValueError(f"momentum must be in [0, 1), got {momentum!r}")
        self.momentum = float(momentum)
        self.velocity: list[np.ndarray | None] = [None] * len(self.params)

    def step(self) -> None:
        lr = self.lr
        if not self.momentum:
            for p in self.params:
                grad = p.grad
                if grad is not None:
                    p.data -= lr * grad
            return
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            v = self.velocity[i]
            update = p.grad.copy() if v is None else v * self.momentum + p.grad
            self.velocity[i] = update
            p.data -= lr * update


class Adam(Optimizer):
    r"""Adam (Kingma & Ba 2015): moving averages of g and g², bias-corrected.

    .. math::
        m \leftarrow \beta_1 m + (1-\beta_1) g,\quad v \leftarrow \beta_2 v + (1-\beta_2) g^2,
        \quad \theta \leftarrow \theta - \alpha\,\frac{m / (1-\beta_1^t)}{\sqrt{v/(1-\beta_2^t)}
        + \epsilon}
    """

    def __init__(
        self,
        params: Iterable[Tensor],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
    ) -> None:
        super().__init__(params, lr)
        beta1, beta2 = betas
        if not (0.0 <= beta1 < 1.0 and 0.0 <= beta2 < 1.0):
            raise ValueError(f"betas must lie in [0, 1), got {betas!r}")
        self.betas = (float(beta1), float(beta2))
        self.eps = _positive("eps", eps)
        self.t = 0
        # m and v of all parameters live in one flat buffer each (views per parameter), so a
        # step is a handful of vectorised operations however many parameters there are. The
        # buffers have the parameters' dtype (float32 moments for a float32 model); parameters
        # of mixed dtypes get buffers of their own and are updated one at a time.
        dtypes = {p.data.dtype for p in self.params}
        self._flat = len(dtypes) == 1
        if not self._flat:
            self.m = [np.zeros_like(p.data) for p in self.params]
            self.v = [np.zeros_like(p.data) for p in self.params]
            return
        sizes = [p.data.size for p in self.params]
        ends = np.cumsum(sizes)
        self._slices = [slice(end - size, end) for size, end in zip(sizes, ends, strict=True)]
        dtype = dtypes.pop()
        self._m, self._v, self._g = (np.zeros(int(ends[-1]), dtype=dtype) for _ in range(3))
        shapes = [p.data.shape for p in self.params]
        self.m = [self._m[sl].reshape(s) for sl, s in zip(self._slices, shapes, strict=True)]
        self.v = [self._v[sl].reshape(s) for sl, s in zip(self._slices, shapes, strict=True)]

    def step(self) -> None:
        self.t += 1
        beta1, beta2 = self.betas
        step_size = self.lr / (1.0 - beta1**self.t)
        v_correction = 1.0 / (1.0 - beta2**self.t)
        if not self._flat or any(p.grad is None for p in self.params):  # one at a time
            for p, m, v in zip(self.params, self.m, self.v, strict=True):
                if p.grad is not None:
                    self._update(p, m, v, p.grad, step_size, v_correction)
            return
        g = self._g
        for p, sl in zip(self.params, self._slices, strict=True):
            g[sl] = p.grad.reshape(-1)
        update = self._moments(self._m, self._v, g, step_size, v_correction)
        for p, sl in zip(self.params, self._slices, strict=True):
            p.data -= update[sl].reshape(p.data.shape)

    def _moments(self, m: np.ndarray, v: np.ndarray, g: np.ndarray, step_size: float,
                 v_correction: float) -> np.ndarray:
        """Update m and v in place; return the step α·m̂/(√v̂ + ε)."""
        beta1, beta2 = self.betas
        m *= beta1
        m += (1.0 - beta1) * g
        v *= beta2
        v += (1.0 - beta2) * (g * g)
        return step_size * m / (np.sqrt(v * v_correction) + self.eps)

    def _update(self, p: Tensor, m: np.ndarray, v: np.ndarray, g: np.ndarray,
                step_size: float, v_correction: float) -> None:
        p.data -= self._moments(m, v, g, step_size, v_correction)
