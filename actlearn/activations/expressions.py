"""SymPy expressions of the pointwise activations, one builder per activation.

Each builder takes the symbol ``x`` and the parameters (SymPy symbols or numbers) and returns
the textbook definition. Kinks are ``Piecewise``; the branch that holds the kink point matches
the NumPy value there (only the step is discontinuous, and step(threshold) = 1).
"""

from __future__ import annotations

import sympy as sp

from actlearn.activations import SELU_ALPHA, SELU_SCALE

Expr = sp.Expr


def step(x: Expr, threshold: Expr) -> Expr:
    return sp.Piecewise((0, x < threshold), (1, True))


def linear(x: Expr, slope: Expr) -> Expr:
    return slope * x


def sigmoid(x: Expr) -> Expr:
    return 1 / (1 + sp.exp(-x))


def tanh(x: Expr) -> Expr:
    return sp.tanh(x)


def relu(x: Expr) -> Expr:
    return sp.Piecewise((0, x <= 0), (x, True))


def threshold(x: Expr, threshold: Expr, value: Expr) -> Expr:
    return sp.Piecewise((x, x > threshold), (value, True))


def leaky_relu(x: Expr, negative_slope: Expr) -> Expr:
    return sp.Piecewise((negative_slope * x, x <= 0), (x, True))


def prelu(x: Expr, a: Expr) -> Expr:
    return leaky_relu(x, a)


def hardtanh(x: Expr, min_val: Expr, max_val: Expr) -> Expr:
    return sp.Piecewise((min_val, x <= min_val), (x, x < max_val), (max_val, True))


def relu6(x: Expr) -> Expr:
    return hardtanh(x, 0, 6)


def hardsigmoid(x: Expr) -> Expr:
    return sp.piecewise_fold(relu6(x + 3) / 6)


def hardswish(x: Expr) -> Expr:
    return sp.piecewise_fold(x * hardsigmoid(x))


def elu(x: Expr, alpha: Expr) -> Expr:
    return sp.Piecewise((alpha * (sp.exp(x) - 1), x <= 0), (x, True))


def celu(x: Expr, alpha: Expr) -> Expr:
    return sp.Piecewise((alpha * (sp.exp(x / alpha) - 1), x <= 0), (x, True))


_SELU_SCALE = sp.Float(SELU_SCALE, 30)
_SELU_ALPHA = sp.Float(SELU_ALPHA, 30)


def selu(x: Expr, scale: Expr = _SELU_SCALE, alpha: Expr = _SELU_ALPHA) -> Expr:
    return sp.piecewise_fold(scale * elu(x, alpha))


def gelu(x: Expr, approximate: str) -> Expr:
    if approximate == "tanh":
        inner = sp.sqrt(2 / sp.pi) * (x + sp.Rational(44715, 10**6) * x**3)
        return x / 2 * (1 + sp.tanh(inner))
    return x / 2 * (1 + sp.erf(x / sp.sqrt(2)))


def softplus(x: Expr, beta: Expr, threshold: Expr) -> Expr:
    # The threshold is a floating-point switch (a jump below 1e-8), not part of the function.
    return sp.log(1 + sp.exp(beta * x)) / beta


def log_sigmoid(x: Expr) -> Expr:
    return -softplus(-x, 1, None)


def softsign(x: Expr) -> Expr:
    return sp.Piecewise((x / (1 - x), x <= 0), (x / (1 + x), True))  # x / (1 + |x|)


def tanhshrink(x: Expr) -> Expr:
    return x - sp.tanh(x)


def silu(x: Expr) -> Expr:
    return x * sigmoid(x)


def mish(x: Expr) -> Expr:
    return x * sp.tanh(softplus(x, 1, None))


def sin(x: Expr, omega_0: Expr) -> Expr:
    return sp.sin(omega_0 * x)
