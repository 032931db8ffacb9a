"""`make lab`: the token never on a command line, a busy port never handed to someone else,
no news prompt, a browser only where one can show the course."""

from __future__ import annotations

import json
import os
import re
import select
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from actlearn.course import lab

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_busy_port_that_was_asked_for_is_refused_with_a_message():
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(lab.PortBusy, match=f"port {port} .*already in use"):
            lab.choose_port(port)


def test_a_busy_default_port_is_replaced_by_a_free_one(monkeypatch):
    monkeypatch.setattr(lab, "DEFAULT_PORT", _free_port())
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", lab.DEFAULT_PORT))
        holder.listen()
        port = lab.choose_port(None)
    assert port != lab.DEFAULT_PORT and lab.port_is_free(port)


def _command_lines(pid: int) -> list[str]:
    """The command lines of ``pid`` and every process below it."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            found.append(Path(f"/proc/{current}/cmdline").read_bytes().decode(errors="replace"))
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        todo += [int(c) for c in children]
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.notebooks
def test_the_url_comes_last_once_the_server_answers_and_no_argv_holds_the_token(tmp_path):
    port = _free_port()
    env = {**os.environ, "ACTLEARN_PORT": str(port), "HOME": str(tmp_path),
           "ACTLEARN_NO_BROWSER": "1",
           "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_DATA_DIR": str(tmp_path)}
    env.pop("ACTLEARN_TOKEN", None)
    process = subprocess.Popen([sys.executable, "-m", "actlearn.course.lab"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               start_new_session=True)
    try:
        end, line = time.monotonic() + 90, ""
        while time.monotonic() < end and "actlearn: open" not in line:
            if select.select([process.stdout], [], [], 1)[0]:
                line = process.stdout.readline()
        match = re.search(rf"http://127\.0\.0\.1:{port}/lab/tree/lessons\?token=(\S+)", line)
        assert match, line
        token = match.group(1)
        assert not lab.port_is_free(port)  # it answers on the printed port
        assert not any(token in cmd for cmd in _command_lines(process.pid))
        assert select.select([process.stdout], [], [], 1)[0] == []  # nothing printed after
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)


def test_no_news_no_update_check_no_kernel_question_and_other_overrides_stay(tmp_path):
    path = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    path.parent.mkdir(parents=True)
    theme = {"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}
    path.write_text(json.dumps(theme))
    assert lab.write_lab_defaults(tmp_path) == path
    written = json.loads(path.read_text())
    notifications = written["@jupyterlab/apputils-extension:notification"]
    assert notifications == {"fetchNews": "false", "checkForUpdates": False}
    assert written["@jupyterlab/notebook-extension:tracker"] == {"autoStartDefaultKernel": True}
    assert written["@jupyterlab/apputils-extension:themes"] == theme[
        "@jupyterlab/apputils-extension:themes"]
    before = path.stat().st_mtime_ns
    assert lab.write_lab_defaults(tmp_path) == path and path.stat().st_mtime_ns == before


def test_news_settings_that_are_not_a_json_object_are_left_alone_with_a_message(tmp_path, capsys):
    path = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    path.parent.mkdir(parents=True)
    path.write_text("[1, 2]")
    assert lab.write_lab_defaults(tmp_path) is None
    assert path.read_text() == "[1, 2]"
    assert "expected a JSON object" in capsys.readouterr().err


def test_every_default_names_a_setting_of_the_installed_jupyterlab():
    from jupyterlab.commands import get_app_dir

    schemas = Path(get_app_dir()) / "schemas"
    for plugin, settings in lab.OVERRIDES.items():
        package, name = plugin.split(":")
        properties = json.loads((schemas / package / f"{name}.json").read_text())["properties"]
        assert set(settings) <= set(properties), plugin
    fetch = json.loads(
        (schemas / "@jupyterlab" / "apputils-extension" / "notification.json").read_text()
    )["properties"]["fetchNews"]
    assert lab.OVERRIDES["@jupyterlab/apputils-extension:notification"]["fetchNews"] in [
        option["const"] for option in fetch["oneOf"]]


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({}, "linux", False),  # a server or a terminal: webbrowser would pick a text browser
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({}, "darwin", True),
        ({}, "win32", True),
        ({"DISPLAY": ":0", "ACTLEARN_NO_BROWSER": "1"}, "linux", False),
        ({"ACTLEARN_NO_BROWSER": "1"}, "darwin", False),
    ],
)
def test_a_browser_opens_only_where_one_can_show_the_course(env, platform, expected):
    assert lab.can_open_browser(env, platform) is expected
