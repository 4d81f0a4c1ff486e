"""What a generated list page shows around its entries: its feeds, month anchors on a year's
page, and the head links that step between its pages."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from sphinx.util.osutil import relative_uri

from ..urls import FORMATS, MEDIA_TYPES, base_url, month_anchor

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..model import Post
    from ..store.catalog import Catalog

FEED_NAMES = {"atom": "Atom", "rss": "RSS", "json": "JSON Feed"}


def feed_choices(app: Sphinx, pagename: str, folder: str) -> list[dict[str, str]]:
    """The feeds of ``folder`` as visible links from ``pagename``; none when feeds are off
    (no ``html_baseurl``, or ``posts_feed_length = 0``) or the page has no feed."""
    if not (folder and base_url(app) and app.config.posts_feed_length > 0):
        return []
    return [
        {
            "name": FEED_NAMES[kind],
            "url": relative_uri(app.builder.get_target_uri(pagename), f"{folder}/{name}"),
            "type": MEDIA_TYPES[kind],
        }
        for kind, name in FORMATS.items()
    ]


def month_anchors(catalog: Catalog, posts: list[Post]) -> list[str]:
    """For a year's posts, newest first: the month's anchor on the first post of each month
    (what the ``archives`` directive's month names link to), ``""`` on the others."""
    anchors, seen = [], set()
    for post in posts:
        local = post.date.astimezone(catalog.timezone) if post.date else None
        anchor = month_anchor(local.year, local.month) if local else ""
        anchors.append(anchor if anchor not in seen else "")
        seen.add(anchor)
    return anchors


def head_links(prev_url: str, next_url: str) -> str:
    """``<link rel="prev">`` and ``rel="next"`` for a page of a paginated list."""
    links = [
        f'<link rel="{rel}" href="{escape(url)}" />'
        for rel, url in (("prev", prev_url), ("next", next_url))
        if url
    ]
    return "".join(f"{tag}\n" for tag in links)
