"""The single store of posts: ``PostsDomain.data["posts"]``, keyed by docname.

Everything else (lists, pages, feeds, sidebars) asks the domain; aggregates such as tag
counts are computed from the records when asked, never stored.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from posixpath import dirname, join, normpath
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.domains import Domain
from sphinx.util.nodes import make_refnode
from sphinx.util.osutil import relative_uri

from ..model import ablog_slug, reading_minutes
from ..report import PostsWarning, warn
from ..urls import ablog_labels, link, post_label, term_link, term_page, year_page
from .catalog import Catalog, build_catalog, build_time, is_ablog_site

if TYPE_CHECKING:
    from collections.abc import Set
    from datetime import datetime

    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ..model import ListSpec, Post

DATA_VERSION = 12


class PostsDomain(Domain):
    """Posts, keyed by docname, merged symmetrically after parallel reads."""

    name = "posts"
    label = "Posts"
    data_version = DATA_VERSION
    initial_data: ClassVar[dict[str, Any]] = {
        "posts": {},
        "lists": {},
        "refs": {},
        "shown": {},
        "cites": {},
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._catalog: Catalog | None = None
        self._read_something = False  # this build read or removed a document
        self._unchanged: bool | None = None
        self._records_unchanged: bool | None = None
        self._records_key: str | None = None
        self._keys: dict[str, list[str]] | None = None  # docname -> its posts' keys

    def _keys_by_docname(self) -> dict[str, list[str]]:
        """Built once from the records, then kept up to date as posts come and go: asked for
        each document read or written, a scan of every post made builds quadratic."""
        if self._keys is None:
            self._keys = {}
            for key, post in self.posts.items():
                self._keys.setdefault(post.docname, []).append(key)
        return self._keys

    def _changed(self) -> None:
        self._catalog = None
        self._read_something = True
        self._unchanged = None
        self._records_unchanged = None
        self._records_key = None

    def unchanged_since_last_build(self, now: datetime) -> bool:
        """Nothing was read or removed, and no scheduled post has come due since the last
        build that looked at the posts: every list, page and feed is as it was.

        Decided once per build (the first caller then records this build's time)."""
        if self._unchanged is None:
            self._unchanged = not self._read_something and self._none_came_due(now)
        return self._unchanged

    def records_unchanged_since_last_build(self, now: datetime) -> bool:
        """Every post's record is as the last build left it (a post's text was edited, not
        what lists and other pages show of it: title, summary, terms, date, minutes read), the
        same documents exist, and no scheduled post has come due: every generated page, and
        every post's navigation, is as it was. Feeds are not: they show the text.

        Decided once per build, before ``remember_records`` records this build's."""
        if self._records_unchanged is None:
            self._records_unchanged = self.unchanged_since_last_build(now) or (
                self.data.get("records") == self.records_key() and self._none_came_due(now)
            )
        return self._records_unchanged

    def remember_records(self) -> None:
        self.data["records"] = self.records_key()

    def records_key(self) -> str:
        """A digest of every record but its word count (the minutes it rounds to instead), and
        of which documents there are (one may be where a generated page would be)."""
        if self._records_key is not None:
            return self._records_key
        config = self.env.config
        digest = hashlib.sha1()
        for key, post in sorted(self.posts.items()):  # one at a time: 10 MB of text at 10,000
            shown = replace(post, words=reading_minutes(post, config))
            digest.update(repr((key, shown)).encode("utf-8"))
        digest.update(repr(sorted(self.env.found_docs)).encode("utf-8"))
        self._records_key = digest.hexdigest()
        return self._records_key

    def _none_came_due(self, now: datetime) -> bool:
        last = self.data.get("built_at")
        moment = now.timestamp()
        return last is not None and not any(
            post.date and last < post.date.timestamp() <= moment for post in self.posts.values()
        )

    @property
    def posts(self) -> dict[str, Post]:
        return self.data["posts"]

    def add_post(self, post: Post) -> None:
        if post.key not in self.posts:
            self._keys_by_docname().setdefault(post.docname, []).append(post.key)
        self.posts[post.key] = post
        self._changed()

    def keys_of(self, docname: str) -> list[str]:
        """The store's keys of ``docname``'s posts: the docname, or ``docname#section`` for each
        section a document posts (ABlog's posting sections)."""
        return list(self._keys_by_docname().get(docname, ()))

    @property
    def lists(self) -> dict[str, list[tuple[int | None, ListSpec | str]]]:
        """Docname -> the post lists it holds (line, query), for checks and rewrites."""
        return self.data["lists"]

    def add_list(self, docname: str, line: int | None, spec: ListSpec | str) -> None:
        self.lists.setdefault(docname, []).append((line, spec))
        self._changed()

    @property
    def references(self) -> dict[str, list[tuple[str, str]]]:
        """Docname -> the ``post`` and ``tag`` roles it uses, as (role, target)."""
        return self.data["refs"]

    def add_reference(self, docname: str, role: str, target: str) -> None:
        self.references.setdefault(docname, []).append((role, target))
        self._changed()

    @property
    def citations(self) -> dict[str, list[dict[str, Any]]]:
        """Docname of a post -> its cross-references into Sphinx's domains (pending_xref
        attributes), for the "Posts about this" lists on the pages they point to."""
        return self.data["cites"]

    def set_citations(self, docname: str, found: list[dict[str, Any]]) -> None:
        if found:
            self.citations[docname] = found
        self._changed()

    def clear_doc(self, docname: str) -> None:
        for key in self._keys_by_docname().pop(docname, ()):
            del self.posts[key]
        self.lists.pop(docname, None)
        self.references.pop(docname, None)
        self.citations.pop(docname, None)
        self.data["shown"].pop(docname, None)
        self._changed()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for post in otherdata["posts"].values():
            if post.docname in docnames:
                self.add_post(post)
        for docname in docnames:
            if docname in otherdata["lists"]:
                self.lists[docname] = otherdata["lists"][docname]
            if docname in otherdata["refs"]:
                self.references[docname] = otherdata["refs"][docname]
            if docname in otherdata["cites"]:
                self.citations[docname] = otherdata["cites"][docname]
        self._changed()

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> Element | None:
        if typ == "post":
            return self.resolve_post(fromdocname, builder, target, node, contnode)
        return self.resolve_tag(fromdocname, builder, target, node, contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, Element]]:
        """The ``any`` role (and MyST's ``[text](target)`` links) find nothing of ours.

        A post is a document, which ``std:doc`` already finds (and its ABlog label, which
        ``std:ref`` finds): answering too would make every such link "ambiguous". Tags are
        linked with the explicit ``tag`` role, so a link never turns into a tag page by chance.
        Defined so that MyST does not fall back to trying every role (with a warning). On an
        ABlog site, ABlog's labels of the blog's pages (``blog-posts``, ``tag-python``) are
        answered, as ABlog answers them.
        """
        found = self.resolve_ablog_label(builder, fromdocname, target, node, contnode)
        return [("posts:ablog", found)] if found is not None else []

    def ablog_label(self, target: str) -> tuple[str, str] | None:
        """The page and title ABlog's label ``target`` names, on an ABlog site."""
        config = self.env.config
        if not self.catalog().ablog:
            return None
        fixed = ablog_labels(config)
        if target in fixed:
            return fixed[target]
        # a post's label, for the posts not labelled when read (read/ablog.py): on a site its
        # post directives made an ABlog site, the posts without the directive
        if target not in self.env.domains.standard_domain.labels:
            labelled = sorted(
                (post.docname, post.title)
                for post in self.posts.values()
                if not post.section and post_label(post.docname) == target
            )
            if labelled:
                return labelled[0]
        kind, _, slug = target.partition("-")
        catalog = self.catalog()
        if kind == "archive" and slug.isdigit() and int(slug) in catalog.years:
            return year_page(config, int(slug)), slug
        if kind not in ("tag", "author", "category", "location", "language"):
            return None
        for term in catalog.terms[kind].values():
            names = set(term.spellings)
            if kind == "author":  # ABlog labels an author by their blog_authors key
                names |= {
                    key for key in config.posts_authors if catalog.key_of(kind, key) == term.key
                }
            if term.posts and slug in {ablog_slug(name) for name in names}:
                return term_page(config, kind, term.slug), term.name
        return None

    def resolve_ablog_label(
        self, builder: Builder, fromdocname: str, target: str, node: Element, contnode: Element
    ) -> Element | None:
        found = self.ablog_label(target)
        if target == "blog-feed" and self.catalog().ablog:  # a file, not a page
            feed = f"{self.env.config.posts_path}/atom.xml"
            found = (feed, f"{self.env.config.posts_title} Feed")
            uri = relative_uri(builder.get_target_uri(fromdocname), feed)
        else:
            uri = found and link(builder, fromdocname, found[0])
        if not uri:
            return None
        title = found[1]
        if not node.get("refexplicit"):
            contnode = nodes.inline("", title, classes=contnode.get("classes", []))
        reference = nodes.reference("", "", internal=True, refuri=uri, reftitle=title)
        reference += contnode
        return reference

    def resolve_post(
        self, fromdocname: str, builder: Builder, target: str, node: Element, contnode: Element
    ) -> Element:
        docname = post_docname(self, fromdocname, target)
        if docname is None:
            warn(PostsWarning.REFERENCE, f"post: no post {target!r}", node)
            return contnode
        if not node.get("refexplicit"):
            contnode = nodes.inline("", self.posts[docname].title, classes=contnode["classes"])
        return make_refnode(builder, fromdocname, docname, None, contnode, target)

    def resolve_tag(
        self, fromdocname: str, builder: Builder, target: str, node: Element, contnode: Element
    ) -> Element:
        term = self.catalog().term("tag", target)
        if term is None:
            warn(PostsWarning.REFERENCE, f"tag: no post has the tag {target!r}", node)
            return contnode
        if not node.get("refexplicit"):
            contnode = nodes.inline("", term.name, classes=contnode["classes"])
        uri = term_link(builder, fromdocname, term, target)["url"]
        if not uri:
            return contnode
        reference = nodes.reference("", "", internal=True, refuri=uri, reftitle=term.name)
        reference += contnode
        return reference

    def sorted_posts(self) -> list[Post]:
        """Every post, newest first (the one order every list starts from)."""
        return sorted(self.posts.values(), key=lambda post: post.sort_key(), reverse=True)

    def catalog(self) -> Catalog:
        """The listed posts and their terms, computed once per build from the records.

        A cache of derived data, not a second store: any change to the records drops it.
        """
        if self._catalog is None:
            self._catalog = build_catalog(self.posts, self.env.config, build_time())
        return self._catalog

    def is_ablog_site(self) -> bool:
        """The catalog's ``ablog``, without building the catalog: a rebuild that changed
        nothing writes only Sphinx's own pages, which need no more than this."""
        if self._catalog is not None:
            return self._catalog.ablog
        return is_ablog_site(self.posts, self.env.config)


SUFFIXES = (".md", ".rst", ".txt", ".ipynb")


def post_docname(domain: PostsDomain, fromdocname: str, target: str) -> str | None:
    """A post named absolutely (``/posts/a`` or ``posts/a``) or relative to the page."""
    name = target.strip()
    for suffix in SUFFIXES:
        name = name.removesuffix(suffix)
    candidates = [normpath(name.lstrip("/"))]
    if not name.startswith("/"):
        candidates.insert(0, normpath(join(dirname(fromdocname), name)))
    return next((docname for docname in candidates if docname in domain.posts), None)


def get_domain(env: BuildEnvironment) -> PostsDomain:
    return env.domains["posts"]  # type: ignore[return-value]
