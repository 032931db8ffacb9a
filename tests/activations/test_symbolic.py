"""SymPy forms: agreement with NumPy, the textbook derivatives, derivations and smoothness."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp

import actlearn as al
from actlearn.activations import symbolic

x = symbolic.x
sigma, f = sp.Function("sigma"), sp.Function("f")
alpha, beta = sp.Symbol("alpha", positive=True), sp.Symbol("beta", positive=True)
lam = sp.Symbol("lambda", positive=True)
GRID = np.linspace(-8.0, 8.0, 321) + 1e-3  # off the kinks at integers


def _away(grid: np.ndarray, kinks: list[float]) -> np.ndarray:
    for kink in kinks:
        grid = grid[np.abs(grid - kink) > 1e-6]
    return grid


def _switch_error(name: str, params: dict) -> float:
    """softplus jumps to x at βx = threshold (PyTorch); its expression has no such switch."""
    return math.exp(-params["threshold"]) if name == "softplus" else 0.0


def test_symbol_x_is_real() -> None:
    assert x.is_real and x.name == "x"


def test_lambdified_f_and_derivative_agree_with_numpy(bound, kinks_of, act_variant) -> None:
    name, params = act_variant
    fn = bound(name, **params)
    expr = fn.expr()
    grid = _away(GRID, kinks_of(name, params))
    err = _switch_error(name, fn.params)
    value_err = err / fn.params.get("beta", 1.0)
    np.testing.assert_allclose(
        symbolic.lambdify(expr)(grid), fn(grid), rtol=1e-12, atol=1e-14 + value_err
    )
    # symbolic.derivative simplifies; for the tanh-approximate GELU that takes ~8 s, so the raw
    # sympy.diff stands in (symbolic.derivative is sympy.diff + simplify).
    cheap = name == "gelu" and fn.params["approximate"] == "tanh"
    slope = symbolic.lambdify(sp.diff(expr, x) if cheap else symbolic.derivative(expr))(grid)
    np.testing.assert_allclose(slope, fn.derivative(grid), rtol=1e-11, atol=1e-13 + err)


def test_expressions_take_numpys_value_at_the_kinks(bound, kinks_of, act_variant) -> None:
    name, params = act_variant
    fn = bound(name, **params)
    points = np.array(kinks_of(name, params) or [0.0])
    switch = _switch_error(name, fn.params) / fn.params.get("beta", 1.0)
    np.testing.assert_allclose(
        symbolic.lambdify(fn.expr())(points), fn(points), rtol=1e-14, atol=switch
    )


def test_expressions_have_the_expected_shape() -> None:
    for name in ("relu", "leaky_relu", "elu", "celu", "selu", "hardtanh", "relu6", "step"):
        assert isinstance(al.activation(name).expr(), sp.Piecewise), name
    assert al.activation("gelu").expr().has(sp.erf)
    assert al.activation("gelu", approximate="tanh").expr().has(sp.tanh)
    assert al.activation("elu").expr(symbolic=True).has(alpha)
    assert al.activation("elu", alpha=0.5).expr().has(sp.Rational(1, 2))
    assert symbolic.kinks(al.activation("hardtanh", min_val=-2.0, max_val=3.0).expr()) == [-2, 3]


def test_vector_activations_have_no_expression() -> None:
    with pytest.raises(TypeError, match="vector"):
        al.activation("softmax").expr()


def test_lambdify_broadcasts_constants_to_the_input_shape() -> None:
    slope = symbolic.lambdify(symbolic.derivative(al.activation("linear", slope=2.0).expr()))
    out = slope(np.zeros((2, 3)))
    assert out.shape == (2, 3) and out.dtype == np.float64 and np.all(out == 2.0)


# Textbook forms ------------------------------------------------------------------------

TEXTBOOK = {
    "sigmoid": sigma(x) * (1 - sigma(x)),
    "tanh": 1 - sp.tanh(x) ** 2,
    "softplus": sigma(beta * x),
    "log_sigmoid": sigma(-x),
    "elu": sp.Piecewise((f(x) + alpha, x <= 0), (1, True)),
    "celu": sp.Piecewise((f(x) / alpha + 1, x <= 0), (1, True)),
    "selu": sp.Piecewise((f(x) + lam * alpha, x <= 0), (lam, True)),
    "silu": sigma(x) * (1 + x * (1 - sigma(x))),
}


def _substitute_back(form: sp.Expr, fx: sp.Expr) -> sp.Expr:
    """σ(u) → 1/(1 + e^{−u}) and f(x) → the activation: what the textbook form abbreviates."""
    return form.replace(sigma, lambda u: 1 / (1 + sp.exp(-u))).replace(f, lambda _: fx)


def _numerically_zero(expr: sp.Expr) -> bool:
    params = sorted(expr.free_symbols - {x}, key=str)
    values = {s: sp.Rational(7, 5) + i for i, s in enumerate(params)}
    return all(
        abs(sp.N(expr.subs(values).subs(x, sp.Rational(p)), 30)) < 1e-25
        for p in ("-2.5", "-0.7", "-1/3", "0.4", "1.9", "3.2")
    )


@pytest.mark.parametrize("name", sorted(TEXTBOOK))
def test_textbook_derivative_has_the_textbook_form(name: str) -> None:
    form = symbolic.textbook_derivative(name)
    assert sp.simplify(form - TEXTBOOK[name]) == 0, form
    if name in ("sigmoid", "softplus", "log_sigmoid", "silu", "tanh"):
        assert not form.has(sp.exp), form  # written through σ or tanh, not exponentials
    assert form == TEXTBOOK[name]  # structurally, as displayed


@pytest.mark.parametrize("name", sorted(TEXTBOOK))
def test_textbook_form_substituted_back_is_sympys_derivative(name: str) -> None:
    fx = al.activation(name).expr(symbolic=True)
    back = _substitute_back(symbolic.textbook_derivative(name), fx)
    assert _numerically_zero(back - sp.diff(fx, x))


def test_textbook_forms_with_numeric_parameters() -> None:
    assert symbolic.textbook_derivative("softplus", symbolic=False) == sigma(x)
    assert symbolic.textbook_derivative("softplus", symbolic=False, beta=2.0) == sigma(2 * x)
    elu2 = symbolic.textbook_derivative("elu", symbolic=False, alpha=2.0)
    assert elu2 == sp.Piecewise((f(x) + 2, x <= 0), (1, True))


@pytest.mark.parametrize("name", [*sorted(TEXTBOOK), "relu", "gelu"])
def test_derivation_steps_display_as_latex(name: str) -> None:
    derivation = symbolic.derivation(name)
    assert derivation.name == name and len(derivation.steps) >= 3
    for caption, equation in derivation.steps:
        assert caption and isinstance(equation, sp.Basic | bool)
    definition = sp.Eq(f(x), al.activation(name).expr(symbolic=True))
    assert derivation.steps[0] == ("definition", definition)
    latex = derivation.latex()
    assert latex.startswith(r"\begin{aligned}") and latex.endswith(r"\end{aligned}")
    assert sp.latex(definition) in latex
    assert all(rf"\text{{{caption}}}" in latex for caption, _ in derivation.steps)
    assert derivation._repr_latex_() == f"$${latex}$$"
    assert derivation.steps[-1][0].startswith("check") and bool(derivation.steps[-1][1])
    if name in TEXTBOOK:
        assert sp.latex(symbolic.textbook_derivative(name)) in latex


def test_sigmoid_derivation_solves_for_the_exponential() -> None:
    captions = [caption for caption, _ in symbolic.derivation("sigmoid").steps]
    assert any("solve" in caption for caption in captions)
    assert r"\sigma{\left(x \right)}" in symbolic.derivation("sigmoid").latex()


SMOOTHNESS = [
    ("step", {}, -1),
    ("threshold", {"threshold": 1.0, "value": -2.0}, -1),
    ("threshold", {"threshold": 0.0, "value": 0.0}, 0),
    ("relu", {}, 0),
    ("relu6", {}, 0),
    ("leaky_relu", {}, 0),
    ("hardtanh", {}, 0),
    ("hardswish", {}, 0),
    ("elu", {}, 1),
    ("elu", {"alpha": 2.0}, 0),
    ("celu", {}, 1),
    ("celu", {"alpha": 3.0}, 1),
    ("selu", {}, 0),
    ("softsign", {}, 1),
    ("sigmoid", {}, math.inf),
    ("gelu", {}, math.inf),
    ("softplus", {}, math.inf),
    ("sin", {}, math.inf),
]


@pytest.mark.parametrize(("name", "params", "expected"), SMOOTHNESS)
def test_smoothness_class(bound, name: str, params: dict, expected: float) -> None:
    assert symbolic.smoothness(bound(name, **params).expr()) == expected
    assert bound(name, **params).properties.smoothness == expected
