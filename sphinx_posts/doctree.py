"""The nodes that carry posts through the doctree, shared by every phase.

Reading leaves them (a ``post`` directive's options, where the byline and post lists go);
writing fills or renders them. Placeholders are registered so that a builder which never
resolves them (one that skips ``doctree-resolved``) leaves them out instead of failing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class post_meta(nodes.Invisible, nodes.Element):
    """What a ``post`` directive said; read and removed at read time."""


class byline(nodes.General, nodes.Element):
    """Where the byline goes; filled from the domain at write time (write/bylines.py)."""


class post_footer(nodes.General, nodes.Element):
    """Where previous/next and related posts go; filled at write time (write/navigation.py)."""


class postlist(nodes.General, nodes.Element):
    """Placeholder for a post list; carries its :class:`~sphinx_posts.model.ListSpec`."""


class posts_summary(nodes.General, nodes.Element):
    """Placeholder for a tag cloud (``kind="tagcloud"``) or archive list (``"archives"``)."""


class posts_backlinks(nodes.General, nodes.Element):
    """Where a ``backlinks`` directive puts the posts citing its page (write/backlinks.py)."""


class timestamp(nodes.Inline, nodes.TextElement):
    """A date in running text: ``<time datetime=...>`` in HTML, plain text elsewhere."""


def visit_timestamp_html(translator: Any, node: timestamp) -> None:
    translator.body.append(translator.starttag(node, "time", "", datetime=node["datetime"]))


def depart_timestamp_html(translator: Any, node: timestamp) -> None:
    translator.body.append("</time>")


def visit_timestamp_other(translator: Any, node: timestamp) -> None:
    translator.visit_inline(node)


def depart_timestamp_other(translator: Any, node: timestamp) -> None:
    translator.depart_inline(node)


class chrome_html(nodes.General, nodes.Element):
    """Rendered page furniture (byline, series box, related posts...). Unlike ``raw``, it has
    no text for Sphinx's search index, so a post is not found by its neighbours' titles."""


def visit_chrome_html(translator: Any, node: chrome_html) -> None:
    translator.body.append(node["html"])
    raise nodes.SkipNode


def chrome(html: str) -> chrome_html:
    """Page furniture around a post's body; marked so feeds can leave it out."""
    return chrome_html(html=f"<!-- posts:chrome -->{html}<!-- /posts:chrome -->")


def ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def skip_node(translator: object, node: nodes.Node) -> None:
    raise nodes.SkipNode


def add_placeholder(app: Sphinx, node: type[nodes.Element]) -> None:
    """Register a node that is always replaced at write time; a writer that still meets one
    (a builder that skips ``doctree-resolved``) leaves it out instead of failing."""
    skip = (skip_node, None)
    app.add_node(node, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)


def setup_nodes(app: Sphinx) -> None:
    app.add_node(post_meta)
    for node in (byline, post_footer, postlist, posts_summary, posts_backlinks):
        add_placeholder(app, node)
    skip = (skip_node, None)
    app.add_node(
        chrome_html,
        html=(visit_chrome_html, None),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
    other = (visit_timestamp_other, depart_timestamp_other)
    html = (visit_timestamp_html, depart_timestamp_html)
    app.add_node(timestamp, html=html, latex=other, text=other, man=other, texinfo=other)


RAW_FILES = "posts_files"
"""The attribute of a raw HTML node in a post that lists where it names files of the source
folder, as (start, end, path in the source, ``?query#fragment``): read/rawfiles.py records it,
write/rawfiles.py rewrites those addresses for the page being written."""
