r"""SIREN networks and the 1-D signal lesson 12 fits (images: :mod:`actlearn.labs.siren.image`).

A SIREN (Sitzmann et al. 2020) is a stack of sine layers :math:`\sin(\omega_0(xW + b))`
(:class:`actlearn.nn.Siren`) followed by a linear layer. It is compared with a ReLU MLP of
the same sizes, hence the same number of parameters. Derivatives with respect to the
*inputs* come from the autodiff engine (:func:`input_gradient`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from actlearn import losses, nn, optim
from actlearn.engine import Tensor
from actlearn.parallel import run_tasks
from actlearn.training import History, fit


class SirenNet(nn.Module):
    """Sine layers ``sizes[0] → … → sizes[-2]`` (the first with the first-layer init), then a
    linear output layer drawn from U(±√(6/n)/ω₀) like the hidden weights, as in the paper.
    ``weight_scale`` multiplies every weight after the first layer (1: the paper's bounds;
    ω₀: the bounds without their 1/ω₀), for experiments on the initialisation.

    >>> net = SirenNet([1, 16, 16, 1], omega_0=30.0, rng=np.random.default_rng(0))
    >>> net(np.zeros((4, 1))).shape, net.num_parameters()
    ((4, 1), 321)
    """

    def __init__(self, sizes: Sequence[int], omega_0: float = 30.0,
                 rng: np.random.Generator | None = None, weight_scale: float = 1.0) -> None:
        if len(sizes) < 3:
            raise ValueError(f"SirenNet needs at least one hidden layer, got sizes {list(sizes)}")
        rng = np.random.default_rng(0) if rng is None else rng
        pairs = list(zip(sizes[:-2], sizes[1:-1], strict=True))
        self.layers = [nn.Siren(a, b, omega_0, is_first=(i == 0), rng=rng)
                       for i, (a, b) in enumerate(pairs)]
        self.out = nn.Linear(sizes[-2], sizes[-1], rng=rng)
        limit = np.sqrt(6.0 / sizes[-2]) / omega_0
        self.out.weight.data[...] = rng.uniform(-limit, limit, self.out.weight.shape)
        for layer in [*self.layers[1:], self.out]:
            layer.weight.data *= weight_scale

    def forward(self, x: Any) -> Tensor:
        for layer in self.layers:
            x = layer(x)
        return self.out(x)


def relu_net(sizes: Sequence[int], rng: np.random.Generator | None = None) -> nn.MLP:
    """The ReLU MLP with the same sizes (and parameter count) as ``SirenNet(sizes)``."""
    return nn.MLP(list(sizes), activation="relu", rng=rng)


def signal(x: np.ndarray) -> np.ndarray:
    r"""The 1-D test signal :math:`f(x) = \sin 3\pi x + \tfrac12 e^{-x^2}\sin 11\pi x`."""
    return np.sin(3 * np.pi * x) + 0.5 * np.exp(-x**2) * np.sin(11 * np.pi * x)


def signal_derivative(x: np.ndarray) -> np.ndarray:
    r""":math:`f'(x) = 3\pi\cos 3\pi x + \tfrac12 e^{-x^2}(11\pi\cos 11\pi x - 2x\sin 11\pi x)`."""
    return (3 * np.pi * np.cos(3 * np.pi * x)
            + 0.5 * np.exp(-x**2) * (11 * np.pi * np.cos(11 * np.pi * x)
                                     - 2 * x * np.sin(11 * np.pi * x)))


def train(model: nn.Module, X: np.ndarray, y: np.ndarray, steps: int, lr: float,
          progress: bool | None = False) -> History:
    """Full-batch Adam on the mean squared error (``actlearn.training.fit``)."""
    return fit(model, losses.mse, X, y, optim.Adam(model.parameters(), lr=lr), steps=steps,
               progress=progress)


def predict(model: nn.Module, X: np.ndarray) -> np.ndarray:
    """The model's outputs on X as an array."""
    return model(Tensor(X)).data


def input_gradient(model: nn.Module, X: np.ndarray) -> np.ndarray:
    r"""∂y/∂x for every row of X, for a model with one output: backward of :math:`\sum_n y_n`,
    since row n of the output depends on row n of the input only."""
    x = Tensor(X, requires_grad=True)
    model(x).sum().backward()
    return x.grad


@dataclass(frozen=True)
class SignalFit:
    """A trained model's prediction and input-derivative on a test grid, with their errors
    (derivative error relative to the spread of the true derivative)."""

    name: str
    x: np.ndarray
    prediction: np.ndarray
    derivative: np.ndarray
    mse: float
    derivative_error: float
    train_loss: float


def fit_signal(model: nn.Module, name: str, n_train: int = 256, steps: int = 500,
               lr: float = 1e-3, n_test: int = 2001) -> SignalFit:
    """Train ``model`` on :func:`signal` at ``n_train`` evenly spaced points of [−1, 1]; test
    it, and its derivative from the engine, on ``n_test`` points (mostly between samples)."""
    x = np.linspace(-1.0, 1.0, n_train)[:, None]
    history = train(model, x, signal(x), steps, lr)
    grid = np.linspace(-1.0, 1.0, n_test)[:, None]
    prediction, slope = predict(model, grid)[:, 0], input_gradient(model, grid)[:, 0]
    true_slope = signal_derivative(grid[:, 0])
    return SignalFit(name, grid[:, 0], prediction, slope,
                     float(np.mean((prediction - signal(grid[:, 0])) ** 2)),
                     float(np.sqrt(np.mean((slope - true_slope) ** 2)) / np.std(true_slope)),
                     history.loss[-1])


def make_model(kind: str, sizes: Sequence[int], omega_0: float = 30.0, seed: int = 0,
               weight_scale: float = 1.0) -> nn.Module:
    """A fresh ``"siren"`` (:class:`SirenNet`) or ``"relu"`` network (:func:`relu_net`)."""
    rng = np.random.default_rng(seed)
    if kind == "siren":
        return SirenNet(sizes, omega_0, rng, weight_scale)
    if kind == "relu":
        return relu_net(sizes, rng)
    raise ValueError(f"make_model: kind must be 'siren' or 'relu', got {kind!r}")


SignalTask = tuple[str, str, tuple[int, ...], float, int, float, dict]


def signal_task(task: SignalTask) -> SignalFit:
    """``(name, kind, sizes, omega_0, seed, weight_scale, options)`` → :func:`fit_signal`
    (a module-level function, so :func:`actlearn.parallel.run_tasks` can run it)."""
    name, kind, sizes, omega_0, seed, weight_scale, options = task
    return fit_signal(make_model(kind, sizes, omega_0, seed, weight_scale), name, **options)


def fit_signals(tasks: Sequence[SignalTask], workers: int | None = None,
                progress: bool | None = None) -> list[SignalFit]:
    """:func:`signal_task` for every task, on ``workers`` processes (results in task order)."""
    return run_tasks(signal_task, list(tasks), workers, progress,
                     loss_of=lambda fit: fit.train_loss)


def omega_sweep(omegas: Sequence[float], sizes: Sequence[int] = (1, 32, 32, 1), seed: int = 0,
                workers: int | None = None, **options: Any) -> dict[float, SignalFit]:
    """:func:`fit_signal` for a SIREN at each ω₀ (same seed, same data)."""
    tasks = [(f"SIREN, ω₀ = {w:g}", "siren", tuple(sizes), float(w), seed, 1.0, options)
             for w in omegas]
    return dict(zip((float(w) for w in omegas), fit_signals(tasks, workers), strict=True))
