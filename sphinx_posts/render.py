"""Write time: fill each post page's byline from the domain.

HTML builders render the overridable ``posts/byline.html`` template; every other builder
gets a plain paragraph, so LaTeX, text, man and epub readers still see date and authors.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, Any

import babel
from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util.i18n import format_date

from .authors import resolve_author
from .catalog import is_scheduled
from .config import site_timezone
from .domain import get_domain
from .navigation import series_context
from .page import byline, chrome
from .urls import term_link

if TYPE_CHECKING:
    from datetime import datetime

    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .catalog import Catalog
    from .model import Post

_ = get_translation("sphinx_posts")


def show_date(moment: datetime, config: Config, date_format: str = "") -> str:
    """A date as readers see it: ``posts_date_format`` in the site's language and zone."""
    local = moment.astimezone(site_timezone(config))
    chosen = date_format or config.posts_date_format
    return format_date(chosen, date=local, language=config.language or "en")


def post_date_text(catalog: Catalog, post: Post, config: Config, date_format: str = "") -> str:
    """``show_date`` of a post's date, formatted once per build: a post is on many pages."""
    if post.date is None:
        return ""
    key = (post.docname, date_format)
    if key not in catalog.shown_dates:
        catalog.shown_dates[key] = show_date(post.date, config, date_format)
    return catalog.shown_dates[key]


def machine_date(moment: datetime, has_time: bool, config: Config) -> str:
    """The ``datetime`` attribute of ``<time>``: a date, or a full RFC 3339 timestamp."""
    local = moment.astimezone(site_timezone(config))
    return local.isoformat() if has_time else local.date().isoformat()


def reading_minutes(post: Post, config: Config) -> int:
    return max(1, round(post.words / config.posts_words_per_minute))


def byline_context(app: Sphinx, page: str, post: Post) -> dict[str, Any]:
    """What the byline template (and the plain-text byline) shows."""
    config = app.config
    catalog = get_domain(app.env).catalog()

    def shown(kind: str, name: str) -> dict[str, str]:
        return term_link(app.builder, page, catalog.term(kind, name), name)

    authors = []
    for name in post.authors:
        author = resolve_author(name, config)
        url = author.url or shown("author", name)["url"]
        authors.append({"name": author.name, "url": url})
    return {
        "post": post,
        "date": post_date_text(catalog, post, config),
        "date_iso": machine_date(post.date, post.has_time, config) if post.date else "",
        "updated": show_date(post.updated, config) if post.updated else "",
        "updated_iso": machine_date(post.updated, post.updated_has_time, config)
        if post.updated
        else "",
        "minutes": reading_minutes(post, config),
        "authors": authors,
        "tags": [shown("tag", tag) for tag in post.tags],
        "categories": [shown("category", name) for name in post.categories],
        "draft": post.draft,
        "scheduled": is_scheduled(post, catalog.now),
        "series": series_context(app, page, post, catalog) if post.series else None,
    }


def plain_byline(context: dict[str, Any]) -> nodes.paragraph:
    parts = [context["date"]] if context["date"] else []
    if context["updated"]:
        parts.append(_("Updated %s") % context["updated"])
    if context["authors"]:
        parts.append(", ".join(author["name"] for author in context["authors"]))
    parts.append(_("%d min read") % context["minutes"])
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


def load_date_names(app: Sphinx) -> None:
    """Have babel load the language's date names before any document is read.

    Loaded at the first byline, in the middle of writing, its few MiB of locale data land
    between the pages' short-lived objects, and the build's peak memory grows by twice that.
    """
    # an unknown language: Sphinx's format_date warns when a date is shown, and uses English
    for language in (app.config.language or "en", "en"):
        with suppress(ValueError, babel.UnknownLocaleError):
            babel.Locale.parse(language).months  # noqa: B018 (reading them loads them)
            return


def setup_render(app: Sphinx) -> None:
    app.connect("builder-inited", load_date_names)
    app.connect("doctree-resolved", resolve_bylines)
