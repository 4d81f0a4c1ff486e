""" "Posts about this": on a documentation page, the published posts that cite it.

Each post's cross-references were recorded at read time (read/citations.py). Once every
document is read, each is resolved by its own domain's rules, through a stand-in builder that
makes the link's target document and anchor readable. The result maps a page (and an anchor on
it) to the posts citing it; it is computed once per build and kept on the catalog.

An anchor that is an object's description (``py:function``, ``c:macro``...) gets its list after
that description; the page itself, its sections and labels get one list at the end of the
page. A ``backlinks`` directive puts the page's whole list where the writer wants it instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from ..doctree import chrome, posts_backlinks
from ..formats import machine_date
from ..store.domain import get_domain
from ..urls import link
from .bylines import post_date_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from ..model import Post
    from ..store.catalog import Catalog


MARK = "\x00posts-target:"
MEMO = "backlinks"


class TargetReader:
    """The real builder, except that a link's URI is ``MARK + docname``: so a domain's own
    ``resolve_xref`` tells us which document (and anchor) a reference points to."""

    def __init__(self, builder: Builder) -> None:
        self._builder = builder

    def __getattr__(self, name: str) -> Any:
        return getattr(self._builder, name)

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return MARK + to

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return MARK + docname


def resolve(app: Sphinx, post: str, cited: dict[str, Any]) -> tuple[str, str] | None:
    """(docname, anchor) that one citation of ``post`` points to, or None."""
    env = app.env
    try:
        domain = env.domains[cited["refdomain"]]
    except KeyError:
        return None
    node = addnodes.pending_xref("", **cited)
    node["refdoc"] = post
    contnode = nodes.inline("", cited["reftarget"])
    target = str(cited["reftarget"])
    try:
        with logging.suppress_logging():  # the real resolution, later, says what is wrong
            found = domain.resolve_xref(
                env, post, TargetReader(app.builder), cited["reftype"], target, node, contnode
            )
    except Exception:
        return None
    if found is None:
        return None
    for reference in found.findall(nodes.reference):
        uri = reference.get("refuri", "")
        if uri.startswith(MARK):
            docname, _hash, anchor = uri[len(MARK) :].partition("#")
            return docname, anchor
    return None  # a reference within the post itself


def cited_places(app: Sphinx) -> dict[str, dict[str, list[Post]]]:
    """Docname -> anchor ("" for the page itself) -> the listed posts citing it, newest first."""
    catalog = get_domain(app.env).catalog()
    if MEMO in catalog.memo:
        return catalog.memo[MEMO]
    places: dict[str, dict[str, list[Post]]] = {}
    config = app.config
    domains = set(config.posts_backlinks_domains or ())
    citations = get_domain(app.env).citations
    if config.posts_backlinks and citations:
        for post in catalog.posts:  # newest first; drafts and scheduled posts are not listed
            seen = set()
            for cited in citations.get(post.docname, ()):
                if domains and cited.get("refdomain") not in domains:
                    continue
                place = resolve(app, post.docname, cited)
                if place is None or place[0] == post.docname or place in seen:
                    continue
                seen.add(place)
                places.setdefault(place[0], {}).setdefault(place[1], []).append(post)
    catalog.memo[MEMO] = places
    return places


def backlink_inputs(app: Sphinx) -> dict[str, Any]:
    """What each cited page shows, for incremental builds: posts, titles and dates."""
    return {
        docname: sorted(
            (anchor, [(post.docname, post.title, post.date) for post in posts])
            for anchor, posts in anchors.items()
        )
        for docname, anchors in cited_places(app).items()
    }


def render(app: Sphinx, page: str, posts: list[Post], about: str, catalog: Catalog) -> nodes.Node:
    config = app.config
    entries = [
        {
            "title": post.title,
            "url": link(app.builder, page, post.docname),
            "date": post_date_text(catalog, post, config),
            "date_iso": machine_date(post.date, post.has_time, config) if post.date else "",
        }
        for post in posts
    ]
    context = {"entries": entries, "about": about, "shown": config.posts_backlinks_shown}
    return chrome(app.builder.templates.render("posts/backlinks.html", context))


def object_descriptions(doctree: nodes.document) -> dict[str, addnodes.desc]:
    """Anchor -> the object description (``desc``) whose signature carries it."""
    found = {}
    for signature in doctree.findall(addnodes.desc_signature):
        if isinstance(signature.parent, addnodes.desc):
            for anchor in signature["ids"]:
                found.setdefault(anchor, signature.parent)
    return found


def add_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    by_hand = list(doctree.findall(posts_backlinks))
    places = cited_places(app).get(docname, {}) if app.builder.format == "html" else {}
    if not places:
        for node in by_hand:
            node.parent.remove(node)
        return
    catalog = get_domain(app.env).catalog()
    page_posts: list[Post] = []
    objects = {} if by_hand else object_descriptions(doctree)
    by_object = app.config.posts_backlinks_placement == "object"
    for anchor, posts in sorted(places.items()):
        description = objects.get(anchor) if by_object else None
        if description is None:
            page_posts.extend(post for post in posts if post not in page_posts)
            continue
        content = next(iter(description.findall(addnodes.desc_content)), description)
        content += render(app, docname, posts, "object", catalog)
    if not page_posts:
        for node in by_hand:
            node.parent.remove(node)
        return
    page_posts.sort(key=lambda post: catalog.rank.get(post.key, 0))
    box = render(app, docname, page_posts, "page", catalog)
    if by_hand:
        by_hand[0].replace_self(box)
        for node in by_hand[1:]:
            node.parent.remove(node)
        return
    sections = [node for node in doctree.children if isinstance(node, nodes.section)]
    (sections[0] if sections else doctree).append(box)


def setup_backlinks(app: Sphinx) -> None:
    app.connect("doctree-resolved", add_backlinks)
