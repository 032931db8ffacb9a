"""The package's layout (docs/architecture.md): a small core, one topic name per lesson in every
layer, dependencies pointing one way, no import cycles, every folder saying what lives in it."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "actlearn"

#: Lesson number -> the one name its code goes by in labs/, plots/, widgets/ and grading/specs/.
TOPICS = {
    1: "neuron", 2: "linear", 3: "sigmoid", 4: "gradients", 5: "relu", 6: "smooth",
    7: "softmax", 8: "boundaries", 9: "engine", 10: "attention", 11: "nalu", 12: "siren",
    13: "choosing", 14: "training", 15: "custom",
}
#: What a layer may hold besides its topics.
SHARED = {
    "plots": {"style"}, "widgets": {"base", "discover"}, "labs": set(), "grading/specs": set(),
}
CORE = {"activations", "engine", "nn", "optim", "losses", "training", "data", "datasets",
        "progress", "parallel", "blas"}
#: layer -> the layers it may import (besides itself).
ALLOWED = {
    "core": {"core"},
    "labs": {"core"},
    "plots": {"core", "labs"},
    "widgets": {"core", "labs", "plots"},
    "grading": {"core", "specs"},  # the exercise table finds the specs by name
    "specs": {"core", "grading", "labs"},  # an exercise may reuse its lesson's lab for references
    "course": {"core", "grading"},
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "core"
    top = parts[1]
    if top == "grading" and len(parts) > 2 and parts[2] == "specs":
        return "specs"
    if top in CORE:
        return "core"
    return top


def imports(module: str, top_level_only: bool) -> set[str]:
    """actlearn modules that ``module`` imports (resolved to a module, not a name in it)."""
    tree = ast.parse(modules()[module].read_text())
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.If):  # `if TYPE_CHECKING:` imports never run
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from package import submodule` imports the submodule; `from module import name`
            # the module
            names = [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            while name and name not in modules():
                name = name.rpartition(".")[0]
            # importing a module of a package first runs the package's __init__: that is how a
            # package is built, not a dependency of the module on its own package
            if name.startswith("actlearn") and not (module + ".").startswith(name + "."):
                found.add(name)
    return found


def test_a_small_core_at_the_root() -> None:
    root_modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(root_modules) <= 10, root_modules


@pytest.mark.parametrize("folder", sorted(SHARED))
def test_every_layer_holds_the_same_topic_names(folder: str) -> None:
    here = {p.stem for p in (PACKAGE / folder).iterdir()
            if not p.name.startswith(("_", ".")) and (p.suffix == ".py" or p.is_dir())}
    assert here - SHARED[folder] == set(TOPICS.values()), folder


@pytest.mark.parametrize("number", sorted(TOPICS))
def test_each_lesson_uses_its_topic_name(number: int) -> None:
    (lesson,) = ROOT.glob(f"lessons/{number:02d}-*.ipynb")
    topic = TOPICS[number]
    text = lesson.read_text()
    for layer_name in ("labs", "plots", "widgets"):
        folder = PACKAGE / layer_name
        if (folder / topic).exists() or (folder / f"{topic}.py").exists():
            assert re.search(rf"actlearn\.{layer_name}(\.{topic}\b| import {topic}\b)", text), (
                f"{lesson.name} does not use actlearn.{layer_name}.{topic}")


def test_dependencies_point_one_way() -> None:
    wrong = [
        f"{module} ({layer(module)}) imports {target} ({layer(target)})"
        for module in modules()
        for target in imports(module, top_level_only=False)
        if layer(target) != layer(module) and layer(target) not in ALLOWED[layer(module)]
    ]
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles() -> None:
    graph = {m: imports(m, top_level_only=True) for m in modules()}
    state: dict[str, int] = {}  # 1 on the stack, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = [*path[path.index(nxt):], node, nxt] if nxt in path else [node, nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            elif nxt not in state:
                visit(nxt, path + [node])
        state[node] = 2

    for module in graph:
        if module not in state:
            visit(module, [])


def test_every_folder_says_what_lives_there() -> None:
    silent = [str(p.relative_to(ROOT)) for p in PACKAGE.rglob("__init__.py")
              if not ast.get_docstring(ast.parse(p.read_text()))]
    assert not silent


def test_tests_mirror_the_package() -> None:
    for folder in ("activations", "engine", "nn", "data", "labs", "plots", "widgets", "grading",
                   "course"):
        assert (ROOT / "tests" / folder / "__init__.py").exists(), folder
        assert list((ROOT / "tests" / folder).glob("test_*.py")), folder
