"""What the blog lists, computed once from the domain's records: published posts, terms, years.

Every list (post lists, generated pages, sidebars, feeds) reads a :class:`Catalog`, so "which
posts are listed, in which order, under which tag spelling and slug" is decided in one place.
"""

from __future__ import annotations

import difflib
import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from ..config import ablog_site_values, site_timezone
from ..i18n import language_name
from ..model import Term, ablog_slug, slugify, term_key, unique_slugs
from ..people import find_person, read_people

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import tzinfo
    from typing import Any

    from sphinx.config import Config

    from ..model import ListSpec, Post
    from ..people import Person

TERM_KINDS = ("tag", "category", "author", "location", "language")
NAMED_KINDS = {"location": "blog_locations", "language": "blog_languages"}
"""ABlog's settings that give a location or language key its shown name."""


@dataclass
class Catalog:
    posts: list[Post]
    """Listed posts, newest first."""
    terms: dict[str, dict[str, Term]]
    """kind -> term key -> Term, for tags, categories and authors."""
    years: dict[int, list[Post]]
    now: datetime
    """The build time that decided which posts are scheduled."""

    timezone: tzinfo
    """``posts_timezone``: the zone in which a post's date falls in a year."""
    rank: dict[str, int] = field(default_factory=dict)
    """Docname -> position in ``posts`` (0: the newest listed post)."""

    shown_dates: dict[tuple[str, str], str] = field(default_factory=dict)
    """(docname, date format) -> the date as shown, filled as lists are rendered."""
    tagged: dict[str, list[str]] = field(default_factory=dict)
    """Tag key -> docnames of its listed posts (for counting shared tags quickly)."""
    series: dict[str, list[Post]] = field(default_factory=dict)
    """Series name -> its listed posts, oldest first."""
    series_slugs: dict[str, str] = field(default_factory=dict)
    """Series name -> the slug of its page (unique among series)."""
    related: dict[tuple[str, int], list[Post]] = field(default_factory=dict)
    """(docname, count) -> related posts, filled as post pages ask (fingerprints, footers)."""
    memo: dict[str, Any] = field(default_factory=dict)
    """Other values derived once per build by the phases above (such as back-links)."""
    people: dict[str, Person] = field(default_factory=dict)
    """``posts_authors`` by the term key of each key and name (see :func:`person`)."""
    translations: dict[str, list[Post]] = field(default_factory=dict)
    """Translation key -> the listed posts that are one post in several languages."""
    translation_keys: dict[str, str] = field(default_factory=dict)
    """Post key -> its translation key (also for the post a key names by its docname)."""
    ablog: bool = False
    """An ABlog site (see :func:`is_ablog_site`): the blog is shown as ABlog showed it."""
    values: dict[str, Any] = field(default_factory=dict)
    """``posts_*`` values that differ from the configuration's: ABlog's meanings, on a site
    found to be an ABlog site only by its ``post`` directives (see :meth:`setting`)."""
    term_keys: dict[tuple[str, str], str] = field(default_factory=dict)
    """(kind, name as written) -> the term's key, filled as terms are looked up."""

    def __post_init__(self) -> None:
        self.rank = {post.key: index for index, post in enumerate(self.posts)}
        self.tagged = {
            key: [post.key for post in term.posts]
            for key, term in self.terms.get("tag", {}).items()
        }
        for post in reversed(self.posts):
            if post.series:
                self.series.setdefault(post.series, []).append(post)
        taken: set[str] = set()
        for name in sorted(self.series):  # a series is its exact name (as postlist filters)
            base = slugify(name) or "series"
            slug, number = base, 2
            while slug in taken:
                slug, number = f"{base}-{number}", number + 1
            self.series_slugs[name] = slug
            taken.add(slug)
        self.group_translations()

    def group_translations(self) -> None:
        """Posts giving the same ``translation_of`` are translations of each other; so is the
        post whose docname that is (``translation_of: posts/hello`` names the original)."""
        by_docname = {post.docname: post for post in self.posts if not post.section}
        for post in self.posts:
            if post.translation:
                self.translations.setdefault(post.translation, []).append(post)
        for key, group in self.translations.items():
            origin = by_docname.get(translated_docname(key))
            if origin is not None and origin not in group:
                group.append(origin)
            group.sort(key=lambda post: (post.languages, post.key))
            for post in group:
                self.translation_keys.setdefault(post.key, key)

    def translations_of(self, post: Post) -> list[Post]:
        """Every listed language version of ``post`` (itself included); [] if it has none."""
        group = self.translations.get(self.translation_keys.get(post.key, ""), [])
        return group if len(group) > 1 else []

    def year_of(self, post: Post) -> int | None:
        return post.date.astimezone(self.timezone).year if post.date else None

    def term(self, kind: str, name: str) -> Term | None:
        return self.terms[kind].get(self.key_of(kind, name))

    def key_of(self, kind: str, name: str) -> str:
        """A term's identity; an author named by key (``ana``) is the person it names.
        Looked up for every term of every entry of every list: normalised once a name."""
        found = self.term_keys.get((kind, name))
        if found is None:
            found = self.term_keys[kind, name] = term_key(shown_name(self.people, kind, name))
        return found

    def setting(self, config: Config, name: str) -> Any:
        """A ``posts_*`` value as this build reads it: the configuration's, or ABlog's meaning
        of it on a site its ``post`` directives made an ABlog site (conf.py said nothing)."""
        return self.values[name] if name in self.values else config[name]

    def person(self, name: str) -> Person:
        """The author a post names, as ``posts_authors`` describes them (or by name only)."""
        return find_person(name, self.people)


def translated_docname(key: str) -> str:
    """A ``translation_of`` value as the docname it may name (``/posts/hello.md``)."""
    name = key.strip().strip("/")
    for suffix in (".md", ".rst", ".ipynb", ".markdown", ".txt", ".html"):
        name = name.removesuffix(suffix)
    return name


def shown_name(people: dict[str, Person], kind: str, name: str) -> str:
    """How a term is spelled on pages: an author's configured name, else as written."""
    return find_person(name, people).name if kind == "author" else name


def build_time() -> datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the current time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC)


def show_drafts(config: Config) -> bool:
    """``posts_show_drafts``, which defaults to on for Read the Docs pull-request previews."""
    if config.posts_show_drafts is not None:
        return bool(config.posts_show_drafts)
    return os.environ.get("READTHEDOCS_VERSION_TYPE") == "external"


def is_scheduled(post: Post, now: datetime) -> bool:
    return post.date is not None and post.date > now


def scheduled_posts(records: dict[str, Post], now: datetime) -> list[Post]:
    """Posts that are finished but dated in the future, soonest first (drafts are not)."""
    waiting = [post for post in records.values() if not post.draft and is_scheduled(post, now)]
    return sorted(waiting, key=lambda post: post.sort_key())


def is_listed(post: Post, config: Config, now: datetime) -> bool:
    if post.draft or is_scheduled(post, now):
        return show_drafts(config) and post.date is not None
    return True


def post_terms(post: Post, kind: str) -> tuple[str, ...]:
    return {
        "tag": post.tags,
        "category": post.categories,
        "author": post.authors,
        "location": post.locations,
        "language": post.languages,
    }[kind]


def shown_names(config: Config, kind: str) -> dict[str, str]:
    """Term key -> shown name, from ABlog's ``blog_locations``/``blog_languages`` (key ->
    (name, link)): a post says ``:location: pittsburgh``, the site shows "Pittsburgh, PA"."""
    known = getattr(config, NAMED_KINDS.get(kind, ""), None)
    if not isinstance(known, dict):
        return {}
    return {
        term_key(key): str(entry[0])
        for key, entry in known.items()
        if isinstance(key, str) and isinstance(entry, tuple | list) and entry
    }


def spoken_names(config: Config, codes: list[str]) -> dict[str, str]:
    """Language code -> its name in the site's language (``fr`` is "Französisch" on a German
    site); the pages keep the code as their slug (``blog/language/fr``)."""
    names = {term_key(code): language_name(code, config.language) for code in codes}
    return {key: name for key, name in names.items() if name}


def has_language_pages(catalog: Catalog) -> bool:
    """A page per language: on a blog in two languages or more (and, as ABlog did, on an
    ABlog site whose posts name any)."""
    languages = [term for term in catalog.terms["language"].values() if term.posts]
    return len(languages) >= (1 if catalog.ablog else 2)


def is_ablog_site(records: dict[str, Post], config: Config) -> bool:
    """``posts_ablog`` as conf.py decided it (read/ablog.py); where it could not (conf.py sets
    neither ABlog's settings nor ours), whether any document uses ABlog's ``post`` directive.

    Decided from the records, after every document is read and merged: the same for a clean,
    an incremental and a parallel build (generate/incremental.py rewrites every page when it
    changes)."""
    if config.posts_ablog is not None:
        return bool(config.posts_ablog)
    return any(post.ablog_directive for post in records.values())


def order(ablog: bool) -> Callable[[Post], tuple[Any, ...]]:
    """Oldest first. Posts of the same moment go by docname, or on an ABlog site by title,
    as ABlog orders them."""
    if ablog:
        return lambda post: (post.sort_key()[0], post.title, post.key)
    return lambda post: post.sort_key()


def _shown_slug(shown: dict[str, str], fold: Callable[[str], str], key: str) -> str:
    return fold(shown.get(key, key))


def build_catalog(records: dict[str, Post], config: Config, now: datetime) -> Catalog:
    ablog = is_ablog_site(records, config)
    oldest_first = sorted(records.values(), key=order(ablog))
    listed = [post for post in oldest_first if is_listed(post, config, now)]
    people = read_people(config.posts_authors)
    terms: dict[str, dict[str, Term]] = {}
    for kind in TERM_KINDS:
        # spellings and slugs come from every post, listed or not, so they never flip; an
        # author's are their configured name's (ABlog names author pages after it too)
        named = [
            [shown_name(people, kind, name) for name in post_terms(post, kind)]
            for post in oldest_first
        ]
        fold = ablog_slug if ablog else None
        shown = shown_names(config, kind)
        if shown:
            fold = partial(_shown_slug, shown, fold or slugify)
        slugs = unique_slugs([name for names in named for name in names], fold)
        if kind == "language" and not shown and not ablog:
            shown = spoken_names(config, [name for names in named for name in names])
        found: dict[str, Term] = {}
        for post, names in zip(oldest_first, named, strict=True):
            for name in names:
                key = term_key(name)
                term = found.setdefault(key, Term(kind, key, shown.get(key, name), slugs[key]))
                term.spellings.setdefault(name, []).append(post.docname)
        for post in reversed(listed):
            for name in post_terms(post, kind):
                found[term_key(shown_name(people, kind, name))].posts.append(post)
        terms[kind] = dict(sorted(found.items(), key=lambda item: item[1].slug))
    newest_first = list(reversed(listed))
    undecided = ablog and config.posts_ablog is None
    catalog = Catalog(
        newest_first,
        terms,
        {},
        now,
        site_timezone(config),
        people=people,
        ablog=ablog,
        values=ablog_site_values(config) if undecided else {},
    )
    years: dict[int, list[Post]] = defaultdict(list)
    for post in newest_first:
        if post.date is not None:
            years[catalog.year_of(post)].append(post)
    catalog.years = dict(sorted(years.items(), reverse=True))
    return catalog


def select(catalog: Catalog, spec: ListSpec, current: str) -> list[Post]:
    """The posts a list shows, in its order; the catalog already left drafts out."""
    chosen = []
    wanted = {
        kind: {catalog.key_of(kind, name) for name in names}
        for kind, names in spec.filters().items()
    }
    for post in catalog.posts:
        if spec.exclude_current and post.docname == current:
            continue
        if any(
            keys and not keys & {catalog.key_of(kind, name) for name in post_terms(post, kind)}
            for kind, keys in wanted.items()
        ):
            continue
        if spec.years and (post.date is None or str(catalog.year_of(post)) not in spec.years):
            continue
        if spec.languages and not set(spec.languages) & set(post.languages):
            continue
        if spec.locations and not set(spec.locations) & set(post.locations):
            continue
        if spec.series and post.series not in spec.series:
            continue
        chosen.append(post)
    if spec.sort == "oldest":
        chosen.reverse()
    elif spec.sort == "title":
        chosen.sort(key=lambda post: (post.title.casefold(), post.key))
    return chosen[: spec.limit] if spec.limit is not None else chosen


def unknown_filters(catalog: Catalog, spec: ListSpec) -> list[str]:
    """A sentence for each filter value no post has, naming the closest known values."""
    problems = []
    for kind, names in spec.filters().items():
        known = catalog.terms[kind]
        for name in names:
            if catalog.key_of(kind, name) in known:
                continue
            close = (
                difflib.get_close_matches(catalog.key_of(kind, name), list(known), n=3, cutoff=0.6)
                or list(known)[:3]
            )
            hint = ", ".join(repr(known[key].name) for key in close) or "none yet"
            problems.append(f"{kind} {name!r} matches no post (closest known: {hint})")
    return problems
