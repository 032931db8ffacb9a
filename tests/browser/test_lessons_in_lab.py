"""Every lesson with a widget, opened in JupyterLab in headless Chromium and run as a learner would.

For each: run all cells from the Run menu; no cell shows an error; every formula is typeset
without a TeX error or an undefined macro and no TeX is left as text (JupyterLab's MathJax 3,
where the offline book uses MathJax 2); every widget renders; moving
the lesson's first control (a slider, else a menu) changes the figure it drives. A failure
names the screenshot it saved; a widget that says its redraw failed fails the test with its
words, and a figure that never changes reports the end of the server's log.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tests.browser.conftest import RAW_TEX_PATTERN, ROOT, LabApp

# One worker runs every browser test (tests/workers.py): they share one JupyterLab server.
pytestmark = pytest.mark.browser

FIXTURE = "tests/browser/widget-demo.ipynb"
FAILING_FIXTURE = "tests/browser/widget-fails.ipynb"  # its redraw raises once the slider moves
MATH_FIXTURE = "tests/browser/math-errors.ipynb"  # an undefined macro, a TeX error, bad braces


def _uses_widgets(path: Path) -> bool:
    cells = json.loads(path.read_text())["cells"]
    return any(
        "actlearn.widgets" in "".join(c["source"]) for c in cells if c["cell_type"] == "code"
    )


WIDGET_LESSONS = sorted(
    str(p.relative_to(ROOT))
    for p in (ROOT / "lessons").glob("[0-9][0-9]-*.ipynb")
    if _uses_widgets(p)
)


def _wait(predicate, timeout: float, what: str, explain=None) -> None:
    """Poll ``predicate`` until it is true; a timeout names ``what`` (and adds ``explain()``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.25)
    more = f"; {explain()}" if explain else ""
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}{more}")


_STATE = """() => {
    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
    const dialog = document.querySelector('.jp-Dialog');
    const prompts = panel ? [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
        .map(p => p.innerText.trim()) : [];
    const status = panel && panel.querySelector('.jp-Notebook-ExecutionIndicator');
    return {
        dialog: dialog ? dialog.innerText.slice(0, 300) : null,
        kernel: status ? status.getAttribute('data-status') : null,
        cells: prompts.length,
        waiting: prompts.filter(t => t === '[ ]:' || t === '').length,
        running: prompts.filter(t => t === '[*]:').length,
    };
}"""


def _notebook_state(page) -> dict:
    """What the page shows: an open dialog's text, the kernel's status, and how many code cells
    are waiting, running or done."""
    return page.evaluate(_STATE)


def _start_run_all(page, panel) -> None:
    """Run > Run All Cells, with the notebook focused (the command acts on the focused one)."""
    panel.locator(".jp-Cell").first.click()
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()


#: Seconds that cells may wait, none running, while the kernel idles, before run-all is given
#: again. Run-all marks every cell it queues as running ([*]) at once, so a cell still waiting
#: then was never queued: the command (or part of it) was lost (seen in CI, where the fixture
#: notebook once waited out its whole timeout before this retry existed).
STALL = 10.0


def _run_all(page, panel, timeout: float) -> None:
    """Run every cell and wait until each has finished and the kernel is idle.

    A dialog that appears meanwhile is answered when it asks for a kernel and fails the test
    (with its text) otherwise. If cells still wait ``STALL`` seconds after the kernel went idle
    with none running, the command is given once more. A timeout reports how many cells were still
    waiting or running.
    """
    idle = panel.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")
    idle.first.wait_for(timeout=60_000)
    _start_run_all(page, panel)
    started_at = time.monotonic()
    deadline = started_at + timeout
    retried = False
    stalled_since: float | None = None
    while True:
        state = _notebook_state(page)
        if state["dialog"]:
            if "Select Kernel" not in state["dialog"]:
                raise AssertionError(f"JupyterLab showed a dialog: {state['dialog']!r}")
            page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept").click()
        elif state["cells"] and state["kernel"] == "idle" and not (
            state["waiting"] or state["running"]
        ):
            return
        stalled = (state["cells"] and state["waiting"] and not state["running"]
                   and state["kernel"] == "idle")
        stalled_since = (stalled_since or time.monotonic()) if stalled else None
        if not retried and stalled_since and time.monotonic() - stalled_since > STALL:
            # Cells still wait while the kernel idles: the command (or part of it) did not
            # reach the kernel, e.g. one sent while it was starting. Give it once more.
            retried = True
            stalled_since = None
            _start_run_all(page, panel)
        if time.monotonic() > deadline:
            raise AssertionError(
                f"run-all did not finish within {timeout:.0f} s: {state['cells']} code cells, "
                f"{state['waiting']} waiting, {state['running']} running, "
                f"kernel {state['kernel']}"
            )
        time.sleep(0.25)


def _errors(panel) -> list[str]:
    outputs = panel.locator(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
    )
    return [t for t in outputs.all_inner_texts() if "Traceback" in t or "Error" in t.split("\n")[0]]


#: The formulas of the rendered markdown that went wrong: MathJax's <merror> (TeX it could not
#: parse) and red <mtext> (an undefined macro) in its MathML copy, by their text; and TeX left
#: as text outside any formula (a "$" that found no partner, say).
_MATH_PROBLEMS = r"""(panel) => {
    const bad = [...panel.querySelectorAll(
        '.jp-RenderedMarkdown mjx-merror, .jp-RenderedMarkdown mtext[mathcolor="red"]')]
        .map(e => e.textContent);
    const walker = document.createTreeWalker(panel, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const where = node.parentElement;
        if (!where.closest('.jp-RenderedMarkdown')
            || where.closest('mjx-container, code, pre, script, style')) continue;
        const hits = node.textContent.match(""" + RAW_TEX_PATTERN + r""");
        if (hits) bad.push(...hits);
    }
    return bad;
}"""


def _math_problems(panel) -> list[str]:
    """What :data:`_MATH_PROBLEMS` finds in the open notebook (every cell is rendered: the
    tests' JupyterLab has no virtual scrolling)."""
    return panel.evaluate(_MATH_PROBLEMS)


def _figure_png(panel, index: int) -> str:
    image = panel.locator(".jp-OutputArea img.widget-image").nth(index)
    return image.get_attribute("src") or ""


def _not_redrawn(panel) -> list[str]:
    """The texts of the widgets' "Not redrawn" lines on show (FigureWidget's failed redraws)."""
    lines = panel.locator(".jp-OutputArea .widget-html", has_text="Not redrawn")
    return [t.strip() for t in lines.all_inner_texts()]


def _redrawn(panel, before: str) -> bool:
    """Whether the first figure differs from ``before``; a widget that says its redraw failed
    fails the test at once, with its words."""
    failed = _not_redrawn(panel)
    if failed:
        raise AssertionError(f"the widget did not redraw: {failed[0]}")
    return _figure_png(panel, 0) not in ("", before)


def _save_for_docs(panel, notebook: str) -> None:
    """With ACTLEARN_SCREENSHOTS=<folder>, keep a picture of the lesson's first widget cell
    there (the README's screenshots come from `make screenshots`)."""
    folder = os.environ.get("ACTLEARN_SCREENSHOTS")
    if not folder or not notebook.startswith("lessons/"):
        return
    cell = panel.locator(".jp-Cell", has=panel.page.locator("img.widget-image")).first
    time.sleep(1.0)  # let the redrawn image settle before the picture is taken
    cell.screenshot(path=str(Path(folder) / f"{Path(notebook).stem}.png"))


def _open_and_check(lab_app: LabApp, screenshots: Path, notebook: str, timeout: float) -> None:
    shot = screenshots / (Path(notebook).stem + ".png")
    with lab_app.notebook(notebook, shot) as (page, panel):
        _run_all(page, panel, timeout)
        assert not _errors(panel), f"error output in {notebook}: {_errors(panel)[:1]}"
        # (MathJax typesets as it goes: a formula not yet typeset still reads as TeX)
        _wait(lambda: not _math_problems(panel), 30, "every formula to be typeset",
              explain=lambda: f"formulas gone wrong: {_math_problems(panel)}")
        widgets = panel.locator(".jp-OutputArea .widget-vbox")
        _wait(lambda: widgets.count() > 0, 30, "a widget to render")
        assert panel.get_by_text("Error displaying widget").count() == 0
        images = panel.locator(".jp-OutputArea img.widget-image")
        _wait(lambda: images.count() > 0, 30, "a widget figure")
        sliders = panel.locator(".jp-OutputArea .widget-slider .noUi-handle")
        if sliders.count():  # move the first slider
            handle = sliders.first
            handle.scroll_into_view_if_needed()
            before = _figure_png(panel, 0)
            handle.click()
            for _ in range(5):
                page.keyboard.press("ArrowRight")
        else:  # a widget of menus only: pick the first menu's second option
            menu = panel.locator(".jp-OutputArea .widget-dropdown select").first
            menu.scroll_into_view_if_needed()
            before = _figure_png(panel, 0)
            menu.select_option(index=1)
        _wait(lambda: _redrawn(panel, before), 60,
              "the figure to change after moving the first control",
              explain=lambda: f"kernel {_notebook_state(page)['kernel']}; the server's log "
                              f"ends:\n{lab_app.log_tail()}")  # (the kernel's errors go there)
        page.screenshot(path=str(shot), full_page=False)
        _save_for_docs(panel, notebook)


def test_harness_on_a_fixture_widget(lab_app: LabApp, screenshots: Path) -> None:
    """The harness itself: a one-slider FigureWidget renders and redraws in the browser."""
    _open_and_check(lab_app, screenshots, FIXTURE, timeout=600)


def test_harness_reports_a_widget_whose_redraw_fails(lab_app: LabApp, screenshots: Path) -> None:
    """A redraw that raises shows the widget's "Not redrawn" line in the browser, and the
    harness fails with its words at once (not with its timeout's message)."""
    with pytest.raises(AssertionError, match="did not redraw: Not redrawn: ValueError: this "
                                             "demo draws the slope 0.1 only"):
        _open_and_check(lab_app, screenshots, FAILING_FIXTURE, timeout=600)


def test_harness_finds_formulas_gone_wrong(lab_app: LabApp, screenshots: Path) -> None:
    """The formula check can fail: an undefined macro and a formula MathJax cannot parse are
    named, and TeX whose braces do not close is left as text (beside a good formula, which is
    not reported)."""
    expected = ["\\foo", "\\frac{1}", "$\\frac{1}{2$"]
    with lab_app.notebook(MATH_FIXTURE, screenshots / "math-errors.png") as (page, panel):
        panel.locator(".jp-RenderedMarkdown mjx-container").first.wait_for(timeout=60_000)
        _wait(lambda: _math_problems(panel) == expected, 30, "the formulas to be typeset",
              explain=lambda: f"found {_math_problems(panel)}")


@pytest.mark.parametrize("notebook", WIDGET_LESSONS)
def test_lesson_runs_and_widgets_respond(lab_app: LabApp, screenshots: Path, notebook: str) -> None:
    _open_and_check(lab_app, screenshots, notebook, timeout=600)
