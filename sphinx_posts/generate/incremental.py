"""Incremental builds: rewrite exactly the pages whose post lists or navigation changed.

After each read, every page that shows other posts (a ``postlist``, ``tagcloud`` or
``archives``, or a post's previous/next, related and series links) gets a fingerprint of what
it would show. Pages whose fingerprint differs from the last build are returned from
``env-get-updated``, so Sphinx rewrites them without re-reading anything.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from ..model import ListSpec, reading_minutes, shown_terms
from ..store.catalog import build_time, is_scheduled, select
from ..store.domain import get_domain, post_docname
from ..write.backlinks import backlink_inputs, cited_places
from ..write.discovery import fills_sidebars
from ..write.navigation import navigation_inputs
from ..write.sidebars import shares_sidebars, shown_components

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from ..model import Post
    from ..store.catalog import Catalog
    from ..store.domain import PostsDomain


def digest(value: Any) -> str:
    return hashlib.sha1(repr(value).encode("utf-8")).hexdigest()


def _terms_shown(catalog: Catalog, post: Post, entry: bool = False) -> list[Any]:
    """Spellings, slugs and links a page shows for ``post``'s terms (all three can change);
    with ``entry``, only those a list entry shows (and how many more there are)."""
    kinds = {"tag": post.tags, "author": post.authors, "category": post.categories}
    names: list[tuple[str, str]] = []
    more = []
    for kind, all_names in kinds.items():
        shown, hidden = shown_terms(all_names) if entry else (all_names, 0)
        names += [(kind, name) for name in shown]
        more.append(hidden)
    return [
        *more,
        *(
            (term.name, term.slug, bool(term.posts))
            for kind, name in names
            if (term := catalog.term(kind, name))
        ),
    ]


def entry_inputs(catalog: Catalog, config: Config, post: Post) -> str:
    """A digest of what a list shows of ``post`` (not its word count: only the minutes it
    rounds to). A post is in five lists on average (index, tags, year): found once a build,
    and a list's fingerprint hashes these digests, not every entry's text again."""
    known: dict[str, str] = catalog.memo.setdefault("entry inputs", {})
    if post.key not in known:
        known[post.key] = digest(_entry_inputs(catalog, config, post))
    return known[post.key]


def _entry_inputs(catalog: Catalog, config: Config, post: Post) -> tuple[Any, ...]:
    return (
        post.key,
        post.title,
        post.date,
        post.has_time,
        post.description,
        post.excerpt,
        reading_minutes(post, config),
        _terms_shown(catalog, post, entry=True),
        post.image,
        post.draft,
        is_scheduled(post, catalog.now),
        post.updated,  # ABlog sites' entries show it
        post.languages,
        post.locations,
        post.external_link,
    )


def list_inputs(catalog: Catalog, config: Config, spec: Any, docname: str) -> Any:
    if isinstance(spec, ListSpec):
        posts = select(catalog, spec, docname)
        return [entry_inputs(catalog, config, post) for post in posts]
    if spec == "tagcloud":
        return [(t.name, t.slug, len(t.posts)) for t in catalog.terms["tag"].values()]
    if spec == "blog page":  # a document at a generated page's name shows its list (intro.py)
        return [entry_inputs(catalog, config, post) for post in catalog.posts], sidebar_inputs(
            catalog
        )
    return [(year, [(p.date, p.key) for p in posts]) for year, posts in catalog.years.items()]


def fingerprints(
    app: Sphinx, env: BuildEnvironment, only: set[str] | None = None
) -> dict[str, str]:
    """Every page's fingerprint, or those of the documents ``only`` names."""
    domain = get_domain(env)
    catalog = domain.catalog()
    related = env.config.posts_related
    found: dict[str, str] = {}
    for post in domain.posts.values():
        if only is not None and post.docname not in only:
            continue
        inputs = (
            navigation_inputs(catalog, post, related),
            _terms_shown(catalog, post),
            is_scheduled(post, catalog.now),
        )
        # a document posting several sections has one fingerprint for them all
        found[post.docname] = digest((found.get(post.docname), inputs))
    for docname, specs in domain.lists.items():
        shown = [list_inputs(catalog, env.config, spec, docname) for _, spec in specs]
        found[docname] = digest((found.get(docname), shown))
    for docname, references in domain.references.items():
        shown = [reference_inputs(domain, catalog, docname, *ref) for ref in references]
        found[docname] = digest((found.get(docname), shown))
    for docname, shown in backlink_inputs(app).items():
        found[docname] = digest((found.get(docname), shown))
    return found


def showing_others(app: Sphinx, env: BuildEnvironment) -> set[str]:
    """Documents that show other pages' posts: post lists, ``post``/``tag`` roles and the
    pages posts cite (their back-links). What they show can change when a post's text does."""
    domain = get_domain(env)
    return {*domain.lists, *domain.references, *cited_places(app)}


def reference_inputs(
    domain: PostsDomain, catalog: Catalog, docname: str, role: str, target: str
) -> Any:
    """What a ``post`` role shows (the post's title) or a ``tag`` role (its name and link)."""
    if role == "post":
        found = post_docname(domain, docname, target)
        return found and domain.posts[found].title
    term = catalog.term("tag", target)
    return term and (term.name, term.slug, bool(term.posts))


SIDEBAR_KEY = "posts sidebars"
"""Key of the sidebars' fingerprint among the per-document ones (never a docname)."""
ABLOG_KEY = "posts ablog site"
"""Key of whether the site is an ABlog site (store/catalog.py ``is_ablog_site``)."""


def _named_components(app: Sphinx) -> list[str]:
    config = app.config
    return _strings([config.html_sidebars, config.html_theme_options])


def uses_sidebars(app: Sphinx) -> bool:
    """Whether any page shows a ``posts/*`` (or ABlog-named) sidebar component: named in the
    configuration, or given to pages the writer set no sidebars for (write/discovery.py)."""
    if fills_sidebars(app):
        return True
    return any(name.startswith(("posts/", "ablog/")) for name in _named_components(app))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _strings(item)]
    return []


def sidebar_inputs(catalog: Catalog) -> Any:
    """What the sidebar components can show: recent posts and every count."""
    recent = [(post.key, post.title, post.date) for post in catalog.posts[:10]]
    counts = {
        kind: [(term.name, term.slug, len(term.posts)) for term in terms.values()]
        for kind, terms in catalog.terms.items()
    }
    years = [(year, len(posts)) for year, posts in catalog.years.items()]
    return recent, counts, years


def page_sidebar_inputs(app: Sphinx, catalog: Catalog) -> Any:
    """What the sidebars of every page show, ``None`` without sidebars: when it changes,
    every page is rewritten. With shared sidebars a page shows only which slots it has
    (write/sidebars.py); ABlog's components are always written into each page."""
    if not uses_sidebars(app):
        return None
    inline = any(name.startswith("ablog/") for name in _named_components(app))
    if shares_sidebars(app) and not inline:
        return shown_components(catalog)
    return sidebar_inputs(catalog)


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose post lists, navigation or sidebars show something new since last build.

    When sidebars show posts inline (``posts_sidebars = "inline"``), a new post changes every
    page's sidebar, so every page is rewritten (not re-read): that is what a clean build would
    show. Shared sidebars change one file instead (generate/shared.py).
    """
    domain = get_domain(env)
    if domain.unchanged_since_last_build(build_time()):
        return []
    records_unchanged = domain.records_unchanged_since_last_build(build_time())
    domain.data["built_at"] = domain.catalog().now.timestamp()
    domain.remember_records()
    previous: dict[str, str] = domain.data.setdefault("shown", {})
    others = showing_others(app, env)
    shown_others = domain.data.get("others")  # the last build's ``showing_others``
    if records_unchanged and isinstance(shown_others, list):
        # only what a post's text can change: lists, roles, back-links (of the documents
        # that show them now or did last time); every post's navigation and the sidebars
        # are as they were, and at 10,000 posts they are most of a rebuild's bookkeeping
        again = others | set(shown_others)
        current = {name: value for name, value in previous.items() if name not in again}
        current.update(fingerprints(app, env, only=again))
    else:
        current = fingerprints(app, env)
        sidebars = page_sidebar_inputs(app, domain.catalog())
        if sidebars is not None:
            current[SIDEBAR_KEY] = digest(sidebars)
        # the site became, or stopped being, an ABlog site (its first or last ``post``
        # directive, on a site whose conf.py does not say): every page shows the blog
        # another way
        current[ABLOG_KEY] = str(domain.catalog().ablog)
    changed = {name for name, value in current.items() if previous.get(name) != value}
    # a page that showed something last time and now shows nothing (its last citing post
    # is gone) changed too
    changed |= {name for name in previous if name not in current and name in env.found_docs}
    domain.data["others"] = sorted(others)
    domain.data["shown"] = current
    if (SIDEBAR_KEY in changed and SIDEBAR_KEY in previous) or (
        ABLOG_KEY in changed and ABLOG_KEY in previous
    ):
        return sorted(env.found_docs)
    return sorted(changed - {SIDEBAR_KEY, ABLOG_KEY})


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-get-updated", pages_to_rewrite)
