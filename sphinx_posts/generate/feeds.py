"""Atom, RSS and JSON Feed, site-wide and per tag, written once the HTML build succeeded.

Entries come from the catalog (drafts and scheduled posts never appear). Content is each post's
rendered body, kept when its page is written (``bodies``, so incremental builds reuse it), with
links and images made absolute. Nothing depends on the build
time: a feed's ``updated`` is its newest entry's, so rebuilding gives identical bytes.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from functools import partial
from posixpath import join as posix_join
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from markupsafe import escape

from ..config import ablog_setting, ablog_values
from ..i18n import content_language, language_tag
from ..model import shown_terms
from ..report import note
from ..store.catalog import build_time, show_drafts
from ..store.domain import get_domain
from ..urls import (
    FORMATS,
    base_url,
    feed_title,
    image_url,
    makes_blog_pages,
    term_page,
    year_page,
)
from ..write.authors import resolve_author
from .ablogfeeds import EntryTemplates, ablog_categories, feed_templates
from .ablogpages import ablog_heading
from .bodies import BodyStore, post_documents
from .incremental import digest
from .outputs import all_present, code_key, owned, read_record, remove, write_record
from .parallel import run_tasks

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from feedgen.feed import FeedGenerator
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from ..model import Post
    from ..store.catalog import Catalog

CHROME = re.compile(r"<!-- posts:chrome -->.*?<!-- /posts:chrome -->", re.DOTALL)
FIRST_TITLE = re.compile(r"<h1>.*?</h1>", re.DOTALL)
HEADERLINK = re.compile(r"<a class=\"headerlink\"[^>]*>.*?</a>", re.DOTALL)
UNSET_AUTHOR = "Author name not set"  # Sphinx's default ``author``
URL_ATTRIBUTE = re.compile(r"""(\s(?:href|src|poster)=)(["'])(.*?)\2""", re.IGNORECASE)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def clean(text: str) -> str:
    """Drop characters XML cannot carry (control characters) instead of failing."""
    return NOT_XML.sub("", text)


def absolute(html: str, page_url: str) -> str:
    """Make every relative ``href``/``src`` in ``html`` absolute against ``page_url``."""

    def replace(match: re.Match[str]) -> str:
        prefix, quote, url = match.groups()
        if url.startswith(("#", "mailto:", "data:")) or "://" in url:
            target = urljoin(page_url, url) if url.startswith("#") else url
        else:
            target = urljoin(page_url, url)
        return f"{prefix}{quote}{target}{quote}"

    return URL_ATTRIBUTE.sub(replace, html)


SECTION_TAG = re.compile(r"<(/?)section\b[^>]*>", re.IGNORECASE)
FIRST_HEADING = re.compile(r"<h([1-6])\b[^>]*>.*?</h\1>", re.DOTALL | re.IGNORECASE)


def section_html(html: str, section_id: str) -> str:
    """The ``<section>`` of a page's body whose id is ``section_id``, its heading left out;
    "" when the body has none (an older body, another writer)."""
    opening = re.search(rf'<section\b[^>]*\bid="{re.escape(section_id)}"[^>]*>', html)
    if opening is None:
        return ""
    depth = 1
    for tag in SECTION_TAG.finditer(html, opening.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            inner = FIRST_HEADING.sub("", html[opening.end() : tag.start()], count=1)
            return f"{opening.group(0)}{inner}</section>"
    return ""


def settings_key(app: Sphinx) -> str:
    """The HTML builder's hash of the configuration, and ABlog's settings (a feed shows
    settings too)."""
    config_hash = getattr(getattr(app.builder, "build_info", None), "config_hash", "")
    return digest((config_hash, ablog_values(app.config)))


class FeedWriter:
    """Writes the feeds of one build."""

    def __init__(self, app: Sphinx, catalog: Catalog, base: str, store: BodyStore) -> None:
        self.app = app
        self.store = store
        self.hashes = store.hashes()
        self.builder: Builder = app.builder
        self.config = app.config
        self.catalog = catalog
        self.base = base
        self.bodies: dict[str, str] = {}
        self.entries: dict[str, dict[str, Any]] = {}
        """Each post's entry, made once: a post is in the feed of every one of its terms."""
        self.keys: dict[str, str] = {}
        """Each post's share of a feed's inputs key, made once for the same reason."""
        self.previous: dict[str, str] = read_record(app, "feeds").files
        self.written: dict[str, str] = {}
        self.settings = (settings_key(app), catalog.ablog)
        self.templates = feed_templates(app)
        """ABlog's ``blog_feed_templates``: more Atom feeds, templated entries."""
        self.rendered = EntryTemplates(app, self.templates) if self.templates else None
        self.pending: list[Callable[[], None]] = []
        """Feeds to write (``render``), each with everything it shows already computed."""
        subtitle = ablog_setting(app.config, "blog_feed_subtitle")
        self.subtitle: str = clean(subtitle) if isinstance(subtitle, str) else ""
        """ABlog's ``blog_feed_subtitle``: the feeds' subtitle, else the project's name."""

    def url(self, pagename: str) -> str:
        return urljoin(self.base, self.builder.get_target_uri(pagename))

    def post_url(self, post: Post) -> str:
        return self.url(post.docname) + (f"#{post.section}" if post.section else "")

    def fetch_bodies(self, posts: list[Post]) -> None:
        """The feed-ready bodies of ``posts``: no theme chrome or title, absolute links."""
        missing = {p.docname for p in posts if p.docname not in self.bodies}
        for docname, html in self.store.bodies(missing).items():
            html = HEADERLINK.sub("", FIRST_TITLE.sub("", CHROME.sub("", html), count=1))
            self.bodies[docname] = clean(absolute(html, self.url(docname)))

    def body(self, post: Post) -> str:
        """The post's body; a posted section's is that section, without its heading (as
        ABlog's feeds carried it)."""
        body = self.bodies.get(post.docname, "")
        return section_html(body, post.section) if post.section else body

    def entry(self, post: Post) -> dict[str, Any]:
        """The post's entry, the same in every feed it is in (its body is fetched first)."""
        if post.key not in self.entries:
            self.entries[post.key] = self.entry_data(post)
        return self.entries[post.key]

    def person(self, name: str) -> dict[str, str]:
        """An entry's author: the name ``posts_authors`` gives it, and its address."""
        author = resolve_author(name, self.config)
        return {"name": clean(author.name), "url": clean(author.url)}

    def entry_data(self, post: Post) -> dict[str, Any]:
        published = post.date or EPOCH
        mode = self.catalog.setting(self.config, "posts_feed_content")
        named = [self.person(name) for name in shown_terms(post.authors)[0]]
        return {
            "id": self.post_url(post),
            "url": self.post_url(post),
            "title": clean(post.title),
            "published": published,
            "updated": max(post.updated or published, published),
            "authors": named,
            # ABlog's Atom entries named one author, the last (its dict kept one "name")
            "atom_authors": [self.person(name) for name in post.authors[-1:]]
            if self.catalog.ablog
            else named,
            "tags": [clean(name) for name in self.tag_names(post)],
            "categories": ablog_categories([clean(name) for name in self.tag_names(post)])
            if self.catalog.ablog
            else None,
            "summary": clean(post.description or post.excerpt) if mode != "none" else "",
            "content": self.body(post) if mode == "full" else "",
            "image": image_url(self.app.env, post, lambda path: urljoin(self.base, path)),
            "language": content_language(post.languages),
        }

    def write_all(self) -> None:
        posts = self.catalog.posts
        if show_drafts(self.config):  # previews list drafts; feeds never carry them
            posts = [post for post in posts if not post.draft and post.date <= self.catalog.now]
        index = self.config.posts_path
        title = feed_title(self.config, self.config.posts_title, ablog=self.catalog.ablog)
        self.write(index, title, self.url(index), posts)
        in_feeds = {post.key for post in posts}
        for kind in self.config.posts_feed_terms:
            for term in self.catalog.terms[kind].values():
                chosen = [post for post in term.posts if post.key in in_feeds]
                if not chosen:
                    continue
                page = term_page(self.config, kind, term.slug)
                self.write(page, self.term_feed_title(kind, term.name), self.url(page), chosen)
        if self.catalog.ablog and self.config.blog_feed_archives:
            self.write_ablog_archives(in_feeds)

    def write_ablog_archives(self, in_feeds: set[str]) -> None:
        """ABlog's ``blog_feed_archives`` also gives each year, location and language a feed."""
        for year, posts in self.catalog.years.items():
            chosen = [post for post in posts if post.key in in_feeds]
            page = year_page(self.config, year)
            self.write(page, self.term_feed_title("year", str(year)), self.url(page), chosen)
        for kind in ("location", "language"):
            for term in self.catalog.terms[kind].values():
                chosen = [post for post in term.posts if post.key in in_feeds]
                if chosen:
                    page = term_page(self.config, kind, term.slug)
                    self.write(page, self.term_feed_title(kind, term.name), self.url(page), chosen)

    def term_feed_title(self, kind: str, name: str) -> str:
        return feed_title(self.config, name, ablog_heading(kind), self.catalog.ablog)

    def tag_names(self, post: Post) -> list[str]:
        """The usual spelling of the tags an entry carries (a few, like a list entry)."""
        return [self.catalog.term("tag", tag).name for tag in shown_terms(post.tags)[0]]

    def post_key(self, post: Post) -> str:
        if post.key not in self.keys:
            shown = (post, self.tag_names(post), self.hashes.get(post.docname, ""))
            self.keys[post.key] = digest(shown)
        return self.keys[post.key]

    def inputs_key(self, folder: str, title: str, home: str, posts: list[Post]) -> str:
        """Everything a feed shows, without rendering it: settings, posts and their bodies."""
        shown = [self.post_key(post) for post in posts]
        return digest((self.settings, self.base, folder, title, home, shown, self.templates))

    def write(self, folder: str, title: str, home: str, posts: list[Post]) -> None:
        posts = posts[: self.catalog.setting(self.config, "posts_feed_length")]
        key = self.inputs_key(folder, title, home, posts)
        paths = [posix_join(folder, name) for name in FORMATS.values()]
        paths += [posix_join(folder, f"{name}.xml") for name in self.templates if name != "atom"]
        self.written.update(dict.fromkeys(paths, key))
        if all(self.previous.get(path) == key for path in paths) and all(
            (self.app.outdir / path).is_file() for path in paths
        ):
            return  # unchanged since the last build
        if self.catalog.setting(self.config, "posts_feed_content") == "full":
            self.fetch_bodies(posts)
        entries = [self.entry(post) for post in posts]
        updated = max((entry["updated"] for entry in entries), default=EPOCH)
        language = language_tag(self.config.language) or "en"
        feed_urls = {name: urljoin(self.base, posix_join(folder, f)) for name, f in FORMATS.items()}
        outdir = self.app.outdir / folder
        outdir.mkdir(parents=True, exist_ok=True)
        # ABlog's templated feeds render templates: here, in the main process
        self.write_templated(folder, title, home, feed_urls, updated, language, posts, entries)
        self.pending.append(
            partial(self.render, title, home, feed_urls, updated, language, entries, outdir)
        )

    def render(
        self,
        title: str,
        home: str,
        feed_urls: dict[str, str],
        updated: datetime,
        language: str,
        entries: list[dict[str, Any]],
        outdir: Path,
    ) -> None:
        """Write one feed's three files (from entries computed before: no database here,
        so a worker process can do it)."""
        generator = self.feedgen(title, home, feed_urls, updated, language, entries)
        (outdir / FORMATS["atom"]).write_bytes(generator.atom_str(pretty=True))
        html_descriptions(generator, entries)
        # RSS takes its channel <link> from the last link given, and "self" must be itself
        generator.link(href=feed_urls["rss"], rel="self", replace=True)
        generator.link(href=home, rel="alternate")
        (outdir / FORMATS["rss"]).write_bytes(generator.rss_str(pretty=True))
        json_feed = self.json_feed(title, home, feed_urls["json"], language, entries)
        (outdir / FORMATS["json"]).write_text(
            json.dumps(json_feed, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )

    def write_templated(
        self,
        folder: str,
        title: str,
        home: str,
        feed_urls: dict[str, str],
        updated: datetime,
        language: str,
        posts: list[Post],
        entries: list[dict[str, Any]],
    ) -> None:
        """ABlog's ``blog_feed_templates``: an Atom feed ``<name>.xml`` for each name, its
        entries' title, summary or content from the name's templates (``atom`` is atom.xml)."""
        if self.rendered is None:
            return
        for name, templates in self.templates.items():
            if name == "atom" and not templates:
                continue
            urls = {**feed_urls, "atom": urljoin(self.base, posix_join(folder, f"{name}.xml"))}
            feed = {"feed_title": title, "feed_url": urls["atom"], "pagename": folder}
            shown = [
                self.rendered.entry(name, post, entry, feed)
                for post, entry in zip(posts, entries, strict=True)
            ]
            generator = self.feedgen(title, home, urls, updated, language, shown)
            (self.app.outdir / folder / f"{name}.xml").write_bytes(generator.atom_str(pretty=True))

    def feedgen(
        self,
        title: str,
        home: str,
        feed_urls: dict[str, str],
        updated: datetime,
        language: str,
        entries: list[dict[str, Any]],
    ) -> FeedGenerator:
        # feedgen (and lxml's tree builder) load only when a feed is written: a rebuild
        # that changes no feed does without them
        from feedgen.ext.base import BaseExtension
        from feedgen.feed import FeedGenerator

        from .feedlanguage import EntryLanguage

        generator = FeedGenerator()
        generator.load_extension("dc", atom=False, rss=True)  # dc:creator for RSS only
        generator.id(feed_urls["atom"])
        generator.title(clean(title))
        generator.link(href=home, rel="alternate")
        generator.link(href=feed_urls["atom"], rel="self")
        generator.description(clean(self.subtitle or self.config.project) or title)
        site_author = self.config.author if self.config.author != UNSET_AUTHOR else ""
        generator.author({"name": clean(site_author or self.config.project)})
        generator.language(language)
        generator.updated(updated)
        generator.lastBuildDate(updated)
        generator.generator("sphinx-posts")
        generator.register_extension("posts_language", BaseExtension, EntryLanguage, rss=False)
        for entry in entries:
            item = generator.add_entry(order="append")
            item.id(entry["id"])
            item.guid(entry["id"], permalink=True)
            item.title(entry["title"])
            item.link(href=entry["url"], rel="alternate")
            item.published(entry["published"])
            item.updated(entry["updated"])
            for author in entry["atom_authors"]:
                uri = {"uri": author["url"]} if author["url"] else {}
                item.author({"name": author["name"], **uri})
            for author in entry["authors"]:
                item.dc.dc_creator(author["name"])
            if entry["language"]:
                item.posts_language.tag = entry["language"]
                item.dc.dc_language(entry["language"])
            if entry.get("categories"):  # ABlog's Atom categories
                item.category(entry["categories"])
            elif entry["tags"]:  # one call: feedgen redoes every category on each call
                item.category([{"term": tag, "label": tag} for tag in entry["tags"]])
            if entry["summary"]:
                item.description(entry["summary"], isSummary=True)
            if entry["content"]:
                item.content(entry["content"], type="html")
        return generator

    def json_feed(
        self, title: str, home: str, feed_url: str, language: str, entries: list[dict[str, Any]]
    ) -> dict[str, Any]:
        items = []
        for entry in entries:
            item: dict[str, Any] = {
                "id": entry["id"],
                "url": entry["url"],
                "title": entry["title"],
                "date_published": entry["published"].isoformat(),
                "date_modified": entry["updated"].isoformat(),
            }
            if entry["summary"]:
                item["summary"] = entry["summary"]
            # ``content_html`` is HTML: a plain-text summary or title stands in escaped
            item["content_html"] = entry["content"] or str(
                escape(entry["summary"] or entry["title"])
            )
            if entry["authors"]:
                item["authors"] = [
                    {"name": author["name"], **({"url": author["url"]} if author["url"] else {})}
                    for author in entry["authors"]
                ]
            if entry["tags"]:
                item["tags"] = entry["tags"]
            if entry["image"]:
                item["image"] = entry["image"]
            if entry["language"]:
                item["language"] = entry["language"]
            items.append(item)
        return {
            "version": "https://jsonfeed.org/version/1.1",
            "title": title,
            **({"description": self.subtitle} if self.subtitle else {}),
            "home_page_url": home,
            "feed_url": feed_url,
            "language": language,
            "items": items,
        }


def html_descriptions(generator: FeedGenerator, entries: list[dict[str, Any]]) -> None:
    """Atom's ``summary`` (written by now) is text; RSS's ``description`` is HTML, so from
    here on the plain-text summaries are escaped: a ``<script>`` in one stays text."""
    for item, entry in zip(generator.entry(), entries, strict=True):
        if entry.get("categories"):  # ABlog's were for Atom: RSS has the tags as written
            item.category([{"term": tag, "label": tag} for tag in entry["tags"]], replace=True)
        if entry["summary"]:
            item.description(str(escape(entry["summary"])), isSummary=True)


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    if not makes_blog_pages(app.builder):
        return
    store = BodyStore(app)
    if exception is not None:
        store.close()
        return
    base = base_url(app)
    if not base:
        note(
            "no feeds written: feeds need the site's public address for their links; set "
            "html_baseurl in conf.py (for example 'https://example.org/'). Read the Docs "
            "sets it for you."
        )
    domain = get_domain(app.env)
    bodies_changed = store.fold(post_documents(domain.posts.values()))
    record = read_record(app, "feeds")
    chrome = digest((settings_key(app), base, code_key()))
    if (
        record.trusted
        and not bodies_changed
        and domain.unchanged_since_last_build(build_time())
        and record.chrome == chrome
        and all_present(app, record)
    ):
        return  # no post changed: every feed is as last written
    writer = FeedWriter(app, domain.catalog(), base, store)
    if base and app.config.posts_feed_length > 0:
        writer.write_all()
        run_tasks(app, writer.pending)
    remove(app, owned(app, "feeds", record) - set(writer.written))
    write_record(app, "feeds", writer.written, chrome)


def setup_feeds(app: Sphinx) -> None:
    app.connect("build-finished", write_feeds)
