"""A post's raw HTML, written with the addresses of the files it names made relative to the
page being written (the files are copied to ``_images/posts/<path>``, generate/images.py).

Done at write time, not read time: the same doctree is written by ``html`` (``posts/a.html``)
and ``dirhtml`` (``posts/a/index.html``), whose pages sit at different depths.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

from docutils import nodes
from sphinx.util.osutil import relative_uri

from ..doctree import RAW_FILES
from ..store.domain import get_domain
from ..urls import raw_file_page

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def rewrite_raw_files(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    domain = get_domain(app.env)
    if not any(domain.posts[key].files for key in domain.keys_of(docname)):
        return  # most documents: no walk through the tree
    page = app.builder.get_target_uri(docname)
    for node in list(doctree.findall(nodes.raw)):
        places = node.get(RAW_FILES)
        if not places:
            continue
        html = node.astext()
        for start, end, relative, rest in reversed(places):
            url = quote(relative_uri(page, raw_file_page(relative))) + rest
            html = html[:start] + escape(url, quote=True) + html[end:]
        node.replace_self(nodes.raw("", html, format=node["format"]))


def setup_raw_files(app: Sphinx) -> None:
    app.connect("doctree-resolved", rewrite_raw_files)
