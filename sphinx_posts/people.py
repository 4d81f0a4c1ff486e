"""The blog's authors as people: ``posts_authors`` read into :class:`Person` records.

Entries take the shapes writers bring from elsewhere: a plain name, ABlog's ``(name, url)``
pair, or a dict in the shape Docusaurus and Hugo use (name, url, email, avatar, bio, links).
The store names author pages after :attr:`Person.name`, as ABlog does, and every page shows
that name; nothing here knows about Sphinx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .model import term_key

TEXT_FIELDS = ("name", "url", "email", "avatar", "bio", "title")
ALIASES = {"image_url": "avatar", "image": "avatar", "description": "bio"}
"""Other generators' names for our fields (Docusaurus ``image_url``, Hugo ``description``)."""
URL_FIELDS = ("url", "avatar")
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")


@dataclass(frozen=True, slots=True)
class Person:
    """One author as pages show them. Links and the avatar are already known to be safe."""

    key: str
    name: str
    url: str = ""
    email: str = ""
    avatar: str = ""
    """An http(s) URL, or a path from the output's root (``_static/ana.png``)."""
    bio: str = ""
    title: str = ""
    """A role shown under the name (Docusaurus' ``title``): "Maintainer"."""
    links: tuple[tuple[str, str], ...] = ()
    configured: bool = False
    """Whether ``posts_authors`` has an entry for this person (or only a post names them)."""


def is_safe_link(url: str) -> bool:
    """An http(s) URL, or a path inside the site. The one rule for author links and avatars,
    kept in one function so a site-wide URL rule can replace it."""
    text = url.strip()
    if not text or any(ord(char) < 32 for char in text) or "\\" in text:
        return False
    parts = urlsplit(text)
    if parts.scheme:
        return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
    return not text.startswith("//")


def is_external(url: str) -> bool:
    return bool(urlsplit(url).scheme)


def site_path(url: str) -> str:
    """A site-relative avatar or link as a path from the output's root."""
    return url.strip().lstrip("/")


def shape_error(value: dict[str, Any]) -> str | None:
    """Why ``posts_authors`` cannot be used at all (an entry of no known shape), or None."""
    for key, entry in value.items():
        if not isinstance(key, str) or not key.strip():
            return f"for {key!r}: a non-empty text key"
        if isinstance(entry, str) and entry.strip():
            continue
        if (
            isinstance(entry, tuple | list)
            and 1 <= len(entry) <= 2
            and isinstance(entry[0], str)
            and (len(entry) == 1 or entry[1] is None or isinstance(entry[1], str))
        ):
            continue
        if isinstance(entry, dict) and isinstance(entry.get("name", key), str):
            continue
        return (
            f"for {key!r}: a name, a (name, url) pair as in ABlog's blog_authors, or a dict "
            "with 'name', 'url', 'email', 'avatar', 'bio' and 'links'"
        )
    return None


def field_problems(value: dict[str, Any]) -> list[str]:
    """Problems with single fields of usable entries; each such field is left out."""
    problems = []
    for key, entry in value.items():
        fields, links = _fields(key, entry)
        for name, text in fields.items():
            if name not in TEXT_FIELDS:
                known = ", ".join((*TEXT_FIELDS, "links"))
                problems.append(f"for {key!r}: unknown key {name!r} (known: {known})")
            elif not isinstance(text, str):
                problems.append(f"for {key!r}: {name} {text!r}: expected text")
            elif name in URL_FIELDS and text and not is_safe_link(text):
                problems.append(
                    f"for {key!r}: {name} {text!r}: expected an http(s) URL or a path inside "
                    "the site"
                )
            elif name == "email" and text and not _EMAIL.match(text.strip()):
                problems.append(f"for {key!r}: email {text!r}: expected an address")
        if links is not None and not isinstance(links, dict):
            problems.append(f"for {key!r}: links {links!r}: expected a dict of label -> URL")
            continue
        for label, url in (links or {}).items():
            if not (isinstance(label, str) and isinstance(url, str) and is_safe_link(url)):
                problems.append(
                    f"for {key!r}: link {label!r}: {url!r}: expected an http(s) URL or a path "
                    "inside the site"
                )
    return problems


def _fields(key: str, entry: object) -> tuple[dict[str, object], object]:
    """An entry as ``{field: value}`` (aliases resolved) and its ``links`` value."""
    if isinstance(entry, str):
        return {"name": entry}, None
    if isinstance(entry, tuple | list):
        found: dict[str, object] = {"name": entry[0] if entry else key}
        if len(entry) > 1 and entry[1]:
            found["url"] = entry[1]
        return found, None
    if isinstance(entry, dict):
        fields = {ALIASES.get(name, name): text for name, text in entry.items() if name != "links"}
        return fields, entry.get("links")
    return {}, None


def read_person(key: str, entry: object) -> Person:
    """One ``posts_authors`` entry as a person; fields that failed the checks are left out."""
    fields, links = _fields(key, entry)

    def text(name: str) -> str:
        value = fields.get(name)
        if not isinstance(value, str):
            return ""
        value = value.strip()
        if name in URL_FIELDS and not is_safe_link(value):
            return ""
        if name == "email" and not _EMAIL.match(value):
            return ""
        return value

    shown_links = tuple(
        (label.strip(), url.strip())
        for label, url in (links.items() if isinstance(links, dict) else ())
        if isinstance(label, str) and label.strip() and isinstance(url, str) and is_safe_link(url)
    )
    return Person(
        key=key,
        name=text("name") or key,
        url=text("url"),
        email=text("email"),
        avatar=text("avatar"),
        bio=text("bio"),
        title=text("title"),
        links=shown_links,
        configured=True,
    )


def read_people(value: object) -> dict[str, Person]:
    """``posts_authors`` as term key -> person, under both the key and the name, so a post
    may name an author either way (``ana`` or ``Ana Souza``)."""
    people: dict[str, Person] = {}
    if not isinstance(value, dict):
        return people
    for key, entry in value.items():
        person = read_person(str(key), entry)
        people.setdefault(term_key(person.key), person)
        people.setdefault(term_key(person.name), person)
    return people


def find_person(written: str, people: dict[str, Person]) -> Person:
    """The person a post names: a configured one, or someone known only by that name."""
    return people.get(term_key(written)) or Person(key=written, name=written)
