"""Posts written for other generators build as they were dropped in.

Hugo, Jekyll, Astro (content collections), Next.js blog starters, Nikola and Pelican each
name the same facts differently (``pubDate``, ``lastmod``, ``summary``, ``heroImage``,
``published: false``...), keep some of them outside the YAML block (Jekyll's date in the file
name, Nikola's ``.. title:`` comment, Pelican's ``Title:`` header, Hugo's TOML ``+++`` block)
and lay posts out their own way (Hugo's page bundles, ``<slug>/index.md``). This module holds
those names with their meaning and fills our fields from them, so the frontmatter reader only
ever sees our names. What was read under another name is recorded on the post and reported once
per build (a note, not a warning: a dropped-in blog builds with ``-W``).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from posixpath import basename, dirname, join
from typing import TYPE_CHECKING, Any

import yaml
from docutils import nodes
from sphinx.util.matching import Matcher

from ..report import note

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class Borrowed:
    """A key another generator uses for one of ours."""

    name: str
    ours: str
    used_by: str


BORROWED: tuple[Borrowed, ...] = (
    # publication date, in the order we look for it when ``date`` is absent
    Borrowed("publishDate", "date", "Hugo, Astro"),
    Borrowed("pubDate", "date", "Astro"),
    Borrowed("pubDatetime", "date", "Astro (AstroPaper)"),
    Borrowed("publish_date", "date", "Hugo themes"),
    Borrowed("published", "date", "Astro themes"),  # a date; true/false is a draft flag
    Borrowed("date_published", "date", "Next.js starters"),
    Borrowed("created", "date", "Astro themes, Obsidian"),
    # last update
    Borrowed("lastmod", "updated", "Hugo, Next.js starters"),
    Borrowed("updatedDate", "updated", "Astro"),
    Borrowed("modDatetime", "updated", "Astro (AstroPaper)"),
    Borrowed("modified", "updated", "Pelican, Nikola"),
    Borrowed("last_modified_at", "updated", "Jekyll"),
    Borrowed("updated_at", "updated", "Next.js starters"),
    # summary
    Borrowed("summary", "description", "Hugo, Pelican, Next.js starters"),
    Borrowed("excerpt", "description", "Jekyll, Next.js starters"),  # text; a number is ABlog's
    Borrowed("subtitle", "description", "Hugo themes, Ghost and Medium exports"),
    # card image
    Borrowed("images", "image", "Hugo, Next.js starters"),
    Borrowed("heroImage", "image", "Astro"),
    Borrowed("cover", "image", "Hugo (PaperMod), Astro themes"),
    Borrowed("coverImage", "image", "Next.js blog starter"),
    Borrowed("featured_image", "image", "Hugo themes"),
    Borrowed("featuredImage", "image", "Hugo themes, Gatsby"),
    Borrowed("feature_image", "image", "Ghost exports"),
    Borrowed("ogImage", "image", "Next.js blog starter, Astro themes"),
    Borrowed("thumbnail", "image", "Hugo themes"),
    # drafts
    Borrowed("status", "draft", "Pelican, Nikola"),
    # old addresses
    Borrowed("aliases", "redirect", "Hugo"),
    Borrowed("redirect_from", "redirect", "Jekyll (jekyll-redirect-from)"),
    Borrowed("url", "redirect", "Hugo"),
    Borrowed("permalink", "redirect", "Jekyll"),
    Borrowed("slug", "redirect", "Hugo, Nikola, Pelican, Astro"),
)

OTHER_GENERATOR_KEYS = frozenset(
    {
        *(entry.name for entry in BORROWED),
        # understood by their generator, with nothing for a Sphinx blog to do
        "excerpt_separator",  # Jekyll: read as the summary divider
        "layout",
        "type",
        "weight",
        "keywords",
        "link",
        "comments",
        "hidden",
        "showToc",
        "TocOpen",
        "toc",
        "math",
        "markup",
        "externalUrl",
        "canonicalURL",
        "canonicalUrl",
        "translationKey",
        "translationId",
        "series_order",
        "mainClass",
        "color",
        "sitemap",
        "expiryDate",
        "headless",
        "build",
        "outputs",
        "resources",
        "cascade",
    }
)
"""Keys of other generators: never reported as typos of ours."""

_NUMBER_FIRST = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})-(.+)$")
_DRAFT_WORDS = frozenset({"draft", "hidden", "private", "unpublished"})
_IMAGE_PARTS = ("src", "url", "image", "path", "href", "filename")
_HUGO_FEATURED = ("feature", "cover", "thumbnail")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif")
HEADER = "posts_header"
"""``env.temp_data`` key: (docname, fields) read from a header outside the YAML block."""


# -- where a post lives -------------------------------------------------------------------


def is_leaf_bundle(docname: str, found_docs: Collection[str]) -> bool:
    """A Hugo leaf bundle, ``<slug>/index.md`` alone in its folder (its images beside it):
    a post. A folder's ``index`` with other documents beside or below it is a section page."""
    folder = dirname(docname)
    if not folder or basename(docname) != "index":
        return False
    prefix = folder + "/"
    return not any(other.startswith(prefix) and other != docname for other in found_docs)


def is_post_path(
    docname: str,
    patterns: list[str],
    found_docs: Collection[str],
    dated: bool = False,
    index_dated: Callable[[str], bool] | None = None,
) -> bool:
    """Whether ``posts_pattern`` makes this document a post. A folder's ``index`` is one only
    as a Hugo leaf bundle: alone in its folder (its images beside it), or dated (a bundle with
    other Markdown resources); Hugo's ``_index`` (a branch bundle: a section's list page) and
    hidden files never are. An undated document inside a bundle whose ``index`` is dated is
    one of its page resources, not a post (given ``index_dated``, which tells that)."""
    name = basename(docname)
    if name.startswith((".", "_index")):
        return False
    if name == "index" and not (dated or is_leaf_bundle(docname, found_docs)):
        return False
    matches = Matcher(patterns)
    if not matches(docname):
        return False
    if name != "index" and not dated and index_dated is not None:
        bundle = bundle_index(docname, found_docs)
        if bundle is not None and matches(bundle) and index_dated(bundle):
            return False
    return True


def bundle_index(docname: str, found_docs: Collection[str]) -> str | None:
    """The ``index`` document of the nearest folder above ``docname`` that has one: the Hugo
    leaf bundle ``docname`` would be a resource of (Hugo's bundles hold no other pages)."""
    folder = dirname(docname)
    while folder:
        if (index := f"{folder}/index") in found_docs:
            return index
        folder = dirname(folder)
    return None


_DATE_KEYS = ("date", *(entry.name for entry in BORROWED if entry.ours == "date"))


def source_dated(env: BuildEnvironment, docname: str) -> bool:
    """Whether a document's header (YAML or TOML frontmatter, Nikola's comments) or its name
    (Jekyll's ``2021-03-04-slug``) gives it a date: read from its source, for the documents
    beside it before it is read (a dated bundle ``index`` makes them its resources)."""
    if file_date(docname):
        return True
    try:
        path = env.doc2path(docname)
        if path.suffix.casefold() not in (".md", ".markdown", ".rst", ".txt"):
            return False
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    fields: Any = None
    if lines and lines[0].strip() == "---":
        end = next((n for n in range(1, len(lines)) if lines[n].strip() == "---"), 0)
        try:
            fields = yaml.safe_load("\n".join(lines[1:end])) if end else None
        except yaml.YAMLError:
            fields = None
    elif (toml := toml_header(lines)) is not None:
        fields = toml[0]
    else:
        fields = nikola_header(lines)
    if not isinstance(fields, dict):
        return False
    return any(
        fields.get(key) not in (None, "") and not isinstance(fields.get(key), bool)
        for key in _DATE_KEYS
    )


def bundle_resource(env: BuildEnvironment, docname: str) -> bool:
    """Whether a document is a page resource of a Hugo leaf bundle (its ``index`` dated):
    built as a page, but not a post, in no toctree."""
    if basename(docname) == "index":
        return False
    bundle = bundle_index(docname, env.found_docs)
    if bundle is None:
        return False
    matches = Matcher(env.config.posts_pattern)
    return bool(matches(docname) and matches(bundle)) and source_dated(env, bundle)


def name_of(docname: str) -> str:
    """The post's own name: its file name, or its folder's for a bundle's ``index``."""
    name = basename(docname)
    if name == "index" and dirname(docname):
        return basename(dirname(docname))
    return name


def file_date(docname: str) -> tuple[str, str] | None:
    """Jekyll's ``2021-03-04-title`` (also a bundle folder's name): (date, slug)."""
    found = _NUMBER_FIRST.match(name_of(docname))
    return (found.group(1), found.group(2)) if found else None


def file_title(slug: str) -> str:
    """The title a Jekyll file name gives a post with no title of its own (``a-trip`` is
    "A Trip"): a heading, when the post has one, is its title instead."""
    return slug.replace("-", " ").replace("_", " ").strip().title()


# -- values in other shapes -----------------------------------------------------------------


def image_of(value: Any) -> str | None:
    """An image path from a string, a list (the first) or a mapping (``{src, alt}``,
    ``{url, alt}``, PaperMod's ``cover: {image, alt}``)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        return next((found for item in value if (found := image_of(item))), None)
    if isinstance(value, dict):
        return next((found for part in _IMAGE_PARTS if (found := image_of(value.get(part)))), None)
    return None


def names_of(value: Any) -> Any:
    """Authors as names: Next.js' ``author: {name, picture}`` and lists of such mappings."""
    if isinstance(value, dict):
        return value.get("name", value)
    if isinstance(value, list) and any(isinstance(item, dict) for item in value):
        return [item.get("name", item) if isinstance(item, dict) else item for item in value]
    return value


def as_field(value: Any) -> Any:
    """A value in the form the frontmatter reader decodes (lists and mappings as JSON)."""
    if isinstance(value, list | dict):
        return json.dumps(value, default=str, ensure_ascii=False)
    return value


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    word = str(value).strip().casefold()
    return {"true": True, "yes": True, "false": False, "no": False}.get(word)


def _is_number(value: Any) -> bool:
    return isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit())


# -- filling our fields ---------------------------------------------------------------------


@dataclass
class Adopted:
    """What :func:`adopt` did to one document's fields."""

    borrowed: list[tuple[str, str]]
    """(their key, our key), in the order read."""
    origin: dict[str, str]
    """Our key -> the key it was read from, for warnings that name what the writer wrote."""
    addresses: list[str]
    """Old addresses of the post (aliases, url, permalink, slug)."""
    slug: str
    source: str = ""
    """Which generator's header the fields came from (``nikola``, ``pelican``, ``toml``)."""


def adopt(
    env: BuildEnvironment,
    docname: str,
    fields: dict[str, Any],
    decode: Callable[[Any], Any],
) -> Adopted:
    """Fill our keys in ``fields`` from other generators' keys and places (in place)."""
    adopted = Adopted([], {}, [], name_of(docname))
    header = env.temp_data.get(HEADER)
    if header and header[0] == docname:
        source, extra = header[1], header[2]
        adopted.source = source
        for key, value in extra.items():
            fields.setdefault(key, as_field(value))

    for key in [key for key, value in fields.items() if value in ("null", "~")]:
        del fields[key]  # YAML's null: not given (Hugo's ``date: null``)

    def value_of(key: str) -> Any:
        value = decode(fields[key]) if key in fields else None
        return None if value == "" else value

    def take(theirs: str, ours: str, value: Any) -> None:
        fields[ours] = as_field(value)
        adopted.borrowed.append((theirs, ours))
        adopted.origin[ours] = theirs

    # the shapes of our own keys other generators give them
    image = value_of("image")
    if isinstance(image, dict | list):
        found = image_of(image)
        if found:
            take("image" + (".src" if isinstance(image, dict) else "[0]"), "image", found)
    for key in ("author", "authors"):
        value = value_of(key)
        named = names_of(value)
        if named is not value:
            take(f"{key}.name", key, named)
    series = value_of("series")
    if isinstance(series, list) and series and isinstance(series[0], str):
        take("series[0]", "series", series[0])  # Hugo's series taxonomy is a list
    published = value_of("published")
    if published is not None and _flag(published) is not None:
        if _flag(published) is False and value_of("draft") is None:
            take("published", "draft", True)
        published = None
    status = value_of("status")
    if (
        isinstance(status, str)
        and value_of("draft") is None
        and status.strip().casefold() in _DRAFT_WORDS
    ):
        take("status", "draft", True)
    if adopted.source == "nikola" and value_of("draft") is None:
        tags = value_of("tags")
        names = tags if isinstance(tags, list) else str(tags or "").split(",")
        if any(str(name).strip().casefold() in ("draft", "private") for name in names):
            take("tags (Nikola's draft tag)", "draft", True)

    for entry in BORROWED:
        if entry.ours in ("draft", "redirect") or entry.name not in fields:
            continue
        value = value_of(entry.name)
        if value is None or (entry.name == "published" and published is None):
            continue
        if entry.name == "excerpt" and _is_number(value):
            continue  # ABlog's ``excerpt: 2`` (paragraphs), read as ours
        if entry.ours == "image":
            value = image_of(value.get("image", value) if isinstance(value, dict) else value)
            if not value:
                continue
        if value_of(entry.ours) is None:
            take(entry.name, entry.ours, value)

    # Jekyll: the date (and the slug) in the file name; space-separated tags and categories
    named = file_date(docname)
    if named:
        adopted.slug = named[1]
        if value_of("date") is None:
            take("file name", "date", named[0])
        if value_of("title") is None and not adopted.source:
            fields["title"] = file_title(named[1])
        for key in ("tags", "categories", "category"):
            value = value_of(key)
            if isinstance(value, str) and "," not in value and " " in value.strip():
                fields[key] = as_field(value.split())
    # old addresses (a slug that restates a dated file's name is no other address)
    slug = value_of("slug")
    if isinstance(slug, str) and slug.strip():
        adopted.slug = slug.strip()
        if adopted.slug not in (name_of(docname), named[1] if named else None):
            parent = dirname(dirname(docname) if basename(docname) == "index" else docname)
            adopted.addresses.append("/" + join(parent, adopted.slug))
            adopted.borrowed.append(("slug", "redirect"))
    for key in ("aliases", "redirect_from", "url", "permalink"):
        value = value_of(key)
        values = value if isinstance(value, list) else [value] if value else []
        addresses = [str(item) for item in values if item and ":" not in str(item)]
        if addresses:
            adopted.addresses.extend(addresses)
            adopted.borrowed.append((key, "redirect"))
    return adopted


def bundle_image(env: BuildEnvironment, docname: str) -> str:
    """Hugo's featured image of a leaf bundle with no image key: the first resource named
    ``*feature*``, then ``*cover*``, then ``*thumbnail*`` (Hugo's own templates' order)."""
    if basename(docname) != "index" or not is_leaf_bundle(docname, env.found_docs):
        return ""
    try:
        files = sorted(
            path.name
            for path in (env.srcdir / dirname(docname)).iterdir()
            if path.suffix.casefold() in IMAGE_SUFFIXES and path.is_file()
        )
    except OSError:
        return ""
    for word in _HUGO_FEATURED:
        for name in files:
            if word in name.casefold():
                return name
    return ""


# -- where the summary ends ----------------------------------------------------------------

_END_WORDS = r"more|TEASER_END|END_TEASER|PELICAN_END_SUMMARY"
_END_COMMENT = re.compile(rf"<!--\s*(?:{_END_WORDS})(?::[^>]*)?\s*-->", re.IGNORECASE)
_BEGIN_COMMENT = re.compile(r"<!--\s*PELICAN_BEGIN_SUMMARY\s*-->", re.IGNORECASE)
_END_RST = re.compile(r"(?:TEASER_END|END_TEASER|PELICAN_END_SUMMARY)(?::.*)?", re.IGNORECASE)
_BEGIN_RST = re.compile(r"PELICAN_BEGIN_SUMMARY", re.IGNORECASE)
_MARKER_NODES = (nodes.raw, nodes.comment, nodes.paragraph)


@dataclass
class SummaryMarkers:
    """Where a post says its summary ends (and, Pelican's, where it begins)."""

    end: nodes.Node
    begin: nodes.Node | None
    found: list[nodes.Node]
    """Every marker node, to take off the page."""


def summary_markers(candidates: Iterable[nodes.Node], separator: str = "") -> SummaryMarkers | None:
    """The summary divider of the generator a post came from: Hugo's ``<!--more-->`` (also the
    separator most Jekyll sites set), Nikola's ``.. TEASER_END`` (``<!-- TEASER_END -->`` in
    Markdown), the ``PELICAN_BEGIN_SUMMARY``/``PELICAN_END_SUMMARY`` comments of Pelican's
    summary plugin, or the post's own Jekyll ``excerpt_separator``. ``None`` when there is none.
    """
    custom = separator.strip()
    kinds = _MARKER_NODES if custom else _MARKER_NODES[:2]
    found: list[tuple[nodes.Node, str]] = []
    for node in candidates:
        if not isinstance(node, kinds):
            continue
        text = node.astext().strip()
        if isinstance(node, nodes.raw):
            if "html" not in node.get("format", "").split():
                continue
            if _BEGIN_COMMENT.fullmatch(text):
                found.append((node, "begin"))
            elif _END_COMMENT.fullmatch(text) or (custom and text == custom):
                found.append((node, "end"))
        elif isinstance(node, nodes.comment):
            if _BEGIN_RST.fullmatch(text):
                found.append((node, "begin"))
            elif _END_RST.fullmatch(text):
                found.append((node, "end"))
        elif text == custom and not _in_docinfo(node):  # plain text, alone in its paragraph
            found.append((node, "end"))
    end = next((node for node, kind in found if kind == "end"), None)
    if end is None:
        return None
    begin = None
    for node, kind in found:
        if node is end:
            break
        if kind == "begin":
            begin = node
    return SummaryMarkers(end, begin, [node for node, _kind in found])


def _in_docinfo(node: nodes.Node) -> bool:
    while node.parent is not None:
        node = node.parent
        if isinstance(node, nodes.docinfo):
            return True
    return False


# -- addresses from permalink patterns ------------------------------------------------------

PERMALINK_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
"""Jekyll's named permalink styles."""


def pattern_addresses(
    patterns: list[str],
    docname: str,
    slug: str,
    published: datetime | None,
    categories: tuple[str, ...],
) -> list[str]:
    """The addresses a post had under Jekyll or Hugo permalink patterns
    (``posts_old_permalinks``): ``/:year/:month/:day/:title.html``, ``/posts/:slug/``..."""
    if published is None:
        return []
    section = docname.split("/", 1)[0] if "/" in docname else ""
    values = {
        "year": f"{published.year:04d}",
        "month": f"{published.month:02d}",
        "day": f"{published.day:02d}",
        "i_month": str(published.month),
        "i_day": str(published.day),
        "y_day": f"{published.timetuple().tm_yday:03d}",
        "short_year": f"{published.year % 100:02d}",
        "title": slug,
        "slug": slug,
        "slugorfilename": slug,
        "slugorcontentbasename": slug,
        "filename": name_of(docname),
        "contentbasename": name_of(docname),
        "categories": "/".join(dict.fromkeys(name.casefold() for name in categories)),
        "section": section,
        "output_ext": ".html",
    }
    keys = sorted(values, key=len, reverse=True)
    placeholder = re.compile(":(" + "|".join(keys) + ")")
    addresses = []
    for pattern in patterns:
        pattern = PERMALINK_STYLES.get(pattern, pattern)
        address = placeholder.sub(lambda found: values[found.group(1)], pattern)
        address = re.sub(r"/{2,}", "/", address)
        if ":" not in address and address not in addresses:
            addresses.append(address)
    return addresses


# -- headers outside the YAML block ---------------------------------------------------------

_NIKOLA_LINE = re.compile(r"^\.\.\s+([A-Za-z_][\w-]*):[ \t]*(.*?)\s*$")
_PELICAN_LINE = re.compile(r"^([A-Za-z][A-Za-z_-]*):[ \t]*(.*?)\s*$")


def nikola_header(lines: list[str]) -> dict[str, str] | None:
    """Nikola's ``.. title: ...`` lines, at the top or inside a leading ``<!-- -->``."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and lines[start].strip().startswith("<!--"):
        start += 1
    found: dict[str, str] = {}
    for line in lines[start:]:
        matched = _NIKOLA_LINE.match(line.strip())
        if not matched:
            break
        if matched.group(2):
            found[matched.group(1).casefold()] = matched.group(2)
    return found if ("title" in found or "date" in found) else None


def pelican_header(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """Pelican's Markdown header (``Title: ...`` lines up to the first blank line): the fields
    and how many lines it takes."""
    found: dict[str, str] = {}
    count = 0
    for line in lines:
        if not line.strip():
            break
        matched = _PELICAN_LINE.match(line)
        if not matched:
            return None
        if matched.group(2):
            found[matched.group(1).casefold()] = matched.group(2)
        count += 1
    if "title" not in found and "date" not in found:
        return None
    return found, count


_RST_FIELD = re.compile(r"^:([A-Za-z][\w-]*):[ \t]*(.*?)\s*$")
_RST_UNDERLINE = re.compile(r"^([=\-`:'\"~^_*+#<>])\1{2,}\s*$")


def pelican_rst_header(lines: list[str]) -> tuple[dict[str, str], int, int] | None:
    """Pelican's reST posts: the title, then a field list (``:date:``...) that docutils makes
    file-wide metadata only before the title. The fields and the lines they take."""
    index = 0
    if lines and _RST_UNDERLINE.match(lines[0]):
        index = 1  # an overline
    if len(lines) < index + 2 or not lines[index].strip():
        return None
    if not _RST_UNDERLINE.match(lines[index + 1]):
        return None
    start = index + 2
    while start < len(lines) and not lines[start].strip():
        start += 1
    found: dict[str, str] = {}
    end = start
    while end < len(lines) and (matched := _RST_FIELD.match(lines[end])):
        if matched.group(2):
            found[matched.group(1).casefold()] = matched.group(2)
        end += 1
    if "date" not in found:
        return None
    return found, start, end


def toml_header(lines: list[str]) -> tuple[dict[str, Any], int] | None:
    """Hugo's TOML frontmatter between ``+++`` lines: the fields and its length in lines."""
    if not lines or lines[0].strip() != "+++":
        return None
    for end in range(1, len(lines)):
        if lines[end].strip() == "+++":
            try:
                return tomllib.loads("\n".join(lines[1:end])), end + 1
            except tomllib.TOMLDecodeError:
                return None
    return None


def read_header(app: Sphinx, docname: str, content: list[str]) -> None:
    """``source-read``: fields written where myst-parser and docutils do not look. They are
    kept for the frontmatter reader; a header that would show as text is blanked (same number
    of lines, so line numbers stay right)."""
    env = app.env
    env.temp_data.pop(HEADER, None)
    path = env.doc2path(docname)
    suffix = path.suffix.casefold()
    if suffix not in (".md", ".markdown", ".rst", ".txt"):
        return
    dated = basename(docname) == "index" and source_dated(env, docname)
    if not is_post_path(docname, app.config.posts_pattern, env.found_docs, dated):
        return
    text = content[0]
    lines = text.splitlines()
    meta = path.with_suffix(".meta")
    header: tuple[str, dict[str, Any]] | None = None
    if (found := nikola_header(lines)) is not None:
        header = ("nikola", found)
    elif meta.is_file():  # Nikola's two-file posts
        try:
            meta_lines = meta.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            meta_lines = []
        found = nikola_header(meta_lines)
        if found is None and meta_lines:  # the old format: one value a line
            order = ("title", "slug", "date", "tags", "link", "description")
            found = {
                key: value for key, value in zip(order, meta_lines, strict=False) if value.strip()
            }
        if found:
            header = ("nikola", found)
    elif (toml := toml_header(lines)) is not None:
        header = ("toml", toml[0])
        content[0] = "\n" * toml[1] + "\n".join(lines[toml[1] :])
    elif suffix in (".md", ".markdown") and (pelican := pelican_header(lines)) is not None:
        header = ("pelican", pelican[0])
        content[0] = "\n" * pelican[1] + "\n".join(lines[pelican[1] :])
    elif suffix == ".rst" and (fields := pelican_rst_header(lines)) is not None:
        header = ("pelican", fields[0])
        blank = [""] * (fields[2] - fields[1])
        content[0] = "\n".join([*lines[: fields[1]], *blank, *lines[fields[2] :]])
    if header is not None:
        env.temp_data[HEADER] = (docname, *header)


# -- reported once per build ----------------------------------------------------------------


def report_borrowed(app: Sphinx, env: BuildEnvironment) -> None:
    """One note for the whole build: which other generators' keys were read as ours."""
    from ..store.domain import get_domain

    counts: Counter[tuple[str, str]] = Counter()
    for post in get_domain(env).posts.values():
        counts.update(set(post.borrowed))
    if not counts:
        return
    parts = [
        f"{theirs} as {ours} ({count} post{'s' if count > 1 else ''})"
        for (theirs, ours), count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    note(
        "posts written for other generators are read with their meaning: "
        + ", ".join(parts)
        + ". 'sphinx-posts migrate' rewrites them with our keys."
    )


def add_markdown_suffix(app: Sphinx, config: Config) -> None:
    """Jekyll's posts are ``.markdown`` files: read them as Markdown when myst is loaded."""
    if not {"myst_parser", "myst_nb"} & set(config.extensions):
        return
    suffixes = config.source_suffix
    if isinstance(suffixes, dict) and ".md" in suffixes and ".markdown" not in suffixes:
        # a new dict: the one we were given may be shared with the setting's default
        config.source_suffix = {**suffixes, ".markdown": suffixes[".md"]}


def date_text(value: Any) -> Any:
    """A YAML date as ISO text (JSON, and so notebook metadata, has no date type)."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: date_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [date_text(item) for item in value]
    return value


def section_pages_need_no_toctree(app: Sphinx, document: Any) -> None:
    """Hugo's ``_index`` pages (a section's list page) among the posts are not in any toctree:
    the blog's own list pages replace them; nor are a leaf bundle's Markdown resources (Hugo
    publishes no page for them)."""
    docname = app.env.docname
    if (
        basename(docname).startswith("_index") and Matcher(app.config.posts_pattern)(docname)
    ) or bundle_resource(app.env, docname):
        app.env.metadata[docname]["orphan"] = True


def reread_bundles(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: whether a document is a post can depend on the documents beside
    it (a bundle ``index`` alone in its folder; the resources of a dated ``index``). When a
    bundle's ``index`` changes, the documents below it are read again; when a document comes
    or goes, the ``index`` above it is."""
    from ..store.domain import get_domain

    reading = added | changed
    found = env.found_docs
    domain = get_domain(env)
    again: set[str] = set()
    folders = {
        dirname(doc) + "/"
        for doc in reading | removed
        if basename(doc) == "index"
        and dirname(doc)
        # a bundle's index, before or now (a section's index changes nothing beside it)
        and (domain.keys_of(doc) or (doc not in removed and source_dated(env, doc)))
    }
    if folders:
        again.update(doc for doc in found if doc.startswith(tuple(folders)))
    for doc in added | removed:
        if basename(doc) != "index" and (index := bundle_index(doc, found)) is not None:
            again.add(index)
    return sorted(again - reading - removed)


def setup_generators(app: Sphinx) -> None:
    app.connect("doctree-read", section_pages_need_no_toctree)
    app.connect("env-get-outdated", reread_bundles)
    app.connect("config-inited", add_markdown_suffix, priority=900)
    app.connect("source-read", read_header, priority=400)
    app.connect("env-check-consistency", report_borrowed)
