"""The records every phase shares (a post, a term, a list query) and the small rules on them:
slugs, term identity, dates.

A :class:`Post` is plain, picklable data (strings, tuples, aware datetimes) so the environment
can be cached and merged between parallel readers.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import tzinfo

    from sphinx.config import Config


@dataclass(frozen=True, slots=True)
class Post:
    """One post, as read from its frontmatter, ``post`` directive and body."""

    docname: str
    title: str
    date: datetime | None
    """Publication date, timezone-aware; ``None`` only for drafts without a date."""
    updated: datetime | None = None
    has_time: bool = False
    """Whether the writer gave a time of day (otherwise only the date is meaningful)."""
    updated_has_time: bool = False
    description: str = ""
    excerpt: str = ""
    """The first paragraph as plain text, for lists when there is no description."""
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    draft: bool = False
    image: str = ""
    files: tuple[str, ...] = ()
    """Files the post's raw HTML points to, by path in the source folder: Sphinx copies only
    what its own image and download nodes name, so these are copied by the blog."""
    series: str = ""
    words: int = 0
    exclude: bool = False
    """ABlog's ``:exclude:``: the directive's content is the excerpt only, not on the page."""
    nocomments: bool = False
    redirect: tuple[str, ...] = ()
    external_link: str = ""
    canonical_link: str = ""
    borrowed: tuple[tuple[str, str], ...] = ()
    """Other generators' keys read as ours: (their key, ours), reported once per build."""
    translation: str = ""
    """``translation_of`` (Hugo's ``translationKey``): posts that give the same value, and the
    post whose docname it is, are one post in several languages."""
    section: str = ""
    """The id of the section that is the post, when a document posts several sections (ABlog's
    ``post`` directive in each); "" when the post is the whole document."""
    ablog_directive: bool = False
    """Made by ABlog's ``post`` directive: on a site whose conf.py sets neither ABlog's
    settings nor ours, one such post makes it an ABlog site (store/catalog.py)."""

    @property
    def key(self) -> str:
        """The post's identity in the store: its docname, with ``#section`` for a section."""
        return f"{self.docname}#{self.section}" if self.section else self.docname

    def sort_key(self) -> tuple[float, str]:
        """Oldest first; undated drafts last; docname breaks ties so order is stable."""
        stamp = self.date.timestamp() if self.date else float("inf")
        return (stamp, self.key)


@dataclass
class Term:
    """A tag, category or author: one identity however it is spelled."""

    kind: str
    key: str
    name: str
    """The spelling used first (by date, then docname)."""
    slug: str
    posts: list[Post] = field(default_factory=list)
    """Listed posts with this term, newest first."""
    spellings: dict[str, list[str]] = field(default_factory=dict)
    """Every spelling seen -> the docnames that use it (for the variant warning)."""


ENTRY_TERMS = 20
"""Most tags (and categories, authors) one entry of a list or feed shows of a post; the
post's own page shows them all. Each of a post's N tag pages lists it, so showing all N there
would make a post's cost N²: one post with 5000 tags would write gigabytes."""


def shown_terms(names: tuple[str, ...]) -> tuple[tuple[str, ...], int]:
    """The names an entry shows, and how many more the post has."""
    return names[:ENTRY_TERMS], max(0, len(names) - ENTRY_TERMS)


LIST_FORMATS = ("list", "cards", "compact")
LIST_SORTS = ("newest", "oldest", "title")


@dataclass(frozen=True, slots=True)
class ListSpec:
    """What a post list shows: filters (AND across, OR within) and presentation."""

    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    years: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    series: tuple[str, ...] = ()
    limit: int | None = None
    sort: str = "newest"
    exclude_current: bool = False
    excerpts: bool = False
    format: str = "list"
    """``list``, ``cards``, ``compact``, or an ABlog template such as ``{date} - {title}``."""
    date_format: str = ""
    list_style: str = ""
    expand: str = ""

    def filters(self) -> dict[str, tuple[str, ...]]:
        return {"tag": self.tags, "category": self.categories, "author": self.authors}


_SYMBOLS = {"+": "plus", "#": "sharp", "&": "and", "@": "at"}
_NON_WORD = re.compile(r"[\W_]+")
_SPACING = re.compile(r"[\s_\-]+")


def reading_minutes(post: Post, config: Config) -> int:
    """Minutes a post takes to read, as bylines and lists show them (never 0)."""
    return max(1, round(post.words / config.posts_words_per_minute))


@lru_cache(maxsize=1 << 16)
def term_key(name: str) -> str:
    """Identity of a tag, category or author: case, spacing and hyphens do not matter.
    (Asked for every tag of every post on each build: a few names, asked 10,000s of times.)"""
    return _SPACING.sub(" ", unicodedata.normalize("NFKC", name).casefold()).strip()


def slugify(name: str) -> str:
    """A URL path segment for a name: lowercase, hyphens, unicode letters and digits kept.

    Symbols that carry meaning in names people use as tags (C++, C#, R&D) are spelled out;
    a name with no letters or digits at all (an emoji) gets a short stable hash instead.
    """
    text = term_key(name)
    for symbol, word in _SYMBOLS.items():
        text = text.replace(symbol, f" {word} ")
    slug = _NON_WORD.sub("-", text).strip("-")
    if not slug:
        slug = "t-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    elif len(slug.encode("utf-8")) > SLUG_BYTES:
        slug = shorten_slug(slug, text)
    return slug


SLUG_BYTES = 100
"""Longest slug, in bytes of UTF-8: a slug is a folder and a file name (``<slug>.html``,
``<slug>/page/2/index.html``), and file systems refuse names over 255 bytes."""


def shorten_slug(slug: str, key: str) -> str:
    """The slug cut to :data:`SLUG_BYTES` at a character boundary, ending in a short hash of
    the whole term key, so two long names that start alike still get different slugs."""
    mark = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    room = SLUG_BYTES - len(mark) - 1
    head = slug.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip("-")
    return f"{head}-{mark}"


RESERVED_SLUGS = frozenset({"index"})
"""Slugs no term gets: ``dirhtml`` writes a page named ``blog/tag/index`` as
``blog/tag/index.html``, the tags overview's own file."""


def ablog_slug(name: str) -> str:
    """ABlog's slug (``ablog.blog.slugify``): accents folded away (``Sébastien`` ->
    ``sebastien``), symbols dropped, spaces and hyphens joined. Used on ABlog sites, so their
    addresses and labels stay what they were (shortened like ours when too long)."""
    text = unicodedata.normalize("NFKD", str(name))
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    slug = re.sub(r"[-\s]+", "-", text)
    if not slug:
        return slugify(name)  # ours for a name ABlog empties
    if len(slug.encode("utf-8")) > SLUG_BYTES:
        return shorten_slug(slug, term_key(name))
    return slug


def unique_slugs(names: list[str], fold: Callable[[str], str] | None = None) -> dict[str, str]:
    """Map each distinct term key to a slug that no other key in ``names`` shares.

    Keys are taken in sorted order, so the same set of names always gets the same slugs.
    ``fold`` makes the slug of a name (``slugify``; ABlog sites: :func:`ablog_slug`).
    """
    slugs: dict[str, str] = {}
    taken: set[str] = set(RESERVED_SLUGS)
    for key in sorted({term_key(name) for name in names}):
        base = (fold or slugify)(key)
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        slugs[key] = slug
        taken.add(slug)
    return slugs


_SENTINELS = (datetime(2000, 1, 1), datetime(2001, 2, 2))

EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
LATEST = datetime(9999, 12, 30, 23, 59, 59, tzinfo=UTC)
"""Dates every zone can show: a day inside Python's range, whatever the offset."""


class DateRangeError(ValueError):
    """A date that reads as one but cannot be placed in time: before :data:`EARLIEST`, after
    :data:`LATEST`, or with an offset of a day or more (``+25:00``)."""

    expected = (
        f"a date between {EARLIEST.date().isoformat()} and {LATEST.date().isoformat()}, "
        "with a UTC offset of less than 24 hours"
    )


def parse_date(value: object, timezone: tzinfo) -> tuple[datetime, bool]:
    """Read a date as writers write it; return an aware datetime and whether it had a time.

    Accepts ``date``/``datetime`` objects, ISO 8601 with or without an offset, and common
    text forms (``2021-4-9``, ``March 7, 2023``, ``7 March 2023``). Naive values are in
    ``timezone``. Raises ``ValueError`` for anything else, including text that lacks a year,
    month or day (which dateutil would silently fill from today), and :class:`DateRangeError`
    for a date that cannot be converted to UTC and to ``timezone`` (sorting, years and
    bylines all do).
    """
    if isinstance(value, datetime):
        parsed, has_time = value, True
    elif isinstance(value, date):
        parsed, has_time = datetime.combine(value, time()), False
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            parsed = datetime.fromisoformat(text)
            has_time = "T" in text or ":" in text
        except ValueError:
            parsed, has_time = _parse_text_date(text)
    else:
        raise ValueError("empty")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone)
    check_range(parsed, timezone)
    return parsed, has_time


def check_range(moment: datetime, timezone: tzinfo) -> None:
    """Raise :class:`DateRangeError` unless ``moment`` converts to UTC and to ``timezone``."""
    try:
        in_utc = moment.astimezone(UTC)
        moment.astimezone(timezone)
    except (ValueError, OverflowError):
        raise DateRangeError(DateRangeError.expected) from None
    if not EARLIEST <= in_utc <= LATEST:
        raise DateRangeError(DateRangeError.expected)


def _parse_text_date(text: str) -> tuple[datetime, bool]:
    # imported here: most posts give ISO dates, and dateutil's parser and time zones cost a
    # build 30 ms and half a megabyte it would not otherwise spend
    from dateutil import parser as dateutil_parser

    try:
        first, second = (dateutil_parser.parse(text, default=d) for d in _SENTINELS)
    except (ValueError, OverflowError) as error:
        raise ValueError(str(error)) from None
    if first.date() != second.date():
        raise ValueError("the year, month or day is missing")
    has_time = (first.hour, first.minute, first.second) != (0, 0, 0) or ":" in text
    return first, has_time
