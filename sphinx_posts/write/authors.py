"""Resolve the author names posts give against ``posts_authors`` (or ABlog's ``blog_authors``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import term_key
from ..urls import safe_link

if TYPE_CHECKING:
    from sphinx.config import Config


@dataclass(frozen=True, slots=True)
class Author:
    name: str
    url: str = ""
    email: str = ""


def resolve_author(written: str, config: Config) -> Author:
    """A post may name an author by key (``jane``) or by full name (``Jane Doe``)."""
    known: dict[str, object] = config.posts_authors
    wanted = term_key(written)
    for key, entry in known.items():
        author = _entry(key, entry)
        if wanted in (term_key(key), term_key(author.name)):
            return author
    return Author(written)


def _entry(key: str, entry: object) -> Author:
    """An author as ``posts_authors`` gives it; a URL that is not http(s), mailto or a path
    of the site is left out (it becomes an ``href`` on every byline)."""
    if isinstance(entry, str):
        return Author(entry)
    if isinstance(entry, tuple | list):
        url = str(entry[1]) if len(entry) > 1 and entry[1] else ""
        return Author(str(entry[0]), safe_link(url, allow_mailto=True))
    if isinstance(entry, dict):
        url = safe_link(str(entry.get("url") or ""), allow_mailto=True)
        return Author(str(entry.get("name", key)), url, str(entry.get("email") or ""))
    return Author(key)
