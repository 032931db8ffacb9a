"""Widget for lesson 15: browse the ranking of the small activation search."""

from __future__ import annotations

from actlearn.labs.custom.search import SearchResult, default_search
from actlearn.plots.custom import ranking_plot
from actlearn.widgets.base import FigureWidget, slider


def ranking_widget(result: SearchResult | None = None, rank: int = 1,
                   top: int = 15) -> FigureWidget:
    """A rank slider over the search's ranking: the top candidates, and the chosen one's
    curve and slope (:func:`actlearn.plots.custom.ranking_plot`). Without ``result``, the
    default search (:func:`actlearn.labs.custom.search.default_search`, run once per
    session)."""
    result = default_search() if result is None else result
    controls = {"rank": slider(rank, 1, len(result.ranking), 1, "rank", integer=True)}
    return FigureWidget(ranking_plot, controls, fixed={"result": result, "top": top},
                        title="The search's ranking, candidate by candidate")
