"""One notebook as one page of the site, from its stored outputs (nothing is executed).

nbconvert's ``lab`` template, with MathJax from the site's own copy, no require.js, no widget
or mermaid scripts from a CDN, the site's stylesheet and navigation bars. A widget's output
(live only in a kernel) becomes a short note: the lessons show each widget's default figure as
a static image beside it. ``# NBVAL_...`` marker comments are dropped from the code shown.
"""

from __future__ import annotations

import copy
import html
from dataclasses import dataclass

import nbformat

from actlearn.course.book.assets import MATHJAX_CONFIG

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = ("<p class=\"book-note\">An interactive widget stands here in JupyterLab "
               "(<code>make lab</code>); its default figure is shown as a picture.</p>")

TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_js_mathjax -%}
<script type="text/x-mathjax-config">{{ resources.book.mathjax_config }}</script>
<script src="{{ resources.book.mathjax }}?config=TeX-AMS-MML_HTMLorMML-full,Safe"></script>
{%- endblock html_head_js_mathjax -%}
{%- block extra_css -%}
<link rel="stylesheet" href="{{ resources.book.css }}">
{%- endblock extra_css -%}
{%- block body_header -%}
{{ super() }}
{{ resources.book.top }}
{%- endblock body_header -%}
{% block body_footer %}
{{ resources.book.bottom }}
{{ super() }}
{% endblock body_footer %}
"""


@dataclass(frozen=True)
class Link:
    """A link in a navigation bar: the site path it goes to (from the page) and its words."""

    href: str
    text: str
    download: bool = False


def _a(link: Link | None, arrow: str = "") -> str:
    if link is None:
        return "<span></span>"
    text = html.escape(link.text)
    text = f"{arrow} {text}" if arrow == "&larr;" else f"{text} {arrow}" if arrow else text
    attribute = "download " if link.download else ""
    return f'<a {attribute}href="{html.escape(link.href)}">{text}</a>'


def nav(prev: Link | None, nxt: Link | None, middle: list[Link], where: str) -> str:
    """A navigation bar: previous page, the middle links, next page."""
    centre = "".join(_a(m) for m in middle)
    return (f'<nav class="book-nav {where}">{_a(prev, "&larr;")}'
            f'<span class="middle">{centre}</span>'
            f'<span class="end">{_a(nxt, "&rarr;")}</span></nav>')


def for_reading(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` as the site shows it: widget outputs as notes, markers dropped."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        lines = cell.source.split("\n")
        cell.source = "\n".join(line for line in lines if not line.startswith("# NBVAL_"))
        outputs = []
        for out in cell.get("outputs", ()):
            if WIDGET_VIEW in out.get("data", {}):
                out = nbformat.v4.new_output("display_data", data={"text/html": WIDGET_NOTE})
            outputs.append(out)
        cell.outputs = outputs
    nb.metadata.pop("widgets", None)
    return nb


def exporter():  # -> nbconvert.HTMLExporter (imported here: nbconvert is heavy and optional)
    """nbconvert's HTML exporter with the site's template."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab", template_file="book.html.j2",
                        extra_loaders=[DictLoader({"book.html.j2": TEMPLATE})])


def render_page(nb: nbformat.NotebookNode, title: str, mathjax: str, css: str, top: str,
                bottom: str, html_exporter=None) -> str:
    """The page for ``nb``: ``mathjax`` and ``css`` are links from the page to the site's
    copies, ``top`` and ``bottom`` its navigation bars."""
    html_exporter = html_exporter or exporter()
    resources = {
        "metadata": {"name": title},
        "book": {"mathjax": mathjax, "css": css, "top": top, "bottom": bottom,
                 "mathjax_config": MATHJAX_CONFIG},
    }
    body, _ = html_exporter.from_notebook_node(for_reading(nb), resources=resources)
    return body.replace("<body class=\"jp-Notebook\"", "<body class=\"jp-Notebook book-page\"", 1)
