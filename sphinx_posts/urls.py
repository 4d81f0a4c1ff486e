"""Page names of everything the blog generates (ABlog's layout), in one place.

Page names are builder-neutral (``blog/tag/python``); links are made from them with the
builder's ``get_relative_uri``, so ``html`` and ``dirhtml`` both work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.errors import NoUri

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.config import Config

    from .catalog import Term

KIND_PATHS = {"tag": "tag", "category": "category", "author": "author"}


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


def link(builder: Builder, from_page: str, to_page: str) -> str:
    """A relative link between two pages, documents or generated ones alike.

    Builders without pages to link to (LaTeX, man, texinfo) give no link: ``""``.
    """
    try:
        return builder.get_relative_uri(from_page, to_page)
    except NoUri:
        return ""


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
