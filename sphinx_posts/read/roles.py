"""Roles: ``{post}`path/to/post``` links a post by its title, ``{tag}`Name``` its tag page.

Both are cross-references resolved by the posts domain's ``resolve_xref``, so they work from
any page and warn (``posts.reference``) when the post or tag does not exist. Each use is
recorded in the domain, so the page is rewritten when the post's title or the tag's page
changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.roles import XRefRole

from ..store.domain import get_domain

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from sphinx.application import Sphinx


class PostsRole(XRefRole):
    """A role that always refers into the ``posts`` domain, whatever it is called."""

    def __init__(self, reftype: str) -> None:
        super().__init__(innernodeclass=nodes.inline)
        self.posts_reftype = reftype

    def run(self) -> tuple[list[Node], list[system_message]]:
        self.refdomain, self.reftype = "posts", self.posts_reftype
        self.classes = ["xref", "posts", f"posts-{self.reftype}"]
        if self.disabled:
            return self.create_non_xref_node()
        result, messages = self.create_xref_node()
        domain = get_domain(self.env)
        for node in result:
            if isinstance(node, addnodes.pending_xref):
                domain.add_reference(self.env.docname, self.reftype, node["reftarget"])
        return result, messages


def setup_roles(app: Sphinx) -> None:
    app.add_role("post", PostsRole("post"))
    app.add_role("tag", PostsRole("tag"))
