"""Progress display for training loops: a widget in notebooks, a text bar on request elsewhere.

``progress=None`` (automatic) shows a bar only in a notebook and only once the loop has run
for :data:`SHOW_AFTER` seconds, so quick loops stay silent. ``True`` always shows one (a text
bar on stderr outside notebooks), ``False`` never, and a callable receives
``(step, total, loss)`` after every step instead.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

#: Seconds a loop must have run before the automatic mode shows a bar.
SHOW_AFTER = 1.0
#: Seconds between two redraws of a bar.
REDRAW_EVERY = 0.1

Reporter = Callable[[int, int, float], Any]


def in_notebook() -> bool:
    """True inside a Jupyter kernel (where ipywidgets can render)."""
    shell = sys.modules.get("IPython")
    get_ipython = getattr(shell, "get_ipython", None)
    return get_ipython is not None and type(get_ipython()).__name__ == "ZMQInteractiveShell"


def _describe(step: int, total: int, loss: float, seconds: float) -> str:
    return f"step {step}/{total}  loss {loss:.4g}  {seconds:.1f} s"


class _WidgetBar:
    def __init__(self, total: int) -> None:
        import ipywidgets
        from IPython.display import display

        self.bar = ipywidgets.IntProgress(min=0, max=total, description="training")
        self.label = ipywidgets.Label()
        display(ipywidgets.HBox([self.bar, self.label]))

    def draw(self, text: str, step: int, done: bool) -> None:
        self.bar.value = step
        self.label.value = text
        if done:
            self.bar.bar_style = "success"


class _TextBar:
    WIDTH = 30

    def draw(self, text: str, step: int, done: bool, total: int = 1) -> None:
        filled = self.WIDTH * step // max(total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        sys.stderr.write(f"\r[{bar}] {text}" + ("\n" if done else ""))
        sys.stderr.flush()


class Progress:
    """Tracks a loop of ``total`` steps; call :meth:`update` after each and :meth:`close`."""

    def __init__(self, progress: bool | Reporter | None, total: int) -> None:
        if not (progress is None or isinstance(progress, bool) or callable(progress)):
            raise TypeError(f"progress must be None, True, False or a callable, got {progress!r}")
        self.mode = progress
        self.total = total
        self.start = self.last_draw = time.perf_counter()
        self.bar: _WidgetBar | _TextBar | None = None
        self.notebook = progress is not False and not callable(progress) and in_notebook()

    def _open(self) -> None:
        if self.notebook:
            self.bar = _WidgetBar(self.total)
        elif self.mode is True:
            self.bar = _TextBar()

    def update(self, step: int, loss: float) -> None:
        """Report that ``step`` (1-based) finished with ``loss``."""
        if callable(self.mode) and not isinstance(self.mode, bool):
            self.mode(step, self.total, loss)
            return
        now = time.perf_counter()
        if self.bar is None:
            due = self.mode is True or (self.mode is None and now - self.start >= SHOW_AFTER)
            if not due or not (self.notebook or self.mode is True):
                return
            self._open()
        if now - self.last_draw >= REDRAW_EVERY or step == self.total:
            self._draw(step, loss, now, done=step == self.total)

    def _draw(self, step: int, loss: float, now: float, done: bool) -> None:
        self.last_draw = now
        text = _describe(step, self.total, loss, now - self.start)
        if isinstance(self.bar, _TextBar):
            self.bar.draw(text, step, done, self.total)
        elif self.bar is not None:
            self.bar.draw(text, step, done)

    def close(self, step: int, loss: float) -> None:
        """Draw the final state (also when the loop stopped early)."""
        if self.bar is not None and step != self.total:
            self._draw(step, loss, time.perf_counter(), done=True)
