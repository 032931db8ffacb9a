"""``python -m actlearn.course.lab`` (what ``make lab`` runs): JupyterLab on the course, safely.

Bound to 127.0.0.1 with a fresh random token (never disabled, never empty) passed in the
server's environment (``JUPYTER_TOKEN``, readable only by you and root), never on its command
line, which every user can read with ``ps``. The port is checked before the start: when the
port asked for with ``ACTLEARN_PORT`` is busy, the launcher refuses with a message; when the
default 8888 is busy, it takes a free port. Jupyter is told never to move to another port
(``port_retries=0``), and the tokened URL is printed only once the server answers on that
port, as the last line of the start-up output.

For a newcomer: the course opens in a web browser when one can show it (a desktop session;
``ACTLEARN_NO_BROWSER=1`` turns this off); in the course's environment JupyterLab's news prompt
and update check are off and a notebook starts its kernel without asking
(:func:`write_lab_defaults`; the Settings menu can change each back).
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
import webbrowser
from collections.abc import Mapping
from pathlib import Path

from actlearn.course.files import REPO

DEFAULT_PORT = 8888
START_TIMEOUT = 120.0


class PortBusy(Exception):  # noqa: N818 (names the state)
    """The port asked for is taken by another program."""


def port_is_free(port: int) -> bool:
    """Whether nothing listens on 127.0.0.1:``port`` and it can be bound."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def choose_port(asked: int | None) -> int:
    """``asked`` if free (PortBusy if not); without one, 8888 or else any free port."""
    if asked is not None:
        if not port_is_free(asked):
            raise PortBusy(f"port {asked} (ACTLEARN_PORT) is already in use by another program: "
                           f"stop it or choose another port, e.g. ACTLEARN_PORT={asked + 1}")
        return asked
    if port_is_free(DEFAULT_PORT):
        return DEFAULT_PORT
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def lab_command(root: Path, port: int = DEFAULT_PORT, as_root: bool = False) -> list[str]:
    """The argv that starts JupyterLab on ``root`` (no secret in it: see :func:`lab_env`)."""
    argv = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.open_browser=False",
        "--ServerApp.log_level=WARN",
    ]
    if as_root:
        argv.append("--allow-root")
    return argv


def lab_env(token: str, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this environment) with the server's token (a ValueError if empty)."""
    if not token:
        raise ValueError("JupyterLab needs a non-empty token; the course never disables auth")
    env = dict(os.environ if base is None else base)
    env.pop("JUPYTER_TOKEN_FILE", None)
    env["JUPYTER_TOKEN"] = token
    return env


#: The course's defaults for JupyterLab's settings, by plugin: no "Would you like to get
#: notified about official Jupyter news?" prompt and no update check (a request to the
#: internet) on a first start, and a notebook starts its kernel (python3, named in every course
#: notebook) without asking which one.
OVERRIDES: dict[str, dict[str, object]] = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                    "checkForUpdates": False},
    "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True},
}


def write_lab_defaults(prefix: Path | None = None) -> Path | None:
    """Make :data:`OVERRIDES` the defaults of the JupyterLab in ``prefix`` (this environment):
    they go into ``<prefix>/share/jupyter/lab/settings/overrides.json``, other entries kept. A
    learner's own choice in Settings still wins. Returns the file, or None (with a message)
    when it cannot be written."""
    folder = Path(sys.prefix if prefix is None else prefix) / "share" / "jupyter" / "lab"
    path = folder / "settings" / "overrides.json"
    try:
        overrides = json.loads(path.read_text()) if path.exists() else {}
        if not isinstance(overrides, dict):
            raise ValueError(f"{path} holds {type(overrides).__name__}, expected a JSON object")
        merged = {**overrides}
        for plugin, settings in OVERRIDES.items():
            merged[plugin] = {**overrides.get(plugin, {}), **settings}
        if merged == overrides:
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(merged, indent=2) + "\n")
    except (OSError, ValueError) as exc:
        print(f"actlearn: JupyterLab keeps its own defaults ({exc})", file=sys.stderr)
        return None
    return path


def can_open_browser(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether a graphical browser can show the course: macOS and Windows always; elsewhere
    only in a desktop session (DISPLAY or WAYLAND_DISPLAY set), since Python's ``webbrowser``
    would otherwise start a text browser in the terminal. ``ACTLEARN_NO_BROWSER=1`` says no."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if env.get("ACTLEARN_NO_BROWSER", "") not in ("", "0"):
        return False
    if platform == "darwin" or platform.startswith("win"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def open_browser(url: str) -> bool:
    """Open ``url`` in a new browser tab when :func:`can_open_browser`; True if one opened."""
    if not can_open_browser():
        return False
    try:
        return webbrowser.open(url, new=2)
    except webbrowser.Error:
        return False


def wait_until_up(port: int, process: subprocess.Popen, timeout: float = START_TIMEOUT) -> bool:
    """True once a Jupyter server answers on ``port``; False if ``process`` ends first."""
    end = time.monotonic() + timeout
    while time.monotonic() < end and process.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=2) as reply:
                if reply.status == 200 and b"version" in reply.read():
                    return True
        except OSError:
            time.sleep(0.2)
    return False


def main() -> int:
    """Start JupyterLab, print its URL when it is up, and wait for it (Ctrl-C stops it)."""
    root = REPO
    token = os.environ.get("ACTLEARN_TOKEN") or secrets.token_urlsafe(24)
    asked = os.environ.get("ACTLEARN_PORT")
    try:
        port = choose_port(int(asked) if asked else None)
    except (PortBusy, ValueError) as exc:
        print(f"actlearn: {exc}", file=sys.stderr, flush=True)
        return 2
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    # The kernels inherit the server's environment: BLAS on one thread, as the lessons were
    # run (kernels side by side would fight for the cores: see actlearn.blas).
    from actlearn.course.execute import kernel_env

    env = lab_env(token, {k: v for k, v in kernel_env().items() if k != "ACTLEARN_TOKEN"})
    write_lab_defaults()
    process = subprocess.Popen(lab_command(root, port, as_root), env=env)
    try:
        if not wait_until_up(port, process):
            process.terminate()
            print(f"actlearn: JupyterLab did not start on port {port} (see the messages above)",
                  file=sys.stderr, flush=True)
            return 1
        url = f"http://127.0.0.1:{port}/lab/tree/lessons?token={token}"
        opened = open_browser(url)
        print(f"actlearn: {'opened in your browser; if it did not show, ' if opened else ''}"
              f"open {url}", flush=True)
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()


if __name__ == "__main__":
    sys.exit(main())
