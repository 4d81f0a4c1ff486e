"""The ``postlist`` directive: it records its query in the domain and leaves a placeholder.

The query is checked once every document is read (store/checks.py) and the placeholder is
filled at write time from the catalog (write/lists.py); incremental builds know from the
recorded queries which pages list posts.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..config import date_format_error
from ..doctree import postlist
from ..model import LIST_SORTS, ListSpec
from ..report import PostsWarning, warn
from ..store.domain import get_domain

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


LIST_STYLE = re.compile(r"[A-Za-z][A-Za-z0-9-]*|\"[^\"\\\\;{}<>]*\"|'[^'\\\\;{}<>]*'")
"""A CSS ``list-style-type``: a keyword (``circle``, ``upper-roman``) or a quoted string."""


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in (text or "").split(",") if name.strip())


class PostListDirective(SphinxDirective):
    """``postlist``: the posts matching its filters, on any page."""

    optional_arguments = 1  # ABlog's positional limit
    option_spec: ClassVar[dict[str, Any]] = {
        "tags": directives.unchanged,
        "category": directives.unchanged,
        "author": directives.unchanged,
        "year": directives.unchanged,
        "language": directives.unchanged,
        "series": directives.unchanged,
        "limit": directives.nonnegative_int,
        # a bare ``:sort:`` is ABlog's flag for oldest first
        "sort": lambda text: directives.choice(text or "oldest", LIST_SORTS),
        "location": directives.unchanged,
        "exclude-current": directives.flag,
        "excerpts": directives.flag,
        "format": directives.unchanged_required,
        "date": directives.unchanged_required,
        "list-style": directives.unchanged_required,
        "expand": directives.unchanged,
        "no-all-posts": directives.flag,
    }

    def checked(self, option: str, problem: str | None) -> str:
        """An option that lands in a style attribute or is shown as a date: a bad value is
        reported and left out (the list is shown as if it were not given)."""
        value = self.options.get(option, "").strip()
        if value and problem:
            warn(
                PostsWarning.POSTLIST,
                f"postlist: :{option}: {value!r}: expected {problem}; the option is ignored",
                (self.env.docname, self.lineno),
            )
            return ""
        return value

    def run(self) -> list[nodes.Node]:
        date_format = self.options.get("date", "").strip()
        list_style = self.options.get("list-style", "").strip()
        style_error = (
            None
            if LIST_STYLE.fullmatch(list_style)
            else "a CSS list-style-type such as circle, upper-roman or '→ '"
        )
        limit = self.options.get("limit")
        if limit is None and self.arguments:
            if not self.arguments[0].isdigit():
                raise self.error(f"postlist: expected a number of posts, got {self.arguments[0]!r}")
            limit = int(self.arguments[0])
        spec = ListSpec(
            tags=_names(self.options.get("tags", "")),
            categories=_names(self.options.get("category", "")),
            authors=_names(self.options.get("author", "")),
            years=_names(self.options.get("year", "")),
            languages=_names(self.options.get("language", "")),
            locations=_names(self.options.get("location", "")),
            series=_names(self.options.get("series", "")),
            limit=limit,
            sort=self.options.get("sort", "newest"),
            exclude_current="exclude-current" in self.options,
            excerpts="excerpts" in self.options,
            format=self.options.get("format", "list").strip(),
            date_format=self.checked("date", date_format and date_format_error(date_format)),
            list_style=self.checked("list-style", style_error),
            expand=self.options.get("expand") or ("" if "expand" not in self.options else "…"),
        )
        # the list ends with a link to the blog's index unless the writer says not to
        node = postlist(
            spec=spec, docname=self.env.docname, all_posts="no-all-posts" not in self.options
        )
        self.set_source_info(node)
        get_domain(self.env).add_list(self.env.docname, node.line, spec)
        return [node]


def setup_postlist(app: Sphinx) -> None:
    app.add_directive("postlist", PostListDirective)
