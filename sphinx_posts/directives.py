"""The ``post`` directive: ABlog's way to mark a post, with ABlog's options and meanings.

It only records what it was given (a :class:`~sphinx_posts.page.post_meta` node); the
read-time transform merges it with the frontmatter, the directive's values winning.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .page import post_meta

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


def setup_directives(app: Sphinx) -> None:
    app.add_directive("post", PostDirective)
