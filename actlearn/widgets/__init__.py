"""Thin ipywidgets wiring around :mod:`actlearn.plots`, one module per lesson topic.

Every widget is a :class:`~actlearn.widgets.base.FigureWidget`: its callback makes one call to
a pure plotting function. Only notebooks import this package.
"""

from actlearn.widgets.base import FigureWidget, dropdown, slider

__all__ = ["FigureWidget", "dropdown", "slider"]
