"""Post-to-post navigation on each post page: previous/next, related posts, the series box.

All three come from the catalog (listed posts only), so a draft never appears in another
post's navigation. The series box sits under the byline; the rest closes the post.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any

from ..config import ablog_setting
from ..doctree import chrome, post_footer
from ..i18n import content_language, is_right_to_left, own_name
from ..model import term_key
from ..store.domain import get_domain
from ..urls import link, makes_blog_pages, post_link, series_page

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docutils import nodes
    from sphinx.application import Sphinx

    from ..model import Post
    from ..store.catalog import Catalog


def neighbours(catalog: Catalog, post: Post) -> tuple[Post | None, Post | None]:
    """(older, newer) than ``post`` among listed posts."""
    order = catalog.posts  # newest first
    index = catalog.rank.get(post.key)
    if index is None:
        return None, None
    older = order[index + 1] if index + 1 < len(order) else None
    newer = order[index - 1] if index > 0 else None
    return older, newer


def related(catalog: Catalog, post: Post, count: int) -> list[Post]:
    """Up to ``count`` listed posts sharing most tags with ``post``; on ties, those written
    nearest to it (in the blog's order; the newer of two as near).

    Nearest, not newest: a post of 2015 points to its own time's posts on the subject, and
    publishing a post changes the related posts of the few posts near it, not of every post
    that shares its tags (a third of a blog's pages, when they are common tags, each written
    again). Candidates come from the posts of ``post``'s own tags: cheap for every post.
    """
    if count <= 0 or not post.tags:
        return []
    known = catalog.related.get((post.key, count))
    if known is None:
        keys = sorted({term_key(tag) for tag in post.tags} & catalog.tagged.keys())
        best = _most_shared(catalog, post.key, keys, count)
        known = catalog.related[post.key, count] = [catalog.posts[i] for i in best]
    return known


WIDEST = 6
"""A post with more tags than this is scored on its own, not indexed by its sets of tags
(a post with n tags has 2**n of them)."""
MOST_WIDE = 64
"""With more such posts than this, scoring each of them for every post would cost more than
the index saves: related posts come from set intersections instead."""


@dataclass(frozen=True)
class SharedTags:
    """The listed posts by every set of two or more tags they carry together, newest first.

    A post's related posts are then read from the heads of a few short lists, most shared
    tags first: linear in the blog, where counting (or intersecting) the posts of every tag
    of every post is quadratic, and a rebuild of a 10,000-post blog does it for every post."""

    lists: dict[tuple[str, ...], list[str]]
    wide: dict[str, frozenset[str]]
    """Posts with more than ``WIDEST`` tags -> their tag keys, newest first (not in ``lists``)."""
    repeated: frozenset[str]
    """Tag keys that some post gives twice (it counts twice: see ``_most_shared_counted``)."""


def shared_tags(catalog: Catalog) -> SharedTags:
    """Found once a build, from the catalog's per-tag lists."""
    if "shared tags" not in catalog.memo:
        catalog.memo["shared tags"] = _index_shared_tags(catalog.rank, catalog.tagged)
    return catalog.memo["shared tags"]


def _index_shared_tags(rank: dict[str, int], tagged: dict[str, list[str]]) -> SharedTags:
    tags_of: dict[str, list[str]] = {}
    repeated = set()
    for key, found in tagged.items():
        seen = set()
        for doc in found:
            if doc in seen:
                repeated.add(key)
                continue
            seen.add(doc)
            tags_of.setdefault(doc, []).append(key)
    lists: dict[tuple[str, ...], list[str]] = {}
    wide = {}
    for doc in sorted(tags_of, key=rank.__getitem__):
        keys = sorted(tags_of[doc])
        if len(keys) > WIDEST:
            wide[doc] = frozenset(keys)
            continue
        for size in range(2, len(keys) + 1):
            for subset in combinations(keys, size):
                lists.setdefault(subset, []).append(doc)
    return SharedTags(lists, wide, frozenset(repeated))


def _outwards(found: list[str], rank: dict[str, int], middle: int) -> Iterator[str]:
    """``found`` (sorted by rank) from rank ``middle`` outwards: nearest first, the newer
    (lower rank) of two as near first."""
    older = bisect_left(found, middle, key=rank.__getitem__)
    newer = older - 1
    while newer >= 0 or older < len(found):
        if older < len(found) and (
            newer < 0 or rank[found[older]] - middle < middle - rank[found[newer]]
        ):
            yield found[older]
            older += 1
        else:
            yield found[newer]
            newer -= 1


def _nearest(lists: list[list[str]], rank: dict[str, int], middle: int) -> Iterator[str]:
    """The posts of several lists (each sorted by rank), nearest to ``middle`` first."""
    return heapq.merge(
        *(_outwards(found, rank, middle) for found in lists),
        key=lambda doc: (abs(rank[doc] - middle), rank[doc]),
    )


def _most_shared(catalog: Catalog, own: str, keys: list[str], count: int) -> list[int]:
    """Ranks of the ``count`` posts with most of the tags ``keys`` (sorted), nearest to
    ``own`` on ties (see :func:`related`).

    Posts sharing all of ``keys`` come first, nearest first, then those sharing all but one
    (the merged lists of each such set of tags), and so on down to one tag, until ``count``
    are found; posts with many tags are scored one by one."""
    shared = shared_tags(catalog)
    if len(keys) > WIDEST or len(shared.wide) > MOST_WIDE or shared.repeated.intersection(keys):
        return _most_shared_intersected(catalog, own, keys, count)
    rank = catalog.rank
    middle = rank.get(own, 0)  # a post not listed (a draft's preview): nearest the newest
    found: list[tuple[int, int, int]] = []  # (-tags shared, distance, rank)
    taken = {own, *shared.wide}
    for size in range(len(keys), 0, -1):
        if size == 1:
            lists = [catalog.tagged[key] for key in keys]
        else:
            subsets = combinations(keys, size)
            lists = [shared.lists[subset] for subset in subsets if subset in shared.lists]
        # a post sharing ``size`` tags is on one of these lists; one sharing more is taken
        for doc in _nearest(lists, rank, middle):
            if len(found) == count:
                break
            if doc not in taken:
                taken.add(doc)
                found.append((-size, abs(rank[doc] - middle), rank[doc]))
        if len(found) == count:
            break
    wanted = set(keys)
    for doc, tags in shared.wide.items():
        if doc != own and (score := len(wanted & tags)):
            found.append((-score, abs(rank[doc] - middle), rank[doc]))
    return [position for *_, position in heapq.nsmallest(count, found)]


def _most_shared_intersected(catalog: Catalog, own: str, keys: list[str], count: int) -> list[int]:
    """As ``_most_shared``, for a post with many tags or a blog with many such posts: the
    posts with two or more of the tags from set intersections, the rest from the tags' lists
    (nearest first)."""
    rank = catalog.rank
    middle = rank.get(own, 0)
    lists = [catalog.tagged[key] for key in keys]
    sets: dict[str, frozenset[str]] = catalog.memo.setdefault("tag sets", {})
    for key, found in zip(keys, lists, strict=True):
        if key not in sets:
            sets[key] = frozenset(found)
    groups = [sets[key] for key in keys]
    if any(len(group) != len(found) for group, found in zip(groups, lists, strict=True)):
        return _most_shared_counted(rank, own, lists, count, middle)  # a tag given twice
    several: set[str] = set()
    for i, group in enumerate(groups):
        for other in groups[i + 1 :]:
            several |= group & other
    scored = [
        (-sum(key in group for group in groups), abs(rank[key] - middle), rank[key])
        for key in several - {own}
    ]
    once = []
    for key in _nearest(lists, rank, middle):
        if len(once) == count:
            break
        if key != own and key not in several:
            once.append((-1, abs(rank[key] - middle), rank[key]))
    return [position for *_, position in heapq.nsmallest(count, scored + once)]


def _most_shared_counted(
    rank: dict[str, int], own: str, lists: list[list[str]], count: int, middle: int
) -> list[int]:
    shared: Counter[str] = Counter()
    for found in lists:
        shared.update(found)
    shared.pop(own, None)
    scored = ((-n, abs(rank[key] - middle), rank[key]) for key, n in shared.items())
    return [position for *_, position in heapq.nsmallest(count, scored)]


def series_parts(catalog: Catalog, post: Post) -> list[Post]:
    """Every listed part of ``post``'s series (and ``post`` itself), oldest first."""
    if not post.series:
        return []
    parts = catalog.series.get(post.series, [])
    if post in parts:
        return parts
    return sorted([*parts, post], key=lambda other: other.sort_key())


def navigation_inputs(catalog: Catalog, post: Post, related_count: int) -> tuple[Any, ...]:
    """What the navigation of ``post`` shows; when it changes, the page must be rewritten."""
    older, newer = neighbours(catalog, post)
    parts = series_parts(catalog, post)
    return (
        [(other.key, other.title) for other in (older, newer) if other],
        [(other.key, other.title) for other in related(catalog, post, related_count)],
        [(other.key, other.title, other.date) for other in parts],
        [(other.key, other.languages) for other in catalog.translations_of(post)],
    )


def translation_links(app: Sphinx, page: str, post: Post, catalog: Catalog) -> list[Any]:
    """The other languages ``post`` is in, each named in itself ("Français") and linked."""
    links = []
    for other in catalog.translations_of(post):
        tag = content_language(other.languages)
        if other.key == post.key or not tag:
            continue
        links.append(
            {
                "lang": tag,
                "name": own_name(tag),
                "url": post_link(app.builder, page, other),
                "dir": "rtl" if is_right_to_left(tag) else "ltr",
            }
        )
    return links


def series_context(app: Sphinx, page: str, post: Post, catalog: Catalog) -> dict[str, Any]:
    parts = series_parts(catalog, post)
    slug = catalog.series_slugs.get(post.series)
    page_url = ""
    if slug and makes_blog_pages(app.builder):
        page_url = link(app.builder, page, series_page(app.config, slug))
    return {
        "series": post.series,
        "url": page_url,
        "parts": [
            {
                "title": part.title,
                "url": post_link(app.builder, page, part),
                "current": part.key == post.key,
            }
            for part in parts
        ],
    }


def shows_neighbours(app: Sphinx) -> bool:
    """Previous and next post under a post, unless an ABlog site turned them off
    (``post_show_prev_next = False``)."""
    config = app.config
    return not config.posts_ablog or bool(ablog_setting(config, "post_show_prev_next"))


def resolve_footers(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    domain = get_domain(app.env)
    catalog = domain.catalog()
    for node in list(doctree.findall(post_footer)):
        post = domain.posts.get(node["docname"])
        if post is None or post.section or app.builder.format != "html":
            node.parent.remove(node)
            continue
        older, newer = neighbours(catalog, post) if shows_neighbours(app) else (None, None)

        def entry(other: Post | None) -> dict[str, str] | None:
            if other is None:
                return None
            return {"title": other.title, "url": post_link(app.builder, docname, other)}

        context = {
            "older": entry(older),
            "newer": entry(newer),
            "related": [entry(other) for other in related(catalog, post, app.config.posts_related)],
        }
        html = app.builder.templates.render("posts/navigation.html", context)
        node.replace_self(chrome(html))


def setup_navigation(app: Sphinx) -> None:
    app.connect("doctree-resolved", resolve_footers)
