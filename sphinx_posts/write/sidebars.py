"""Data for the sidebar components (``posts/recent``, ``posts/tags`` ...), per page, lazily.

Templates call ``posts.recent()``, ``posts.tags()`` ...; nothing is computed for a page whose
theme does not show the component, and what is computed reads the build's catalog, so a tag
cloud on every page costs one pass over the tags, not over the posts.

With ``posts_sidebars = "shared"`` the components that show the whole blog (``SHARED``) are
not written into each page: a page gets a slot (a heading that links to the overview, which is
what a reader without JavaScript sees), and ``generate/shared.py`` renders the components once
a build into a file every page loads. A new post or tag then changes that one file, not every
page of the site.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from ..config import ablog_setting
from ..formats import machine_date
from ..i18n import _, is_right_to_left, written
from ..store.catalog import has_language_pages
from ..store.domain import get_domain
from ..urls import (
    FORMATS,
    MEDIA_TYPES,
    archive_page,
    base_url,
    index_page,
    makes_blog_pages,
    term_page,
    terms_page,
    year_page,
)
from .bylines import byline_context, post_date_text
from .disqus import comment_count
from .summaries import sized_terms

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

    from ..model import Post
    from ..store.catalog import Catalog


SHARED = ("recent", "tags", "categories", "authors", "archives")
"""The components that show the whole blog, shared between pages in ``shared`` mode."""
TERM_KINDS = {"tags": "tag", "categories": "category", "authors": "author"}


def shares_sidebars(app: Sphinx) -> bool:
    """Whether pages of this build load the site-wide components from the shared file."""
    return app.config.posts_sidebars == "shared" and makes_blog_pages(app.builder)


def shown_components(catalog: Catalog) -> dict[str, bool]:
    """Which shared components show anything: all a page's slots depend on (so a change to
    what they show rewrites no page, and a first category or tag does)."""
    shown = {"recent": bool(catalog.posts), "archives": bool(catalog.years)}
    for component, kind in TERM_KINDS.items():
        shown[component] = any(term.posts for term in catalog.terms[kind].values())
    return shown


FONTAWESOME = ("fontawesome_included", "fontawesome_link_cdn", "fontawesome_css_file")


def ablog_icons(app: Sphinx) -> bool:
    """ABlog's ``fontawesome_*`` settings: Font Awesome icons in ABlog's postcard in place of
    labels. pydata-sphinx-theme (and the themes built on it, sphinx-book-theme) turned
    ``fontawesome_included`` on for ABlog unless conf.py set it, so ABlog sites on those
    themes had the icons without a setting; they keep them."""
    config = app.config
    if any(ablog_setting(config, name) for name in FONTAWESOME):
        return True
    return "fontawesome_included" not in written(config) and "pydata_sphinx_theme" in app.extensions


class SidebarData:
    """What the ``posts/*`` components show on one page (links relative to that page)."""

    def __init__(
        self,
        app: Sphinx,
        pagename: str,
        pathto: Callable[..., str],
        post: Post | None,
        shared: bool = False,
    ) -> None:
        self._app = app
        self._pathto = pathto
        self._pagename = pagename
        self._catalog = get_domain(app.env).catalog()
        self.enabled = makes_blog_pages(app.builder)
        self.current = post
        self.shared = shared
        self._shown: dict[str, bool] | None = None
        """Whether the ``SHARED`` components show their slot here, not their content."""

    def slot(self, component: str) -> str:
        """Where a shared component goes: its heading, linking to the page it summarises
        (all a reader without JavaScript gets); ``posts-sidebars.js`` puts the component
        there. Empty when the component would show nothing."""
        if self._shown is None:
            self._shown = shown_components(self._catalog)
        if not self._shown.get(component):
            return ""
        titles = {
            "recent": (_("Recent posts"), self.blog_url),
            "archives": (_("Archive"), self.archive_url),
            "tags": (_("Tags"), ""),
            "categories": (_("Categories"), ""),
            "authors": (_("Authors"), ""),
        }
        title, url = titles[component]
        url = url or self.terms_url(TERM_KINDS[component])
        ident = f"posts-{component}-title"
        direction = ' dir="rtl"' if is_right_to_left(self._app.config.language) else ""
        return (
            f'<nav class="posts-sidebar posts-{component} posts-shared"{direction} '
            f'data-posts-shared="{component}" aria-labelledby="{ident}">'
            f'<h3 id="{ident}" class="posts-sidebar-title"><a href="{escape(url)}">'
            f"{escape(title)}</a></h3></nav>"
        )

    def shows(self, component: str) -> bool | None:
        """Whether our ``posts/<component>.html`` shows anything on this page, read from the
        catalog without rendering it; ``None`` for a component only rendering can tell."""
        if component in SHARED and self.shared:
            if self._shown is None:
                self._shown = shown_components(self._catalog)
            return self._shown[component]  # the slot, or nothing
        if component == "recent":
            return bool(self._catalog.posts)
        if component in TERM_KINDS:
            terms = self._catalog.terms[TERM_KINDS[component]].values()
            return self.enabled and any(term.posts for term in terms)
        if component == "archives":
            return self.enabled and bool(self._catalog.years)
        if component == "feeds":
            return self._has_feeds()
        if component == "postcard":  # see postcard.html: authors, categories or a series
            post = self.current
            return post is not None and bool(post.authors or post.categories or post.series)
        return None

    def url(self, pagename: str) -> str:
        return self._pathto(pagename)

    @property
    def blog_url(self) -> str:
        return self.url(index_page(self._app.config)) if self.enabled else ""

    @property
    def blog_title(self) -> str:
        return self._app.config.posts_title

    @property
    def in_blog(self) -> bool:
        """Whether this page is the blog's index, one of its pages, or a post."""
        path = self._app.config.posts_path
        return self.current is not None or (
            self._pagename == path or self._pagename.startswith(f"{path}/")
        )

    def overviews(self) -> list[dict[str, str]]:
        """The blog's pages that lead to all the others: the index, the archive and the
        tags, categories and authors overviews (those the blog has)."""
        if not self.enabled:
            return []
        pages = [(_("All posts"), index_page(self._app.config))]
        if self._catalog.years:
            pages.append((_("Archive"), archive_page(self._app.config)))
        for kind, title in (("tag", _("Tags")), ("category", _("Categories"))):
            if any(term.posts for term in self._catalog.terms[kind].values()):
                pages.append((title, terms_page(self._app.config, kind)))
        if any(term.posts for term in self._catalog.terms["author"].values()):
            pages.append((_("Authors"), terms_page(self._app.config, "author")))
        if has_language_pages(self._catalog):
            pages.append((_("Languages"), terms_page(self._app.config, "language")))
        return [
            {"title": title, "url": self.url(page), "current": page == self._pagename}
            for title, page in pages
        ]

    def recent(
        self, count: int = 5, exclude_current: bool = False, date_format: str = ""
    ) -> list[dict[str, Any]]:
        """The newest posts (ABlog's sidebar leaves out the page's own post, with
        ``exclude_current``); ``date_format="short"`` is ABlog's ``post_date_format_short``."""
        config = self._app.config
        if date_format == "short":
            date_format = ablog_setting(config, "post_date_format_short") or ""
        posts = [
            post
            for post in self._catalog.posts[: count + 1]
            if not (exclude_current and post.docname == self._pagename)
        ]
        return [
            {
                "title": post.title,
                "url": self.url(post.docname) + (f"#{post.section}" if post.section else ""),
                "current": post.key == self._pagename,
                "date": post_date_text(self._catalog, post, config, date_format),
                "date_iso": machine_date(post.date, post.has_time, config) if post.date else "",
            }
            for post in posts[:count]
        ]

    def terms(self, kind: str, limit: int | None = None) -> list[dict[str, Any]]:
        if not self.enabled:
            return []
        return [
            {
                "name": term.name,
                "count": len(term.posts),
                "size": size,
                "url": self.url(term_page(self._app.config, kind, term.slug)),
            }
            for term, size in sized_terms(self._catalog, kind, limit)
        ]

    def tags(self, limit: int | None = None) -> list[dict[str, Any]]:
        return self.terms("tag", limit)

    def categories(self) -> list[dict[str, Any]]:
        return self.terms("category")

    def authors(self) -> list[dict[str, Any]]:
        return self.terms("author")

    def locations(self) -> list[dict[str, Any]]:
        return self.terms("location")

    def languages(self) -> list[dict[str, Any]]:
        return self.terms("language")

    def terms_url(self, kind: str) -> str:
        return self.url(terms_page(self._app.config, kind)) if self.enabled else ""

    def archives(self) -> list[dict[str, Any]]:
        if not self.enabled:
            return []
        config = self._app.config
        return [
            {"year": year, "count": len(posts), "url": self.url(year_page(config, year))}
            for year, posts in self._catalog.years.items()
        ]

    @property
    def archive_url(self) -> str:
        return self.url(archive_page(self._app.config)) if self.enabled else ""

    def _has_feeds(self) -> bool:
        return bool(self.enabled and base_url(self._app) and self._app.config.posts_feed_length > 0)

    def feeds(self) -> list[dict[str, str]]:
        config = self._app.config
        if not self._has_feeds():
            return []
        labels = {"atom": "Atom", "rss": "RSS", "json": "JSON Feed"}
        return [
            {
                "name": labels[kind],
                "url": self._pathto(f"{config.posts_path}/{name}", 1),
                "type": MEDIA_TYPES[kind],
            }
            for kind, name in FORMATS.items()
        ]

    def card(self) -> dict[str, Any] | None:
        """The current post's facts for ``posts/postcard``; ``None`` on other pages."""
        if self.current is None:
            return None
        return byline_context(self._app, self._pagename, self.current)

    def comment_count(self) -> dict[str, str] | None:
        """ABlog's "Comments" link in its postcard, counted by Disqus: on posts that have a
        Disqus thread (``disqus_shortname``); ``None`` elsewhere."""
        if self.current is None:
            return None
        return comment_count(self._app, self._pagename, self.current)

    @property
    def fontawesome(self) -> bool:
        return ablog_icons(self._app)
