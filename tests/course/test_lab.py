"""`make lab`: the token never on a command line, a busy port never handed to someone else."""

from __future__ import annotations

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
