"""The single store of posts: ``PostsDomain.data["posts"]``, keyed by docname.

Everything else (lists, pages, feeds, sidebars) asks the domain; aggregates such as tag
counts are computed from the records when asked, never stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

from .model import unique_slugs

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.environment import BuildEnvironment

    from .model import Post

DATA_VERSION = 1


class PostsDomain(Domain):
    """Posts, keyed by docname, merged symmetrically after parallel reads."""

    name = "posts"
    label = "Posts"
    data_version = DATA_VERSION
    initial_data: ClassVar[dict[str, Any]] = {"posts": {}}

    @property
    def posts(self) -> dict[str, Post]:
        return self.data["posts"]

    def add_post(self, post: Post) -> None:
        self.posts[post.docname] = post

    def clear_doc(self, docname: str) -> None:
        self.posts.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["posts"]:
                self.posts[docname] = otherdata["posts"][docname]

    def sorted_posts(self) -> list[Post]:
        """Every post, newest first (the one order every list starts from)."""
        return sorted(self.posts.values(), key=lambda post: post.sort_key(), reverse=True)

    def tag_slugs(self) -> dict[str, str]:
        """Term key -> slug for every tag, unique across the site."""
        return unique_slugs([tag for post in self.posts.values() for tag in post.tags])


def get_domain(env: BuildEnvironment) -> PostsDomain:
    return env.domains["posts"]  # type: ignore[return-value]
