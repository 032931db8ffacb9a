"""Hostile submissions, one per kind of attack in issue 14, each with a wrong relu.

Each maps a submission name to a function of the classroom (instructor folder, the base
notebook, paths the attacker is assumed to know) returning the notebook to hand in. Every
attack answers sigmoid right (6/6 honestly) and relu wrong (its honest score is that of
``relu(x) = x``), so whatever it scores beyond that was stolen.
"""

from __future__ import annotations

import copy
import json
import sysconfig
from pathlib import Path
from typing import Any

import nbformat

import actlearn
from tests.grading.classroom import (
    RELU_CHECK,
    RIGHT_RELU,
    SIGMOID_CHECK,
    SOLUTION,
    WRONG_RELU,
    code,
    with_cells,
)

GRADER_PACKAGE = Path(actlearn.__file__).resolve().parent
SITE = Path(sysconfig.get_paths()["purelib"])
PWNED = "\n# actlearn-pwned\n"


def _try(source: str) -> str:
    body = "\n".join("    " + line for line in source.strip().split("\n"))
    return f"try:\n{body}\nexcept BaseException:\n    pass\n"


def wrong_then(cheat: str) -> str:
    """A wrong relu followed by the cheat (which must not stop the cell)."""
    return WRONG_RELU + "\n" + _try(cheat)


KERNEL_PATCHES = {
    "patch_grade": """
import actlearn.grading as g
g.grade = lambda name, answer: None
g.check = lambda name, answer: print(name + ": PASSED 6/6 checks")
""",
    "patch_run_exercise": """
import actlearn.grading.grader as gr
gr.run_exercise = lambda *a, **k: None
""",
    "patch_isclose": """
import numpy
numpy.isclose = lambda a, b, *r, **k: numpy.ones(numpy.broadcast(a, b).shape, bool)
numpy.allclose = lambda *a, **k: True
numpy.array_equal = lambda *a, **k: True
""",
    "patch_json": """
import json
json.dumps = lambda *a, **k: '["relu", true, 6, 6]'
""",
    "patch_print": """
import builtins, sys
builtins.print = lambda *a, **k: sys.__stdout__.write("relu: PASSED 6/6 checks\\n")
""",
    "post_run_cell_hook": """
import re
def _hook(result):
    found = re.search(r"actlearn-grade-[0-9a-f]+", result.info.raw_cell or "")
    print((found.group(0) if found else "x") + ' ["relu", true, 6, 6]')
get_ipython().events.register("post_run_cell", _hook)
""",
    "patch_worker_encoder": """
import sys
w = sys.modules.get("actlearn.grading.worker") or sys.modules.get("__main__")
import actlearn.grading.sandbox as s
_real = s.call_once
def _fake(func, call):
    out = _real(func, call)
    return s.Outcome("returned", call.args[0] * 0 + 1, "", (), False, 0.0)
s.call_once = _fake
""",
    "typed_verdict_rows": """
print("relu: PASSED 6/6 checks")
print("sigmoid: PASSED 6/6 checks")
""",
    "redefine_check": """
def check(name, answer):
    print(name + ": PASSED 6/6 checks")
""",
    "lying_ndarray": """
import numpy as np
class Liar(np.ndarray):
    def __eq__(self, other):
        return np.True_
    def __array_finalize__(self, obj):
        pass
def relu(x):
    return np.asarray(x).view(Liar)
""",
}


#: A sigmoid answer that returns the library's own (its kernel is decorated, ``@quiet``).
BORROWED_SIGMOID = 'import actlearn as al\ndef sigmoid(x):\n    return al.activation("sigmoid")(x)'


def borrowing(paths: dict[str, Path]) -> dict[str, str]:
    """Answers that borrow a working relu instead of writing one."""
    solution_files = [str(SOLUTION),
                      str(GRADER_PACKAGE.parent / "solutions" / "05-relu-family.ipynb")]
    return {
        "calls_activation": 'import actlearn as al\n'
                            'def relu(x):\n    return al.activation("relu")(x)',
        "captured_activation": "import actlearn as al\n_f = al.activation('relu')\n"
                               "def relu(x):\n    return _f(x)",
        "engine_relu": "from actlearn import Tensor\n"
                       "def relu(x):\n    return Tensor(x).relu().data",
        "exec_solution": wrong_then(f"""
import json, pathlib, actlearn
places = [pathlib.Path(actlearn.__file__).resolve().parents[1] / "solutions" / "01-mini.ipynb"]
places += [pathlib.Path(p) for p in {solution_files!r}]
for place in places:
    if place.exists():
        for cell in json.loads(place.read_text())["cells"]:
            text = "".join(cell["source"])
            if cell["cell_type"] == "code" and "check(" not in text and "def relu" in text:
                exec(text, globals())
"""),
        "classmate_copy": wrong_then(f"""
import json, pathlib
places = list(pathlib.Path(".").resolve().parent.glob("*.ipynb"))
places += [pathlib.Path({str(paths['alice_right'])!r})]
for place in places:
    for cell in json.loads(place.read_text())["cells"]:
        text = "".join(cell["source"])
        if "def relu" in text and "return x" not in text:
            exec(text, globals())
"""),
    }


def outside(paths: dict[str, Path]) -> dict[str, str]:
    """Cells that try to change things outside the submission."""
    package_files = [str(GRADER_PACKAGE / "grading" / n) for n in ("__init__.py", "grader.py")]
    return {
        "write_package": wrong_then(f"""
import actlearn.grading, pathlib
targets = [pathlib.Path(actlearn.grading.__file__)]
targets += [pathlib.Path(p) for p in {package_files!r}]
for target in targets:
    try:
        with open(target, "a") as f:
            f.write({PWNED!r})
    except Exception:
        pass
try:
    pathlib.Path({str(SITE / 'actlearn_pwned.py')!r}).write_text("x = 1")
except Exception:
    pass
"""),
        "overwrite_classmate": wrong_then(f"""
import pathlib
for p in [pathlib.Path({str(paths['zed_victim'])!r})] + list(pathlib.Path("..").glob("*.ipynb")):
    try:
        p.write_text('{{"cells": [], "metadata": {{}}, "nbformat": 4, "nbformat_minor": 5}}')
    except Exception:
        pass
"""),
        "detached_csv_writer": wrong_then(f"""
import os, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        time.sleep(2.0)
        for p in [{str(paths['csv'])!r}, {str(paths['json'])!r}]:
            try:
                open(p, "w").write("pwned")
            except Exception:
                pass
    os._exit(0)
"""),
    }


def signals(pid: int) -> dict[str, str]:
    """Cells at top level that signal the grader (its pid known from the command line)."""
    found = {}
    for name in ("SIGKILL", "SIGINT", "SIGTERM"):
        found[f"signal_{name.lower()}"] = wrong_then(f"""
import os, signal
for target in (os.getppid(), {pid}):
    try:
        os.kill(target, signal.{name})
    except Exception:
        pass
""")
    return found


def structural(base: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Submissions whose check cells were edited, duplicated, added or deleted."""
    wrong = with_cells(base, c5=WRONG_RELU)
    reference_check = with_cells(wrong, c6='# NBVAL_CHECK_OUTPUT\nimport numpy as np\n'
                                           'check("relu", lambda x: np.maximum(x, 0.0))')
    duplicated = copy.deepcopy(wrong)
    duplicated["cells"][SIGMOID_CHECK + 1:SIGMOID_CHECK + 1] = [
        copy.deepcopy(wrong["cells"][SIGMOID_CHECK]) for _ in range(5)]
    added = copy.deepcopy(wrong)
    added["cells"] += [code("def step(x):\n    return np.where(x >= 0, 1.0, 0.0)"),
                       code('# NBVAL_CHECK_OUTPUT\ncheck("step", step)')]
    deleted = copy.deepcopy(wrong)
    del deleted["cells"][RELU_CHECK]
    deleted["metadata"]["actlearn"]["exercises"] = ["sigmoid"]
    return {"check_cell_reference": reference_check, "duplicated_check": duplicated,
            "added_check": added, "deleted_check": deleted}


def malformed(base: dict[str, Any]) -> dict[str, Any]:
    """Broken files: each must give one row with a reason, and the run must go on."""
    meta_string = copy.deepcopy(base)
    meta_string["metadata"]["actlearn"] = "x"
    meta_number = copy.deepcopy(base)
    meta_number["metadata"]["actlearn"]["exercises"] = 5
    no_source = copy.deepcopy(base)
    del no_source["cells"][3]["source"]
    v4 = nbformat.reads(json.dumps(with_cells(base, c5=RIGHT_RELU)), as_version=4)
    v3 = json.loads(nbformat.writes(nbformat.convert(v4, 3)))
    return {"meta_string": meta_string, "meta_number": meta_number, "no_source": no_source,
            "empty_file": "", "garbage": b"\x89PNG\x00\xff" * 100, "json_list": "[1, 2]",
            "cells_not_list": '{"cells": "x"}', "deep_json": "[" * 100_000,
            "nbformat3": v3}
