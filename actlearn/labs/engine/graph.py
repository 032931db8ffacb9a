r"""Look inside the graph a :class:`~actlearn.engine.Tensor` records: order, depth, a table.

Reverse mode visits the graph in *reverse topological order*: a node's gradient is complete
only once every node that uses it has pushed its share, by the chain rule

.. math:: \bar v = \sum_{c \,\in\, \text{children}(v)} \bar c\, \frac{\partial c}{\partial v},
          \qquad \bar v = \frac{\partial L}{\partial v}.

These helpers read the graph through the public ``parents`` and ``op`` of each tensor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from actlearn.engine import Tensor


def topological_order(output: Tensor) -> list[Tensor]:
    """Every tensor ``output`` was computed from, each after all of its parents, ending with
    ``output``; iterative depth-first search, parents visited in argument order.

    >>> a = Tensor(2.0, requires_grad=True)
    >>> [t.op for t in topological_order(a * 3.0 + a)]
    ['leaf', '*', '+']
    """
    if not isinstance(output, Tensor):
        raise TypeError(f"topological_order expects a Tensor, got {type(output).__name__}")
    order: list[Tensor] = []
    done: set[int] = set()
    stack: list[tuple[Tensor, bool]] = [(output, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
            continue
        if id(node) in done:
            continue
        done.add(id(node))
        stack.append((node, True))
        for parent in reversed(node.parents):
            if id(parent) not in done:
                stack.append((parent, False))
    return order


def depths(order: list[Tensor]) -> dict[int, int]:
    """Longest path from a leaf to each node (leaves 0), keyed by ``id(node)``."""
    depth: dict[int, int] = {}
    for node in order:
        depth[id(node)] = 1 + max((depth[id(p)] for p in node.parents), default=-1)
    return depth


@dataclass(frozen=True)
class NodeRow:
    """One node of the graph, as a table row: its label, operation, inputs, value, gradient."""

    index: int
    label: str
    op: str
    inputs: tuple[str, ...]
    value: np.ndarray
    grad: np.ndarray | None


def graph_rows(output: Tensor, names: Mapping[str, Tensor] | None = None) -> list[NodeRow]:
    """The graph of ``output`` in topological order. Tensors in ``names`` are labelled by
    their name; other leaves are "const", computed nodes ``v1, v2, …`` in order."""
    by_id = {id(t): name for name, t in (names or {}).items()}
    rows: list[NodeRow] = []
    labels: dict[int, str] = {}
    computed = 0
    for index, node in enumerate(topological_order(output)):
        if id(node) in by_id:
            text = by_id[id(node)]
        elif not node.parents:
            text = "const"
        else:
            computed += 1
            text = f"v{computed}"
        labels[id(node)] = text
        inputs = tuple(labels[id(p)] for p in node.parents)
        rows.append(NodeRow(index, text, node.op, inputs, node.data, node.grad))
    return rows


def format_rows(rows: list[NodeRow]) -> str:
    """A fixed-width text table of :func:`graph_rows` (values and gradients to 6 digits)."""

    def number(a: np.ndarray | None) -> str:
        if a is None:
            return "-"
        return f"{float(a):.6g}" if np.size(a) == 1 else f"array{np.shape(a)}"

    lines = [f"{'#':>2}  {'node':6} {'op':8} {'inputs':16} {'value':>12} {'grad':>12}"]
    for r in rows:
        lines.append(f"{r.index:>2}  {r.label:6} {r.op:8} {', '.join(r.inputs) or '-':16} "
                     f"{number(r.value):>12} {number(r.grad):>12}")
    return "\n".join(lines)
