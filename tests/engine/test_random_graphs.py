"""Random expression graphs: back-propagation agrees with central differences.

Hypothesis draws up to three inputs of mutually broadcastable shapes and a program of smooth
operations over a growing pool of nodes (so nodes are reused). Each operation carries a static
bound on its output's magnitude; a result that could exceed ``LIMIT`` is squashed by tanh, so
the structure of the graph never depends on the data and finite differences stay accurate.
"""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from actlearn import Tensor, gradcheck

LIMIT = 30.0
SHAPES = [(3, 4), (4,), (3, 1), (1, 4), ()]


def _unary():
    """name -> (function, bound of |output| given bound b of |input|)."""
    return {
        "neg": (lambda t: -t, lambda b: b),
        "scale": (lambda t: t * 0.7 - 0.3, lambda b: 0.7 * b + 0.3),
        "sin": (lambda t: t.sin(), lambda b: 1.0),
        "cos": (lambda t: t.cos(), lambda b: 1.0),
        "tanh": (lambda t: t.tanh(), lambda b: 1.0),
        "sigmoid": (lambda t: t.sigmoid(), lambda b: 1.0),
        "exp": (lambda t: t.exp(), lambda b: math.exp(min(b, 700.0))),
        "log1p_square": (lambda t: (t * t + 1.0).log(), lambda b: math.log1p(b * b)),
        "sqrt1p_square": (lambda t: (1.0 + t * t) ** 0.5, lambda b: math.sqrt(1 + b * b)),
        "square": (lambda t: t**2, lambda b: b * b),
        "cube": (lambda t: t**3, lambda b: b**3),
        "reciprocal": (lambda t: 1.0 / (1.0 + t * t), lambda b: 1.0),
        "two_pow": (lambda t: 2.0**t, lambda b: 2.0 ** min(b, 1000.0)),
        "softplus": (lambda t: t.activation("softplus"), lambda b: b + 1.0),
        "silu": (lambda t: t.activation("silu"), lambda b: b),
        "gelu": (lambda t: t.activation("gelu"), lambda b: b),
        "mish": (lambda t: t.activation("mish"), lambda b: b),
        "log_sigmoid": (lambda t: t.activation("log_sigmoid"), lambda b: b + 1.0),
        "tanhshrink": (lambda t: t.activation("tanhshrink"), lambda b: b + 1.0),
        "softmax": (lambda t: t.softmax(axis=-1) if t.ndim else t, lambda b: max(b, 1.0)),
        "log_softmax": (lambda t: t.log_softmax(axis=-1) if t.ndim else t,
                        lambda b: 2 * b + 2.0),
        "sum_rows": (lambda t: t.sum(axis=0, keepdims=True) if t.ndim else t,
                     lambda b: 4 * b),
        "mean_cols": (lambda t: t.mean(axis=-1, keepdims=True) if t.ndim else t,
                      lambda b: b),
        "mean_all": (lambda t: t.mean(), lambda b: b),
        "flip": (lambda t: t.reshape(-1)[::-1].reshape(t.shape), lambda b: b),
        "pick_rows": (lambda t: t[[2, 0, 0]] if t.ndim and t.shape[0] == 3 else t[...],
                      lambda b: b),
        "prod_cols": (lambda t: t.prod(axis=-1).reshape(t.shape[:-1] + (1,)) if t.ndim else t,
                      lambda b: b**4),
        "transpose_back": (lambda t: t.T.T, lambda b: b),
    }


def _binary():
    return {
        "add": (lambda a, b: a + b, lambda x, y: x + y),
        "sub": (lambda a, b: a - b, lambda x, y: x + y),
        "mul": (lambda a, b: a * b, lambda x, y: x * y),
        "div": (lambda a, b: a / (1.0 + b * b), lambda x, y: x),
        "rdiv": (lambda a, b: 3.0 / (2.0 + a * a) - b, lambda x, y: 1.5 + y),
        "maximum_smooth": (lambda a, b: (a + b + ((a - b) * (a - b) + 1.0) ** 0.5) * 0.5,
                           lambda x, y: x + y + 1.0),
    }


UNARY, BINARY = _unary(), _binary()


def _broadcastable(a, b):
    try:
        np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        return False
    return True


def run_program(program, *inputs):
    """Apply ``program`` to ``inputs`` (Tensors); returns the last node."""
    pool = [(t, 2.0) for t in inputs]
    for name, i, j in program:
        a, bound_a = pool[i % len(pool)]
        b, bound_b = pool[j % len(pool)]
        if name in UNARY:
            fn, bound_fn = UNARY[name]
            out, bound = fn(a), bound_fn(bound_a)
        elif name == "matmul":
            if a.ndim == 2 and b.ndim == 2 and a.shape[1] == b.shape[1]:
                out, bound = (a @ b.T)[:, :1] + a, bound_a * bound_b * a.shape[1] + bound_a
            else:
                out, bound = a + b.sum(), bound_a + bound_b * max(b.size, 1)
        else:
            fn, bound_fn = BINARY[name]
            if _broadcastable(a, b):
                out, bound = fn(a, b), bound_fn(bound_a, bound_b)
            else:
                out, bound = a * b.mean(), bound_a * bound_b
        if not bound <= LIMIT:
            out, bound = out.tanh(), 1.0
        pool.append((out, bound))
    return pool[-1][0]


@st.composite
def graphs(draw):
    n_inputs = draw(st.integers(1, 3))
    elements = st.floats(-2.0, 2.0, allow_nan=False, allow_subnormal=False)
    arrays = [
        draw(hnp.arrays(np.float64, draw(st.sampled_from(SHAPES)), elements=elements))
        for _ in range(n_inputs)
    ]
    names = sorted(UNARY) + sorted(BINARY) + ["matmul"]
    step = st.tuples(st.sampled_from(names), st.integers(0, 50), st.integers(0, 50))
    program = draw(st.lists(step, min_size=1, max_size=8))
    return arrays, program


@settings(max_examples=150, deadline=None)
@given(graphs())
def test_random_graphs_match_finite_differences(case):
    arrays, program = case
    tensors = [Tensor(a, requires_grad=True) for a in arrays]
    result = gradcheck(lambda *ts: run_program(program, *ts), *tensors, atol=1e-6, rtol=1e-5)
    assert result, f"{result}\nprogram: {program}"


def test_the_program_builder_reuses_nodes():
    x = Tensor(np.array([0.5, -1.0, 2.0, 0.1]), requires_grad=True)
    out = run_program([("mul", 0, 0), ("add", 1, 1), ("mul", 2, 1)], x)
    expected = np.tanh((2 * x.data**2) * x.data**2)  # bound 8 * 4 > LIMIT: squashed
    np.testing.assert_allclose(out.data, expected)
    assert gradcheck(lambda t: run_program([("mul", 0, 0), ("add", 1, 1), ("mul", 2, 1)], t), x)
