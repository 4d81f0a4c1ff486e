"""``$...$`` math in a Markdown post on a site where myst-parser does not read it.

Without myst's ``dollarmath`` extension, ``$x_1$`` and ``$$ ... $$`` stay literal text, and
Sphinx's smart quotes then turn the TeX's ``...`` into ``…``. Nothing else says so: the post
builds and shows raw TeX. We look once, at read time, and name the line to add to ``conf.py``.
Enabling the extension ourselves would change how ``$`` reads on every page of the site.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

from ..report import PostsWarning, warn
from ..store.domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

DISPLAY = re.compile(r"\$\$")
INLINE = re.compile(r"(?<![\\$\w])\$(?=[^\s$])[^$\n]*?[^\s$\\]\$(?![\w$])")
"""``$x_1$`` but not ``$5 and $10`` (no space inside either end, no digit right after)."""
NOT_PROSE = (nodes.literal, nodes.literal_block, nodes.raw, nodes.math, nodes.math_block)
ADVICE = 'myst_enable_extensions = ["dollarmath", "amsmath"]'


def uses_dollar_math(document: nodes.document) -> int | None:
    """The line of the first paragraph that writes ``$`` math as text, or None."""
    for paragraph in document.findall(nodes.TextElement):
        if isinstance(paragraph, NOT_PROSE) or not isinstance(paragraph, nodes.paragraph):
            continue
        text = "".join(
            node.astext()
            for node in paragraph.findall(nodes.Text)
            if not any(isinstance(parent, NOT_PROSE) for parent in _parents(node, paragraph))
        )
        if DISPLAY.search(text) or INLINE.search(text):
            return paragraph.line
    return None


def _parents(node: nodes.Node, stop: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None and node is not stop:
        node = node.parent
        found.append(node)
    return found


def reads_dollar_math(app: Sphinx, docname: str) -> bool:
    """Whether myst reads ``$`` math in this document (or it is not myst's to read)."""
    enabled = getattr(app.config, "myst_enable_extensions", None)
    if enabled is None:
        return True  # no myst-parser: nothing here is Markdown
    suffix = app.env.doc2path(docname).suffix
    if app.config.source_suffix.get(suffix) == "restructuredtext":
        return True  # $ is not math in reStructuredText, nor meant to be
    return "dollarmath" in enabled


def check_math(app: Sphinx, document: nodes.document) -> None:
    docname = app.env.docname
    if docname not in get_domain(app.env).posts or reads_dollar_math(app, docname):
        return
    line = uses_dollar_math(document)
    if line is not None:
        warn(
            PostsWarning.MATH,
            "this post writes $...$ math, which is shown as plain text: myst-parser reads it "
            f"only with dollarmath on; add {ADVICE} to conf.py",
            (docname, line),
        )


def setup_math(app: Sphinx) -> None:
    app.connect("doctree-read", check_math)
