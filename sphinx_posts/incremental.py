"""Incremental builds: rewrite exactly the pages whose post lists or navigation changed.

After each read, every page that shows other posts (a ``postlist``, ``tagcloud`` or
``archives``, or a post's previous/next, related and series links) gets a fingerprint of what
it would show. Pages whose fingerprint differs from the last build are returned from
``env-get-updated``, so Sphinx rewrites them without re-reading anything.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from .catalog import is_scheduled
from .domain import get_domain
from .lists import ListSpec, select
from .navigation import navigation_inputs

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .catalog import Catalog
    from .model import Post


def _digest(value: Any) -> str:
    return hashlib.sha1(repr(value).encode("utf-8")).hexdigest()


def _terms_shown(catalog: Catalog, post: Post) -> list[tuple[str, str]]:
    """Tag and author spellings and slugs a page shows for ``post`` (they can change)."""
    names = [("tag", name) for name in post.tags] + [("author", name) for name in post.authors]
    names += [("category", name) for name in post.categories]
    return [(term.name, term.slug) for kind, name in names if (term := catalog.term(kind, name))]


def list_inputs(catalog: Catalog, spec: Any, docname: str) -> Any:
    if isinstance(spec, ListSpec):
        return [(post, _terms_shown(catalog, post)) for post in select(catalog, spec, docname)]
    if spec == "tagcloud":
        return [(t.name, t.slug, len(t.posts)) for t in catalog.terms["tag"].values()]
    return [(year, [(p.date, p.docname) for p in posts]) for year, posts in catalog.years.items()]


def fingerprints(env: BuildEnvironment) -> dict[str, str]:
    domain = get_domain(env)
    catalog = domain.catalog()
    related = env.config.posts_related
    found: dict[str, str] = {}
    for docname, post in domain.posts.items():
        inputs = (
            navigation_inputs(catalog, post, related),
            _terms_shown(catalog, post),
            is_scheduled(post, catalog.now),
        )
        found[docname] = _digest(inputs)
    for docname, specs in domain.lists.items():
        shown = [list_inputs(catalog, spec, docname) for _, spec in specs]
        found[docname] = _digest((found.get(docname), shown))
    return found


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = get_domain(env)
    current = fingerprints(env)
    previous: dict[str, str] = domain.data.setdefault("shown", {})
    changed = sorted(
        docname for docname, value in current.items() if previous.get(docname) != value
    )
    domain.data["shown"] = current
    return changed


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-get-updated", pages_to_rewrite)
