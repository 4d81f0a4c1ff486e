"""Where everything the blog shows lives, in one place: generated pages (ABlog's layout),
feeds, and post images copied into the output.

Page names are builder-neutral (``blog/tag/python``); links are made from them with the
builder's ``get_relative_uri``, so ``html`` and ``dirhtml`` both work.
"""

from __future__ import annotations

import os
from posixpath import dirname, join, normpath
from typing import TYPE_CHECKING

from sphinx.errors import NoUri

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from .model import Post, Term

KIND_PATHS = {
    "tag": "tag",
    "category": "category",
    "author": "author",
    "location": "location",
    "language": "language",
}
OUTPUT_DIR = "_images/posts"
FORMATS = {"atom": "atom.xml", "rss": "rss.xml", "json": "feed.json"}
MEDIA_TYPES = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
}


def paged(base: str, number: int) -> str:
    return base if number <= 1 else f"{base}/page/{number}"


def index_page(config: Config, number: int = 1) -> str:
    return paged(config.posts_path, number)


def terms_page(config: Config, kind: str) -> str:
    return f"{config.posts_path}/{KIND_PATHS[kind]}"


def term_page(config: Config, kind: str, slug: str, number: int = 1) -> str:
    return paged(f"{terms_page(config, kind)}/{slug}", number)


def archive_page(config: Config) -> str:
    return f"{config.posts_path}/archive"


def year_page(config: Config, year: int, number: int = 1) -> str:
    return paged(f"{config.posts_path}/{year}", number)


def ablog_labels(config: Config) -> dict[str, tuple[str, str]]:
    """ABlog's reference labels for the blog's own pages (``{ref}`blog-posts```): label ->
    (page, title). Tags, authors, categories and years have ``tag-<slug>`` ... as well."""
    path = config.posts_path
    return {
        "blog-posts": (path, "Posts"),
        "blog-archives": (archive_page(config), "Archives"),
        "blog-tags": (terms_page(config, "tag"), "Tags"),
        "blog-authors": (terms_page(config, "author"), "Authors"),
        "blog-categories": (terms_page(config, "category"), "Categories"),
        "blog-locations": (terms_page(config, "location"), "Locations"),
        "blog-languages": (terms_page(config, "language"), "Languages"),
        "blog-drafts": (drafts_page(config), "Drafts"),
    }


def drafts_page(config: Config) -> str:
    """ABlog's list of drafts (ABlog sites only)."""
    return f"{config.posts_path}/drafts"


def link(builder: Builder, from_page: str, to_page: str) -> str:
    """A relative link between two pages, documents or generated ones alike.

    Builders without pages to link to (LaTeX, man, texinfo) give no link: ``""``.
    """
    try:
        return builder.get_relative_uri(from_page, to_page)
    except NoUri:
        return ""


def post_link(builder: Builder, page: str, post: Post) -> str:
    """A link to a post from ``page``: its document, at its section for a section post."""
    url = link(builder, page, post.docname)
    return f"{url}#{post.section}" if post.section else url


def makes_blog_pages(builder: Builder) -> bool:
    """Generated pages and links to them exist only for the multi-page HTML builders."""
    return builder.format == "html" and builder.name not in ("singlehtml", "epub")


def term_link(builder: Builder, page: str, term: Term | None, name: str) -> dict[str, str]:
    """A tag, category or author as shown on ``page``: its usual spelling, and a link to its
    page when it has one (a term only drafts use has no page)."""
    if term is None:
        return {"name": name, "url": ""}
    if not (term.posts and makes_blog_pages(builder)):
        return {"name": term.name, "url": ""}
    target = term_page(builder.config, term.kind, term.slug)
    return {"name": term.name, "url": link(builder, page, target)}


def base_url(app: Sphinx) -> str:
    """``html_baseurl``, else Read the Docs' canonical URL; always ending in ``/``."""
    url = (
        app.config.html_baseurl
        or getattr(app.config, "blog_baseurl", None)
        or os.environ.get("READTHEDOCS_CANONICAL_URL", "")
    )
    return url if not url or url.endswith("/") else url + "/"


def feed_title(config: Config, name: str) -> str:
    """A feed's title, as feeds and the pages that link them both show it."""
    return f"{config.project}: {name}"


def is_external(image: str) -> bool:
    return "://" in image or image.startswith("data:")


def source_path(post: Post) -> str:
    return image_source(post.docname, post.image)


def image_source(docname: str, image: str) -> str:
    """An image's path relative to the source folder (a leading ``/`` means the root)."""
    if image.startswith("/"):
        return normpath(image.lstrip("/"))
    return normpath(join(dirname(docname), image))


def image_exists(env: BuildEnvironment, relative: str) -> bool:
    return not relative.startswith("..") and (env.srcdir / relative).is_file()


def image_page(post: Post) -> str:
    """The image as a page-like name in the output, for ``get_relative_uri``-style links."""
    return f"{OUTPUT_DIR}/{source_path(post)}"


def image_url(env: BuildEnvironment, post: Post, locate: Callable[[str], str]) -> str:
    """The post's image as a URL: an external one as written, a copied file through
    ``locate`` (relative to a page, or absolute); ``""`` when there is none to show."""
    if not post.image:
        return ""
    if is_external(post.image):
        return post.image
    return locate(image_page(post)) if image_exists(env, source_path(post)) else ""
