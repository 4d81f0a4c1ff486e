"""Post lists at write time: the entries every list shows, and ``postlist`` placeholders
filled from the catalog (the directive itself is read/postlist.py)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from docutils import nodes
from markupsafe import Markup, escape
from sphinx.util.osutil import relative_uri

from ..config import ablog_setting
from ..doctree import ancestors, postlist
from ..formats import machine_date
from ..i18n import content_language, lang_attributes
from ..model import LIST_FORMATS, reading_minutes, shown_terms
from ..store.catalog import is_scheduled, select
from ..store.domain import get_domain
from ..urls import image_url, index_page, link, makes_blog_pages, post_link, safe_link, term_link
from .bylines import post_date_text, post_updated_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from ..model import ListSpec, Post
    from ..store.catalog import Catalog


def post_entry(
    builder: Builder, page: str, post: Post, catalog: Catalog, date_format: str = ""
) -> dict[str, Any]:
    """Everything a list shows of one post, with links relative to ``page``."""
    config = builder.config

    def shown(kind: str, name: str) -> dict[str, str]:
        return term_link(builder, page, catalog.term(kind, name), name)

    page_url = post_link(builder, page, post)
    external = safe_link(post.external_link, allow_mailto=True)  # checked when read, and here
    tags, more_tags = shown_terms(post.tags)
    return {
        "docname": post.docname,
        # ABlog's ``external_link``: a post that is a pointer to one published elsewhere
        "url": external or page_url,
        "page_url": page_url,
        "external": bool(external),
        "title": post.title,
        "date": post_date_text(catalog, post, config, date_format),
        "date_iso": machine_date(post.date, post.has_time, config) if post.date else "",
        # ABlog's list entries show when a post was updated (its ``update`` notes)
        "updated": post_updated_text(catalog, post, config) if catalog.ablog else "",
        "updated_iso": machine_date(post.updated, post.updated_has_time, config)
        if catalog.ablog and post.updated
        else "",
        "summary": post.description or post.excerpt,
        "description": post.description,
        "excerpt": post.excerpt,
        "minutes": reading_minutes(post, config),
        # a few terms, not all: a post is listed on every one of its term pages
        "tags": [shown("tag", name) for name in tags],
        "more_tags": more_tags,
        "categories": [shown("category", name) for name in shown_terms(post.categories)[0]],
        "authors": [shown("author", name) for name in shown_terms(post.authors)[0]],
        "image": image_url(
            builder.env, post, lambda path: relative_uri(builder.get_target_uri(page), path)
        ),
        "draft": post.draft or is_scheduled(post, catalog.now),
        "post": post,
        # a post in another language than the site's says so (screen readers, hyphenation)
        "lang_attrs": Markup(lang_attributes(content_language(post.languages), config.language)),
        # an ABlog site's entries show the image, authors and categories, as ABlog's did
        "ablog": catalog.ablog,
    }


def ablog_line(
    entry: dict[str, Any], template: str, html: bool = False, linked: bool = False
) -> str:
    """ABlog's ``:format:`` strings: ``{date}``, ``{title}``, ``{author}``, ``{tags}`` ...

    With ``html``, every value is escaped and the date is a ``<time>`` element; ``linked``
    makes the title a link to the post and leaves the date as text, as ABlog's lists do.
    """
    values = {
        "date": entry["date"],
        "title": entry["title"],
        "author": ", ".join(a["name"] for a in entry["authors"]),
        "category": ", ".join(c["name"] for c in entry["categories"]),
        "tags": ", ".join(t["name"] for t in entry["tags"]),
        "location": ", ".join(entry["post"].locations),
        "language": ", ".join(entry["post"].languages),
    }
    if html:
        values = {key: escape(value) for key, value in values.items()}
        if not linked:  # ABlog's own list markup (linked titles) has the date as plain text
            values["date"] = Markup('<time datetime="{}">{}</time>').format(
                entry["date_iso"], entry["date"]
            )
        if linked:
            kind = "external" if entry.get("external") else "internal"  # as ABlog's links
            values["title"] = Markup('<a class="reference {}" href="{}">{}</a>').format(
                kind, entry["url"], entry["title"]
            )
    try:
        return escape(template).format_map(values) if html else template.format_map(values)
    except (KeyError, IndexError, ValueError):
        return ablog_line(entry, "{date} - {title}", html, linked)


def render_list(
    app: Sphinx,
    page: str,
    posts: list[Post],
    spec: ListSpec,
    catalog: Catalog,
    level: int = 2,
    all_posts: bool = True,
) -> nodes.Node:
    """HTML from the ``posts/postlist.html`` template; a plain bullet list elsewhere.

    ``all_posts``: end the list with a link to the blog's index, so a home page that shows
    the latest posts leads to the rest."""
    if ablog_markup(app, spec, catalog):
        return ablog_list(app, page, posts, spec, catalog)
    entries = [post_entry(app.builder, page, post, catalog, spec.date_format) for post in posts]
    template_format = "{" in spec.format
    for entry in entries:
        entry["line"] = ablog_line(entry, spec.format) if template_format else ""
        entry["line_html"] = ablog_line(entry, spec.format, True) if template_format else ""
    if app.builder.format == "html":
        style = "template" if template_format else spec.format
        context = {
            "entries": entries,
            "format": style if style in (*LIST_FORMATS, "template") else "list",
            "excerpts": spec.excerpts,
            "list_style": spec.list_style,
            "expand": spec.expand,
            "level": level,
            "all_url": link(app.builder, page, index_page(app.config))
            if all_posts and makes_blog_pages(app.builder)
            else "",
        }
        return nodes.raw(
            "", app.builder.templates.render("posts/postlist.html", context), format="html"
        )
    items = nodes.bullet_list(classes=["posts-list"])
    for entry in entries:
        text = entry["line"] or " - ".join(filter(None, (entry["date"], entry["title"])))
        items += nodes.list_item("", nodes.paragraph("", text))
    return items


ABLOG_FORMAT = "{date} - {title}"


def ablog_markup(app: Sphinx, spec: ListSpec, catalog: Catalog) -> bool:
    """On an ABlog site, a ``postlist`` in ABlog's line format (its default, or a ``:format:``
    string) is drawn in ABlog's markup, which themes and sites style."""
    return (
        catalog.ablog
        and app.builder.format == "html"
        and (spec.format == "list" or "{" in spec.format)
    )


def ablog_list(
    app: Sphinx, page: str, posts: list[Post], spec: ListSpec, catalog: Catalog
) -> nodes.Node:
    """ABlog's ``ul.postlist > li.ablog-post`` from ``posts/ablog-postlist.html``: a line per
    post (``{date} - {title}``, dates in ``post_date_format_short``), with ``:excerpts:`` the
    excerpt and with ``:expand:`` a link to the post. A posted section is linked as ABlog
    linked it: its page, without the section's anchor (the blog's own pages link the
    section)."""
    date_format = spec.date_format or str(ablog_setting(app.config, "post_date_format_short"))
    line = spec.format if "{" in spec.format else ABLOG_FORMAT
    entries = [post_entry(app.builder, page, post, catalog, date_format) for post in posts]
    for entry in entries:
        if entry["post"].section:  # ABlog's postlist links a posted section's page, no anchor
            entry["page_url"] = link(app.builder, page, entry["docname"])
            entry["url"] = entry["url"] if entry["external"] else entry["page_url"]
        entry["line_html"] = ablog_line(entry, line, html=True, linked=True)
    context = {
        "entries": entries,
        "titled": "{title}" in line,
        "excerpts": spec.excerpts,
        "list_style": spec.list_style or "none",
        "expand": spec.expand,
    }
    html = app.builder.templates.render("posts/ablog-postlist.html", context)
    return nodes.raw("", html, format="html")


def resolve_postlists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    catalog = get_domain(app.env).catalog()
    for node in list(doctree.findall(postlist)):
        spec = node["spec"]
        if spec.format not in LIST_FORMATS and "{" not in spec.format:
            spec = replace(spec, format="list")
        posts = select(catalog, spec, node["docname"])
        level = min(6, 1 + sum(isinstance(parent, nodes.section) for parent in ancestors(node)))
        shown = render_list(app, docname, posts, spec, catalog, level, node.get("all_posts", True))
        node.replace_self(shown)


def setup_lists(app: Sphinx) -> None:
    app.connect("doctree-resolved", resolve_postlists)
