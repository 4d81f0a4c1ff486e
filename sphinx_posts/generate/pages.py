"""The generated blog pages: index, tag, category, author, archive and year pages, paginated.

They come from ``html-collect-pages`` and go through the theme's ``page.html`` like any page
(pydata-sphinx-theme gives them its header, navigation and sidebars). Each page's body is an
overridable template under ``posts/``. A document the writer put at a page's name (ABlog sites
keep a placeholder ``blog.md``) becomes its heading and introduction, with the list below it
(intro.py); only a redirect yields to a document, with a ``posts.collision`` warning.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import partial
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation

from ..report import PostsWarning, warn
from ..store.catalog import build_time
from ..store.domain import get_domain
from ..urls import (
    archive_page,
    drafts_page,
    feed_title,
    index_page,
    link,
    makes_blog_pages,
    term_page,
    terms_page,
    year_page,
)
from ..write.lists import post_entry
from .incremental import digest, entry_inputs, sidebar_inputs, uses_sidebars
from .outputs import all_present, forget_record, read_record, remove, write_record

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.application import Sphinx

    from ..model import Post
    from ..store.catalog import Catalog

_ = get_translation("sphinx_posts")

KIND_TITLES = {
    "tag": "Tags",
    "category": "Categories",
    "author": "Authors",
    "location": "Locations",
    "language": "Languages",
}
TERM_TITLES = {
    "tag": "Posts tagged “%s”",
    "category": "Posts in “%s”",
    "author": "Posts by %s",
    "location": "Posts from %s",
    "language": "Posts in %s",
}

Page = tuple[str, dict[str, Any], str]


def page_window(number: int, count: int, around: int = 2) -> list[int]:
    """The page numbers a pagination bar shows: first, last and ``around`` either side of
    ``number``; 0 marks a gap. A blog of 1000 posts has 100 index pages: listing every one on
    every page is 10,000 links nobody reads."""
    shown = sorted({1, count, *range(max(1, number - around), min(count, number + around) + 1)})
    window: list[int] = []
    for n in shown:
        if window and n - window[-1] == 2:
            window.append(n - 1)  # a gap of one page: show the page, not "…"
        elif window and n - window[-1] > 2:
            window.append(0)
        window.append(n)
    return window


@dataclass(frozen=True)
class PlannedPage:
    """A generated page's name, how to render it (only done when it is written), and what
    it shows (to tell, without rendering, whether it changed since the last build)."""

    pagename: str
    render: Callable[[], Page]
    inputs: Any
    merges: bool = True
    """A document the writer put at this name shows this page's list below its own text
    (generate/intro.py); a redirect never merges."""


class BlogPages:
    """Builds every generated page of one build from one catalog."""

    def __init__(self, app: Sphinx, catalog: Catalog) -> None:
        self.app = app
        self.builder = app.builder
        self.config = app.config
        self.catalog = catalog

    def render(self, template: str, **context: Any) -> str:
        return self.builder.templates.render(f"posts/{template}", context)

    def entries(self, pagename: str, posts: list[Post]) -> list[dict[str, Any]]:
        return [post_entry(self.builder, pagename, post, self.catalog) for post in posts]

    def page(self, pagename: str, title: str, body: str, **extra: Any) -> Page:
        # the theme treats ``title`` as HTML (a document's title is), so escape ours
        context = {
            "title": escape(title),
            "pagetitle": escape(title),  # sphinx-book-theme's print header reads this
            "body": body,
            "display_toc": False,
            **extra,
        }
        return pagename, context, "page.html"

    def listing(
        self,
        base: str,
        title: str,
        posts: list[Post],
        kind: str = "",
        feed: dict[str, str] | None = None,
        paginate: bool = True,
    ) -> Iterator[PlannedPage]:
        """``base``, ``base/page/2`` ... with ``posts_per_page`` posts each (or one page)."""
        size = self.config.posts_per_page if paginate else max(1, len(posts))
        count = max(1, -(-len(posts) // size))
        names = [base if n == 1 else f"{base}/page/{n}" for n in range(1, count + 1)]
        for number, pagename in enumerate(names, start=1):
            chunk = posts[(number - 1) * size : number * size]
            shown = [entry_inputs(self.catalog, self.config, post) for post in chunk]
            yield PlannedPage(
                pagename,
                partial(self.listing_page, names, number, chunk, title, kind, feed),
                (names, number, title, kind, feed, shown),
            )

    def listing_page(
        self,
        names: list[str],
        number: int,
        posts: list[Post],
        title: str,
        kind: str,
        feed: dict[str, str] | None,
    ) -> Page:
        pagename, count = names[number - 1], len(names)
        pagination = {
            "number": number,
            "count": count,
            "pages": [
                {
                    "number": n,
                    "url": link(self.builder, pagename, names[n - 1]),
                    "current": n == number,
                }
                if n
                else {"gap": True}
                for n in page_window(number, count)
            ],
            "prev": link(self.builder, pagename, names[number - 2]) if number > 1 else "",
            "next": link(self.builder, pagename, names[number]) if number < count else "",
        }
        heading = title if number == 1 else _("%s, page %d") % (title, number)
        entries = self.entries(pagename, posts)
        body = self.render(
            "listing.html",
            title=heading,
            entries=entries,
            pagination=pagination,
            kind=kind,
            # ABlog's list pages end each entry with a link to the post
            expand=_("Read more ...") if self.config.posts_ablog else "",
        )
        extra: dict[str, Any] = {"posts_feed": feed} if feed else {}
        if pagination["prev"]:
            extra["prev"] = {"link": pagination["prev"], "title": _("Newer posts")}
        if pagination["next"]:
            extra["next"] = {"link": pagination["next"], "title": _("Older posts")}
        return self.page(pagename, heading, body, **extra)

    def term_index(self, kind: str) -> Page:
        pagename = terms_page(self.config, kind)
        terms = [
            {
                "name": term.name,
                "count": len(term.posts),
                "url": link(self.builder, pagename, term_page(self.config, kind, term.slug)),
            }
            for term in self.catalog.terms[kind].values()
            if term.posts
        ]
        title = _(KIND_TITLES[kind])
        return self.page(
            pagename, title, self.render("terms.html", title=title, terms=terms, kind=kind)
        )

    def archive(self) -> Page:
        pagename = archive_page(self.config)
        years = [
            {
                "year": year,
                "count": len(posts),
                "url": link(self.builder, pagename, year_page(self.config, year)),
                "entries": [
                    post_entry(self.builder, pagename, post, self.catalog) for post in posts
                ],
            }
            for year, posts in self.catalog.years.items()
        ]
        title = _("Archive")
        return self.page(pagename, title, self.render("archive.html", title=title, years=years))

    def plan(self) -> Iterator[PlannedPage]:
        """Every generated page, named but not yet rendered."""
        config = self.config
        yield from self.listing(index_page(config), config.posts_title, self.catalog.posts, "index")
        for kind in KIND_TITLES:
            if kind in ("location", "language") and not config.posts_ablog:
                continue  # ABlog's pages, written for ABlog sites
            terms = [term for term in self.catalog.terms[kind].values() if term.posts]
            if not terms and kind != "tag":
                continue
            counts = [(term.name, term.slug, len(term.posts)) for term in terms]
            yield PlannedPage(terms_page(config, kind), partial(self.term_index, kind), counts)
            for term in terms:
                base = term_page(config, kind, term.slug)
                title = _(TERM_TITLES[kind]) % term.name
                feed = {"folder": base, "title": feed_title(config, term.name)}
                has_feed = kind in config.posts_feed_terms
                yield from self.listing(base, title, term.posts, kind, feed if has_feed else None)
        archive = [
            (year, [entry_inputs(self.catalog, config, post) for post in posts])
            for year, posts in self.catalog.years.items()
        ]
        yield PlannedPage(archive_page(config), self.archive, archive)
        for year, posts in self.catalog.years.items():
            # like ABlog's, a year is one page: a year's posts are read as one list
            yield from self.listing(year_page(config, year), str(year), posts, "year", None, False)
        if config.posts_ablog:  # ABlog's list of drafts and scheduled posts
            domain = get_domain(self.app.env)
            drafts = [post for post in domain.sorted_posts() if post.key not in self.catalog.rank]
            yield from self.listing(drafts_page(config), _("Drafts"), drafts, "drafts", None, False)
        for post in self.catalog.posts:
            for old in post.redirect:
                pagename = redirect_page(old)
                if pagename is None:
                    warn(
                        PostsWarning.FRONTMATTER,
                        f"redirect: {old!r}: expected an address inside the site; ignored",
                        (post.docname, None),
                    )
                    continue
                target = (post.docname, post.title)
                yield PlannedPage(
                    pagename, partial(self.redirect, pagename, post), target, merges=False
                )

    def redirect(self, pagename: str, post: Post) -> Page:
        """ABlog's ``:redirect:``: the post's old address forwards readers to the post."""
        url = link(self.builder, pagename, post.docname)
        context = {"title": escape(post.title), "post_url": url, "post_title": post.title}
        return pagename, context, "posts/redirect.html"


def redirect_page(old: str) -> str | None:
    """An old address as a page name (``/2013/old-post.html`` -> ``2013/old-post``), or
    ``None`` for one that would lead outside the output folder."""
    name = posixpath.normpath("/" + old.strip().replace("\\", "/")).strip("/")
    for suffix in (".html", "/index"):
        name = name.removesuffix(suffix)
    if not name or ":" in name:
        return None
    return name


def chrome_key(app: Sphinx) -> str:
    """What every page shows around its body: configuration, templates, navigation and
    (when the site uses them) the posts sidebars. When it changes, every page is rewritten."""
    builder = app.builder
    build_info = getattr(builder, "build_info", None)
    env = app.env
    navigation = sorted((doc, tuple(children)) for doc, children in env.toctree_includes.items())
    in_navigation = set(env.toctree_includes).union(*env.toctree_includes.values())
    titles = sorted((doc, env.titles[doc].astext()) for doc in in_navigation if doc in env.titles)
    sidebars = sidebar_inputs(get_domain(env).catalog()) if uses_sidebars(app.config) else None
    return digest(
        (
            getattr(build_info, "config_hash", ""),
            getattr(build_info, "tags_hash", ""),
            builder.templates.newest_template_mtime() if builder.templates else 0,
            navigation,
            titles,
            sidebars,
        )
    )


def collect_pages(app: Sphinx) -> Iterator[Page]:
    """Yield the generated pages that are new or show something new since the last build.

    A page whose body, title, links and surrounding chrome are all as last time, and whose
    file is still there, is not rendered through the theme again.
    """
    if not makes_blog_pages(app.builder):
        return
    builder = app.builder
    documents = {str(builder.get_outfilename(docname)) for docname in app.env.found_docs}
    record = read_record(app, "pages")
    previous = record["files"]
    current: dict[str, str] = {}
    chrome = chrome_key(app)
    domain = get_domain(app.env)
    if (
        domain.unchanged_since_last_build(build_time())
        and record["chrome"] == chrome
        and all_present(app, record)
    ):
        return  # no post, list or template changed: every page is as last written
    for planned in BlogPages(app, get_domain(app.env).catalog()).plan():
        outfile = Path(builder.get_outfilename(planned.pagename))
        if planned.pagename in app.env.found_docs or str(outfile) in documents:
            if planned.merges:
                continue  # the writer's document shows the list below its text (intro.py)
            warn(
                PostsWarning.COLLISION,
                f"the blog would generate the page {planned.pagename!r}, but the site has a "
                "document of that name: the document is kept and the generated page is not "
                "written",
                (planned.pagename, None),
            )
            continue
        relative = outfile.relative_to(app.outdir).as_posix()
        current[relative] = digest((chrome, planned.pagename, planned.inputs))
        if previous.get(relative) == current[relative] and outfile.is_file():
            continue
        yield planned.render()
    write_record(app, "pages", current, set(previous) - set(current), chrome)


def remove_stale_pages(app: Sphinx, exception: Exception | None) -> None:
    """Delete generated pages an earlier build wrote and this one no longer generates.

    Without this, an incremental build keeps (say) page 3 of a tag that now has two pages.
    """
    if not makes_blog_pages(app.builder):
        return
    if exception is not None:
        forget_record(app, "pages")
        return
    record = read_record(app, "pages")
    remove(app, record["stale"])
    write_record(app, "pages", record["files"], [], record["chrome"])


def setup_pages(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_pages)
    app.connect("build-finished", remove_stale_pages)
