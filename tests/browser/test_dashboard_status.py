"""Lesson 14's dashboard in the browser: while a change trains and redraws, the learner sees
the widget's status beside its controls, and it is empty again once the new figure is shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import LabApp
from tests.browser.test_lessons_in_lab import _errors, _run_all, _wait

pytestmark = pytest.mark.browser

LESSON = "lessons/14-activations-in-training.ipynb"

#: Records every text the dashboard's status shows from now on (a MutationObserver, so a
#: status that shows for half a second cannot slip between two polls).
_WATCH = """(box) => {
    window.__statuses = [];
    const status = box.querySelector('.widget-html');
    new MutationObserver(() => window.__statuses.push(status.innerText))
        .observe(status, {subtree: true, childList: true, characterData: true});
}"""


def test_the_dashboard_shows_its_status_while_a_change_trains(lab_app: LabApp,
                                                             screenshots: Path) -> None:
    shot = screenshots / "14-dashboard-status.png"
    with lab_app.notebook(LESSON, shot) as (page, panel):
        _run_all(page, panel, timeout=600)
        assert not _errors(panel), _errors(panel)[:1]
        dashboard = panel.locator(".jp-OutputArea .widget-vbox",
                                  has_text="Training dashboards").first
        dashboard.scroll_into_view_if_needed()
        controls = dashboard.locator(".widget-hbox").first
        _wait(lambda: controls.locator("select").count() == 5, 60, "the dashboard's menus")
        image = dashboard.locator("img.widget-image").first
        before = image.get_attribute("src")
        controls.evaluate(_WATCH)
        controls.locator("select").nth(3).select_option(label="0.001")  # the learning rate
        _wait(lambda: image.get_attribute("src") != before, 120, "the dashboard to redraw")
        _wait(lambda: controls.locator(".widget-html").inner_text().strip() == "", 30,
              "the status to clear")
        seen = page.evaluate("window.__statuses")
        page.screenshot(path=str(shot), full_page=False)
        assert any("trains" in text for text in seen), seen
