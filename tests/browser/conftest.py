"""JupyterLab in headless Chromium: the server as ``make lab`` starts it, and a browser page.

Needs Debian's chromium and the ``playwright`` package (never ``playwright install``). Without
them these tests skip, saying how to enable them; with ``ACTLEARN_REQUIRE_BROWSER=1`` (set by
CI) they fail instead. The server and the browser always stop, and every file they write goes
to temporary folders, never the user's home.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest

from actlearn.course.execute import kernel_env
from actlearn.course.lab import OVERRIDES, lab_command, lab_env
from tests.browser.chromium import chromium, missing

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: TeX left as text, as a JavaScript regular expression: a "$ … $" that was not typeset, or a
#: delimiter or command that only TeX uses (the browser tests look for it outside formulas).
RAW_TEX_PATTERN = r"/\$[^$\n]+\$|\\\(|\\\[|\\frac|\\sum|\\sigma/g"


def require_browser() -> None:
    """Skip (or, under ACTLEARN_REQUIRE_BROWSER=1, fail) when the browser tools are missing."""
    problem = missing()
    if problem is None:
        return
    if os.environ.get("ACTLEARN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{problem} (ACTLEARN_REQUIRE_BROWSER=1 requires the browser tests)")
    pytest.skip(problem)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Lab:
    base_url: str
    token: str
    log: Path

    def url(self, path: str, query: str = "") -> str:
        return f"{self.base_url}/{path}?{query + '&' if query else ''}token={self.token}"

    def shutdown_kernels(self) -> None:
        """End every kernel session (a lesson's kernel must not outlive its test)."""
        with urllib.request.urlopen(self.url("api/sessions"), timeout=10) as reply:
            sessions = json.load(reply)
        for session in sessions:
            request = urllib.request.Request(
                self.url(f"api/sessions/{session['id']}"), method="DELETE"
            )
            urllib.request.urlopen(request, timeout=30).close()


def _wait_until_up(lab: Lab, proc: subprocess.Popen, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterLab exited early; see {lab.log}")
        try:
            with urllib.request.urlopen(lab.url("api/status"), timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"JupyterLab did not answer within {timeout} s; see {lab.log}")


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """A JupyterLab server on 127.0.0.1, a free port, a fresh token (as `make lab`)."""
    require_browser()
    home = tmp_path_factory.mktemp("jupyter-home")
    env = {
        **kernel_env(),  # the kernels' environment as `make lab` gives it (BLAS on one thread)
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "IPYTHONDIR": str(home / "ipython"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "lab-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "lab-workspaces"),
        "MPLCONFIGDIR": str(home / "mpl"),
    }
    # The course's JupyterLab defaults, as `make lab` sets them (no news prompt, the kernel
    # starts without a question), then the test's own: every cell rendered (no virtual
    # scrolling), so the test sees the whole notebook, and no autosave, so a test run never
    # rewrites the course's notebooks.
    settings = {plugin: dict(values) for plugin, values in OVERRIDES.items()}
    settings.setdefault("@jupyterlab/notebook-extension:tracker", {})["windowingMode"] = "none"
    settings.setdefault("@jupyterlab/docmanager-extension:plugin", {})["autosave"] = False
    for plugin, values in settings.items():
        package, name = plugin.split(":")
        folder = home / "lab-settings" / package
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.jupyterlab-settings").write_text(json.dumps(values))
    token, port = secrets.token_urlsafe(16), _free_port()
    argv = lab_command(ROOT, port, as_root=hasattr(os, "geteuid") and os.geteuid() == 0)
    env = lab_env(token, env)
    log = home / "jupyterlab.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            argv, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Lab(f"http://127.0.0.1:{port}", token, log)
    try:
        _wait_until_up(server, proc)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[object]:
    """Playwright, started once per session: its sync API allows one instance at a time, so
    every browser test launches its Chromium from this one."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser_context(lab: Lab, playwright_driver) -> Iterator[object]:
    """A persistent Chromium context in a fresh temporary profile."""
    profile = tempfile.mkdtemp(prefix="actlearn-chromium-")
    context = playwright_driver.chromium.launch_persistent_context(
        profile,
        executable_path=chromium(),
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1400, "height": 1000},
    )
    try:
        yield context
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where failing (and documentation) screenshots go; named in failure messages."""
    return Path(tempfile.mkdtemp(prefix="actlearn-screenshots-"))


class LabApp:
    """One JupyterLab page for every notebook of a session: the app loads once, and each
    notebook is opened in it as a learner opens one (File › Open from Path…), after the
    previous one was closed with its changes discarded and its kernel ended. Loading the app
    costs the browser some 4–5 s of CPU, once per notebook otherwise. After a failure the next
    notebook gets a freshly loaded app, so one test's leftovers cannot fail the next."""

    def __init__(self, browser_context, lab: Lab) -> None:
        self._context, self._lab = browser_context, lab
        self._page = None

    def _fresh_page(self):
        page = self._page = self._context.new_page()
        # Whenever JupyterLab asks which kernel to start, take the proposed one (the venv's
        # python3). A handler, not a wait: most notebooks never ask.
        page.add_locator_handler(
            page.locator(".jp-Dialog", has_text="Select Kernel"),
            lambda d: d.locator(".jp-Dialog-button.jp-mod-accept").click(),
        )
        # ?reset: a fresh workspace, so no tab is restored.
        page.goto(self._lab.url("lab", query="reset"))
        page.locator("#jp-main-dock-panel").wait_for(timeout=60_000)
        return page

    def _menu(self, page, menu: str, command: str) -> None:
        page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
        page.locator(f"li.lm-Menu-item[data-command='{command}']").click()

    def _close_all(self, page) -> None:
        """File › Close All Tabs, answering "Discard" when JupyterLab asks whether to save a
        notebook that ran (a test never writes the course's notebooks)."""
        notebooks = page.locator(".jp-NotebookPanel")
        if not notebooks.count():
            return
        self._menu(page, "File", "application:close-all")
        ask = page.locator(".jp-Dialog", has_text="Save your work")
        deadline = time.monotonic() + 30
        while notebooks.count():  # (JupyterLab then shows a Launcher in the empty area)
            if ask.count():
                ask.locator(".jp-Dialog-button.jp-mod-warn").click()
            if time.monotonic() > deadline:
                raise AssertionError("JupyterLab did not close the previous notebook in 30 s")
            time.sleep(0.1)

    @contextmanager
    def notebook(self, path: str, shot: Path) -> Iterator[tuple[object, object]]:
        """(page, panel) with ``path`` open as the only tab. On a failure it saves a full-page
        screenshot to ``shot`` and prints where; it always ends the kernels it started."""
        page = self._page or self._fresh_page()
        try:
            self._close_all(page)
            self._menu(page, "File", "filebrowser:open-path")
            dialog = page.locator(".jp-Dialog")
            dialog.locator("input").fill(path)
            dialog.locator(".jp-Dialog-button.jp-mod-accept").click()
            panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
            panel.locator(".jp-Cell").first.wait_for(timeout=60_000)
            yield page, panel
        except BaseException:
            with suppress(Exception):  # (a crashed page cannot be photographed)
                page.screenshot(path=str(shot), full_page=True)
                print(f"screenshot of the failure: {shot}")
            self._page = None  # the next notebook loads the app afresh
            with suppress(Exception):
                page.close()
            raise
        finally:
            self._lab.shutdown_kernels()

    def log_tail(self, lines: int = 30) -> str:
        """The last ``lines`` lines of the server's log (the kernels write theirs there too)."""
        text = self._lab.log.read_text(errors="replace") if self._lab.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:]) or "(empty)"

    def close(self) -> None:
        if self._page is not None:
            self._page.close()


@pytest.fixture(scope="session")
def lab_app(browser_context, lab: Lab) -> Iterator[LabApp]:
    """The session's one JupyterLab page (see :class:`LabApp`)."""
    app = LabApp(browser_context, lab)
    try:
        yield app
    finally:
        app.close()
