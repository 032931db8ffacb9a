"""Execute notebooks in place with nbclient, then normalise them so a rerun changes no text.

Normalised: execution counts run 1..n over the executed code cells; consecutive stream
outputs of one kind are merged (their split depends on timing); timing and widget-state
metadata are dropped; the kernelspec is the venv's ``python3`` and ``language_info`` holds no
version; missing cell ids get stable ones.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from ipykernel.kernelspec import RESOURCES, get_kernel_dict
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from traitlets import default

from actlearn.blas import THREAD_VARIABLES
from actlearn.course.files import (
    KERNELSPEC,
    LANGUAGE_INFO,
    REPO,
    CourseError,
    read_notebook,
    write_notebook,
)

_VOLATILE_CELL_METADATA = ("execution", "ExecuteTime", "collapsed", "scrolled")


class _ThisPythonSpecs(KernelSpecManager):
    """Kernel specs where ``python3`` is always this interpreter (the venv's), whatever other
    ``python3`` kernelspec a user folder holds."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        if kernel_name == "python3":
            return KernelSpec(resource_dir=RESOURCES, **get_kernel_dict())
        return super().get_kernel_spec(kernel_name)


class ThisPythonKernelManager(AsyncKernelManager):
    """nbclient's kernel manager, resolving ``python3`` to this interpreter."""

    @default("kernel_spec_manager")
    def _kernel_spec_manager_default(self) -> KernelSpecManager:
        return _ThisPythonSpecs(data_dir=self.data_dir)


def kernel_env() -> dict[str, str]:
    """The kernel's environment: this one, with the checkout importable, hashing fixed, and
    BLAS on one thread, as the lessons' stored outputs were computed (:mod:`actlearn.blas`
    says why): every thread-count variable not set already is set to 1, so only a library's
    own variable set by you (``OPENBLAS_NUM_THREADS=4``, say) gives it more threads. In the
    environment, the limit holds from the kernel's start."""
    env = dict(os.environ)
    for name in THREAD_VARIABLES:
        env.setdefault(name, "1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env["PYTHONHASHSEED"] = "0"
    return env


def _merge_streams(outputs: list) -> list:
    merged: list = []
    for out in outputs:
        last = merged[-1] if merged else None
        if (
            out.get("output_type") == "stream"
            and last is not None
            and last.get("output_type") == "stream"
            and last.get("name") == out.get("name")
        ):
            last["text"] += out["text"]
        else:
            merged.append(out)
    return merged


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Renumber, merge streams and strip volatile metadata, in place; returns ``nb``."""
    count = 0
    for index, cell in enumerate(nb.cells):
        if "id" not in cell:
            cell["id"] = f"cell-{index}"
        for key in _VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type != "code":
            continue
        if not cell.source.strip():
            cell.execution_count, cell.outputs = None, []
        if cell.get("execution_count") is None:
            continue
        count += 1
        cell.execution_count = count
        cell.outputs = _merge_streams(cell.outputs)
        for out in cell.outputs:
            if out.get("output_type") == "execute_result":
                out["execution_count"] = count
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = dict(LANGUAGE_INFO)
    nb.nbformat, nb.nbformat_minor = 4, max(nb.get("nbformat_minor", 5), 5)
    return nb


def make_client(
    nb: nbformat.NotebookNode, path: Path, timeout: float, allow_errors: bool = False
) -> NotebookClient:
    """An nbclient for ``nb`` (read from ``path``): ``python3`` kernel, the notebook's folder."""
    return NotebookClient(
        nb,
        timeout=max(1, int(timeout)),
        kernel_name="python3",
        kernel_manager_class=ThisPythonKernelManager,
        allow_errors=allow_errors,
        record_timing=False,
        store_widget_state=True,  # nbclient needs it for Output widgets; normalise drops it
        resources={"metadata": {"path": str(Path(path).resolve().parent)}},
    )


def run(nb: nbformat.NotebookNode, path: Path, timeout: float) -> None:
    """Execute every cell of ``nb`` in order in a fresh kernel (``timeout`` per cell)."""
    make_client(nb, path, timeout).execute(env=kernel_env())


def _failed_cell(nb: nbformat.NotebookNode) -> int | None:
    for index, cell in enumerate(nb.cells):
        if any(out.get("output_type") == "error" for out in cell.get("outputs", ())):
            return index
    return None


def execute_notebook(path: Path, timeout: float = 600.0) -> bool:
    """Execute the notebook at ``path`` in place and normalise it; True if the file changed.

    A cell that raises or runs past ``timeout`` seconds is a CourseError naming the cell.
    """
    nb = read_notebook(path)
    try:
        run(nb, path, timeout)
    except CellTimeoutError:
        raise CourseError(path, f"timed out after {timeout:g} s", _running_cell(nb)) from None
    except CellExecutionError as exc:
        name = getattr(exc, "ename", "error")
        raise CourseError(
            path, f"raised {name}: {getattr(exc, 'evalue', '')}", _failed_cell(nb)
        ) from None
    except DeadKernelError:
        raise CourseError(path, "the kernel died") from None
    return write_notebook(normalise(nb), Path(path))


def _running_cell(nb: nbformat.NotebookNode) -> int | None:
    """Index of the first code cell that never got an execution count (the one running)."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and cell.source.strip() and cell.get("execution_count") is None:
            return index
    return None
