"""The single store of posts: ``PostsDomain.data["posts"]``, keyed by docname.

Everything else (lists, pages, feeds, sidebars) asks the domain; aggregates such as tag
counts are computed from the records when asked, never stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

from .catalog import Catalog, build_catalog, build_time

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.environment import BuildEnvironment

    from .lists import ListSpec
    from .model import Post

DATA_VERSION = 2


class PostsDomain(Domain):
    """Posts, keyed by docname, merged symmetrically after parallel reads."""

    name = "posts"
    label = "Posts"
    data_version = DATA_VERSION
    initial_data: ClassVar[dict[str, Any]] = {"posts": {}, "lists": {}}

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._catalog: Catalog | None = None

    @property
    def posts(self) -> dict[str, Post]:
        return self.data["posts"]

    def add_post(self, post: Post) -> None:
        self.posts[post.docname] = post
        self._catalog = None

    @property
    def lists(self) -> dict[str, list[tuple[int | None, ListSpec]]]:
        """Docname -> the post lists it holds (line, query), for checks and rewrites."""
        return self.data["lists"]

    def add_list(self, docname: str, line: int | None, spec: ListSpec) -> None:
        self.lists.setdefault(docname, []).append((line, spec))

    def clear_doc(self, docname: str) -> None:
        self.posts.pop(docname, None)
        self.lists.pop(docname, None)
        self._catalog = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["posts"]:
                self.posts[docname] = otherdata["posts"][docname]
            if docname in otherdata["lists"]:
                self.lists[docname] = otherdata["lists"][docname]
        self._catalog = None

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


def get_domain(env: BuildEnvironment) -> PostsDomain:
    return env.domains["posts"]  # type: ignore[return-value]
