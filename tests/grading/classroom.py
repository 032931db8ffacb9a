"""A classroom for the adversarial battery: the instructor's copies and submissions made from them.

The instructor folder holds ``01-mini.ipynb`` (generated from the fixture solution: sigmoid
and relu) and ``02-other.ipynb`` (the same notebook with other text, grading step only).
Every submission answers sigmoid right; its relu and its structure vary.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from actlearn.course.generate import write_exercise

FIXTURES = Path(__file__).resolve().parents[1] / "course" / "fixtures"
SOLUTION = FIXTURES / "solutions" / "01-mini.ipynb"
RIGHT_SIGMOID = "import numpy as np\ndef sigmoid(x):\n    return 0.5 * (1 + np.tanh(x / 2))"
RIGHT_RELU = "def relu(x):\n    return np.maximum(x, 0.0)"
WRONG_RELU = "def relu(x):\n    return x"
SIGMOID_CHECK, RELU_CHECK = 4, 6
"""Indexes of the check cells in the exercise notebook."""


def instructor(folder: Path) -> Path:
    """The instructor's exercise folder, with the two notebooks above."""
    folder.mkdir(parents=True, exist_ok=True)
    write_exercise(SOLUTION, folder / "01-mini.ipynb")
    other = json.loads((folder / "01-mini.ipynb").read_text())
    other["cells"][0]["source"] = "# Another exercise\n\nOnly the step function."
    other["cells"][2]["source"] = "Write the step function."
    other["cells"][3]["source"] = "def step(x):\n    raise NotImplementedError()"
    other["cells"][4]["source"] = '# NBVAL_CHECK_OUTPUT\ncheck("step", step)'
    del other["cells"][5:7]
    other["metadata"]["actlearn"] = {"generated_from": "solutions/02-other.ipynb",
                                     "exercises": ["step"]}
    (folder / "02-other.ipynb").write_text(json.dumps(other))
    return folder


def notebook(folder: Path) -> dict[str, Any]:
    """The instructor's 01-mini as JSON, with sigmoid answered right."""
    nb = json.loads((folder / "01-mini.ipynb").read_text())
    nb["cells"][3]["source"] = RIGHT_SIGMOID
    return nb


def submit(folder: Path, name: str, nb: dict[str, Any] | str | bytes) -> Path:
    """Write a submission file (JSON, or raw text/bytes for broken files)."""
    path = folder / f"{name}.ipynb"
    if isinstance(nb, bytes):
        path.write_bytes(nb)
    else:
        path.write_text(nb if isinstance(nb, str) else json.dumps(nb))
    return path


def with_cells(base: dict[str, Any], **sources: str) -> dict[str, Any]:
    """``base`` with cells replaced: ``c5="..."`` sets cell 5's source."""
    nb = copy.deepcopy(base)
    for key, source in sources.items():
        nb["cells"][int(key[1:])]["source"] = source
    return nb


def code(source: str) -> dict[str, Any]:
    """A new code cell."""
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": source}
