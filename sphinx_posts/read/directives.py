"""Directives that mark a post or place a summary of the blog.

``post`` is ABlog's way to mark a post, with ABlog's options and meanings. It only records what
it was given (a :class:`~sphinx_posts.doctree.post_meta` node); the read-time transform merges
it with the frontmatter, the directive's values winning. ``tagcloud`` and ``archives`` leave a
placeholder filled at write time (write/summaries.py) and register with the domain, so pages
that show them are rewritten when the counts change.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..doctree import post_meta, posts_backlinks, posts_summary
from ..store.domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_TEXT = directives.unchanged


class PostDirective(SphinxDirective):
    """``.. post:: 2025-03-20`` with ABlog's options.

    As in ABlog, the directive's content is the post's excerpt; it is shown on the page too,
    unless ``:exclude:`` is given. ``:excerpt: N`` takes the first N paragraphs instead, and
    ``:image: N`` the post's Nth image as its card image.
    """

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, object]] = {
        "tags": _TEXT,
        "category": _TEXT,
        "author": _TEXT,
        "location": _TEXT,
        "language": _TEXT,
        "image": _TEXT,
        "excerpt": _TEXT,
        "exclude": directives.flag,
        "redirect": _TEXT,
        "external_link": _TEXT,
        "canonical_link": _TEXT,
        "nocomments": directives.flag,
        "title": _TEXT,
        "description": _TEXT,
        "updated": _TEXT,
        "draft": directives.flag,
        "series": _TEXT,
    }

    def run(self) -> list[nodes.Node]:
        options = {key: "true" if value is None else value for key, value in self.options.items()}
        if self.arguments:
            options["date"] = self.arguments[0]
        meta = post_meta(options=options, excerpt="")
        self.set_source_info(meta)
        if not self.content:
            return [meta]
        holder = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, holder)
        meta["excerpt"] = re.sub(r"\s+", " ", holder.astext()).strip()
        return [meta] if "exclude" in options else [meta, *holder.children]


class TagCloudDirective(SphinxDirective):
    """``tagcloud``: every tag, sized by how many posts carry it."""

    option_spec: ClassVar[dict[str, Any]] = {"limit": directives.nonnegative_int}
    kind = "tagcloud"

    def run(self) -> list[nodes.Node]:
        node = posts_summary(kind=self.kind, limit=self.options.get("limit"))
        self.set_source_info(node)
        get_domain(self.env).add_list(self.env.docname, node.line, self.kind)
        return [node]


class ArchivesDirective(TagCloudDirective):
    """``archives``: years and months with their post counts."""

    kind = "archives"


class BacklinksDirective(SphinxDirective):
    """``backlinks``: the posts that cite this page, here instead of at the page's end."""

    def run(self) -> list[nodes.Node]:
        node = posts_backlinks()
        self.set_source_info(node)
        return [node]


def setup_directives(app: Sphinx) -> None:
    app.add_directive("post", PostDirective)
    app.add_directive("tagcloud", TagCloudDirective)
    app.add_directive("archives", ArchivesDirective)
    app.add_directive("backlinks", BacklinksDirective)
