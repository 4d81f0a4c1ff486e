"""ABlog's templates of the blog's pages, when a site has them: ``ablog/collection.html``
(a list page: the blog's index, a tag, category, author, location, language or year, the
drafts) and ``ablog/catalog.html`` (the pages listing every tag, category ... and the
archive). A site that kept ABlog's templates (or wrote its own) in its ``templates_path``
gets its pages drawn by them, with the context ABlog gave them; sphinx-posts ships neither
name, so every other site gets ours (``posts/listing.html``, ``posts/terms.html``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jinja2 import TemplateNotFound

from ..i18n import N_, _
from ..write.ablogobjects import CATALOGS, ablog_blog, anchor

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    Page = tuple[str, dict[str, Any], str]

COLLECTION = "ablog/collection.html"
CATALOG = "ablog/catalog.html"

HEADERS = {
    "index": N_("All"),
    "author": N_("Posts by"),
    "location": N_("Posts from"),
    "language": N_("Posts in"),
    "category": N_("Posts in"),
    "year": N_("Posted in"),
    "archive": N_("Posted in"),
    "tag": N_("Posts tagged"),
    "drafts": "",
}
"""The ``header`` ABlog gave each kind of page (``{{ header }} {{ collection }}``)."""


def ablog_heading(kind: str) -> str:
    """ABlog's words before a term in a page's header and a feed's title (``Posts tagged``)."""
    return _(HEADERS[kind]) if HEADERS.get(kind) else ""


KIND_CATALOGS = {kind: name for name, kind in CATALOGS.items()}
"""Our term kinds -> ABlog's catalog names (``tag`` -> ``tags``)."""


def site_has(app: Sphinx, name: str) -> bool:
    """Whether the site (or its theme) has template ``name``; looked up once a build."""
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is None:
        return False
    try:
        environment.get_template(name)
    except TemplateNotFound:
        return False
    return True


def ablog_context(app: Sphinx, kind: str) -> dict[str, Any]:
    return {
        "ablog": ablog_blog(app),
        "anchor": anchor,
        "header": ablog_heading(kind),
        "summary": True,
        "fa": ablog_blog(app).fontawesome,
        "archive_feed": False,
    }


def collection_page(app: Sphinx, page: Page, docname: str, kind: str) -> Page:
    """``page`` drawn by the site's ``ablog/collection.html``, if it has one and the page is
    one of ABlog's (the whole list on one page, as ABlog had no pagination)."""
    if kind not in HEADERS or not site_has(app, COLLECTION):
        return page
    collection = ablog_blog(app).collection_at(docname)
    if collection is None:
        return page
    pagename, context, _template = page
    context = {**context, **ablog_context(app, kind), "collection": collection}
    return pagename, context, COLLECTION


def catalog_page(app: Sphinx, page: Page, kind: str) -> Page:
    """The page of every tag (category, author ...) or the archive, drawn by the site's
    ``ablog/catalog.html`` if it has one."""
    if not site_has(app, CATALOG):
        return page
    blog = ablog_blog(app)
    catalog = blog.archive if kind == "archive" else blog.catalogs.get(KIND_CATALOGS.get(kind, ""))
    if catalog is None:
        return page
    pagename, context, _template = page
    header = "archive" if kind == "archive" else kind
    context = {**context, **ablog_context(app, header), "catalog": catalog}
    return pagename, context, CATALOG
