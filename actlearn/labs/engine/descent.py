r"""Gradient descent on a quadratic bowl, run on the engine, to see what the learning rate does.

.. math:: J(\theta) = \tfrac12 \sum_i \lambda_i \theta_i^2, \qquad
          \theta \leftarrow \theta - \alpha\,\nabla J(\theta) = (1 - \alpha\lambda_i)\,\theta_i

Each coordinate shrinks by the factor :math:`1 - \alpha\lambda_i` per step: it converges iff
:math:`0 < \alpha < 2/\lambda_i`, overshoots and oscillates when :math:`\alpha > 1/\lambda_i`,
and crawls when :math:`\alpha\lambda_i \ll 1`. With curvatures (1, 10), the largest step that
still converges is :math:`\alpha = 0.2`, and then the flat direction moves only 20 % a step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from actlearn.engine import Tensor, no_grad

CURVATURES: tuple[float, float] = (1.0, 10.0)
START: tuple[float, float] = (-4.0, 2.0)
#: Once |θ| passes this, the run is called diverged and stopped.
BLOW_UP = 1e6


def bowl(theta: Tensor, curvatures: tuple[float, ...] = CURVATURES) -> Tensor:
    r""":math:`J(\theta) = \frac12 \sum_i \lambda_i \theta_i^2` on the engine."""
    return (theta * theta * np.asarray(curvatures)).sum() * 0.5


@dataclass(frozen=True)
class DescentPath:
    """Parameters and loss before each step (``thetas[0]`` is the start)."""

    lr: float
    thetas: np.ndarray  # (k + 1, 2)
    losses: np.ndarray  # (k + 1,)
    diverged: bool

    def verdict(self, curvatures: tuple[float, ...] = CURVATURES) -> str:
        """'diverges', 'oscillates' (converges with overshoot), 'converges' or 'crawls'."""
        top, bottom = max(curvatures), min(curvatures)
        if self.diverged or self.lr >= 2 / top:
            return "diverges"
        if self.lr > 1 / top:
            return "oscillates"
        return "crawls" if self.lr * bottom < 0.02 else "converges"


def descend(
    lr: float, steps: int = 40, start: tuple[float, ...] = START,
    curvatures: tuple[float, ...] = CURVATURES,
) -> DescentPath:
    r"""``steps`` updates :math:`\theta \leftarrow \theta - \alpha \nabla J` from ``start``, the
    gradient from ``backward()``; stops early once :math:`|\theta|` passes :data:`BLOW_UP`.

    >>> path = descend(0.1, steps=2, start=(1.0, 1.0))
    >>> path.thetas.round(3).tolist()
    [[1.0, 1.0], [0.9, 0.0], [0.81, 0.0]]
    """
    if not lr > 0 or steps < 0:
        raise ValueError(f"need lr > 0 and steps >= 0, got lr={lr!r}, steps={steps!r}")
    theta = Tensor(np.array(start, dtype=np.float64), requires_grad=True)
    thetas, losses = [theta.data.copy()], []
    diverged = False
    for _ in range(steps):
        loss = bowl(theta, curvatures)
        losses.append(loss.item())
        theta.grad = None
        loss.backward()
        with no_grad():
            theta.data -= lr * theta.grad
        thetas.append(theta.data.copy())
        if np.abs(theta.data).max() > BLOW_UP:
            diverged = True
            break
    with no_grad():
        losses.append(bowl(theta, curvatures).item())
    return DescentPath(lr, np.array(thetas), np.array(losses), diverged)
