"""ABlog's objects, read from our catalog: for templates written against ABlog.

ABlog hands its templates a ``Blog`` (``ablog`` in a page's context), whose catalogs
(``ablog.tags``, ``ablog.author`` ...) hold collections of ``Post`` objects; its
``blog_feed_templates`` see a ``post`` of the same kind. A site (or a theme) that wrote its own
``ablog/*.html`` or feed templates against them keeps working with these read-only views of the
same names: ``ablog.recent(5, pagename)``, ``ablog[pagename].published``, ``coll.docname``,
``coll|length``, ``post.tags``, ``post.date.strftime(ablog.post_date_format)`` ...

Made once per build (kept in the catalog's memo) and shared by every page.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from docutils import nodes
from docutils.utils import new_document
from markupsafe import Markup
from sphinx import addnodes

from ..config import ABLOG_DEFAULTS, ablog_setting
from ..doctree import ancestors
from ..model import ablog_slug
from ..store.catalog import NAMED_KINDS, is_scheduled
from ..store.domain import get_domain
from ..urls import archive_page, drafts_page, makes_blog_pages, term_page, terms_page, year_page
from .sidebars import ablog_icons

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

    from ..model import Post
    from ..store.catalog import Catalog

CATALOGS = {"tags": "tag", "author": "author", "category": "category"}
CATALOGS |= {"location": "location", "language": "language"}
"""ABlog's catalog names -> our term kinds."""


class Collection:
    """ABlog's ``Collection``: posts sharing a label (a tag, an author, a year ...)."""

    def __init__(
        self, catalog: BlogCatalog, label: str, name: str, docname: str, href: str = ""
    ) -> None:
        self.catalog = catalog
        self.label = label
        self.name = name
        self.docname = self.path = docname
        self.href = href or None
        self.xref = f"{catalog.xref}-{ablog_slug(str(label))}"
        self.posts: list[BlogPost] = []

    @property
    def title(self) -> str:
        return self.name

    def __str__(self) -> str:
        return str(self.name)

    def __len__(self) -> int:
        return len(self.posts)

    def __bool__(self) -> bool:
        return bool(self.posts)

    def __iter__(self) -> Iterator[BlogPost]:
        return iter(self.posts)

    def __getitem__(self, key: str) -> BlogPost | None:
        return next((post for post in self.posts if post.key == key), None)

    def __contains__(self, key: str) -> bool:
        return self[key] is not None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Collection) and self.name == other.name

    def __lt__(self, other: Collection) -> bool:
        return str(self.name) < str(other.name)

    def __hash__(self) -> int:
        return hash(self.name)

    def relsize(self, maxsize: int = 5, minsize: int = 1) -> int:
        """ABlog's size class in a tag cloud."""
        sizes = [len(coll) for coll in self.catalog if len(coll)]
        low, high = (min(sizes), max(sizes)) if sizes else (0, 0)
        diff = maxsize - minsize
        if len(sizes) <= 1 or low == high:
            return round(diff / 2.0 + minsize)
        return int(1.0 * (len(self) - low) / (high - low) * diff + minsize)


class BlogCatalog:
    """ABlog's ``Catalog``: the collections of one kind, by label."""

    def __init__(self, name: str, xref: str, docname: str, reverse: bool = False) -> None:
        self.name = name
        self.xref = xref
        self.docname = self.path = docname
        self.collections: dict[Any, Collection] = {}
        self.reverse = reverse

    def __str__(self) -> str:
        return self.name

    def __iter__(self) -> Iterator[Collection]:
        for key in sorted(self.collections, reverse=self.reverse):
            yield self.collections[key]

    def __getitem__(self, label: Any) -> Collection | None:
        return self.collections.get(label)

    def __contains__(self, label: Any) -> bool:
        return label in self.collections

    def __len__(self) -> int:
        return sum(len(coll) for coll in self.collections.values())

    def __bool__(self) -> bool:
        return len(self) > 0


class BlogPost:
    """ABlog's ``Post``: ``title``, ``docname``, ``section``, ``date``, ``update``,
    ``published``, ``tags``/``author``/``category``/``location``/``language`` (collections),
    ``prev``/``next`` and the links."""

    def __init__(self, post: Post, published: bool, timezone: Any, blog: Blog) -> None:
        self._blog = blog
        self.post = post
        self.key = post.key
        self.docname = post.docname
        self.section = post.section
        self.title = post.title
        self.date = post.date.astimezone(timezone) if post.date else None
        updated = post.updated.astimezone(timezone) if post.updated else None
        self.update = max(updated, self.date) if updated and self.date else updated or self.date
        self.published = published
        self.draft = not published
        self.nocomments = post.nocomments
        self.external_link = post.external_link or None
        self.canonical_link = post.canonical_link or None
        self.excerpt = post.description or post.excerpt
        self.image = post.image or None
        self.options = {"external_link": self.external_link}
        self.tags: list[Collection] = []
        self.author: list[Collection] = []
        self.category: list[Collection] = []
        self.location: list[Collection] = []
        self.language: list[Collection] = []
        self.archive: Any = []
        self.prev: BlogPost | None = None
        self.next: BlogPost | None = None

    def __str__(self) -> str:
        return self.title

    def to_html(
        self, pagename: str, fulltext: bool = False, drop_h1: bool = True, img_url: bool = False
    ) -> Markup:
        """ABlog's ``post.to_html(pagename)``: the excerpt as HTML, links relative to
        ``pagename`` (``fulltext``: the whole post, its title left out; ``drop_h1`` and
        ``img_url`` are accepted and ignored)."""
        return self._blog.post_html(self, pagename, fulltext)

    def sort_key(self) -> tuple[float, str]:
        return (self.date.timestamp() if self.date else float("inf"), self.title)

    def __lt__(self, other: BlogPost) -> bool:
        return self.sort_key() < other.sort_key()


class Blog:
    """ABlog's ``Blog``: ``ablog`` in a page's context."""

    def __init__(self, app: Sphinx, catalog: Catalog) -> None:
        self._app = app
        self._html: dict[tuple[str, str, bool], Markup] = {}
        self._at: dict[str, Collection] = {}
        self._config = app.config
        config = app.config
        self._date_format = catalog.setting(config, "posts_date_format")
        path = config.posts_path
        self.blog_path = path
        self.blog_title = config.posts_title
        self.blog = BlogCatalog("blog", "blog", path)
        self.archive = BlogCatalog("archive", "archive", archive_page(config), reverse=True)
        self.catalogs: dict[str, BlogCatalog] = {}
        for name, kind in CATALOGS.items():
            self.catalogs[name] = BlogCatalog(name, kind, terms_page(config, kind))
        self.tags = self.catalogs["tags"]
        self.author = self.catalogs["author"]
        self.category = self.catalogs["category"]
        self.location = self.catalogs["location"]
        self.language = self.catalogs["language"]
        self.posts = Collection(self.blog, "post", "Posts", path)
        self.drafts = Collection(self.blog, "draft", "Drafts", drafts_page(config))
        self._by_key: dict[str, BlogPost] = {}
        listed = {post.key for post in catalog.posts}
        others = [post for post in get_domain(app.env).sorted_posts() if post.key not in listed]
        for post in [*catalog.posts, *others]:  # the catalog's order (ABlog's on ABlog sites)
            published = (
                post.key in listed
                and not post.draft
                and post.date is not None
                and not is_scheduled(post, catalog.now)
            )
            view = self._by_key[post.key] = BlogPost(post, published, catalog.timezone, self)
            (self.posts if published else self.drafts).posts.append(view)
            self._terms(view, catalog)
            if published and (year := catalog.year_of(post)) is not None:
                coll = self.archive.collections.get(year)
                if coll is None:
                    coll = Collection(self.archive, str(year), str(year), year_page(config, year))
                    self.archive.collections[year] = coll
                coll.posts.append(view)
                view.archive = coll
        ordered = self.posts.posts
        for newer, older in pairwise(ordered):
            newer.prev, older.next = older, newer

    def _terms(self, view: BlogPost, catalog: Catalog) -> None:
        post = view.post
        written = {
            "tags": post.tags,
            "author": post.authors,
            "category": post.categories,
            "location": post.locations,
            "language": post.languages,
        }
        for name, kind in CATALOGS.items():
            shown = []
            for label in written[name]:
                coll = self._collection(name, kind, label, catalog)
                if view.published:
                    coll.posts.append(view)
                shown.append(coll)
            setattr(view, name, shown)

    def _collection(self, name: str, kind: str, label: str, catalog: Catalog) -> Collection:
        catalog_view = self.catalogs[name]
        term = catalog.term(kind, label)
        key = term.key if term else label
        coll = catalog_view.collections.get(key)
        if coll is None:
            shown = term.name if term else label
            docname = term_page(self._config, kind, term.slug) if term else ""
            href = ""
            named = ablog_setting(self._config, NAMED_KINDS[kind]) if kind in NAMED_KINDS else {}
            if isinstance(named, dict) and isinstance(named.get(label), tuple | list):
                entry = named[label]
                href = entry[1] if len(entry) > 1 and isinstance(entry[1], str) else ""
            coll = Collection(catalog_view, label, shown, docname, href)
            catalog_view.collections[key] = coll
        return coll

    def __getattr__(self, name: str) -> Any:
        """ABlog's settings, as ``ablog.post_date_format``."""
        if name in ABLOG_DEFAULTS:
            if name == "post_date_format":
                return self._date_format
            return ablog_setting(self._config, name)
        raise AttributeError(name)

    def post_html(self, view: BlogPost, pagename: str, fulltext: bool) -> Markup:
        """A post's excerpt (or whole text) as HTML, rendered once per page from its doctree:
        the paragraphs the excerpt was taken from, so the writer's markup, links and smart
        quotes are kept. A ``description`` is text, and is escaped."""
        key = (view.key, pagename, fulltext)
        if key not in self._html:
            self._html[key] = render_post_html(self._app, view.post, pagename, fulltext)
        return self._html[key]

    @property
    def fontawesome(self) -> bool:
        return ablog_icons(self._app)

    @property
    def feed_path(self) -> str:
        return f"{self.blog_path}/atom.xml"

    def __getitem__(self, key: str) -> BlogPost | None:
        return self._by_key.get(key)

    def collection_at(self, docname: str) -> Collection | None:
        """The collection whose page is ``docname`` (the blog's index, a tag's page ...)."""
        if not self._at:
            for catalog in (self.archive, *self.catalogs.values()):
                for coll in catalog:
                    self._at.setdefault(coll.docname, coll)
            self._at[self.posts.docname] = self.posts
            self._at[self.drafts.docname] = self.drafts
        return self._at.get(docname)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __len__(self) -> int:
        return len(self.posts)

    def __bool__(self) -> bool:
        return len(self.posts) > 0

    def __iter__(self) -> Iterator[BlogPost]:
        return iter(self.posts)

    def recent(self, num: int | None, docname: str | None = None, **labels: Any) -> list[BlogPost]:
        """The ``num`` newest posts, leaving out ``docname``'s."""
        others = [post for post in self.posts if post.docname != docname]
        return others if num is None else others[:num]

    def page_id(self, pagename: str) -> str | None:
        if not ablog_setting(self._config, "blog_baseurl"):
            return None
        if pagename.endswith("index"):
            pagename = pagename[:-5]
        pagename = pagename.strip("/")
        return "/" + pagename + ("/" if pagename else "")

    def page_url(self, pagename: str) -> str | None:
        base = ablog_setting(self._config, "blog_baseurl")
        if not base:
            return None
        url = urljoin(base, pagename)
        return url[:-5] if url.endswith("index") else url


EXCERPT_CLASS = "ablog-post-excerpt"
NOT_EXCERPT = (nodes.Admonition, nodes.topic, nodes.sidebar, nodes.system_message)
NOT_EXCERPT += (nodes.docinfo, nodes.field_list)


def _words(node: nodes.Node) -> str:
    text = "".join(part.astext() for part in node.findall(nodes.Text))
    return " ".join(text.split())


def excerpt_paragraphs(root: nodes.Element, excerpt: str) -> list[nodes.paragraph]:
    """The paragraphs, in order, whose text the post's (plain text) excerpt is."""
    wanted = " ".join(excerpt.rstrip("…").split())
    found: list[nodes.paragraph] = []
    shown = ""
    for paragraph in root.findall(nodes.paragraph):
        if any(isinstance(parent, NOT_EXCERPT) for parent in ancestors(paragraph)):
            continue
        words = _words(paragraph)
        if not words:
            continue
        joined = f"{shown} {words}".strip()
        if not (wanted.startswith(joined) or joined.startswith(wanted)):
            break
        found.append(paragraph)
        shown = joined
        if len(shown) >= len(wanted):
            break
    return found if wanted and shown.startswith(wanted) else []


def render_post_html(app: Sphinx, post: Post, pagename: str, fulltext: bool) -> Markup:
    builder = app.builder
    excerpt = post.description or post.excerpt
    plain = Markup('<div class="{}"><p>{}</p></div>').format(EXCERPT_CLASS, excerpt)
    if (post.description and not fulltext) or not hasattr(builder, "render_partial"):
        return plain
    doctree = app.env.get_doctree(post.docname)
    root: nodes.Element = doctree
    if post.section:
        root = next(
            (node for node in doctree.findall(nodes.section) if post.section in node["ids"]),
            doctree,
        )
    if fulltext:
        section = root if post.section else next(iter(root.findall(nodes.section)), root)
        chosen = [child for child in section.children if not isinstance(child, nodes.title)]
    else:
        chosen = excerpt_paragraphs(root, post.excerpt)
    if not chosen:
        return plain
    document = new_document("", doctree.settings)
    container = nodes.container(classes=[EXCERPT_CLASS])
    container.extend(node.deepcopy() for node in chosen)
    document += container
    for reference in document.findall(addnodes.pending_xref):
        reference["refdoc"] = pagename  # links from the page that shows the excerpt
    app.env.resolve_references(document, pagename, builder)
    return Markup(builder.render_partial(document[0])["fragment"])


def ablog_blog(app: Sphinx) -> Blog:
    """This build's ``Blog`` view, made on first use."""
    catalog = get_domain(app.env).catalog()
    found = catalog.memo.get("ablog")
    if not isinstance(found, Blog):
        found = catalog.memo["ablog"] = Blog(app, catalog)
    return found


def anchor(post: Any) -> str:
    """ABlog's ``anchor()`` in templates: ``#section`` for a posted section."""
    return f"#{post.section}" if getattr(post, "section", "") else ""


def ablog_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On an ABlog site, ``ablog`` and ``anchor`` in every page's context, as ABlog put them:
    a site's (or a theme's) own templates written for ABlog render instead of failing."""
    if makes_blog_pages(app.builder) and get_domain(app.env).catalog().ablog:
        context.setdefault("ablog", ablog_blog(app))
        context.setdefault("anchor", anchor)


def setup_ablog_objects(app: Sphinx) -> None:
    app.connect("html-page-context", ablog_context, priority=400)
