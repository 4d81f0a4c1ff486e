"""Turn a document's frontmatter (and its ``post`` directive) into a :class:`Post`.

The fields are read from the ``docinfo`` node before Sphinx's smart quotes run (myst-parser
renders lists as JSON text, and curly quotes would break it), so this module is driven by the
read-time transform in :mod:`sphinx_posts.read.page`. Every value that is not what we expect becomes
a ``posts.*`` warning naming the file, line, key, value and what was expected.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml
from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..config import ablog_names, site_timezone
from ..model import DateRangeError, Post, parse_date
from ..report import PostsWarning, frontmatter_line, shown_value, warn
from ..urls import image_exists, image_source, is_external, link_rule, safe_link
from .generators import (
    OTHER_GENERATOR_KEYS,
    Adopted,
    adopt,
    bundle_image,
    is_post_path,
    pattern_addresses,
    source_dated,
)

if TYPE_CHECKING:
    from datetime import datetime

    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

KNOWN_KEYS = (
    "title",
    "description",
    "date",
    "updated",
    "tags",
    "category",
    "categories",
    "author",
    "authors",
    "draft",
    "image",
    "series",
    "post",
    "blogpost",
    "language",
    "lang",
    "translation_of",
    "location",
    "excerpt",
    "exclude",
    "nocomments",
    "redirect",
    "external_link",
    "canonical_link",
)
"""Keys we read; an unknown key close to one of these gets a "did you mean" warning."""

OTHER_KEYS = frozenset(
    {
        "orphan",
        "nosearch",
        "tocdepth",
        "wordcount",
        "myst",
        "mystnb",
        "html_meta",
        "substitutions",
        "jupytext",
        "kernelspec",
        "layout",
        "slug",
        "summary",
        "keywords",
        "weight",
        "aliases",
        "toc",
        "status",
        "version",
        "copyright",
    }
)
"""Keys other tools own (Sphinx, myst, Jupyter, Hugo, Jekyll): never reported as typos."""

TRUE_WORDS = frozenset({"true", "yes", "on", "1"})
FALSE_WORDS = frozenset({"false", "no", "off", "0"})


RAW_FIELDS = "posts_raw_fields"
"""Document attribute holding the frontmatter's values as written (see RawFrontmatter)."""


class RawFrontmatter(SphinxTransform):
    """Keep each frontmatter value as written, before docutils makes ``author``, ``date``...
    bibliographic nodes: myst-parser renders those as Markdown, which eats the backslashes and
    quotes of a JSON list (``authors: ["O'Brien \\"Bob\\""]``). myst keeps the raw value as
    the field's ``source``; an rST field list's ``source`` is its file, and is not used."""

    default_priority = 330  # before DocInfo (340)

    def apply(self, **kwargs: Any) -> None:
        document_source = self.document.get("source")
        for node in self.document.children:
            if isinstance(node, nodes.field_list):
                self.document[RAW_FIELDS] = {
                    field[0].astext(): field.source
                    for field in node.children
                    if isinstance(field, nodes.field)
                    and isinstance(field.source, str)
                    and field.source != document_source
                }
                return
            if not isinstance(node, nodes.PreBibliographic):
                return


def docinfo_fields(document: nodes.document) -> dict[str, Any]:
    """The frontmatter fields as text (``authors``: a list), as docutils' docinfo holds them,
    with the values as written where myst-parser kept them."""
    fields: dict[str, Any] = {}
    for info in document.findall(nodes.docinfo):
        for node in info.children:
            if isinstance(node, nodes.authors):
                fields["authors"] = [author.astext() for author in node.children]
            elif isinstance(node, nodes.field) and len(node) == 2:
                fields[node[0].astext()] = node[1].astext()
            elif isinstance(node, nodes.TextElement):
                fields[node.tagname] = node.astext()
        break
    raw = document.attributes.pop(RAW_FIELDS, {})
    names = {nodes.fully_normalize_name(name): name for name in raw}
    for key in list(fields):
        written = names.get(nodes.fully_normalize_name(key))
        if written is not None:
            fields[key] = raw[written]
    return fields


MAX_ITEMS = 10_000
"""Most values a list or mapping written as YAML text may expand to: a few hundred bytes of
aliases (``&a [x, x], &b [*a, *a], ...``) expand to billions, and every warning shows the value."""

UNREADABLE_YAML = (yaml.YAMLError, ValueError, TypeError, AttributeError, RecursionError)
"""What ``yaml.safe_load`` raises besides its own errors: ``[2021-99-99]`` (ValueError), an
explicit ``!!timestamp`` it cannot read (AttributeError), deep nesting (RecursionError)."""


def decode(value: Any) -> Any:
    """Undo the text form myst-parser gives non-string values (JSON lists and mappings, and
    ``null`` for a key with nothing after it). Text that reads as neither stays text."""
    if isinstance(value, list):  # docutils split an ``authors`` field on commas
        value = ", ".join(value)
    if value == "null":
        return None
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except (ValueError, RecursionError):
            try:
                loaded = yaml.safe_load(value)
            except UNREADABLE_YAML:
                return value
            return loaded if _expanded_size(loaded) <= MAX_ITEMS else value
    return value


def _expanded_size(value: Any) -> int:
    """How many values ``value`` holds with its YAML aliases expanded, counted without
    expanding them (more than :data:`MAX_ITEMS` once past it, or for a value that holds
    itself)."""
    sizes: dict[int, int] = {}

    def size(node: Any) -> int:
        if not isinstance(node, list | dict):
            return 1
        if id(node) in sizes:
            return sizes[id(node)]
        sizes[id(node)] = MAX_ITEMS + 1  # a cycle: too large
        total = 1
        for child in node.values() if isinstance(node, dict) else node:
            total += size(child)
            if total > MAX_ITEMS:
                break
        sizes[id(node)] = total
        return total

    try:
        return size(value)
    except RecursionError:
        return MAX_ITEMS + 1


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(value: Any) -> Any:
    """Text (or a list's text items) with each lone surrogate, which a JSON or YAML escape
    such as ``"\\ud800"`` gives, replaced by U+FFFD: no UTF-8 page, feed or file name holds
    one."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_encodable(item) if isinstance(item, str) else item for item in value]
    return value


@dataclass
class FieldReader:
    """Reads one document's fields, warning about each bad value at its line."""

    env: BuildEnvironment
    docname: str
    fields: dict[str, Any]
    directive: dict[str, Any] = field(default_factory=dict)
    """Options of the ``post`` directive (and ``date`` from its argument); they win."""
    directive_line: int | None = None
    adopted: Adopted = field(init=False)
    """Other generators' keys and places read as ours (see generators.py)."""

    def __post_init__(self) -> None:
        self.adopted = adopt(self.env, self.docname, self.fields, decode)

    def raw(self, *keys: str) -> tuple[str, Any] | None:
        for key in keys:
            if key in self.directive:
                return key, _encodable(self.directive[key])
        for key in keys:
            if key in self.fields:
                value = decode(self.fields[key])
                if value is not None:  # ``description:`` with nothing after it: not given
                    return key, _encodable(value)
        return None

    def location(self, key: str) -> tuple[str, int | None]:
        if key in self.directive:
            return (self.docname, self.directive_line)
        key = re.split(r"[.\[ ]", self.adopted.origin.get(key, key))[0]  # image.src: image
        return (self.docname, frontmatter_line(self.env, self.docname, key))

    def problem(self, kind: PostsWarning, key: str, value: Any, expected: str) -> None:
        written = key if key in self.directive else self.adopted.origin.get(key, key)
        warn(kind, f"{written}: {shown_value(value)}: expected {expected}", self.location(key))

    def text(self, *keys: str) -> str:
        found = self.raw(*keys)
        if found is None:
            return ""
        key, value = found
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, int | float):
            return str(value)
        self.problem(PostsWarning.FRONTMATTER, key, value, "text; the value is ignored")
        return ""

    def link(self, key: str, allow_mailto: bool = False) -> str:
        """A URL that will be an ``href``: refused (with a warning) unless it is safe."""
        value = self.text(key)
        if value and not safe_link(value, allow_mailto):
            expected = f"{link_rule(allow_mailto)}; the value is dropped"
            self.problem(PostsWarning.LINK, key, value, expected)
            return ""
        return value

    def flag(self, *keys: str) -> bool | None:
        found = self.raw(*keys)
        if found is None:
            return None
        key, value = found
        if isinstance(value, bool):
            return value
        word = str(value).strip().casefold()
        if word in TRUE_WORDS or word == "":  # an empty directive flag means "on"
            return True
        if word in FALSE_WORDS:
            return False
        self.problem(PostsWarning.FRONTMATTER, key, value, "true or false; the key is ignored")
        return None

    def terms(self, *keys: str) -> tuple[str, ...]:
        """A list of names from a YAML list or a comma-separated string, in written order."""
        found = self.raw(*keys)
        if found is None:
            return ()
        key, value = found
        items = value if isinstance(value, list) else map(unquote, str(value).split(","))
        if isinstance(value, dict):
            self.problem(PostsWarning.TAGS, key, value, "a list of names or a comma string")
            return ()
        names: dict[str, None] = {}  # in written order; a set's lookup keeps this linear
        empty = False
        for item in items:
            if isinstance(item, int | float) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str):
                self.problem(PostsWarning.TAGS, key, item, "a name (text); the entry is ignored")
            elif not item.strip():
                empty = True
            else:
                names.setdefault(item.strip())
        if empty:  # once: the warning shows the whole value
            self.problem(PostsWarning.TAGS, key, value, "no empty names; the empty one is ignored")
        return tuple(names)

    def when(
        self, key: str, consequence: str = "the key is ignored"
    ) -> tuple[datetime, bool] | None:
        found = self.raw(key)
        if found is None:
            return None
        _, value = found
        try:
            return parse_date(value, site_timezone(self.env.config))
        except DateRangeError as error:
            self.problem(PostsWarning.DATE, key, value, f"{error}; {consequence}")
            return None
        except ValueError:
            self.problem(
                PostsWarning.DATE,
                key,
                value,
                "a date such as 2025-03-20, 2025-03-20T10:00:00+02:00 or March 7, 2023; "
                + consequence,
            )
            return None

    def check_typos(self) -> None:
        for key in self.fields:
            if key in KNOWN_KEYS or key in OTHER_KEYS or key in OTHER_GENERATOR_KEYS:
                continue
            if ":" in key:  # another extension's namespace (``og:description``), not a typo
                continue
            close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.74)
            if close:
                warn(
                    PostsWarning.FRONTMATTER,
                    f"unknown key {key!r}: did you mean {close[0]!r}? (the key is ignored)",
                    (self.docname, frontmatter_line(self.env, self.docname, key)),
                )


def unquote(name: str) -> str:
    """A name in a comma string, without the quotes YAML would have taken off in a list:
    ``tags: cicd, "github actions"`` names ``github actions``."""
    text = name.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return name


def matches_pattern(docname: str, patterns: list[str], found_docs: Any = ()) -> bool:
    """Whether ``posts_pattern`` makes this document a post (``index`` pages are not, but for
    a Hugo leaf bundle's: ``<slug>/index`` alone in its folder)."""
    return is_post_path(docname, patterns, found_docs)


def is_post(reader: FieldReader, has_directive: bool) -> bool:
    choice = reader.flag("post", "blogpost")
    if choice is not None:
        return choice
    config, found = reader.env.config, reader.env.found_docs
    dated = reader.raw("date") is not None
    if has_directive:
        return True

    def index_dated(index: str) -> bool:
        return source_dated(reader.env, index)

    return is_post_path(reader.docname, config.posts_pattern, found, dated, index_dated)


def ablog_default(config: Config, kind: str) -> tuple[str, ...]:
    """ABlog's ``blog_default_location``/``blog_default_language``: for posts naming none."""
    return ablog_names(getattr(config, f"blog_default_{kind}", None))


def read_post(reader: FieldReader, title: str, excerpt: str, words: int, images: list[str]) -> Post:
    """Build the record; a post without a (readable) date becomes a draft, with a warning."""
    reader.check_typos()
    draft = bool(reader.flag("draft"))
    as_draft = "the post is treated as a draft (not listed, not in feeds)"
    published = reader.when("date", "the post is a draft" if draft else as_draft)
    if published is None and not draft:
        if reader.raw("date") is None:
            warn(
                PostsWarning.DATE,
                f"post has no date: {as_draft}; add 'date: YYYY-MM-DD' to its frontmatter",
                (reader.docname, None),
            )
        draft = True
    updated = reader.when("updated")
    image = reader.text("image") or bundle_image(reader.env, reader.docname)
    if image.isdigit():  # ABlog's ':image: N': the post's Nth image
        number = int(image)
        if 1 <= number <= len(images):
            image = images[number - 1]
        else:
            reader.problem(
                PostsWarning.IMAGE, "image", image, f"1 to {len(images)} (the post's images)"
            )
            image = ""
    elif image and not safe_link(image):
        reader.problem(PostsWarning.IMAGE, "image", image, f"{link_rule()}; the image is dropped")
        image = ""
    elif (
        image
        and not is_external(image)
        and not image_exists(reader.env, image_source(reader.docname, image))
    ):
        reader.problem(
            PostsWarning.IMAGE,
            "image",
            image,
            "an image file relative to the post (or to the site with a leading /): "
            "image not found, the post has no image",
        )
    config = reader.env.config
    return Post(
        docname=reader.docname,
        title=title,
        date=published[0] if published else None,
        has_time=published[1] if published else False,
        updated=updated[0] if updated else None,
        updated_has_time=updated[1] if updated else False,
        description=reader.text("description"),
        excerpt=excerpt,
        tags=reader.terms("tags"),
        categories=reader.terms("categories", "category"),
        authors=reader.terms("authors", "author") or tuple(reader.env.config.posts_default_author),
        languages=reader.terms("language", "lang") or ablog_default(config, "language"),
        locations=reader.terms("location") or ablog_default(config, "location"),
        draft=draft,
        image=image,
        series=reader.text("series"),
        words=words,
        exclude=bool(reader.flag("exclude")),
        nocomments=bool(reader.flag("nocomments")),
        redirect=(*reader.terms("redirect"), *old_addresses(reader, published)),
        external_link=reader.link("external_link", allow_mailto=True),
        canonical_link=reader.link("canonical_link"),
        borrowed=tuple(reader.adopted.borrowed),
        translation=reader.text("translation_of", "translationKey", "translation_key"),
    )


def old_addresses(reader: FieldReader, published: tuple[datetime, bool] | None) -> list[str]:
    """The post's addresses under the generator it came from (``aliases``, ``url``, ``slug``,
    and the site's ``posts_old_permalinks`` patterns), for redirect pages."""
    patterns = list(reader.env.config.posts_old_permalinks)
    categories = reader.terms("categories", "category") if patterns else ()
    found = pattern_addresses(
        patterns,
        reader.docname,
        reader.adopted.slug,
        published[0] if published else None,
        categories,
    )
    return list(dict.fromkeys(address for address in (*reader.adopted.addresses, *found)))
