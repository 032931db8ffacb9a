"""The copy of actlearn a learner's process imports during class grading.

It holds the library (activations, engine, nn, data, ...) a notebook uses, compiled once,
but none of the grading references, hidden cases, course tools or paths back to the
checkout: ``actlearn.grading`` there is a stub whose ``check`` does nothing, plus the few
modules the worker itself runs on (no grading specs, no solutions beside it).
"""

from __future__ import annotations

import compileall
import os
import shutil
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
"""The actlearn package this grader runs from."""
WORKER_MODULES = ("sandbox.py", "wire.py", "worker.py", "borrowing.py")
STUB = '''"""Class grading judges answers in the grader's own process: here check() does nothing."""


def check(name, answer):
    """Does nothing while a class is graded (the grader calls your answer itself)."""
    return None


def grade(name, answer):
    """Not available while a class is graded."""
    raise RuntimeError("answers are graded by the instructor's grader, not in the notebook")
'''


def _ignore(folder: str, names: list[str]) -> set[str]:
    here = Path(folder).resolve()
    skipped = {n for n in names if n == "__pycache__" or n.endswith((".pyc", ".ipynb"))}
    if here == PACKAGE:
        skipped |= {"course"}
    if here == PACKAGE / "grading":
        skipped |= {n for n in names if n not in WORKER_MODULES}
    return skipped


def build(target: Path) -> Path:
    """Write the copy to ``target/actlearn`` (compiled, read-only); returns ``target``."""
    root = target / "actlearn"
    shutil.copytree(PACKAGE, root, ignore=_ignore)
    (root / "grading" / "__init__.py").write_text(STUB, encoding="utf-8")
    compileall.compile_dir(str(root), quiet=1, workers=1)
    for folder, _dirs, files in os.walk(target):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o444)
    return target


def clone(source: Path, target: Path) -> Path:
    """A private copy of a built library (for a process that could write to a shared one)."""
    shutil.copytree(source, target, symlinks=False)
    return target
