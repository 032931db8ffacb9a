"""The offline book: ``make html`` builds a static site of the course that reads like it.

A styled index with the course map; a page per lesson and per exercise, in reading order with
previous/next links; every formula rendered by a local copy of MathJax (none split by the
markdown around it); every widget's default figure as its stored picture; each notebook beside
its page to download; no link that names a missing file, nothing loaded from the network.
Modules: :mod:`.site` (the build), :mod:`.pages` (one notebook as a page), :mod:`.index` (the
front page), :mod:`.links` (link rewriting and checking), :mod:`.formulas` (formulas split by
markdown), :mod:`.assets` (MathJax and the stylesheet).
"""

from actlearn.course.book.formulas import split_formulas
from actlearn.course.book.links import broken_links, remote_loads
from actlearn.course.book.site import build_site

__all__ = ["broken_links", "build_site", "remote_loads", "split_formulas"]
