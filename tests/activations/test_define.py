"""define_activation: a formula in, a full citizen of the course out."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import actlearn as al
from actlearn import Tensor, nn
from actlearn.activations import battery, registry, rewrites
from actlearn.activations.define import DefinedActivation, describe
from actlearn.activations.parse import parse
from actlearn.labs.choosing.comparison import format_table, property_rows
from actlearn.labs.gradients import gradient_flow

x = al.symbolic.x


@pytest.fixture
def session() -> Iterator[None]:
    """Remove the activations a test defines, so other tests see only the built-ins."""
    before = set(registry.user_defined())
    yield
    for name in set(registry.user_defined()) - before:
        registry.unregister(name)


@pytest.fixture
def mymish(session) -> al.ActivationFunction:
    return al.define_activation("mymish", x * sp.tanh(sp.log(1 + sp.exp(x))))


GRID = np.concatenate([np.linspace(-30, 30, 2001), [-1000.0, -50.0, 50.0, 1000.0]])


def test_mymish_matches_the_builtin_mish(mymish) -> None:
    mish = al.activation("mish")
    np.testing.assert_allclose(mymish(GRID), mish(GRID), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(mymish.derivative(GRID), mish.derivative(GRID), rtol=1e-10,
                               atol=1e-15)


@pytest.fixture(scope="module")
def text_mish() -> Iterator[str]:
    al.define_activation("text_mish", "x * tanh(softplus(x))")
    yield "text_mish"
    registry.unregister("text_mish")


@settings(max_examples=50, deadline=None)
@given(value=st.floats(-700, 700))
def test_mish_from_text_matches_mish_anywhere(text_mish: str, value: float) -> None:
    f, g = al.activation(text_mish), al.activation("mish")
    assert float(f(value)) == pytest.approx(float(g(value)), rel=1e-12, abs=1e-300)
    assert float(f.derivative(value)) == pytest.approx(float(g.derivative(value)), rel=1e-9,
                                                       abs=1e-300)


def test_definition_reports_derivative_properties_and_checks(mymish) -> None:
    d = describe("mymish")
    assert al.symbolic.is_zero(d.derivative - sp.diff(d.formula, x))
    assert d.properties.df0 == pytest.approx(0.6)
    assert d.properties.smoothness_label == "C^∞" and d.properties.monotonic is False
    assert d.properties.output_range.low == pytest.approx(-0.30884, abs=1e-5)
    assert d.gradcheck_error < 1e-8
    assert d.mean == pytest.approx(al.activations.moments.activation_moments("mish")[0])
    text = str(d)
    assert "f(1000)" in text and "Softplus" in text and "f'(0) = 0.6" in text


def test_a_parameter_takes_its_default_and_binds(session) -> None:
    swish = al.define_activation("swish_beta", "x * sigmoid(beta * x)", {"beta": 1.0})
    np.testing.assert_allclose(swish(GRID), al.activation("silu")(GRID), rtol=1e-12, atol=1e-300)
    f2 = al.activation("swish_beta", beta=2.0)
    np.testing.assert_allclose(f2(GRID), GRID * al.activation("sigmoid")(2 * GRID), atol=1e-300)
    assert f2.derivative(0.0) == pytest.approx(0.5)
    with pytest.raises(TypeError, match="gamma"):
        al.activation("swish_beta", gamma=1.0)
    with pytest.raises(TypeError, match="real number"):
        al.activation("swish_beta", beta="big")
    assert al.activation("swish_beta").expr(symbolic=True).has(sp.Symbol("beta", positive=True))


def test_kinks_follow_pytorchs_convention(session) -> None:
    f = al.define_activation("myrelu", "max(x, 0)")
    np.testing.assert_array_equal(f(GRID), al.activation("relu")(GRID))
    np.testing.assert_array_equal(f.derivative(GRID), al.activation("relu").derivative(GRID))
    assert f.properties.smoothness_label == "C^0"
    assert np.isnan(f(np.nan)) and np.isnan(f.derivative(np.nan))


@pytest.mark.parametrize("text, what", [
    ("__import__('os').system('echo hi')", "calling anything but a function name"),
    ("__import__('os')", "unknown function '__import__'"),
    ("x.real", "attribute access"),
    ("(lambda: 1)()", "calling anything but a function name"),
    ("lambda y: y", "Lambda"),
    ("[t for t in (1, 2)]", "ListComp"),
    ("{t: 1 for t in (1,)}", "DictComp"),
    ("exp(x)[0]", "Subscript"),
    ("exp(x=1)", "keyword argument"),
    ("'rm -rf'", "constant"),
    ("open", "unknown name 'open'"),
    ("eval('1')", "unknown function 'eval'"),
    ("x if x > 0 else 0", "IfExp"),
    ("x^2", "write x\\*\\*2"),
    ("9**9**9", "too large"),
    ("exp(", "is not a formula"),
    ("y * x", "unknown name 'y'"),
    ("exp(*x)", "starred argument"),
    ("max(x)", "max takes 2 argument"),
    ("x + " * 125 + "x", "501 characters; at most 500"),
])
def test_the_parser_refuses_code(text: str, what: str) -> None:
    with pytest.raises(ValueError, match=what):
        parse(text)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_the_parser_never_does_more_than_refuse(text: str) -> None:
    try:
        parse(text)
    except ValueError:
        pass


def test_text_and_sympy_give_the_same_formula() -> None:
    assert parse("x * tanh(softplus(x))") == x * sp.tanh(sp.log(1 + sp.exp(x)))
    assert parse("0.5 * x + x**2") == x / 2 + x**2
    assert parse("+x - -x") == 2 * x and parse("pi * e * x") == sp.pi * sp.E * x


def test_the_parser_wants_a_string() -> None:
    with pytest.raises(TypeError, match="parse: expected a formula as a str, got int"):
        parse(3)  # type: ignore[arg-type]


def test_battery_flags_naive_softplus_at_1000_and_the_rewrite_passes() -> None:
    report = battery.check_stability(sp.log(1 + sp.exp(x)))
    first = report.naive.failures[0]
    assert (first.where, first.point) == ("f", 1000.0) and "overflow" in first.problem
    assert report.suggestion == "Softplus(x)" and report.passed
    assert "stable form" in str(report)


def test_battery_flags_naive_silu_derivative_at_minus_1000() -> None:
    report = battery.check_stability(x / (1 + sp.exp(-x)))
    assert {(f.where, f.point) for f in report.naive.failures} == {("f", -1000.0),
                                                                  ("f'", -1000.0)}
    assert report.rewritten.passed


def test_known_rewrites_are_equal_forms() -> None:
    for formula in (sp.log(1 + sp.exp(x)), sp.log(sp.exp(x) + sp.exp(2 * x)), sp.exp(x) - 1,
                    sp.log(1 + x**2), sp.exp(x) / (1 + sp.exp(x)), x / (1 + sp.exp(-x)) ** 2):
        stable, applied = rewrites.stable_form(formula)
        assert applied, formula
        assert al.symbolic.is_zero(rewrites.naive_form(stable) - formula)


def test_an_overflowing_formula_is_refused_with_the_point(session) -> None:
    with pytest.raises(ValueError, match=r"(?s)f\(1000\): overflow.*no known stable rewrite"):
        al.define_activation("expo", "exp(x)")
    assert "expo" not in al.list_activations()
    f = al.define_activation("expo", "exp(x)", strict=False)
    assert f(1.0) == pytest.approx(np.e)


def test_builtin_names_cannot_be_overwritten(session) -> None:
    with pytest.raises(ValueError, match="built-in"):
        al.define_activation("relu", "x")
    with pytest.raises(ValueError, match="built-in"):
        registry.register(DefinedActivation("gelu", "", "pointwise", lambda z: z))
    with pytest.raises(ValueError, match="built-in"):
        registry.unregister("tanh")
    assert al.activation("relu")(-1.0) == 0.0


def test_redefining_a_session_name_replaces_it_with_a_note(session) -> None:
    al.define_activation("mine", "x")
    with pytest.warns(UserWarning, match="already defined.*replaced"):
        al.define_activation("mine", "2 * x")
    assert al.activation("mine")(1.0) == 2.0
    assert al.list_activations().count("mine") == 1


@pytest.mark.parametrize("expr, params, message", [
    ("x * y", None, "unknown name 'y'"),
    (x * sp.Symbol("y"), None, "neither x nor a parameter"),
    (x * sp.Function("g")(x), None, "unknown function"),
    (3, None, "SymPy expression"),
    ("x * b", {"b": float("inf")}, "finite"),
])
def test_bad_definitions_say_what_is_wrong(session, expr, params, message) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        al.define_activation("bad", expr, params)


def test_a_defined_activation_is_accepted_everywhere(mymish) -> None:
    t = Tensor(np.array([-1.0, 0.5, 2.0]), requires_grad=True)
    t.activation("mymish").sum().backward()
    np.testing.assert_allclose(t.grad, al.activation("mish").derivative(t.data), rtol=1e-10)
    assert al.gradcheck(lambda a: a.activation("mymish"),
                        Tensor(np.array([-1.3, 0.4, 2.2]), requires_grad=True))
    net = nn.MLP([3, 5, 2], activation="mymish", rng=np.random.default_rng(0))
    ref = nn.MLP([3, 5, 2], activation="mish", rng=np.random.default_rng(0))
    inputs = np.random.default_rng(1).normal(size=(4, 3))
    np.testing.assert_allclose(net(inputs).data, ref(inputs).data, rtol=1e-12)
    flows = [gradient_flow(name, 20, rng=np.random.default_rng(0)) for name in ("mymish", "mish")]
    np.testing.assert_allclose(flows[0].weight_grad_norms, flows[1].weight_grad_norms, rtol=1e-9)
    table = format_table(property_rows(["mish", "mymish"]))
    rows = table.splitlines()[2:]
    assert rows[0].replace("mish  ", "", 1).split() == rows[1].replace("mymish", "", 1).split()
    assert "mymish" in [row["name"] for row in property_rows()]


def test_widget_menus_offer_session_activations(mymish) -> None:
    from actlearn.widgets.boundaries import boundary_widget
    from actlearn.widgets.gradients import gradient_flow_widget

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        widget = gradient_flow_widget(depth=4)
        assert "mymish" in widget.controls["activation_name"].options
        widget.controls["activation_name"].value = "mymish"
        assert "mymish" in widget.figure.get_suptitle()
        assert "mymish" in boundary_widget().controls["activation"].options
