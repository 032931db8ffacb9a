"""The course's tools start without jsonschema's optional IRI grammar, and still validate."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from actlearn.course.startup import skip_unused_imports
skip_unused_imports()
import nbformat
good = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
nbformat.validate(good)
bad = nbformat.v4.new_notebook()
bad["cells"] = [{"cell_type": "code", "source": 3}]
try:
    nbformat.validate(bad)
except nbformat.ValidationError:
    print("invalid refused")
print("skipped" if sys.modules.get("rfc3987_syntax", 1) is None else "loaded")
"""

CLI = """
import runpy, sys
sys.argv = ["actlearn.course", "--help"]
try:
    runpy.run_module("actlearn.course", run_name="__main__")
except SystemExit:
    pass
print("skipped" if sys.modules.get("rfc3987_syntax", 1) is None else "loaded")
"""


def _run(code: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    return done.stdout.splitlines()


def test_notebooks_still_validate_without_the_skipped_module():
    assert _run(PROBE) == ["invalid refused", "skipped"]


def test_the_course_command_skips_it_before_nbformat_loads():
    assert _run(CLI)[-1] == "skipped"
