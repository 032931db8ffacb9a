"""In a real Jupyter kernel, a misbehaving answer leaves only the verdict in the notebook."""

from __future__ import annotations

import nbformat
import pytest

from actlearn.course.execute import run

pytestmark = pytest.mark.notebooks

ANSWERS = {
    "flood": "def answer(x):\n    while True:\n        print('spam')",
    "c-level output": (
        "import os\ndef answer(x):\n"
        "    os.write(1, b'raw fd 1\\n'); os.write(2, b'raw fd 2\\n')\n    return x"
    ),
    "exit": "import sys\ndef answer(x):\n    sys.exit('bye')",
    "hang": "def answer(x):\n    while True:\n        pass",
    "warning": "import numpy as np\ndef answer(x):\n    return np.exp(x * 1000.0)",
}


def test_only_the_verdict_reaches_the_notebook(tmp_path):
    cells = []
    for source in ANSWERS.values():
        cells.append(nbformat.v4.new_code_cell(source))
        cells.append(
            nbformat.v4.new_code_cell("from actlearn.grading import check\ncheck('relu', answer)")
        )
    nb = nbformat.v4.new_notebook(cells=cells)
    path = tmp_path / "01-misbehave.ipynb"
    run(nb, path, timeout=120)
    for name, cell in zip(ANSWERS, nb.cells[1::2], strict=True):
        assert [o.output_type for o in cell.outputs] == ["display_data"], name
        text = cell.outputs[0].data["text/plain"]
        assert text.startswith("relu: FAILED"), name
        assert "relu: FAILED" in cell.outputs[0].data["text/html"], name
        assert "spam" not in text and "raw fd" not in text
