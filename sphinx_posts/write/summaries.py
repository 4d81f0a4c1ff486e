"""``tagcloud`` and ``archives``: the blog at a glance, on any page.

Like ``postlist``, each leaves a placeholder, registers itself with the domain (so pages that
show them are rewritten when the counts change) and is filled at write time.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..config import site_timezone
from ..doctree import posts_summary
from ..formats import month_name
from ..store.domain import get_domain
from ..urls import archive_page, link, makes_blog_pages, month_anchor, term_page, year_page

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..model import Term
    from ..store.catalog import Catalog

CLOUD_STEPS = 5
TEMPLATES = {"tagcloud": "posts/tagcloud.html", "archives": "posts/archivelist.html"}


def sized_terms(catalog: Catalog, kind: str, limit: int | None) -> list[tuple[Term, int]]:
    """Terms that have listed posts, by slug, each with a size from 1 to ``CLOUD_STEPS``.

    With ``limit``, only the most used terms are kept.
    """
    terms = [term for term in catalog.terms[kind].values() if term.posts]
    if limit:
        terms = sorted(terms, key=lambda term: (-len(term.posts), term.slug))[:limit]
        terms.sort(key=lambda term: term.slug)
    most = max((len(term.posts) for term in terms), default=1)
    return [
        (term, 1 + round((CLOUD_STEPS - 1) * (len(term.posts) - 1) / max(1, most - 1)))
        for term in terms
    ]


def cloud(app: Sphinx, page: str, catalog: Catalog, limit: int | None) -> list[dict[str, Any]]:
    blog_pages = makes_blog_pages(app.builder)
    return [
        {
            "name": term.name,
            "count": len(term.posts),
            "size": size,
            "url": link(app.builder, page, term_page(app.config, "tag", term.slug))
            if blog_pages
            else "",
        }
        for term, size in sized_terms(catalog, "tag", limit)
    ]


def archive_years(app: Sphinx, page: str, catalog: Catalog) -> list[dict[str, Any]]:
    timezone = site_timezone(app.config)
    blog_pages = makes_blog_pages(app.builder)
    years = []
    size = app.config.posts_per_year_page
    for year, posts in catalog.years.items():
        local = [post.date.astimezone(timezone).month for post in posts if post.date]
        months = Counter(local)
        first: dict[int, int] = {}  # the year's page with the month's first post on it
        for number, month in enumerate(local):
            first.setdefault(month, number // size + 1)
        url = link(app.builder, page, year_page(app.config, year)) if blog_pages else ""
        years.append(
            {
                "year": year,
                "count": len(posts),
                "url": url,
                "months": [
                    {
                        "month": month,
                        "name": month_name(year, month, app.config),
                        "count": months[month],
                        # the month's first post on the year's page
                        "url": link(app.builder, page, year_page(app.config, year, first[month]))
                        + f"#{month_anchor(year, month)}"
                        if url
                        else "",
                    }
                    for month in sorted(months)
                ],
            }
        )
    return years


def resolve_summaries(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    catalog = get_domain(app.env).catalog()
    for node in list(doctree.findall(posts_summary)):
        if node["kind"] == "tagcloud":
            context = {"tags": cloud(app, docname, catalog, node["limit"])}
        else:
            context = {"years": archive_years(app, docname, catalog)}
            if makes_blog_pages(app.builder):
                context["archive_url"] = link(app.builder, docname, archive_page(app.config))
        if app.builder.format == "html":
            html = app.builder.templates.render(TEMPLATES[node["kind"]], context)
            node.replace_self(nodes.raw("", html, format="html"))
        else:
            node.replace_self(plain_summary(context))


def plain_summary(context: dict[str, Any]) -> nodes.paragraph:
    if "tags" in context:
        text = ", ".join(f"{tag['name']} ({tag['count']})" for tag in context["tags"])
    else:
        text = ", ".join(f"{year['year']} ({year['count']})" for year in context["years"])
    return nodes.paragraph("", text)


def setup_summaries(app: Sphinx) -> None:
    app.connect("doctree-resolved", resolve_summaries)
