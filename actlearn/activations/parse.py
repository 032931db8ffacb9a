"""A formula as text, read into SymPy without running any code.

``parse("x * sigmoid(beta * x)", ["beta"])`` returns the SymPy expression
:math:`x\\,\\sigma(\\beta x)` written with :func:`sympy.exp`. SymPy's own ``parse_expr`` and
``sympify`` call Python's ``eval``, so a string like ``"__import__('os').remove(...)"`` would
run. This parser never does: :func:`ast.parse` only *reads* the text into a syntax tree, and
:func:`parse` walks that tree itself, accepting a short whitelist of node types and building
the SymPy objects directly. Anything else (attribute access, subscripts, lambdas,
comprehensions, keyword arguments, strings, unknown names or functions) is refused with a
ValueError naming what was found and what is allowed.

Accepted: numbers, the variable ``x``, the given parameter names, ``pi`` and ``e``; the
operators ``+ - * / **`` (``^`` is refused: in Python it binds more loosely than ``+``, so
``x^2 + 1`` would silently mean :math:`x^{2 + 1}`); numeric powers up to 64; the functions
in :data:`FUNCTIONS`.

>>> parse("x * sigmoid(beta * x)", ["beta"])
x/(1 + exp(-beta*x))
>>> parse("__import__('os')")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ValueError: parse: unknown function '__import__'; allowed: abs, cos, ...
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from typing import Any

import sympy as sp

from actlearn.activations import symbolic

MAX_LENGTH = 500


def _sigmoid(u: sp.Expr) -> sp.Expr:
    return 1 / (1 + sp.exp(-u))


#: Function names a formula may call, and the SymPy expression each stands for.
FUNCTIONS: dict[str, Callable[..., sp.Expr]] = {
    "abs": sp.Abs,
    "cos": sp.cos,
    "cosh": sp.cosh,
    "erf": sp.erf,
    "exp": sp.exp,
    "log": sp.log,
    "max": sp.Max,
    "min": sp.Min,
    "relu": lambda u: sp.Max(u, 0),
    "sigmoid": _sigmoid,
    "sin": sp.sin,
    "sinh": sp.sinh,
    "softplus": lambda u: sp.log(1 + sp.exp(u)),
    "sqrt": sp.sqrt,
    "tanh": sp.tanh,
}
_ARITY = {"max": 2, "min": 2}
_CONSTANTS = {"pi": sp.pi, "e": sp.E}
_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}
MAX_POWER = 64


def parse(text: str, params: Sequence[str] = ()) -> sp.Expr:
    """The SymPy expression of ``text`` in ``actlearn.symbolic.x`` and the parameter symbols
    (real, named as in ``params``). Never evaluates code; see the module docstring."""
    if not isinstance(text, str):
        raise TypeError(f"parse: expected a formula as a str, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ValueError(f"parse: the formula has {len(text)} characters; at most {MAX_LENGTH}")
    symbols = {name: sp.Symbol(name, real=True) for name in params}
    symbols["x"] = symbolic.x
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"parse: {text!r} is not a formula ({exc.msg})") from None
    return _build(tree.body, symbols)


def _refuse(node: ast.AST, what: str | None = None) -> ValueError:
    found = what or type(node).__name__
    return ValueError(
        f"parse: {found} is not allowed in a formula; use numbers, x, parameters, "
        f"+ - * / ** and the functions {', '.join(sorted(FUNCTIONS))}"
    )


def _build(node: ast.AST, symbols: dict[str, sp.Symbol]) -> Any:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise _refuse(node, f"the constant {node.value!r}")
        return sp.nsimplify(node.value, rational=True) if isinstance(node.value, float) else (
            sp.Integer(node.value))
    if isinstance(node, ast.Name):
        if node.id in symbols:
            return symbols[node.id]
        if node.id in _CONSTANTS:
            return _CONSTANTS[node.id]
        known = ", ".join(sorted([*symbols, *_CONSTANTS]))
        raise ValueError(f"parse: unknown name {node.id!r}; known names: {known} "
                         "(declare a parameter with params={...})")
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        value = _build(node.operand, symbols)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitXor):
        raise ValueError("parse: '^' is not a power in Python syntax; write x**2 for x²")
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        base, power = _build(node.left, symbols), _build(node.right, symbols)
        if power.is_number and abs(power) > MAX_POWER:
            raise ValueError(f"parse: the power {power} is too large (at most {MAX_POWER})")
        return base**power
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return _BINARY[type(node.op)](_build(node.left, symbols), _build(node.right, symbols))
    if isinstance(node, ast.Call):
        return _call(node, symbols)
    if isinstance(node, ast.Attribute):
        raise _refuse(node, f"attribute access ('.{node.attr}')")
    raise _refuse(node)


def _call(node: ast.Call, symbols: dict[str, sp.Symbol]) -> sp.Expr:
    if not isinstance(node.func, ast.Name):
        raise _refuse(node.func, "calling anything but a function name")
    name = node.func.id
    if name not in FUNCTIONS:
        raise ValueError(f"parse: unknown function {name!r}; allowed: "
                         f"{', '.join(sorted(FUNCTIONS))}")
    if node.keywords:
        raise _refuse(node, f"a keyword argument in {name}(...)")
    if any(isinstance(arg, ast.Starred) for arg in node.args):
        raise _refuse(node, f"a starred argument in {name}(...)")
    wanted = _ARITY.get(name, 1)
    if len(node.args) != wanted:
        raise ValueError(f"parse: {name} takes {wanted} argument(s), got {len(node.args)}")
    return FUNCTIONS[name](*[_build(arg, symbols) for arg in node.args])
