"""The table of exercises: name -> :class:`~actlearn.grading.spec.Exercise`.

To add an exercise, write an ``Exercise`` (or use a factory such as
:func:`actlearn.grading.pointwise.pointwise`) in a ``specs_*.py`` module and list that
module's ``EXERCISES`` in ``_MODULES``; nothing else changes.
"""

from __future__ import annotations

import difflib
from functools import cache
from importlib import import_module
from types import MappingProxyType

from actlearn.grading.spec import Exercise

_MODULES = (
    "actlearn.grading.specs_sigmoid",
    "actlearn.grading.specs_relu",
    "actlearn.grading.specs_softmax",
    "actlearn.grading.specs_networks",
)


@cache
def table() -> MappingProxyType[str, Exercise]:
    """Every exercise by name (read-only), built on first use."""
    found: dict[str, Exercise] = {}
    for module in _MODULES:
        for exercise in import_module(module).EXERCISES:
            if exercise.name in found:
                raise RuntimeError(f"exercise {exercise.name!r} is defined twice ({module})")
            found[exercise.name] = exercise
    return MappingProxyType(dict(sorted(found.items())))


def exercise_names() -> list[str]:
    """Sorted exercise names."""
    return list(table())


def get_exercise(name: str) -> Exercise:
    """The exercise called ``name``; a ValueError naming close names otherwise.

    >>> get_exercise("sigmoid").signature
    'sigmoid(x)'
    """
    if not isinstance(name, str):
        raise TypeError(f"exercise name must be a string, got {type(name).__name__}")
    if name in table():
        return table()[name]
    close = difflib.get_close_matches(name, list(table()), n=3)
    suggestion = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
    raise ValueError(f"unknown exercise {name!r}{suggestion}")


def spec_table() -> str:
    """A Markdown table of every exercise: name, what to define, what it computes."""
    rows = ["| exercise | define | computes | checks |", "|---|---|---|---|"]
    for exercise in table().values():
        rows.append(
            f"| `{exercise.name}` | `{exercise.signature}` | {exercise.summary} "
            f"| {len(exercise.checks)} |"
        )
    return "\n".join(rows)
