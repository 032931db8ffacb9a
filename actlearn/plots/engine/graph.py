"""Draw the computation graph of a scalar :class:`~actlearn.engine.Tensor` (lesson 09).

Columns are depths (leaves on the left, the output on the right); each box shows a node's
label, operation, value and, after ``backward()``, its gradient.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.colors import to_rgb

from actlearn.engine import Tensor
from actlearn.labs.engine.graph import depths, graph_rows, topological_order
from actlearn.plots.style import CourseFigure, color, figure


def _number(a: np.ndarray | None) -> str:
    if a is None:
        return "—"
    return f"{float(a):.4g}" if np.size(a) == 1 else f"shape {np.shape(a)}"


def formula(op: str, inputs: tuple[str, ...]) -> str:
    """How a node was computed, in the usual notation: ``a * b``, ``d**2``, ``sigmoid(z)``.

    >>> formula("+", ("y",)), formula("*", ("w", "x")), formula("**2", ("d",))
    ('y + c', 'w * x', 'd**2')
    """
    if op in ("+", "*", "/", "@") and len(inputs) == 2:
        return f"{inputs[0]} {op} {inputs[1]}"
    if op in ("+", "*") and len(inputs) == 1:
        return f"{inputs[0]} {op} c"
    if op.startswith("**") and len(inputs) == 1:
        return f"{inputs[0]}{op}"
    return f"{op}({', '.join(inputs)})"


def _light(name: str, amount: float = 0.75) -> tuple[float, float, float]:
    rgb = np.array(to_rgb(name))
    return tuple(rgb + (1.0 - rgb) * amount)


def computation_graph(
    output: Tensor, names: Mapping[str, Tensor] | None = None, title: str = "computation graph"
) -> CourseFigure:
    """Boxes for the nodes of ``output``'s graph (named ones by their name), arrows from each
    input to the node computed from it, laid out by depth. Leaves that require a gradient
    are blue, constants grey, computed nodes orange."""
    order = topological_order(output)
    rows = graph_rows(output, names)
    depth = depths(order)
    columns: dict[int, list[int]] = {}
    for i, node in enumerate(order):
        columns.setdefault(depth[id(node)], []).append(i)
    place: dict[int, tuple[float, float]] = {}
    for d, members in columns.items():
        for k, i in enumerate(members):
            place[i] = (float(d), (len(members) - 1) / 2 - k)
    width = max(columns) + 1
    height = max(len(m) for m in columns.values())
    fig, (ax,) = figure(size=(1.75 * width + 1.0, 1.2 * height + 1.4))
    boxes = []
    for i, (node, row) in enumerate(zip(order, rows, strict=True)):
        if node.parents:
            face, head = color(1), f"{row.label} = {formula(row.op, row.inputs)}"
        else:
            face = color(0) if node.requires_grad else "0.6"
            head = row.label
        text = f"{head}\nvalue {_number(row.value)}\ngrad {_number(row.grad)}"
        boxes.append(ax.text(*place[i], text, ha="center", va="center", fontsize=8.5, zorder=3,
                             bbox={"boxstyle": "round,pad=0.4", "facecolor": _light(face),
                                   "edgecolor": face}))
    index = {id(node): i for i, node in enumerate(order)}
    for i, node in enumerate(order):
        for parent in node.parents:
            j = index[id(parent)]
            ax.annotate("", xy=place[i], xytext=place[j], zorder=4,
                        arrowprops={"arrowstyle": "-|>", "color": "0.35", "lw": 1.0,
                                    "patchA": boxes[j].get_bbox_patch(),
                                    "patchB": boxes[i].get_bbox_patch()})
    ax.set_xlim(-0.7, width - 0.3)
    ax.set_ylim(-height / 2 - 0.1, height / 2 + 0.1)
    ax.set_xticks(range(width), [f"depth {d}" for d in range(width)])
    ax.set_yticks([])
    ax.grid(False)
    ax.set_title(title)
    ax.set_xlabel("forward: left to right; backward() runs right to left")
    ax.set_ylabel("nodes at the same depth")
    return fig
