"""The table of exercises: name -> :class:`~actlearn.grading.spec.Exercise`.

To add an exercise, write an ``Exercise`` (or use a factory such as
:func:`actlearn.grading.pointwise.pointwise`) into the ``EXERCISES`` tuple of a module
``actlearn/grading/specs/<topic>.py``: every such module is found by name, nothing else
changes.
"""

from __future__ import annotations

import difflib
import pkgutil
from functools import cache
from importlib import import_module
from types import MappingProxyType

from actlearn.grading.spec import Exercise


def spec_modules() -> list[str]:
    """Every ``actlearn.grading.specs.<topic>`` module, sorted by name."""
    import actlearn.grading.specs as package

    return sorted(
        f"{package.__name__}.{info.name}"
        for info in pkgutil.iter_modules(package.__path__)
        if not info.name.startswith("_")
    )


@cache
def _load() -> tuple[MappingProxyType[str, Exercise], MappingProxyType[str, str]]:
    found: dict[str, Exercise] = {}
    broken: dict[str, str] = {}
    for module in spec_modules():
        try:
            exercises = import_module(module).EXERCISES
        except Exception as exc:  # noqa: BLE001 (one broken module must not stop the others)
            broken[module] = f"{type(exc).__name__}: {exc}"
            continue
        for exercise in exercises:
            if exercise.name in found:
                raise RuntimeError(f"exercise {exercise.name!r} is defined twice ({module})")
            found[exercise.name] = exercise
    return MappingProxyType(dict(sorted(found.items()))), MappingProxyType(broken)


def table() -> MappingProxyType[str, Exercise]:
    """Every exercise by name (read-only), built on first use."""
    return _load()[0]


def broken_modules() -> MappingProxyType[str, str]:
    """Spec modules that failed to import, with the error (tests require none)."""
    return _load()[1]


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
    if broken_modules():
        suggestion += f" (spec modules that failed to load: {', '.join(broken_modules())})"
    raise ValueError(f"unknown exercise {name!r}{suggestion}")


def spec_table() -> str:
    """A Markdown table of every exercise: name, what to define, what it computes."""
    rows = ["| exercise | define | computes | checks |", "|---|---|---|---|"]
    for exercise in table().values():
        summary = exercise.summary.replace("|", "\\|")
        rows.append(
            f"| `{exercise.name}` | `{exercise.signature}` | {summary} "
            f"| {len(exercise.checks)} |"
        )
    return "\n".join(rows)
