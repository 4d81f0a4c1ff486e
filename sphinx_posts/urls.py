"""Where everything the blog shows lives, in one place: generated pages (ABlog's layout),
feeds, and post images copied into the output.

Page names are builder-neutral (``blog/tag/python``); links are made from them with the
builder's ``get_relative_uri``, so ``html`` and ``dirhtml`` both work.
"""

from __future__ import annotations

import os
import re
from html import unescape
from posixpath import dirname, join, normpath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from sphinx.errors import NoUri
from sphinx.util.osutil import relative_uri

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from .model import Post, Term

KIND_PATHS = {
    "tag": "tag",
    "category": "category",
    "author": "author",
    "location": "location",
    "language": "language",
}
OUTPUT_DIR = "_images/posts"
SCHEDULE_FILE = "schedule.json"
SIDEBARS_FILE = "_sidebars.js"
"""The shared sidebar components (generate/shared.py), in ``posts_path``."""
FORMATS = {"atom": "atom.xml", "rss": "rss.xml", "json": "feed.json"}
MEDIA_TYPES = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
}


def paged(base: str, number: int) -> str:
    return base if number <= 1 else f"{base}/page/{number}"


def index_page(config: Config, number: int = 1) -> str:
    return paged(config.posts_path, number)


def terms_page(config: Config, kind: str) -> str:
    return f"{config.posts_path}/{KIND_PATHS[kind]}"


def term_page(config: Config, kind: str, slug: str, number: int = 1) -> str:
    return paged(f"{terms_page(config, kind)}/{slug}", number)


def schedule_page(config: Config) -> str:
    """The schedule file's path in the output (a file, not a page: it has its suffix)."""
    return f"{config.posts_path}/{SCHEDULE_FILE}"


def series_index_page(config: Config) -> str:
    return f"{config.posts_path}/series"


def series_page(config: Config, slug: str) -> str:
    return f"{series_index_page(config)}/{slug}"


def archive_page(config: Config) -> str:
    return f"{config.posts_path}/archive"


def year_page(config: Config, year: int, number: int = 1) -> str:
    return paged(f"{config.posts_path}/{year}", number)


SPHINX_FOLDERS = frozenset({"_static", "_images", "_sources", "_downloads", "_modules"})
"""Output folders Sphinx fills with files of its own: no generated page goes in them."""


def sphinx_pages(builder: Builder) -> dict[str, str]:
    """The pages the HTML builder writes itself (indices, search, ``html_additional_pages``),
    by page name, each with how a warning names it."""
    names = ["genindex", "genindex-all", "search"]
    names += [index[0] for index in getattr(builder, "domain_indices", ())]
    names += list(getattr(builder.config, "html_additional_pages", None) or ())
    return {name: f"Sphinx's page {name!r}" for name in names}


def is_sphinx_page(pagename: str) -> bool:
    """``genindex-A`` ...: the pages of a split index, whose letters are known only later."""
    return pagename.startswith("genindex-")


def month_anchor(year: int, month: int) -> str:
    """The id of a month's first post on its year's page (``blog/2026.html#2026-03``)."""
    return f"{year}-{month:02d}"


def post_label(docname: str) -> str:
    """ABlog's label of a post: its file name (a folder's name for ``.../index``)."""
    folder, _, name = docname.rpartition("/")
    if name == "index":
        name = folder.rpartition("/")[2]
    return name


def ablog_labels(config: Config) -> dict[str, tuple[str, str]]:
    """ABlog's reference labels for the blog's own pages (``{ref}`blog-posts```): label ->
    (page, title). Tags, authors, categories and years have ``tag-<slug>`` ... as well."""
    path = config.posts_path
    return {
        "blog-posts": (path, "Posts"),
        "blog-archives": (archive_page(config), "Archives"),
        "blog-tags": (terms_page(config, "tag"), "Tags"),
        "blog-authors": (terms_page(config, "author"), "Authors"),
        "blog-categories": (terms_page(config, "category"), "Categories"),
        "blog-locations": (terms_page(config, "location"), "Locations"),
        "blog-languages": (terms_page(config, "language"), "Languages"),
        "blog-drafts": (drafts_page(config), "Drafts"),
    }


def drafts_page(config: Config) -> str:
    """ABlog's list of drafts (ABlog sites only)."""
    return f"{config.posts_path}/drafts"


def link(builder: Builder, from_page: str, to_page: str) -> str:
    """A relative link between two pages, documents or generated ones alike.

    Builders without pages to link to (LaTeX, man, texinfo) give no link: ``""``.
    A link whose first part reads as a URL scheme gets a leading ``./``.
    """
    try:
        uri = builder.get_relative_uri(from_page, to_page)
    except NoUri:
        return ""
    # a page named ``javascript:x`` must stay a path, not become a scheme
    return f"./{uri}" if _scheme(uri) else uri


def file_link(builder: Builder, from_file: str, to_page: str) -> str:
    """A relative link from an output file (``2013/old.html``, relative to the output folder)
    to a page: for a file written where no page name puts it (a redirect at an old address)."""
    try:
        uri = relative_uri(from_file, builder.get_target_uri(to_page)) or "./"
    except NoUri:
        return ""
    return f"./{uri}" if _scheme(uri) else uri


def post_link(builder: Builder, page: str, post: Post) -> str:
    """A link to a post from ``page``: its document, at its section for a section post."""
    url = link(builder, page, post.docname)
    return f"{url}#{post.section}" if post.section else url


def makes_blog_pages(builder: Builder) -> bool:
    """Generated pages and links to them exist only for the multi-page HTML builders."""
    return builder.format == "html" and builder.name not in ("singlehtml", "epub")


def term_link(builder: Builder, page: str, term: Term | None, name: str) -> dict[str, str]:
    """A tag, category or author as shown on ``page``: its usual spelling, and a link to its
    page when it has one (a term only drafts use has no page)."""
    if term is None:
        return {"name": name, "url": ""}
    if not (term.posts and makes_blog_pages(builder)):
        return {"name": term.name, "url": ""}
    target = term_page(builder.config, term.kind, term.slug)
    return {"name": term.name, "url": link(builder, page, target)}


def base_url(app: Sphinx) -> str:
    """``html_baseurl``, else Read the Docs' canonical URL; always ending in ``/``."""
    candidates = (
        app.config.html_baseurl,
        getattr(app.config, "blog_baseurl", None),
        os.environ.get("READTHEDOCS_CANONICAL_URL", ""),
    )
    # Sphinx only warns about an html_baseurl that is not text
    url = next((value for value in candidates if value and isinstance(value, str)), "")
    return url if not url or url.endswith("/") else url + "/"


def feed_title(config: Config, name: str, heading: str = "", ablog: bool = False) -> str:
    """A feed's title, as feeds and the pages that link them both show it: the project's
    name and ``name`` (once, when they are the same); on an ABlog site, ABlog's titles: the
    blog's title, and for a term's feed ``Blog - Posts tagged python`` (``heading`` is
    ABlog's words for the kind of term, generate/ablogpages.py's HEADERS)."""
    if ablog:
        return f"{config.posts_title} - {heading} {name}" if heading else config.posts_title
    return name if name == config.project else f"{config.project}: {name}"


SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
LINK_RULE = "an http(s) URL{mailto} or a path inside the site (such as /about or ../post)"


def _scheme(url: str) -> str:
    """The scheme a browser would see: it drops tabs and newlines anywhere and control
    characters and spaces in front (so ``java\tscript:`` and `` javascript:`` are schemes)."""
    seen = CONTROL.sub("", url).lstrip(" ")
    match = SCHEME.match(seen)
    return match.group(1).casefold() if match else ""


def safe_link(value: str, allow_mailto: bool = False) -> str:
    """``value`` if it is safe as a link or image address, else ``""``.

    Only http(s) (and ``mailto`` where a link fits) and paths inside the site pass: a
    ``javascript:``, ``data:`` or ``file:`` URL, or a protocol-relative ``//host``, would
    run code or leave the site from a page the writer did not mean to. Schemes hidden by
    case, whitespace, control characters or HTML entities count as what they hide.
    """
    url = value.strip()
    if not url or CONTROL.search(url):
        return ""
    schemes = {_scheme(url), _scheme(unescape(url))} - {""}
    allowed = {"http", "https", "mailto"} if allow_mailto else {"http", "https"}
    if not schemes:
        bare = unescape(url).lstrip()
        return "" if bare.startswith(("//", "\\", "/\\")) else url
    if not schemes <= allowed or (":" in url and not SCHEME.match(url)):
        return ""
    if schemes & {"http", "https"} and not re.match(r"^https?://[^/\\\s?#]+", url, re.I):
        return ""  # ``http:evil`` or ``https:///x``: no host, read differently by browsers
    return url


def link_rule(allow_mailto: bool = False) -> str:
    """What :func:`safe_link` accepts, for warnings."""
    return LINK_RULE.format(mailto=", a mailto: address" if allow_mailto else "")


def is_external(image: str) -> bool:
    """Whether an image is a URL (any scheme) rather than a file of the site."""
    return bool(_scheme(image)) or image.strip().startswith("//")


def source_path(post: Post) -> str:
    return image_source(post.docname, post.image)


def image_source(docname: str, image: str) -> str:
    """An image's path relative to the source folder (a leading ``/`` means the root)."""
    if image.startswith("/"):
        return normpath(image.lstrip("/"))
    return normpath(join(dirname(docname), image))


def image_exists(env: BuildEnvironment, relative: str) -> bool:
    """Whether the image file is in the source folder; a name the file system refuses (too
    long, a NUL byte) is an image that is not there, not a crash."""
    if relative.startswith(".."):
        return False
    try:
        return (env.srcdir / relative).is_file()
    except (OSError, ValueError):
        return False


def image_page(post: Post) -> str:
    """The image as a page-like name in the output, for ``get_relative_uri``-style links."""
    return raw_file_page(source_path(post))


def image_url(env: BuildEnvironment, post: Post, locate: Callable[[str], str]) -> str:
    """The post's image as a URL: an external one as written, a copied file through
    ``locate`` (relative to a page, or absolute); ``""`` when there is none to show."""
    if not post.image:
        return ""
    if is_external(post.image):
        return safe_link(post.image)  # checked when read; again here, as it is emitted
    return locate(image_page(post)) if image_exists(env, source_path(post)) else ""


# -- files that raw HTML points to ---------------------------------------------------------

_FILE_TAG = re.compile(r"<(img|video|audio|source|track|embed|a)\b[^>]*>", re.IGNORECASE)
_FILE_ATTRIBUTE = re.compile(
    r"""\s(src|href|poster)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE
)
PAGE_SUFFIXES = frozenset(
    {"", ".html", ".htm", ".php", ".md", ".markdown", ".rst", ".ipynb", ".xml"}
)
"""A link to one of these is a link to a page (or a feed), not to a file to publish."""


def file_path(url: str) -> str:
    """The path part of a URL that names a file of the site (relative, or from the site's root
    with a leading ``/``), decoded; ``""`` for an external URL, an anchor or a data URL."""
    url = url.strip()
    if not url or is_external(url) or url.startswith(("#", "{")):
        return ""
    return unquote(url.split("#", 1)[0].split("?", 1)[0])


def url_rest(url: str) -> str:
    """What follows a URL's path (``?query#fragment``), kept when the path is rewritten."""
    url = url.strip()
    cut = min((url.find(mark) for mark in "?#" if mark in url), default=len(url))
    return url[cut:]


def is_file_link(path: str) -> bool:
    """Whether a link (not an image) points to a file to publish, a PDF or a zip, rather than
    to a page: it has a suffix, and not a page's."""
    name = path.rstrip("/").rpartition("/")[2]
    return "." in name and f".{name.rpartition('.')[2].casefold()}" not in PAGE_SUFFIXES


def file_references(html: str) -> list[tuple[int, int, str]]:
    """The local files raw HTML points to: ``src`` of ``img``, ``video``, ``audio``,
    ``source``, ``track`` and ``embed``, a video's ``poster``, and an ``a``'s ``href`` to a
    file (see :func:`is_file_link`). Each as (start, end) of the attribute's value in ``html``
    and the value, entities decoded."""
    found = []
    for tag in _FILE_TAG.finditer(html):
        is_anchor = tag.group(1).casefold() == "a"
        for attribute in _FILE_ATTRIBUTE.finditer(tag.group(0)):
            if (attribute.group(1).casefold() == "href") != is_anchor:
                continue
            group = next(index for index in (2, 3, 4) if attribute.group(index) is not None)
            value = unescape(attribute.group(group))
            path = file_path(value)
            if not path or (is_anchor and not is_file_link(path)):
                continue
            start, end = tag.start() + attribute.start(group), tag.start() + attribute.end(group)
            found.append((start, end, value))
    return found


def raw_file_page(relative: str) -> str:
    """Where a file that a post's raw HTML points to is copied in the output, by its path in
    the source folder (beside the card images: ``_images/posts/<path>``)."""
    return f"{OUTPUT_DIR}/{relative}"
