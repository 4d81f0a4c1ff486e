"""A document the writer put at a generated page's name: its heading and introduction, with
the generated list below it.

ABlog sites keep a placeholder ``blog.md`` ("This will be replaced by the list of all posts")
at the blog's address, and ABlog overwrote it. Here the document stays what it is, and the
page it stands for (the index's first page, a tag, the archive ...) is rendered from its
``posts/*`` template and placed at the end of the document, without the template's own
``<h1>``: the document's heading is the page's. The generated page itself is not written
(pages.py), and its further pages (``blog/page/2`` ...) link back to the document.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

from ..doctree import chrome
from ..store.domain import get_domain
from ..urls import makes_blog_pages
from .pages import BlogPages

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .pages import PlannedPage

FIRST_HEADING = re.compile(r"<h1[^>]*>.*?</h1>", re.DOTALL)
BLOG_PAGE = "blog page"
"""The list kind a document under ``posts_path`` registers: it shows whatever the blog
generates at its name, so it is rewritten whenever a post's entry changes."""


def under_blog(env: BuildEnvironment, docname: str) -> bool:
    path = env.config.posts_path
    return docname == path or docname.startswith(path + "/")


def register(app: Sphinx, doctree: nodes.document) -> None:
    """A document in the blog's folder may stand for a generated page: have incremental
    builds rewrite it when the lists change (incremental.py treats it like a post list)."""
    docname = app.env.docname
    domain = get_domain(app.env)
    if under_blog(app.env, docname) and not domain.keys_of(docname):
        domain.add_list(docname, None, BLOG_PAGE)


def planned_for(app: Sphinx, docname: str) -> PlannedPage | None:
    """The generated page that would be written where ``docname`` is."""
    builder = app.builder
    outfile = builder.get_outfilename(docname)
    catalog = get_domain(app.env).catalog()
    for planned in BlogPages(app, catalog).plan():
        if planned.merges and (
            planned.pagename == docname or builder.get_outfilename(planned.pagename) == outfile
        ):
            return planned
    return None


def append_list(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not (makes_blog_pages(app.builder) and under_blog(app.env, docname)):
        return
    if get_domain(app.env).keys_of(docname):
        return
    planned = planned_for(app, docname)
    if planned is None:
        return
    _, context, _ = planned.render()
    body = FIRST_HEADING.sub("", context["body"], count=1)
    sections = [node for node in doctree.children if isinstance(node, nodes.section)]
    (sections[0] if sections else doctree).append(chrome(body))


def setup_intro(app: Sphinx) -> None:
    app.connect("doctree-read", register)
    app.connect("doctree-resolved", append_list)
