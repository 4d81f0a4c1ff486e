"""Write time: fill each post page's byline from the domain.

HTML builders render the overridable ``posts/byline.html`` template; every other builder
gets a plain paragraph, so LaTeX, text, man and epub readers still see date and authors.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..doctree import byline, chrome, timestamp
from ..formats import machine_date, show_date
from ..i18n import _, ngettext
from ..model import reading_minutes
from ..store.catalog import is_scheduled
from ..store.domain import get_domain
from ..urls import term_link
from .authors import author_context
from .navigation import series_context, translation_links

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from ..model import Post
    from ..store.catalog import Catalog


def post_date_text(catalog: Catalog, post: Post, config: Config, date_format: str = "") -> str:
    """``show_date`` of a post's date, formatted once per build: a post is on many pages."""
    if post.date is None:
        return ""
    key = (post.key, date_format)
    if key not in catalog.shown_dates:
        chosen = date_format or catalog.setting(config, "posts_date_format")
        catalog.shown_dates[key] = show_date(post.date, config, chosen)
    return catalog.shown_dates[key]


def post_updated_text(catalog: Catalog, post: Post, config: Config) -> str:
    """The date a post was last updated, as :func:`post_date_text`; "" when it was not (ABlog
    shows an update only when it differs from the date)."""
    if post.updated is None or post.updated == post.date:
        return ""
    key = (post.key, "\0updated")  # no date format starts with NUL
    if key not in catalog.shown_dates:
        chosen = catalog.setting(config, "posts_date_format")
        catalog.shown_dates[key] = show_date(post.updated, config, chosen)
    return catalog.shown_dates[key]


def byline_context(app: Sphinx, page: str, post: Post) -> dict[str, Any]:
    """What the byline template (and the plain-text byline) shows."""
    config = app.config
    catalog = get_domain(app.env).catalog()

    def shown(kind: str, name: str) -> dict[str, str]:
        return term_link(app.builder, page, catalog.term(kind, name), name)

    authors = [author_context(app.builder, page, catalog, name) for name in post.authors]
    return {
        "post": post,
        "date": post_date_text(catalog, post, config),
        "date_iso": machine_date(post.date, post.has_time, config) if post.date else "",
        "updated": show_date(post.updated, config, catalog.setting(config, "posts_date_format"))
        if post.updated
        else "",
        "updated_iso": machine_date(post.updated, post.updated_has_time, config)
        if post.updated
        else "",
        "minutes": reading_minutes(post, config),
        "authors": authors,
        "tags": [shown("tag", tag) for tag in post.tags],
        "categories": [shown("category", name) for name in post.categories],
        "locations": [shown("location", name) for name in post.locations],
        "languages": [shown("language", name) for name in post.languages],
        "draft": post.draft,
        "scheduled": is_scheduled(post, catalog.now),
        "series": series_context(app, page, post, catalog) if post.series else None,
        "translations": translation_links(app, page, post, catalog),
    }


def plain_byline(context: dict[str, Any]) -> nodes.paragraph:
    parts = [context["date"]] if context["date"] else []
    if context["updated"]:
        parts.append(_("Updated %(date)s") % {"date": context["updated"]})
    if context["authors"]:
        parts.append(", ".join(author["name"] for author in context["authors"]))
    minutes = context["minutes"]
    parts.append(
        ngettext("%(minutes)d min read", "%(minutes)d min read", minutes) % {"minutes": minutes}
    )
    if context["tags"]:
        parts.append(", ".join(tag["name"] for tag in context["tags"]))
    if context["draft"] or context["scheduled"]:
        parts.insert(0, _("Draft") if context["draft"] else _("Scheduled"))
    return nodes.paragraph("", " · ".join(map(str, parts)), classes=["posts-byline"])


def resolve_bylines(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    posts = get_domain(app.env).posts
    for node in list(doctree.findall(byline)):
        post = posts.get(node["docname"])
        if post is None:
            node.parent.remove(node)
            continue
        context = byline_context(app, docname, post)
        if app.builder.format == "html":
            html = app.builder.templates.render("posts/byline.html", context)
            if context["series"]:
                html += app.builder.templates.render("posts/series.html", context["series"])
            node.replace_self(chrome(html))
        else:
            node.replace_self(plain_byline(context))


def redate_updates(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """An ``update`` note's date is shown when read, in ``posts_date_format``; on a site
    that its ``post`` directives made an ABlog site (known only once every page is read) it
    is shown again here, in ABlog's format."""
    catalog = get_domain(app.env).catalog()
    if "posts_date_format" not in catalog.values:
        return
    chosen = catalog.values["posts_date_format"]
    for note in doctree.findall(nodes.admonition):
        if "posts_updated" not in note:
            continue
        when = datetime.fromisoformat(note["posts_updated"])
        for shown in note.findall(timestamp):
            shown.children = []
            shown += nodes.Text(show_date(when, app.config, chosen))


def setup_bylines(app: Sphinx) -> None:
    app.connect("doctree-resolved", resolve_bylines)
    app.connect("doctree-resolved", redate_updates)
