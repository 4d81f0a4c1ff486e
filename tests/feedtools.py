"""Helpers for the feed, publishing and page-metadata tests: read feeds, follow their URLs."""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import feedparser

if TYPE_CHECKING:
    from pathlib import Path

    from bs4 import BeautifulSoup
    from sphinx.testing.util import SphinxTestApp

BASE = "https://example.org/"
FEED_FILES = ("atom.xml", "rss.xml", "feed.json")
MEDIA_TYPES = {
    "atom.xml": "application/atom+xml",
    "rss.xml": "application/rss+xml",
    "feed.json": "application/feed+json",
}
ATOM = "{http://www.w3.org/2005/Atom}"
ENVIRONMENT = (
    "SOURCE_DATE_EPOCH",
    "READTHEDOCS",
    "READTHEDOCS_CANONICAL_URL",
    "READTHEDOCS_VERSION_TYPE",
)
"""Variables that change what a build publishes; every test starts without them."""


def parsed(app: SphinxTestApp, folder: str, name: str) -> Any:
    """A feed parsed by feedparser, which must find it well-formed (``bozo`` false)."""
    result = feedparser.parse((app.outdir / folder / name).read_bytes())
    assert not result.bozo, f"{folder}/{name}: {result.get('bozo_exception')!r}"
    return result


def atom(app: SphinxTestApp, folder: str = "blog") -> Any:
    result = parsed(app, folder, "atom.xml")
    assert result.version == "atom10"
    return result


def rss(app: SphinxTestApp, folder: str = "blog") -> Any:
    result = parsed(app, folder, "rss.xml")
    assert result.version == "rss20"
    return result


def json_feed(app: SphinxTestApp, folder: str = "blog") -> dict[str, Any]:
    data = json.loads((app.outdir / folder / "feed.json").read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    return data


def tree(app: SphinxTestApp, folder: str, name: str) -> ET.Element:
    """A feed parsed by the standard library's strict XML parser."""
    return ET.fromstring((app.outdir / folder / name).read_bytes())


def atom_entries(app: SphinxTestApp, folder: str = "blog") -> dict[str, ET.Element]:
    """Atom ``<entry>`` elements keyed by their link, in document order."""
    root = tree(app, folder, "atom.xml")
    return {entry.find(f"{ATOM}link").get("href"): entry for entry in root.iter(f"{ATOM}entry")}


def ids(result: Any) -> list[str]:
    return [entry.id for entry in result.entries]


def links(result: Any) -> list[str]:
    return [entry.link for entry in result.entries]


def feed_files(outdir: Path) -> list[Path]:
    """Every feed file anywhere in an output folder."""
    return sorted(path for name in FEED_FILES for path in outdir.rglob(name))


def output_path(app: SphinxTestApp, url: str, base: str = BASE) -> Path:
    """The output file an absolute URL of the site points to (``dir/`` is ``dir/index.html``)."""
    assert url.startswith(base), f"{url} is not under {base}"
    path = urlsplit(url).path[len(urlsplit(base).path) :]
    if not path or path.endswith("/"):
        path += "index.html"
    return app.outdir / path


def href_target(app: SphinxTestApp, page: str, href: str) -> Path:
    """The output file a relative ``href`` on output file ``page`` points to."""
    path = urlsplit(href).path
    assert path and not urlsplit(href).scheme, f"{href!r} on {page} is not relative"
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if path.endswith("/"):
        joined += "/index.html"
    return app.outdir / joined


def alternate_links(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """``(type, href)`` of every ``<link rel="alternate">`` in the page's head."""
    return [
        (link.get("type", ""), link.get("href", ""))
        for link in soup.head.find_all("link")
        if "alternate" in (link.get("rel") or [])
    ]


def meta_values(soup: BeautifulSoup, attribute: str, key: str) -> list[str]:
    """Every ``content`` of ``<meta {attribute}="{key}">`` in the head."""
    return [tag.get("content", "") for tag in soup.head.find_all("meta", attrs={attribute: key})]
