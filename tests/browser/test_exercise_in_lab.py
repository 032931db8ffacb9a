"""An exercise as a learner sees it in JupyterLab: no pass under a stub, before or after running.

The notebook is only opened and run, never saved (the lab fixture turns autosave off).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import LabApp
from tests.browser.test_lessons_in_lab import _run_all

# One worker runs every browser test (tests/workers.py): they share one JupyterLab server.
pytestmark = pytest.mark.browser
EXERCISE = "exercises/07-softmax.ipynb"


def test_an_unanswered_exercise_shows_no_pass(lab_app: LabApp, screenshots: Path) -> None:
    shot = screenshots / "exercise-07-softmax.png"
    with lab_app.notebook(EXERCISE, shot) as (page, panel):
        outputs = panel.locator(".jp-OutputArea-output")
        outputs.first.wait_for(timeout=30_000)
        for when in ("as opened", "after running every cell"):
            shown = "\n".join(outputs.all_inner_texts())
            assert shown.count("not answered yet") == 3, (when, shown[:500])
            assert "PASSED" not in shown and "✗" not in shown, (when, shown[:500])
            if when == "as opened":
                _run_all(page, panel, timeout=600)
        page.screenshot(path=str(shot), full_page=False)
