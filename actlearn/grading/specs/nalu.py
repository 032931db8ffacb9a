"""Exercise 11: the NAC weight construction and the NALU forward pass, in NumPy.

References run :class:`actlearn.nn.NAC` and :class:`actlearn.nn.NALU` with the given
parameters, so the formulas have one home. The lambdas are wrong answers learners write,
kept only to recognise them in hints.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

import actlearn as al
from actlearn import nn
from actlearn.engine import Tensor, no_grad
from actlearn.grading.checks import NoMutation, ShapeDtype, Stable, Values
from actlearn.grading.compare import Case, show
from actlearn.grading.spec import Exercise, Misconception

Builder = Callable[[np.random.Generator], list[Case]]
_sigmoid, _tanh = al.activation("sigmoid"), al.activation("tanh")


def nac_weight_reference(W_hat: np.ndarray, M_hat: np.ndarray) -> np.ndarray:
    """The effective weight of an ``nn.NAC`` whose parameters are (W_hat, M_hat)."""
    nac = nn.NAC(*W_hat.shape)
    nac.w_hat, nac.m_hat = Tensor(W_hat), Tensor(M_hat)
    with no_grad():
        return nac.weight().data


def nalu_reference(x: np.ndarray, W_hat: np.ndarray, M_hat: np.ndarray, G: np.ndarray,
                   eps: float = 1e-7) -> np.ndarray:
    """The output of an ``nn.NALU`` with parameters (W_hat, M_hat, G) and ``eps``."""
    unit = nn.NALU(*W_hat.shape, eps=eps)
    unit.nac.w_hat, unit.nac.m_hat, unit.gate_weight = Tensor(W_hat), Tensor(M_hat), Tensor(G)
    with no_grad(), np.errstate(all="ignore"):
        return unit(x).data


def _pair(rng: np.random.Generator, shape: tuple[int, int], scale: float = 2.0) -> Case:
    W_hat, M_hat = rng.normal(0, scale, shape), rng.normal(0, scale, shape)
    return Case((W_hat, M_hat), {}, f"W_hat = {show(W_hat)}, M_hat = {show(M_hat)}")


def _nac_visible(rng: np.random.Generator) -> list[Case]:
    W_hat = np.array([[0.0, 1.0], [-2.0, 20.0]])
    M_hat = np.array([[0.0, 20.0], [3.0, -20.0]])
    return [Case((W_hat, M_hat), {}, f"W_hat = {show(W_hat)}, M_hat = {show(M_hat)}")]


def _nac_hidden(rng: np.random.Generator) -> list[Case]:
    return [_pair(rng, s) for s in ((3, 2), (1, 1), (5, 4), (2, 7))]


def _nac_extreme(rng: np.random.Generator) -> list[Case]:
    big = np.array([[800.0, -800.0], [-1000.0, 1000.0]])
    return [Case((big, -big), {}, f"W_hat = {show(big)}, M_hat = {show(-big)}")]


def _unit(rng: np.random.Generator, n: int, n_in: int, n_out: int, x_scale: float = 3.0,
          label: bool = False) -> Case:
    x = rng.uniform(0.5, x_scale, (n, n_in)) * rng.choice([-1.0, 1.0], (n, n_in))
    W_hat, M_hat, G = (rng.normal(0, 1.5, (n_in, n_out)) for _ in range(3))
    text = (f"x = {show(x)}, W_hat = {show(W_hat)}, M_hat = {show(M_hat)}, G = {show(G)}"
            if label else "hidden")
    return Case((x, W_hat, M_hat, G), {}, text)


def _nalu_visible(rng: np.random.Generator) -> list[Case]:
    x = np.array([[3.0, 4.0], [300.0, 400.0], [1.0, -2.0], [0.0, 2.0]])
    W_hat = np.array([[20.0], [20.0]])
    M_hat = np.array([[20.0], [20.0]])
    G = np.array([[-1.0], [0.5]])
    text = f"x = {show(x)}, W_hat = {show(W_hat)}, M_hat = {show(M_hat)}, G = {show(G)}"
    return [Case((x, W_hat, M_hat, G), {}, text), _unit(rng, 2, 2, 1, label=True)]


def _nalu_hidden(rng: np.random.Generator) -> list[Case]:
    cases = [_unit(rng, n, i, o) for n, i, o in ((6, 2, 1), (4, 3, 2), (1, 1, 1), (8, 4, 3))]
    x, W_hat, M_hat, G = _unit(rng, 3, 2, 2).args
    cases.append(Case((x, W_hat, M_hat, G), {"eps": 1e-3}, "hidden, eps=0.001"))
    return cases


def _nalu_zeros(rng: np.random.Generator) -> list[Case]:
    x = np.array([[0.0, 2.0], [0.0, 0.0], [-3.0, 0.0]])
    W_hat = np.array([[3.0, -3.0], [3.0, 3.0]])
    M_hat = np.array([[5.0, 5.0], [5.0, -5.0]])
    G = np.array([[1.0, -1.0], [-1.0, 1.0]])
    text = f"x = {show(x)} (zeros), W_hat = {show(W_hat)}, M_hat = {show(M_hat)}, G = {show(G)}"
    return [Case((x, W_hat, M_hat, G), {}, text)]


def _swapped_gate(x, W_hat, M_hat, G, eps=1e-7):
    W = np.tanh(W_hat) * _sigmoid(M_hat)
    g = _sigmoid(x @ G)
    return (1 - g) * (x @ W) + g * np.exp(np.log(np.abs(x) + eps) @ W)


def _no_abs(x, W_hat, M_hat, G, eps=1e-7):
    W = np.tanh(W_hat) * _sigmoid(M_hat)
    g = _sigmoid(x @ G)
    return g * (x @ W) + (1 - g) * np.exp(np.log(x + eps) @ W)


def _exp_before_matmul(x, W_hat, M_hat, G, eps=1e-7):
    W = np.tanh(W_hat) * _sigmoid(M_hat)
    g = _sigmoid(x @ G)
    return g * (x @ W) + (1 - g) * (np.exp(np.log(np.abs(x) + eps)) @ W)


def _plain_weights(x, W_hat, M_hat, G, eps=1e-7):
    g = _sigmoid(x @ G)
    return g * (x @ W_hat) + (1 - g) * np.exp(np.log(np.abs(x) + eps) @ W_hat)


NAC_CHECKS = (Values(_nac_visible), Values(_nac_hidden, visible=False,
                                           title="right values on hidden cases"),
              ShapeDtype(_nac_hidden), NoMutation(_nac_hidden),
              Stable(_nac_extreme, hint="tanh and the sigmoid saturate at ±1 and 0/1: compute "
                                        "the sigmoid in a stable form (no e^(-x) for x << 0)."))
NALU_CHECKS = (Values(_nalu_visible), Values(_nalu_hidden, visible=False,
                                             title="right values on hidden cases"),
               ShapeDtype(_nalu_hidden, title="returns shape (N, n_out), float64"),
               NoMutation(_nalu_hidden),
               Stable(_nalu_zeros, hint="ln 0 = -inf: add eps inside the logarithm, "
                                        "ln(|x| + eps), as the formula says."))

EXERCISES = (
    Exercise(
        "nac_weight", "nac_weight(W_hat, M_hat)",
        "the NAC weight tanh(W_hat) * sigmoid(M_hat), elementwise",
        nac_weight_reference, NAC_CHECKS,
        (Misconception("The roles are swapped: tanh goes on W_hat (the sign and size) and the "
                       "sigmoid on M_hat (the on/off mask).",
                       lambda W_hat, M_hat: _sigmoid(W_hat) * np.tanh(M_hat)),
         Misconception("Multiply elementwise (*), not as matrices (@): W has the shape of "
                       "W_hat.", lambda W_hat, M_hat: np.tanh(W_hat) @ _sigmoid(M_hat).T),
         Misconception("Apply tanh and the sigmoid separately and multiply the results; "
                       "tanh(W_hat * M_hat) is a different function.",
                       lambda W_hat, M_hat: np.tanh(W_hat * M_hat)),
         Misconception("The mask is the sigmoid of M_hat, not M_hat itself.",
                       lambda W_hat, M_hat: np.tanh(W_hat) * M_hat),
         Misconception("Multiply the two factors; adding them does not keep W in (-1, 1).",
                       lambda W_hat, M_hat: np.tanh(W_hat) + _sigmoid(M_hat))),
    ),
    Exercise(
        "nalu_forward", "nalu_forward(x, W_hat, M_hat, G, eps=1e-7)",
        "g * (x W) + (1 - g) * exp(ln(|x| + eps) W), W the NAC weight, g = sigmoid(x G)",
        nalu_reference, NALU_CHECKS,
        (Misconception("The gate is swapped: g multiplies the adding path x @ W and (1 - g) the "
                       "multiplying path.", _swapped_gate),
         Misconception("Take the logarithm of |x|: ln of a negative input is NaN.", _no_abs),
         Misconception("Exponentiate after the matrix product, exp(ln(|x| + eps) @ W): that "
                       "turns sums of logarithms into products.", _exp_before_matmul),
         Misconception("Use the NAC weight W = tanh(W_hat) * sigmoid(M_hat) in both paths, "
                       "not W_hat itself.", _plain_weights),
         Misconception("Shapes: x is (N, n_in) and W is (n_in, n_out), so the paths are "
                       "x @ W, not W @ x.", raised="matmul")),
    ),
)
