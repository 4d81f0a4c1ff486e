"""How readers find the blog on a site that configured nothing but the extension.

Themes show what ``html_sidebars`` names, and a new site names nothing: its posts and the
blog's pages would have no sidebars, and no page would link to the blog. So, on every page for
which the writer set no ``html_sidebars`` pattern, the theme's own sidebars get ours: the blog's
components on posts and blog pages, a small "Blog" navigation elsewhere. The writer's patterns
always win, page by page; the ``basic`` theme (a bare base for other themes) is left alone.
pydata-sphinx-theme gets its "Blog" entry in the header instead (``navbar-nav.html``).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from sphinx.util.matching import patmatch

from ..store.domain import get_domain
from ..urls import index_page, makes_blog_pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

BLOG_SIDEBAR = (
    "posts/recent.html",
    "posts/tags.html",
    "posts/categories.html",
    "posts/authors.html",
    "posts/archives.html",
    "posts/feeds.html",
)
"""What posts and the blog's pages show beside the theme's own sidebars."""
POST_SIDEBAR = ("posts/postcard.html", *BLOG_SIDEBAR)
NAVIGATION = (
    "sidebar-nav-bs.html",  # pydata-sphinx-theme
    "sidebar/navigation.html",  # furo
    "navigation.html",  # alabaster
    "globaltoc.html",
    "localtoc.html",
)
"""The theme's own navigation component: ours go right after it."""
LEFT_ALONE = frozenset({"basic"})


def theme_name(app: Sphinx) -> str:
    theme = getattr(app.builder, "theme", None)
    return getattr(theme, "name", "") or str(app.config.html_theme)


def has_header_navigation(app: Sphinx) -> bool:
    """pydata-sphinx-theme and its children put the site's navigation in the header bar,
    where ``navbar-nav.html`` (ours, wrapping the theme's) adds the "Blog" entry."""
    theme = getattr(app.builder, "theme", None)
    return theme is not None and theme.get_config("options", "navbar_center", None) is not None


def writer_sets_sidebars(config: Config, pagename: str) -> bool:
    return any(patmatch(pagename, pattern) for pattern in config.html_sidebars)


def fills_sidebars(app: Sphinx) -> bool:
    """Whether pages of this build may get our sidebar components without being asked to."""
    return (
        makes_blog_pages(app.builder)
        and theme_name(app) not in LEFT_ALONE
        and "**" not in app.config.html_sidebars
    )


def is_blog_page(app: Sphinx, pagename: str) -> bool:
    path = app.config.posts_path
    return (
        pagename == path or pagename.startswith(f"{path}/") or pagename in get_domain(app.env).posts
    )


def components_for(app: Sphinx, pagename: str) -> tuple[str, ...]:
    if pagename in get_domain(app.env).posts:
        return POST_SIDEBAR
    if is_blog_page(app, pagename):
        return BLOG_SIDEBAR
    return () if has_header_navigation(app) else ("posts/blog-nav.html",)


def with_ours(theirs: list[str], ours: tuple[str, ...]) -> list[str]:
    """The theme's sidebars with ours after its navigation (at the end if it has none)."""
    names = [name for name in theirs if name not in ours]
    place = next((i + 1 for i, name in enumerate(names) if name in NAVIGATION), len(names))
    return [*names[:place], *ours, *names[place:]]


def blog_parent(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """A post is in no toctree, so themes' breadcrumbs went Home › post: make it Home › Blog ›
    post, as the blog's own pages are."""
    if context.get("parents") or not makes_blog_pages(app.builder):
        return
    if pagename in get_domain(app.env).posts:
        blog = context["pathto"](index_page(app.config))
        context["parents"] = [{"link": blog, "title": escape(app.config.posts_title)}]


def default_sidebars(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if "sidebars" not in context or not fills_sidebars(app):
        return
    if writer_sets_sidebars(app.config, pagename):
        return
    ours = components_for(app, pagename)
    if ours:
        context["sidebars"] = with_ours(list(context["sidebars"] or ()), ours)


def setup_discovery(app: Sphinx) -> None:
    # after our page context (400), before themes look at the sidebars (pydata: 500)
    app.connect("html-page-context", default_sidebars, priority=450)
    app.connect("html-page-context", blog_parent, priority=450)
