"""Per-page context for themes: feed discovery links, post metadata, sidebar data.

One ``html-page-context`` handler, cheap per page: everything it shows is read from the catalog
(computed once per build). It runs before sphinxext-opengraph, so when that extension is loaded
our values reach it through ``context["meta"]`` instead of being emitted twice.
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from ..i18n import content_language, language_tag
from ..store.catalog import is_scheduled
from ..store.domain import get_domain
from ..urls import (
    FORMATS,
    MEDIA_TYPES,
    base_url,
    feed_title,
    image_url,
    makes_blog_pages,
    safe_link,
)
from .authors import resolve_author
from .sidebars import SidebarData, shares_sidebars

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..model import Post

OPENGRAPH = "sphinxext.opengraph"


def meta_tag(attribute: str, key: str, value: str) -> str:
    return f'<meta {attribute}="{escape(key)}" content="{escape(value)}" />'


def feed_links(app: Sphinx, pathto: Any, folder: str, title: str) -> list[str]:
    return [
        f'<link rel="alternate" type="{MEDIA_TYPES[kind]}" title="{escape(title)} '
        f'({kind.upper() if kind != "json" else "JSON Feed"})" '
        f'href="{escape(pathto(f"{folder}/{name}", 1))}" />'
        for kind, name in FORMATS.items()
    ]


def post_metadata(app: Sphinx, context: dict[str, Any], post: Post, base: str) -> list[str]:
    """Description, OpenGraph, article times and tags, JSON-LD; robots for unpublished."""
    catalog = get_domain(app.env).catalog()
    tags: list[str] = []
    canonical = safe_link(post.canonical_link)  # checked when read; again as it is emitted
    url = canonical or (urljoin(base, app.builder.get_target_uri(post.docname)) if base else "")
    if canonical or (url and not context.get("pageurl")):
        context["pageurl"] = url
    if post.draft or is_scheduled(post, catalog.now):
        tags.append(meta_tag("name", "robots", "noindex"))
    image = image_url(app.env, post, lambda path: urljoin(base, path) if base else "")
    description = post.description or post.excerpt
    # the page's own description (myst's html_meta) is the one: search engines take one
    if description and 'name="description"' not in context.get("metatags", ""):
        tags.append(meta_tag("name", "description", description))
    opengraph = {"og:title": post.title, "og:type": "article"}
    if description:
        opengraph["og:description"] = description
    if url:
        opengraph["og:url"] = url
    if image:
        opengraph["og:image"] = image
    if OPENGRAPH in app.extensions:  # the writer's og:* frontmatter keys win over ours
        context["meta"] = {**opengraph, **(context.get("meta") or {})}
    else:
        tags += [meta_tag("property", key, value) for key, value in opengraph.items()]
    if post.date:
        tags.append(meta_tag("property", "article:published_time", post.date.isoformat()))
    if post.updated:
        tags.append(meta_tag("property", "article:modified_time", post.updated.isoformat()))
    names = [catalog.term("tag", tag) for tag in post.tags]
    tags += [meta_tag("property", "article:tag", term.name) for term in names if term]
    tags.append(json_ld(app, post, url, image, description))
    return tags


def language_links(app: Sphinx, context: dict[str, Any], post: Post, base: str) -> list[str]:
    """A post in another language than the site's says so in ``<html lang>``; a post in
    several languages links each version (itself included, as search engines ask) with
    ``hreflang``, by absolute address when the site has one."""
    tag = content_language(post.languages)
    if tag and tag != language_tag(app.config.language):
        context["language"] = tag
    links = []
    for other in get_domain(app.env).catalog().translations_of(post):
        other_tag = content_language(other.languages)
        if not other_tag:
            continue
        uri = app.builder.get_target_uri(other.docname)
        href = urljoin(base, uri) if base else context["pathto"](other.docname)
        links.append(f'<link rel="alternate" hreflang="{other_tag}" href="{escape(href)}" />')
    return links


def json_ld(app: Sphinx, post: Post, url: str, image: str, description: str) -> str:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
    }
    if description:
        data["description"] = description
    if post.date:
        data["datePublished"] = post.date.isoformat()
        data["dateModified"] = (post.updated or post.date).isoformat()
    authors = [resolve_author(name, app.config) for name in post.authors]
    if authors:
        data["author"] = [
            {"@type": "Person", "name": a.name, **({"url": a.url} if a.url else {})}
            for a in authors
        ]
    if post.tags:
        data["keywords"] = list(post.tags)
    if language := content_language(post.languages):
        data["inLanguage"] = language
    if image:
        data["image"] = image
    if url:
        data["url"] = url
        data["mainEntityOfPage"] = url
    return f'<script type="application/ld+json">{script_json(data)}</script>'


SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(data: Any) -> str:
    """JSON that stays inside its ``<script>`` element: with ``<``, ``>`` and ``&`` as
    ``\\u003c``... no ``</script>``, ``<!--`` or ``<script`` can appear, and the HTML parser
    cannot swallow the rest of the page. U+2028/2029 break older JavaScript parsers."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(SCRIPT_ESCAPES)


def page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if not makes_blog_pages(app.builder):
        return  # singlehtml and epub: one book, no blog pages, no per-post metadata
    domain = get_domain(app.env)
    base = base_url(app)
    added: list[str] = []
    if base and app.config.posts_feed_length > 0:
        title = feed_title(app.config, app.config.posts_title, ablog=domain.is_ablog_site())
        added += feed_links(app, context["pathto"], app.config.posts_path, title)
        if feed := context.get("posts_feed"):
            added += feed_links(app, context["pathto"], feed["folder"], feed["title"])
    post = domain.posts.get(pagename)
    if post is not None and doctree is not None:
        added += post_metadata(app, context, post, base)
        added += language_links(app, context, post, base)
    if added:
        context["metatags"] = context.get("metatags", "") + "\n".join(added) + "\n"
    shared = shares_sidebars(app)
    context["posts"] = SidebarData(app, pagename, context["pathto"], post, shared)


def setup_context(app: Sphinx) -> None:
    app.connect("html-page-context", page_context, priority=400)
