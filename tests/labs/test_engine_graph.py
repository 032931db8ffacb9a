"""Tests for actlearn.labs.engine.graph: topological order, depths and the node table."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from actlearn import Tensor
from actlearn.labs.engine.graph import depths, format_rows, graph_rows, topological_order


def _neuron():
    x = Tensor(1.5)
    w, b = Tensor(0.8, requires_grad=True), Tensor(-0.5, requires_grad=True)
    z = w * x + b
    y = z.sigmoid()
    d = y - 1.0
    return {"w": w, "x": x, "b": b, "z": z, "y": y, "d": d, "L": d**2}


def test_order_puts_parents_first_and_ends_with_the_output() -> None:
    names = _neuron()
    order = topological_order(names["L"])
    assert order[-1] is names["L"]
    position = {id(t): i for i, t in enumerate(order)}
    for node in order:
        assert all(position[id(p)] < position[id(node)] for p in node.parents)
    assert [t.op for t in order] == ["leaf", "leaf", "*", "leaf", "+", "sigmoid", "+", "**2"]


def test_shared_nodes_appear_once_and_depths_are_longest_paths() -> None:
    a = Tensor(2.0, requires_grad=True)
    b = a * a
    c = b + a
    order = topological_order(c)
    assert len(order) == 3
    assert [depths(order)[id(t)] for t in order] == [0, 1, 2]


@given(st.integers(1, 300))
def test_long_chains_need_no_recursion(n: int) -> None:
    t = Tensor(0.5, requires_grad=True)
    out = t
    for _ in range(n):
        out = out * 1.0
    assert len(topological_order(out)) == n + 1


def test_rows_name_nodes_and_read_gradients() -> None:
    names = _neuron()
    names["L"].backward()
    rows = graph_rows(names["L"], names)
    assert [r.label for r in rows] == ["w", "x", "v1", "b", "z", "y", "d", "L"]
    assert rows[2].inputs == ("w", "x")
    y = 1 / (1 + np.exp(-0.7))
    dL_dw = 2 * (y - 1) * y * (1 - y) * 1.5
    assert float(rows[0].grad) == pytest.approx(dL_dw)
    assert rows[1].grad is None
    table = format_rows(rows)
    assert table.splitlines()[1].split() == ["0", "w", "leaf", "-", "0.8", f"{dL_dw:.6g}"]


def test_unnamed_leaves_are_constants() -> None:
    w = Tensor(2.0, requires_grad=True)
    rows = graph_rows(w * Tensor(3.0))
    assert [r.label for r in rows] == ["const", "const", "v1"]


def test_rejects_non_tensors() -> None:
    with pytest.raises(TypeError, match="expects a Tensor"):
        topological_order(np.ones(2))
