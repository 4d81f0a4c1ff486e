"""The single store of posts: ``PostsDomain.data["posts"]``, keyed by docname.

Everything else (lists, pages, feeds, sidebars) asks the domain; aggregates such as tag
counts are computed from the records when asked, never stored.
"""

from __future__ import annotations

from posixpath import dirname, join, normpath
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.domains import Domain
from sphinx.util.nodes import make_refnode

from ..report import PostsWarning, warn
from ..urls import term_link
from .catalog import Catalog, build_catalog, build_time

if TYPE_CHECKING:
    from collections.abc import Set
    from datetime import datetime

    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ..model import ListSpec, Post

DATA_VERSION = 7


class PostsDomain(Domain):
    """Posts, keyed by docname, merged symmetrically after parallel reads."""

    name = "posts"
    label = "Posts"
    data_version = DATA_VERSION
    initial_data: ClassVar[dict[str, Any]] = {"posts": {}, "lists": {}, "refs": {}, "shown": {}}

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._catalog: Catalog | None = None
        self._read_something = False  # this build read or removed a document
        self._unchanged: bool | None = None

    def _changed(self) -> None:
        self._catalog = None
        self._read_something = True
        self._unchanged = None

    def unchanged_since_last_build(self, now: datetime) -> bool:
        """Nothing was read or removed, and no scheduled post has come due since the last
        build that looked at the posts: every list, page and feed is as it was.

        Decided once per build (the first caller then records this build's time)."""
        if self._unchanged is None:
            last = self.data.get("built_at")
            moment = now.timestamp()
            self._unchanged = (
                not self._read_something
                and last is not None
                and not any(
                    post.date and last < post.date.timestamp() <= moment
                    for post in self.posts.values()
                )
            )
        return self._unchanged

    @property
    def posts(self) -> dict[str, Post]:
        return self.data["posts"]

    def add_post(self, post: Post) -> None:
        self.posts[post.docname] = post
        self._changed()

    @property
    def lists(self) -> dict[str, list[tuple[int | None, ListSpec | str]]]:
        """Docname -> the post lists it holds (line, query), for checks and rewrites."""
        return self.data["lists"]

    def add_list(self, docname: str, line: int | None, spec: ListSpec | str) -> None:
        self.lists.setdefault(docname, []).append((line, spec))
        self._changed()

    @property
    def references(self) -> dict[str, list[tuple[str, str]]]:
        """Docname -> the ``post`` and ``tag`` roles it uses, as (role, target)."""
        return self.data["refs"]

    def add_reference(self, docname: str, role: str, target: str) -> None:
        self.references.setdefault(docname, []).append((role, target))
        self._changed()

    def clear_doc(self, docname: str) -> None:
        self.posts.pop(docname, None)
        self.lists.pop(docname, None)
        self.references.pop(docname, None)
        self.data["shown"].pop(docname, None)
        self._changed()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["posts"]:
                self.posts[docname] = otherdata["posts"][docname]
            if docname in otherdata["lists"]:
                self.lists[docname] = otherdata["lists"][docname]
            if docname in otherdata["refs"]:
                self.references[docname] = otherdata["refs"][docname]
        self._changed()

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> Element | None:
        if typ == "post":
            return self.resolve_post(fromdocname, builder, target, node, contnode)
        return self.resolve_tag(fromdocname, builder, target, node, contnode)

    def resolve_post(
        self, fromdocname: str, builder: Builder, target: str, node: Element, contnode: Element
    ) -> Element:
        docname = post_docname(self, fromdocname, target)
        if docname is None:
            warn(PostsWarning.REFERENCE, f"post: no post {target!r}", node)
            return contnode
        if not node.get("refexplicit"):
            contnode = nodes.inline("", self.posts[docname].title, classes=contnode["classes"])
        return make_refnode(builder, fromdocname, docname, None, contnode, target)

    def resolve_tag(
        self, fromdocname: str, builder: Builder, target: str, node: Element, contnode: Element
    ) -> Element:
        term = self.catalog().term("tag", target)
        if term is None:
            warn(PostsWarning.REFERENCE, f"tag: no post has the tag {target!r}", node)
            return contnode
        if not node.get("refexplicit"):
            contnode = nodes.inline("", term.name, classes=contnode["classes"])
        uri = term_link(builder, fromdocname, term, target)["url"]
        if not uri:
            return contnode
        reference = nodes.reference("", "", internal=True, refuri=uri, reftitle=term.name)
        reference += contnode
        return reference

    def sorted_posts(self) -> list[Post]:
        """Every post, newest first (the one order every list starts from)."""
        return sorted(self.posts.values(), key=lambda post: post.sort_key(), reverse=True)

    def catalog(self) -> Catalog:
        """The listed posts and their terms, computed once per build from the records.

        A cache of derived data, not a second store: any change to the records drops it.
        """
        if self._catalog is None:
            self._catalog = build_catalog(self.posts, self.env.config, build_time())
        return self._catalog


SUFFIXES = (".md", ".rst", ".txt", ".ipynb")


def post_docname(domain: PostsDomain, fromdocname: str, target: str) -> str | None:
    """A post named absolutely (``/posts/a`` or ``posts/a``) or relative to the page."""
    name = target.strip()
    for suffix in SUFFIXES:
        name = name.removesuffix(suffix)
    candidates = [normpath(name.lstrip("/"))]
    if not name.startswith("/"):
        candidates.insert(0, normpath(join(dirname(fromdocname), name)))
    return next((docname for docname in candidates if docname in domain.posts), None)


def get_domain(env: BuildEnvironment) -> PostsDomain:
    return env.domains["posts"]  # type: ignore[return-value]
