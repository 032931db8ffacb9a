"""Find the system's Chromium for the browser tests (never a browser Playwright downloads).

``python -m tests.browser.chromium --note`` prints one line when the browser tests will skip,
naming the command that installs what is missing; ``make test`` runs it before pytest.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

NAMES = ("chromium", "chromium-browser")


def chromium() -> str | None:
    """The path of a Chromium executable, or None."""
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def install_command() -> str:
    """How to install Chromium on this system."""
    if sys.platform == "darwin":
        return "brew install --cask chromium"
    if shutil.which("apt-get"):
        return "sudo apt-get install chromium"
    if shutil.which("dnf"):
        return "sudo dnf install chromium"
    return "install Chromium with your system's package manager"


def missing() -> str | None:
    """What the browser tests lack, with the command that installs it; None when ready."""
    if chromium() is None:
        return f"no Chromium found; install it with `{install_command()}`"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed; run `make test` (it installs the browser extra)"
    return None


if __name__ == "__main__":
    problem = missing()
    if problem and "--note" in sys.argv:
        print(f"note: the browser tests will be skipped: {problem}")
