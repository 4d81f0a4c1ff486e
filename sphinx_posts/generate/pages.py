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

from ..config import ablog_setting, ablog_values
from ..i18n import N_, _
from ..model import slugify
from ..report import PostsWarning, warn
from ..store.catalog import build_time, has_language_pages, order
from ..store.domain import get_domain
from ..urls import (
    FORMATS,
    SPHINX_FOLDERS,
    archive_page,
    drafts_page,
    feed_title,
    file_link,
    index_page,
    is_sphinx_page,
    link,
    makes_blog_pages,
    series_index_page,
    series_page,
    sphinx_pages,
    term_page,
    terms_page,
    year_page,
)
from ..write.authors import person_context
from ..write.lists import post_entry
from ..write.summaries import archive_years
from .ablogpages import ablog_heading, catalog_page, collection_page
from .furniture import feed_choices, head_links, month_anchors
from .incremental import digest, entry_inputs, page_sidebar_inputs
from .outputs import (
    all_present,
    code_key,
    document_files,
    output_file,
    owned,
    read_record,
    remove,
    write_record,
)
from .parallel import in_workers, run_tasks

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config

    from ..model import Post
    from ..store.catalog import Catalog

KIND_TITLES = {
    "tag": N_("Tags"),
    "category": N_("Categories"),
    "author": N_("Authors"),
    "location": N_("Locations"),
    "language": N_("Languages"),
}
TERM_TITLES = {
    "tag": N_("Posts tagged “%(name)s”"),
    "category": N_("Posts in “%(name)s”"),
    "author": N_("Posts by %(name)s"),
    "location": N_("Posts from %(name)s"),
    "language": N_("Posts in %(language)s"),
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
    what: str = ""
    """How a warning names the page (``the blog's page 'blog'`` when empty)."""
    origin: str = ""
    """The document that asked for the page (a redirect's post), where a warning points."""

    merges: bool = True
    """A document the writer put at this name shows this page's list below its own text
    (generate/intro.py); a redirect never merges."""
    outfile: str = ""
    """The output file (relative) when it is not the builder's for ``pagename``: a redirect
    at an old address ending in ``.html`` is that file under every builder."""

    def described(self) -> str:
        return self.what or f"the blog's page {self.pagename!r}"


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

    def page(
        self, pagename: str, title: str, body: str, crumbs: list[tuple[str, str]], **extra: Any
    ) -> Page:
        # the theme treats ``title`` as HTML (a document's title is), so escape ours
        context = {
            "title": escape(title),
            "pagetitle": escape(title),  # sphinx-book-theme's print header reads this
            "body": body,
            "display_toc": False,
            # breadcrumbs (pydata-sphinx-theme) and relation bars: Home › Blog › Tags › tag
            "parents": [
                {"link": link(self.builder, pagename, target), "title": escape(name)}
                for target, name in crumbs
            ],
            **extra,
        }
        return pagename, context, "page.html"

    def crumbs(self, *pages: tuple[str, str]) -> list[tuple[str, str]]:
        """The pages above a generated page, starting at the blog's index."""
        return [(index_page(self.config), self.config.posts_title), *pages]

    def listing(
        self,
        base: str,
        title: str,
        posts: list[Post],
        kind: str = "",
        feed: dict[str, str] | None = None,
        paginate: bool = True,
        above: tuple[tuple[str, str], ...] = (),
        person: str = "",
        per_page: int = 0,
    ) -> Iterator[PlannedPage]:
        """``base``, ``base/page/2`` ... with ``per_page`` (``posts_per_page``) posts each
        (or one page).

        ``above`` are the pages between the blog's index and this list (breadcrumbs);
        ``person`` is the author an author page introduces."""
        per_page = per_page or self.catalog.setting(self.config, "posts_per_page")
        size = per_page if paginate else max(1, len(posts))
        count = max(1, -(-len(posts) // size))
        names = [base if n == 1 else f"{base}/page/{n}" for n in range(1, count + 1)]
        for number, pagename in enumerate(names, start=1):
            chunk = posts[(number - 1) * size : number * size]
            shown = [entry_inputs(self.catalog, self.config, post) for post in chunk]
            yield PlannedPage(
                pagename,
                partial(self.listing_page, names, number, chunk, title, kind, feed, above, person),
                (names, number, title, kind, feed, shown, above, person),
            )

    def listing_page(
        self,
        names: list[str],
        number: int,
        posts: list[Post],
        title: str,
        kind: str,
        feed: dict[str, str] | None,
        above: tuple[tuple[str, str], ...] = (),
        person: str = "",
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
        heading = (
            title
            if number == 1
            else _("%(title)s, page %(number)d") % {"title": title, "number": number}
        )
        entries = self.entries(pagename, posts)
        up = None
        if kind == "series":  # the series index is reached from each series
            up = {
                "url": link(self.builder, pagename, series_index_page(self.config)),
                "title": _("All series"),
            }
        if kind == "year":
            for entry, anchor in zip(entries, month_anchors(self.catalog, posts), strict=True):
                entry["anchor"] = anchor
        about = (
            person_context(self.builder, pagename, self.catalog.person(person), "")
            if person
            else None
        )
        folder = feed["folder"] if feed else self.config.posts_path if kind == "index" else ""
        feeds = feed_choices(self.app, pagename, folder)
        titles_only = self.catalog.ablog and bool(ablog_setting(self.config, "blog_archive_titles"))
        body = self.render(
            "listing.html",
            title=heading,
            entries=entries,
            pagination=pagination,
            kind=kind,
            person=about,
            feeds=feeds,
            up=up,
            # ABlog's list pages end each entry with a link to the post; with its
            # blog_archive_titles they show titles and dates only
            expand=_("Read more ...") if self.catalog.ablog and not titles_only else "",
            excerpts=not titles_only,
        )
        extra: dict[str, Any] = {"posts_feed": feed} if feed else {}
        # no ``prev``/``next``: themes would show a second pagination bar (pydata-sphinx-theme's
        # "Previous"/"Next", furo's footer); the head links say the same for browsers
        extra["metatags"] = head_links(pagination["prev"], pagination["next"])
        above_here = list(above) if number == 1 else [*above, (names[0], title)]
        crumbs = self.crumbs(*above_here) if kind != "index" or number > 1 else []
        page = self.page(pagename, heading, body, crumbs, **extra)
        return collection_page(self.app, page, pagename, kind) if count == 1 else page

    def term_index(self, kind: str) -> Page:
        pagename = terms_page(self.config, kind)
        terms = [
            {
                "name": term.name,
                "count": len(term.posts),
                "url": link(self.builder, pagename, term_page(self.config, kind, term.slug)),
                "person": person_context(self.builder, pagename, self.catalog.person(term.name), "")
                if kind == "author"
                else None,
            }
            for term in self.catalog.terms[kind].values()
            if term.posts
        ]
        title = _(KIND_TITLES[kind])
        body = self.render("terms.html", title=title, terms=terms, kind=kind)
        return catalog_page(self.app, self.page(pagename, title, body, self.crumbs()), kind)

    def archive(self) -> Page:
        """Every year with its posts; with more posts than a year page holds, every year
        with its months instead (each linking to its first post on the year's pages)."""
        pagename = archive_page(self.config)
        if len(self.catalog.posts) > self.config.posts_per_year_page:
            years = archive_years(self.app, pagename, self.catalog)
        else:
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
        body = self.render("archive.html", title=title, years=years)
        return catalog_page(self.app, self.page(pagename, title, body, self.crumbs()), "archive")

    def plan(self) -> Iterator[PlannedPage]:
        """Every generated page, named but not yet rendered."""
        config = self.config
        yield from self.listing(index_page(config), config.posts_title, self.catalog.posts, "index")
        for kind in KIND_TITLES:
            if kind == "location" and not self.catalog.ablog:
                continue  # ABlog's pages, written for ABlog sites
            if kind == "language" and not has_language_pages(self.catalog):
                continue
            terms = [term for term in self.catalog.terms[kind].values() if term.posts]
            if not terms and kind != "tag":
                continue
            counts = [(term.name, term.slug, len(term.posts)) for term in terms]
            yield PlannedPage(terms_page(config, kind), partial(self.term_index, kind), counts)
            above = ((terms_page(config, kind), _(KIND_TITLES[kind])),)
            for term in terms:
                base = term_page(config, kind, term.slug)
                title = _(TERM_TITLES[kind]) % {"name": term.name, "language": term.name}
                feed = {
                    "folder": base,
                    "title": feed_title(config, term.name, ablog_heading(kind), self.catalog.ablog),
                }
                has_feed = kind in config.posts_feed_terms
                person = term.name if kind == "author" else ""
                yield from self.listing(
                    base, title, term.posts, kind, feed if has_feed else None, True, above, person
                )
        yield from self.plan_series()
        archive = (
            [
                (year, [entry_inputs(self.catalog, config, post) for post in posts])
                for year, posts in self.catalog.years.items()
            ],
            config.posts_per_year_page,
        )
        yield PlannedPage(archive_page(config), self.archive, archive)
        above = ((archive_page(config), _("Archive")),)
        for year, posts in self.catalog.years.items():
            # like ABlog's, a year is one page, up to ``posts_per_year_page`` posts
            yield from self.listing(
                year_page(config, year),
                str(year),
                posts,
                "year",
                None,
                True,
                above,
                per_page=config.posts_per_year_page,
            )
        if self.catalog.ablog:  # ABlog's list of drafts and scheduled posts
            records = get_domain(self.app.env).posts.values()
            drafts = sorted(  # ABlog's order: newest first, then by title (undated: all alike)
                (post for post in records if post.key not in self.catalog.rank),
                key=order(True),
                reverse=True,
            )
            yield from self.listing(drafts_page(config), _("Drafts"), drafts, "drafts", None, False)
        for post in self.catalog.posts:
            for old in post.redirect:
                pagename = redirect_page(old)
                if pagename is None:
                    warn(
                        PostsWarning.FRONTMATTER,
                        f"redirect: {old[:80]!r}: expected an address inside the site, each "
                        f"part at most {NAME_BYTES} bytes; ignored",
                        (post.docname, None),
                    )
                    continue
                target = (post.docname, post.title)
                what = f"the redirect {pagename!r} of {post.docname!r} (redirect: {old!r})"
                outfile = redirect_file(self.builder, old, pagename)
                render = partial(self.redirect, pagename, post, outfile)
                yield PlannedPage(
                    pagename, render, target, what, post.docname, merges=False, outfile=outfile
                )
        yield from self.plan_author_moves()

    def plan_author_moves(self) -> Iterator[PlannedPage]:
        """Author pages were named after the ``posts_authors`` key before they were named after
        the author (as ABlog names them): each old address forwards to the author's page."""
        config, catalog = self.config, self.catalog
        if catalog.ablog:
            return  # ABlog always named them after the author
        for key in sorted(config.posts_authors):
            term = catalog.term("author", key)
            if term is None or not term.posts:
                continue
            old = term_page(config, "author", slugify(key))
            new = term_page(config, "author", term.slug)
            if old != new:
                what = f"the old address {old!r} of the author page {new!r}"
                render = partial(self.forward, old, new, term.name)
                yield PlannedPage(old, render, (new, term.name), what, merges=False)

    def forward(self, pagename: str, target: str, title: str) -> Page:
        """A page that forwards readers to ``target`` (a page of the blog that moved)."""
        url = file_link(self.builder, output_file(self.app, pagename), target)
        context = {
            "title": escape(title),
            "post_url": url,
            "post_title": title,
            "moved": _("This page has moved to"),
        }
        return pagename, context, "posts/redirect.html"

    def plan_series(self) -> Iterator[PlannedPage]:
        """A page for each series, its parts oldest first; and the index of every series."""
        config, catalog = self.config, self.catalog
        if not catalog.series:
            return
        names = [
            (name, catalog.series_slugs[name], len(parts)) for name, parts in catalog.series.items()
        ]
        yield PlannedPage(series_index_page(config), self.series_index, sorted(names))
        for name, parts in catalog.series.items():
            base = series_page(config, catalog.series_slugs[name])
            title = _("Series: %(name)s") % {"name": name}
            above = ((series_index_page(config), _("Series")),)
            yield from self.listing(base, title, parts, "series", None, False, above)

    def series_index(self) -> Page:
        pagename = series_index_page(self.config)
        series = [
            {
                "name": name,
                "count": len(parts),
                "url": link(
                    self.builder,
                    pagename,
                    series_page(self.config, self.catalog.series_slugs[name]),
                ),
            }
            for name, parts in sorted(
                self.catalog.series.items(), key=lambda item: item[0].casefold()
            )
        ]
        title = _("Series")
        body = self.render("terms.html", title=title, terms=series, kind="series")
        return self.page(pagename, title, body, self.crumbs())

    def redirect(self, pagename: str, post: Post, outfile: str = "") -> Page:
        """ABlog's ``:redirect:``: the post's old address forwards readers to the post
        (linked from the file's own folder, wherever it is written)."""
        builder = self.builder
        url = file_link(builder, outfile or output_file(self.app, pagename), post.docname)
        context = {
            "title": escape(post.title),
            "post_url": url,
            "post_title": post.title,
            # ABlog's post_redirect_refresh (5 s by default) on ABlog sites; at once elsewhere
            "refresh": ablog_setting(self.config, "post_redirect_refresh")
            if self.catalog.ablog
            else 0,
        }
        return pagename, context, "posts/redirect.html"


NAME_BYTES = 200
"""Longest part of a redirect's address: file systems refuse names over 255 bytes."""


def redirect_page(old: str) -> str | None:
    """An old address as a page name (``/2013/old-post.html`` -> ``2013/old-post``), or
    ``None`` for one that would lead outside the output folder or that no file system takes.

    An address ending in ``/`` (Hugo's and Jekyll's "pretty" addresses) is a folder's: its
    page is the folder's ``index``, the file a static host serves there under any builder."""
    address = old.strip().replace("\\", "/")
    name = posixpath.normpath("/" + address).strip("/").removesuffix(".html")
    if name and address.endswith("/"):
        name += "/index"
    if not name or ":" in name or "\0" in name:
        return None
    if any(len(part.encode("utf-8")) > NAME_BYTES for part in name.split("/")):
        return None
    return name


def redirect_file(builder: Any, old: str, pagename: str) -> str:
    """Where a static host looks for an old address ending in ``.html`` when the builder
    would write its page elsewhere (dirhtml: ``a/b/index.html``); ``""`` otherwise."""
    if not old.strip().endswith(".html") or getattr(builder, "out_suffix", "") != ".html":
        return ""
    wanted = pagename + ".html"
    written = Path(builder.get_outfilename(pagename)).relative_to(builder.outdir).as_posix()
    return "" if written == wanted else wanted


class OutputClaims:
    """Which page owns each output file, so a generated page never replaces a document,
    a page Sphinx writes, a file Sphinx copies, or another generated page.

    Documents and Sphinx's pages are claimed first; generated pages then claim their files
    in plan order (the blog's own pages before redirects), and the first claim wins.
    """

    def __init__(self, app: Sphinx) -> None:
        self.files: dict[str, str] = {}
        """Output file (relative, posix) -> how a warning names its owner."""
        self.folders: dict[str, str] = {}
        """Folders those files are in -> the owner of the first file there."""
        self.documents: dict[str, str] = {}
        """Output file -> how a warning names the document written there."""
        for docname, relative in document_files(app).items():
            self.documents.setdefault(relative, f"the document {docname!r}")
            self.claim(relative, self.documents[relative])
        for pagename, what in sphinx_pages(app.builder).items():
            self.claim(output_file(app, pagename), what)

    def claim_feeds(self, config: Config, catalog: Catalog) -> None:
        """The feed files of the blog and of its terms: in ``dirhtml`` a page named
        ``blog/atom.xml`` (a redirect) is a folder where the feed must be a file."""
        folders = [index_page(config)] + [
            term_page(config, kind, term.slug)
            for kind in config.posts_feed_terms
            for term in catalog.terms[kind].values()
            if term.posts
        ]
        for folder in folders:
            for name in FORMATS.values():
                self.claim(f"{folder}/{name}", f"the feed {folder}/{name!r}")

    def claim(self, relative: str, owner: str) -> None:
        self.files.setdefault(relative, owner)
        parts = relative.split("/")
        for end in range(1, len(parts)):
            self.folders.setdefault("/".join(parts[:end]), owner)

    def owner(self, pagename: str, relative: str) -> str | None:
        """Who already has ``relative`` (or a folder or file in its way); None if no one."""
        parts = relative.split("/")
        if parts[0] in SPHINX_FOLDERS:
            return f"Sphinx's folder {parts[0]!r}"
        if is_sphinx_page(pagename):
            return f"Sphinx's page {pagename!r}"
        if relative in self.files:
            return self.files[relative]
        if relative in self.folders:  # dirhtml: a page file where a folder of pages is
            return self.folders[relative]
        for end in range(1, len(parts)):
            found = self.files.get("/".join(parts[:end]))
            if found is not None:  # a file where this page needs a folder
                return found
        return None


def chrome_key(app: Sphinx) -> str:
    """What every page shows around its body: configuration, templates, navigation and
    (when the site uses them) the posts sidebars. When it changes, every page is rewritten."""
    builder = app.builder
    build_info = getattr(builder, "build_info", None)
    env = app.env
    navigation = sorted((doc, tuple(children)) for doc, children in env.toctree_includes.items())
    in_navigation = set(env.toctree_includes).union(*env.toctree_includes.values())
    titles = sorted((doc, env.titles[doc].astext()) for doc in in_navigation if doc in env.titles)
    catalog = get_domain(env).catalog()
    sidebars = page_sidebar_inputs(app, catalog)
    return digest(
        (
            getattr(build_info, "config_hash", ""),
            ablog_values(app.config),
            catalog.ablog,  # decided after reading on a site whose conf.py does not say
            getattr(build_info, "tags_hash", ""),
            builder.templates.newest_template_mtime() if builder.templates else 0,
            navigation,
            titles,
            sidebars,
            code_key(),
        )
    )


def write_page(builder: Any, planned: PlannedPage) -> None:
    """Render and write one page as Sphinx would write what ``collect_pages`` yields (a page
    at an address no page name gives, such as ``old/x/index.html``, at its own file)."""
    if planned.outfile:
        builder.handle_page(*planned.render(), outfilename=builder.outdir / planned.outfile)
    else:
        builder.handle_page(*planned.render())


def collect_pages(app: Sphinx) -> Iterator[Page]:
    """Yield the generated pages that are new or show something new since the last build.

    A page whose body, title, links and surrounding chrome are all as last time, and whose
    file is still there, is not rendered through the theme again. Once every page is written,
    the pages an earlier build wrote and this one does not are deleted. Without this, an
    incremental build keeps (say) page 3 of a tag that now has two pages.
    """
    if not makes_blog_pages(app.builder):
        return
    builder = app.builder
    record = read_record(app, "pages")
    previous = record.files
    current: dict[str, str] = {}
    chrome = chrome_key(app)
    domain = get_domain(app.env)
    if (
        record.trusted
        and domain.records_unchanged_since_last_build(build_time())
        and record.chrome == chrome
        and all_present(app, record)
    ):
        return  # no record, list or template changed: every page is as last written
    outdir = app.outdir
    claims = OutputClaims(app)
    claims.claim_feeds(app.config, get_domain(app.env).catalog())
    unchanged: dict[str, str] = {}
    to_write: list[PlannedPage] = []
    for planned in BlogPages(app, get_domain(app.env).catalog()).plan():
        relative = planned.outfile or output_file(app, planned.pagename)
        owner = claims.owner(planned.pagename, relative)
        if owner is not None:
            if planned.merges and owner == claims.documents.get(relative):
                continue  # the writer's document shows the list below its text (intro.py)
            if not planned.merges and claims.documents.get(relative) == owner == (
                f"the document {planned.origin!r}"
            ):
                continue  # a redirect at the post's own address: the post is there
            warn(
                PostsWarning.COLLISION,
                f"{planned.described()} would replace {owner} ({relative!r}): the page "
                f"{planned.pagename!r} is not written and {owner} is kept",
                (planned.origin or planned.pagename, None),
            )
            continue
        claims.claim(relative, planned.described())
        current[relative] = digest((chrome, planned.pagename, planned.inputs))
        if previous.get(relative) == current[relative] and (outdir / relative).is_file():
            unchanged[relative] = current[relative]
            continue
        to_write.append(planned)
    earlier = owned(app, "pages", record)
    # before a page is written: any of these may be on disk, only unchanged ones are known
    write_record(app, "pages", {**dict.fromkeys(earlier | set(current), ""), **unchanged})
    if in_workers(app, len(to_write)):
        run_tasks(app, [partial(write_page, builder, planned) for planned in to_write])
    else:
        for planned in to_write:
            if planned.outfile:  # a file no page name gives: written here, where it belongs
                write_page(builder, planned)
                continue
            yield planned.render()
    remove(app, earlier - set(current))
    write_record(app, "pages", current, chrome)


def setup_pages(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_pages)
