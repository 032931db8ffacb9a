r"""The models of the arithmetic experiments and the loop that trains them.

Model kinds (two layers each, hidden width 2 for the arithmetic units, as in Trask et al.
2018 and Madsen & Johansen 2020):

* an MLP with a registry activation: ``"relu"``, ``"tanh"``, ... (hidden layers 16, 16);
* ``"NAC"``: NAC → NAC; ``"NALU"``: NALU → NALU; ``"NAU"``: NAU → NAU;
* ``"NMU"``: NAU → NMU (the NMU multiplies subsets that the NAU below it forms);
* ``"NALU-1"``: a single NALU layer, whose one gate must pick the operation.

Training minimises the mean squared error with Adam. NAU and NMU layers get the
sparsity regulariser of Madsen & Johansen, with a weight growing linearly from 0 to
``regulariser`` over the second half of training, and are clamped to their parameter range
after every step. Training stops early once the loss is below ``tolerance`` and reports
divergence (a NaN or infinite loss) instead of raising. :func:`train_many` trains several
models of one structure side by side as one stack, with the results of one-by-one training.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from actlearn import losses, nn, optim
from actlearn.engine import Tensor, no_grad
from actlearn.nn.stacked import stack_models, unstack_into

UNITS: tuple[str, ...] = ("NAC", "NALU", "NAU", "NMU", "NALU-1")


class Stack(nn.Module):
    """Layers applied in order: ``Stack(a, b)(x) = b(a(x))``."""

    def __init__(self, *layers: nn.Module) -> None:
        self.layers = list(layers)

    def forward(self, x: Any) -> Tensor:
        for layer in self.layers:
            x = layer(x)
        return x


def build_model(kind: str, n_in: int, rng: np.random.Generator,
                hidden: Sequence[int] = (16, 16)) -> nn.Module:
    """A fresh model of ``kind`` (a unit name from ``UNITS`` or a pointwise activation name).

    >>> build_model("NMU", 2, np.random.default_rng(0)).layers[1]
    NMU()
    """
    if kind == "NAC":
        return Stack(nn.NAC(n_in, 2, rng=rng), nn.NAC(2, 1, rng=rng))
    if kind == "NALU":
        return Stack(nn.NALU(n_in, 2, rng=rng), nn.NALU(2, 1, rng=rng))
    if kind == "NAU":
        return Stack(nn.NAU(n_in, 2, rng=rng), nn.NAU(2, 1, rng=rng))
    if kind == "NALU-1":
        return Stack(nn.NALU(n_in, 1, rng=rng))
    if kind == "NMU":
        return Stack(nn.NAU(n_in, 2, rng=rng), nn.NMU(2, 1, rng=rng))
    try:
        return nn.MLP([n_in, *hidden, 1], activation=kind, rng=rng)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"build_model: unknown model kind {kind!r}; use one of {UNITS} or a "
                         f"pointwise activation name ({exc})") from None


def default_lr(kind: str) -> float:
    """Adam's step size: 0.2 for the arithmetic units (few weights, living in [−1, 1]), 0.01
    for MLPs."""
    return 0.2 if kind in UNITS else 0.01


@dataclass(frozen=True)
class Training:
    """How a run ended: steps taken, the last training loss, and whether it diverged."""

    steps: int
    loss: float
    diverged: bool


def _constrained(model: nn.Module) -> list[Any]:
    layers = getattr(model, "layers", [])
    return [layer for layer in layers if hasattr(layer, "clamp_weights")]


def train(model: nn.Module, X: np.ndarray, y: np.ndarray, steps: int, lr: float,
          regulariser: float = 0.01, tolerance: float = 1e-12) -> Training:
    """Full-batch Adam on the mean squared error (see the module docstring)."""
    return train_many([model], [X], [y], steps, lr, regulariser, tolerance)[0]


def train_many(models: Sequence[nn.Module], inputs: Sequence[np.ndarray],
               targets: Sequence[np.ndarray], steps: int, lr: float,
               regulariser: float = 0.01, tolerance: float = 1e-12) -> list[Training]:
    """:func:`train` for each ``(model, X, y)`` triple, all at once; the models are trained in
    place and come out as if trained one by one.

    The models (one structure, e.g. one per seed) run as one stack
    (:mod:`actlearn.nn.stacked`) on the summed loss, which gives each its own gradient and
    Adam step. A model that stops (loss below ``tolerance``, or not finite) is frozen: its
    parameters keep the values it stopped with while the others go on. Every ``X`` (and every
    ``y``) must have the same shape.
    """
    if steps < 1:
        raise ValueError(f"train: steps must be at least 1, got {steps}")
    models = list(models)
    if not len(models) == len(inputs) == len(targets):
        raise ValueError(f"train_many: got {len(models)} models, {len(inputs)} inputs and "
                         f"{len(targets)} targets; give one of each per model")
    X, y = _stacked_data(inputs, "inputs"), _stacked_data(targets, "targets")
    stack = stack_models(models)
    params = stack.parameters()
    optimizer = optim.Adam(params, lr=lr)
    inputs_tensor, constrained = Tensor(X), _constrained(stack)
    half = steps // 2
    members = len(models)
    outcome: list[Training | None] = [None] * members
    running = np.ones(members, dtype=bool)
    frozen = [p.data.copy() for p in params]
    values = np.full(members, np.nan)
    for step in range(1, steps + 1):
        with np.errstate(all="ignore"):
            per_member = losses.mse(stack(inputs_tensor), y, axis=(1, 2))
            values = per_member.data
            stopping = running & ~(np.isfinite(values) & (values >= tolerance))
            if stopping.any():
                for b in np.flatnonzero(stopping):
                    value = float(values[b])
                    outcome[b] = Training(step - 1, value, diverged=not np.isfinite(value))
                for p, kept in zip(params, frozen, strict=True):
                    kept[stopping] = p.data[stopping]
                running &= ~stopping
                if not running.any():
                    break
            if constrained and step > half:
                weight = regulariser * (step - half) / max(steps - half, 1)
                for layer in constrained:
                    per_member = per_member + weight * layer.regularizer()
            optimizer.zero_grad()
            per_member.sum().backward()
            optimizer.step()
        for layer in constrained:
            layer.clamp_weights()
        if not running.all():
            for p, kept in zip(params, frozen, strict=True):
                p.data[~running] = kept[~running]
    unstack_into(stack, models)
    return [run if run is not None else Training(steps, float(values[b]), diverged=False)
            for b, run in enumerate(outcome)]


def _stacked_data(arrays: Sequence[np.ndarray], what: str) -> np.ndarray:
    shapes = {np.shape(a) for a in arrays}
    if len(shapes) != 1 or len(next(iter(shapes))) != 2:
        raise ValueError(f"train_many: the {what} must all be 2-d arrays of one shape (N, "
                         f"features), got shapes {sorted(shapes)}")
    return np.stack([np.asarray(a, dtype=np.float64) for a in arrays])


def predict(model: nn.Module, X: np.ndarray) -> np.ndarray:
    """The model's output on X without recording a graph (overflow gives inf, not a warning)."""
    with no_grad(), np.errstate(all="ignore"):
        return model(Tensor(X)).data


def mse(model: nn.Module, X: np.ndarray, y: np.ndarray) -> float:
    """Mean squared error of the model on (X, y); inf when the output is not finite."""
    out = predict(model, X)
    if not np.all(np.isfinite(out)):
        return float("inf")
    return float(np.mean((out - y) ** 2))


def nalu_gates(model: nn.Module, X: np.ndarray) -> list[np.ndarray]:
    """The gate g = σ(hG) of every NALU layer of a :class:`Stack` on inputs X, each of shape
    (N, n_out): 1 selects the adding path, 0 the multiplying one."""
    gates = []
    h: Any = Tensor(X)
    with no_grad(), np.errstate(all="ignore"):
        for layer in getattr(model, "layers", []):
            if isinstance(layer, nn.NALU):
                gates.append(layer.gate(h).data)
            h = layer(h)
    return gates


def gate_profile(model: nn.Module, t: np.ndarray, n_in: int) -> np.ndarray:
    """The output-layer NALU gate on inputs with every feature equal to t (a = b = t)."""
    X = np.repeat(np.asarray(t, dtype=np.float64)[:, None], n_in, axis=1)
    gates = nalu_gates(model, X)
    if not gates:
        raise ValueError("gate_profile: the model has no NALU layer")
    return gates[-1][:, 0]
