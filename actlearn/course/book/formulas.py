r"""Formulas that markdown split: an inline ``$ … $`` whose two ``$`` ended up in different blocks.

JupyterLab takes the formulas out of a markdown cell before it reads the markdown, so an
inline formula may run over a line break. The book's renderer (nbconvert's) reads the markdown
first: a line inside the formula that starts like a list item, ``+ \beta`` or ``- x``, starts a
list, and MathJax then sees a ``$`` at the end of one block and another at the start of the
next, and typesets neither. Every block of text of the rendered HTML must therefore hold an even
number of ``$``. Code is not text, and a ``\$`` left in the HTML is a literal dollar to MathJax;
a markdown ``\$`` is not (the renderer turns it into a bare ``$``), so it counts, as it should.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

#: Elements that end a run of text: MathJax looks for a formula's two ``$`` inside one of them.
_BLOCKS = frozenset({"p", "li", "ul", "ol", "td", "th", "tr", "table", "h1", "h2", "h3", "h4",
                     "h5", "h6", "blockquote", "div", "dd", "dt", "dl", "br", "hr"})
#: Elements whose text is never typeset (MathJax skips them too).
_RAW = frozenset({"pre", "code", "script", "style", "textarea"})
_DOLLAR = re.compile(r"(?<!\\)\$")
#: How a report names a split formula (before the text around it).
SPLIT = "a formula's $ … $ is split (a line inside it read as markdown, a list item say)"


class _Blocks(HTMLParser):
    """The text of each block of an HTML page, code left out."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._text: list[str] = []
        self._raw = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _RAW:
            self._raw += 1
        elif tag in _BLOCKS:
            self.end_block()

    def handle_endtag(self, tag: str) -> None:
        if tag in _RAW:
            self._raw = max(0, self._raw - 1)
        elif tag in _BLOCKS:
            self.end_block()

    def handle_data(self, data: str) -> None:
        if not self._raw:
            self._text.append(data)

    def end_block(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.blocks.append(text)
        self._text = []


def split_formulas_in(html: str) -> list[str]:
    """The blocks of text in ``html`` with an odd number of ``$``, each holding one end of a
    formula that markdown split. The split is at the block's start or end, so a long block is
    shown by its first and last 45 characters.

    >>> split_formulas_in("<p>$a + b$ and $c$</p>")
    []
    >>> split_formulas_in("<p>let $x = y</p><ul><li>z$ be</li></ul>")
    ['let $x = y', 'z$ be']
    """
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    parser.end_block()
    return [block if len(block) <= 100 else f"{block[:45]} … {block[-45:]}"
            for block in parser.blocks if len(_DOLLAR.findall(block)) % 2]


def split_formulas(site: Path) -> list[str]:
    """Every formula split by markdown in the site's pages, one line each naming its page."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        if "mathjax" in page.relative_to(site).parts:
            continue
        for block in split_formulas_in(page.read_text(encoding="utf-8")):
            problems.append(f"{page.relative_to(site)}: {SPLIT}: {block!r}")
    return problems
