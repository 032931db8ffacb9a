"""Find every widget the course offers: public functions in ``actlearn.widgets.*`` that
return a :class:`FigureWidget` and need no arguments. Used by tests and benchmarks."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import typing
from collections.abc import Callable

import actlearn.widgets as package
from actlearn.widgets.base import FigureWidget

Factory = Callable[[], FigureWidget]


def _returns_widget(fn: Callable) -> bool:
    try:
        hints = typing.get_type_hints(fn)
    except Exception:  # unresolvable annotations: not one of ours
        return False
    returned = hints.get("return")
    return isinstance(returned, type) and issubclass(returned, FigureWidget)


def _no_required_args(fn: Callable) -> bool:
    return all(
        p.default is not inspect.Parameter.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        for p in inspect.signature(fn).parameters.values()
    )


def widget_factories() -> dict[str, Factory]:
    """``"module.function" -> factory`` for every widget, sorted by name."""
    found: dict[str, Factory] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name in ("base", "discover") or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__ and not name.startswith("_"):
                if _returns_widget(fn) and _no_required_args(fn):
                    found[f"{info.name}.{name}"] = fn
    return dict(sorted(found.items()))


def next_value(control) -> object:
    """A different valid value for a control: one step along a slider, the next option."""
    options = getattr(control, "options", None)
    if options:
        values = (
            list(options.values())
            if isinstance(options, dict)
            else [o[1] if isinstance(o, tuple) else o for o in options]
        )
        return values[(values.index(control.value) + 1) % len(values)]
    if hasattr(control, "max") and hasattr(control, "step"):
        up = control.value + control.step
        return up if up <= control.max else control.value - control.step
    if isinstance(control.value, bool):
        return not control.value
    raise TypeError(f"do not know how to change a {type(control).__name__}")
