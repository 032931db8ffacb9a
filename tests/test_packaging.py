"""Packaging and set-up: dependency lists in sync, the lab launcher's safety, the Makefile."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from actlearn.course import lab

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
EXTRAS_IN_ENVIRONMENT = ("lab", "test", "html")  # browser (playwright) and bench stay pip-only
CONDA_ONLY = {"python", "pip"}


def _normalise(requirement: str) -> str:
    name = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement).group(1)
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_names(text: str) -> set[str]:
    project = tomllib.loads(text)["project"]
    extras = project["optional-dependencies"]
    requirements = list(project["dependencies"])
    for extra in EXTRAS_IN_ENVIRONMENT:
        requirements += extras[extra]
    return {_normalise(r) for r in requirements}


def environment_names(text: str) -> set[str]:
    """Names in the conda ``dependencies:`` list (its top level: not the nested pip list)."""
    names, indent, inside = set(), None, False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if re.match(r"dependencies:\s*$", line):
            inside = True
            continue
        item = re.match(r"(\s*)-\s+(\S.*)$", line)
        if inside and item:
            indent = indent if indent is not None else len(item.group(1))
            if len(item.group(1)) == indent and not item.group(2).startswith("pip:"):
                names.add(_normalise(item.group(2)))
        elif inside and not line.startswith(" "):
            inside = False
    return names - CONDA_ONLY


def drift(environment: set[str], pyproject: set[str]) -> set[str]:
    return environment ^ pyproject


def test_environment_and_pyproject_list_the_same_packages() -> None:
    env = environment_names((ROOT / "environment.yml").read_text())
    py = pyproject_names((ROOT / "pyproject.toml").read_text())
    assert not drift(env, py), f"only in environment.yml: {env - py}; only in pyproject: {py - env}"


def test_the_drift_check_notices_a_missing_or_extra_package() -> None:
    env_text = (ROOT / "environment.yml").read_text()
    py = pyproject_names((ROOT / "pyproject.toml").read_text())
    extra = env_text.replace("  - pip\n", "  - pip\n  - scipy>=1.10\n", 1)
    assert drift(environment_names(extra), py) == {"scipy"}
    missing = re.sub(r"\n\s*- sympy[^\n]*", "", env_text)
    assert drift(environment_names(missing), py) == {"sympy"}


def test_the_contract_dependencies_are_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert {"numpy", "sympy", "matplotlib", "ipywidgets"} <= {
        _normalise(r) for r in project["dependencies"]
    }
    extras = {k: {_normalise(r) for r in v} for k, v in project["optional-dependencies"].items()}
    assert "jupyterlab" in extras["lab"]
    assert {"pytest", "nbval", "hypothesis", "nbformat", "nbclient", "ruff"} <= extras["test"]
    env_text = (ROOT / "environment.yml").read_text()
    assert "conda-forge" in env_text and re.search(r"-\s+-e\s+\.\s*$", env_text, re.M)


# The lab launcher -------------------------------------------------------------------------


def test_lab_binds_localhost_and_keeps_the_token_off_the_command_line() -> None:
    argv = lab.lab_command(ROOT, port=8899)
    assert "--ServerApp.ip=127.0.0.1" in argv
    assert not [a for a in argv if "token" in a.lower()]
    assert "--ServerApp.port=8899" in argv and f"--ServerApp.root_dir={ROOT}" in argv
    assert "--ServerApp.port_retries=0" in argv
    assert not any("0.0.0.0" in a or "password" in a.lower() for a in argv)
    assert argv[:3] == [sys.executable, "-m", "jupyterlab"]
    assert lab.lab_env("s3cret-token", {})["JUPYTER_TOKEN"] == "s3cret-token"


def test_allow_root_only_as_root() -> None:
    assert "--allow-root" not in lab.lab_command(ROOT)
    assert "--allow-root" in lab.lab_command(ROOT, as_root=True)


def test_an_empty_token_is_refused() -> None:
    with pytest.raises(ValueError, match="token"):
        lab.lab_env("")


class _FakeServer:
    """Stands for the JupyterLab process: records its argv and environment."""

    launched: list[tuple[list[str], dict[str, str]]] = []

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.launched.append((argv, env))

    def wait(self) -> int:
        return 0


@pytest.mark.parametrize("euid", [0, 1000])
def test_main_prints_the_tokened_url_once_up_with_the_token_in_the_env(
        monkeypatch, capsys, euid: int) -> None:
    monkeypatch.setattr(lab.subprocess, "Popen", _FakeServer)
    monkeypatch.setattr(lab, "wait_until_up", lambda port, process: True)
    monkeypatch.setattr(lab.os, "geteuid", lambda: euid, raising=False)
    monkeypatch.delenv("ACTLEARN_TOKEN", raising=False)
    monkeypatch.setenv("ACTLEARN_PORT", "8765")
    monkeypatch.setattr(lab, "port_is_free", lambda port: True)
    tokens = []
    for _ in range(2):
        assert lab.main() == 0
        url = capsys.readouterr().out.strip().splitlines()[-1]
        token = re.search(r"http://127\.0\.0\.1:8765/\S*\?token=(\S+)", url).group(1)
        argv, env = _FakeServer.launched[-1]
        assert len(token) >= 16 and env["JUPYTER_TOKEN"] == token
        assert not any(token in a for a in argv)
        assert ("--allow-root" in argv) == (euid == 0)
        assert env.get("OPENBLAS_NUM_THREADS")  # kernels get a set BLAS thread count
        tokens.append(token)
    assert tokens[0] != tokens[1]  # a fresh random token each start


# The Makefile, run for real with a stand-in python that only logs its arguments ---------

FAKE_PYTHON = """#!/bin/sh
echo "python $*" >> "{log}"
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin" && cp "$0" "$3/bin/python" && chmod +x "$3/bin/python"
fi
"""


@pytest.fixture
def sandbox(tmp_path: Path) -> tuple[Path, Path, Path]:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    log = tmp_path / "calls.log"
    python3 = tmp_path / "fake-python3"
    python3.write_text(FAKE_PYTHON.format(log=log))
    python3.chmod(python3.stat().st_mode | stat.S_IEXEC)
    return tmp_path, python3, log


def _make(sandbox, target: str) -> list[str]:
    root, python3, log = sandbox
    log.write_text("")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    subprocess.run(["make", "-s", target, f"PYTHON={python3}"], cwd=root, env=env,
                   check=True, capture_output=True, timeout=60)  # fmt: skip
    return log.read_text().splitlines()


@pytest.mark.parametrize(
    ("target", "runs"),
    [("lab", "-m actlearn.course.lab"), ("test", "-m pytest -n auto --dist loadgroup")],
)
def test_make_bootstraps_once_then_installs_nothing(sandbox, target: str, runs: str) -> None:
    first = _make(sandbox, target)
    assert first[0] == "python -m venv .venv"  # created from nothing with $(PYTHON)
    installs = [c for c in first if "pip install" in c]
    assert any(re.search(r"-e \.\[[^\]]*\blab\b[^\]]*\]", c) for c in installs), first
    assert any(re.search(r"-e \.\[[^\]]*\btest\b[^\]]*\]", c) for c in installs), first
    assert first[-1] == f"python {runs}"
    second = _make(sandbox, target)  # pyproject unchanged: nothing installed
    assert second[-1] == f"python {runs}"
    assert not any("pip" in c or "venv" in c for c in second), second
    os.utime(sandbox[0] / "pyproject.toml")  # pyproject changed: install again, no new venv
    third = _make(sandbox, target)
    assert "python -m venv .venv" not in third and any("pip install" in c for c in third)


def test_ci_runs_make_test() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^\s*make test\b", script, re.M)


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```")[1]
    assert readme.index("```") < readme.index("\n## "), "the commands come before any section"
    assert "make lab" in first_block and "make test" in first_block


def _fresh_python(code: str) -> str:
    """Run ``code`` in a new interpreter (nothing imported yet); its stdout."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_importing_actlearn_leaves_sympy_for_first_use() -> None:
    code = (
        "import sys, actlearn as al\n"
        "assert 'sympy' not in sys.modules, 'import actlearn loaded SymPy'\n"
        "assert al.activation('sigmoid')([0.0])[0] == 0.5\n"
        "assert 'sympy' not in sys.modules, 'a NumPy forward pass loaded SymPy'\n"
        "print(al.symbolic.expression('sigmoid'))\n"
        "from actlearn import symbolic\n"
        "assert symbolic is al.symbolic\n"
    )
    assert "exp(-x)" in _fresh_python(code)


def test_what_a_lesson_imports_leaves_nbformat_alone() -> None:
    """Lessons import ``actlearn.course.claims`` and exercises ``actlearn.grading``: neither
    loads nbformat, whose schema validation costs every kernel start about 2 s."""
    code = (
        "import sys, actlearn.course.claims, actlearn.grading, actlearn.widgets\n"
        "assert 'nbformat' not in sys.modules, 'a lesson import loaded nbformat'\n"
        "from actlearn.course import CourseError\n"
        "assert CourseError.__module__ == 'actlearn.course.files'\n"
    )
    _fresh_python(code)


def test_make_test_blas_names_the_packages_it_needs(sandbox) -> None:
    """``make test-blas`` runs tests/other_blas.sh, which parses, and on a machine without the
    libraries (here: a multiarch directory that does not exist) says which packages to install,
    before building anything."""
    root, python3, log = sandbox
    script = ROOT / "tests" / "other_blas.sh"
    assert subprocess.run(["bash", "-n", str(script)], check=False).returncode == 0
    (root / "tests").mkdir()
    shutil.copy(script, root / "tests" / "other_blas.sh")
    bin_dir = root / "fake-bin"
    bin_dir.mkdir()
    gcc = bin_dir / "gcc"
    gcc.write_text("#!/bin/sh\necho no-such-multiarch\n")
    gcc.chmod(gcc.stat().st_mode | stat.S_IEXEC)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    env["PATH"] = f"{bin_dir}:{env['PATH']}"
    done = subprocess.run(["make", "-s", "test-blas", f"PYTHON={python3}"], cwd=root, env=env,
                          check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "apt-get install libblas-dev liblapack-dev libblis4-serial" in done.stderr
    assert not (root / "build").exists()
