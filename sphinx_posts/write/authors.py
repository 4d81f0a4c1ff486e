"""Resolve the author names posts give against ``posts_authors`` (or ABlog's ``blog_authors``),
and show authors as people: name, avatar, bio and links, with links relative to a page."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sphinx.errors import NoUri
from sphinx.util.osutil import relative_uri

from ..people import Person, find_person, is_external, read_people, site_path
from ..urls import term_link

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.config import Config

    from ..store.catalog import Catalog

Author = Person


def resolve_author(written: str, config: Config) -> Author:
    """A post may name an author by key (``jane``) or by full name (``Jane Doe``).

    Feeds and JSON-LD need absolute addresses, so a site-relative ``url`` is left out here.
    """
    person = find_person(written, read_people(config.posts_authors))
    return person if is_external(person.url) else replace(person, url="")


def site_url(builder: Builder, page: str, url: str) -> str:
    """An http(s) URL as written; a path inside the site relative to ``page``."""
    if not url or is_external(url):
        return url
    try:
        return relative_uri(builder.get_target_uri(page), site_path(url))
    except NoUri:
        return ""


def author_context(builder: Builder, page: str, catalog: Catalog, written: str) -> dict[str, Any]:
    """An author as pages show them: name, their page (when they have one) and their facts."""
    person = catalog.person(written)
    shown = term_link(builder, page, catalog.term("author", written), person.name)
    return person_context(builder, page, person, shown["url"])


def person_context(builder: Builder, page: str, person: Person, page_url: str) -> dict[str, Any]:
    return {
        "name": person.name,
        # the byline links the author's page; their own site is on that page
        "url": page_url or site_url(builder, page, person.url),
        "page_url": page_url,
        "home": site_url(builder, page, person.url),
        "email": person.email,
        "avatar": site_url(builder, page, person.avatar),
        "bio": person.bio,
        "title": person.title,
        "links": [
            {"label": label, "url": site_url(builder, page, url)} for label, url in person.links
        ],
    }
