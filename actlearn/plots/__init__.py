"""Pure plotting functions: each takes values and returns a :class:`CourseFigure`.

Widgets (:mod:`actlearn.widgets`) call these; lessons call them directly for static figures.
One module per lesson topic; the shared style lives in :mod:`actlearn.plots.style`.
"""

from actlearn.plots.style import CMAP, PALETTE, CourseFigure, figure

__all__ = ["CMAP", "PALETTE", "CourseFigure", "figure"]
