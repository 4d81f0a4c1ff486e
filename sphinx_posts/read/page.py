"""Read time: decide whether a document is a post, give it a title heading and a byline slot.

This runs as a transform after docutils has turned the frontmatter into ``docinfo`` and before
Sphinx's smart quotes, title collector and ``doctree-read`` see the document, so the heading we
add is the page's real title (``<title>``, toctrees and search all use it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from ..config import ablog_setting
from ..doctree import ancestors, byline, post_footer, post_meta
from ..report import PostsWarning, warn
from ..store.domain import get_domain
from .frontmatter import FieldReader, RawFrontmatter, docinfo_fields, is_post, read_post
from .generators import SummaryMarkers, file_date, file_title, summary_markers
from .rawfiles import raw_files

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


_NOT_CONTENT = (
    nodes.docinfo,
    nodes.target,
    nodes.comment,
    nodes.substitution_definition,
    nodes.system_message,
    nodes.raw,
    nodes.meta,  # myst's html_meta, before the first heading
    addnodes.highlightlang,  # nbsphinx opens a notebook with one
    post_meta,
)
_NOT_EXCERPT = (
    nodes.docinfo,
    nodes.field_list,
    nodes.Admonition,
    nodes.topic,
    nodes.sidebar,
    nodes.system_message,
)
EXCERPT_LENGTH = 300
MARKED_EXCERPT_LENGTH = 2000
"""A summary the writer marked off (``<!--more-->``) is kept whole, up to this length; so is
each paragraph of an ABlog site's automatic excerpt (ABlog showed them whole)."""


class PostPage(SphinxTransform):
    """Collect the post record and shape the page: one title, then the byline."""

    default_priority = 700  # after DocInfo (340), before SmartQuotes (750)

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        metas: list[post_meta] = []
        updated: list[str] = []  # ABlog's ``update`` directive
        for node in self.document.findall(nodes.Element):  # one walk, for every document
            if isinstance(node, post_meta):
                metas.append(node)
            elif isinstance(node, nodes.admonition) and "posts_updated" in node:
                updated.append(node["posts_updated"])
        sections = [_section_of(meta) for meta in metas]
        several = len(metas) > 1 or (len(metas) == 1 and self.always_section(sections[0]))
        if several and None not in sections and len(set(map(id, sections))) == len(metas):
            self.section_posts(metas)  # ABlog's posting sections: each section is a post
            return
        for extra in metas[1:]:
            warn(
                PostsWarning.DIRECTIVE,
                "a section can hold one 'post' directive (to post several sections, give "
                "each its own); this one is ignored",
                (docname, extra.line),
            )
        directive = metas[0] if metas else None
        reader = FieldReader(
            self.env,
            docname,
            docinfo_fields(self.document),
            dict(directive["options"]) if directive else {},
            directive.line if directive else None,
        )
        for meta in metas:
            meta.parent.remove(meta)
        if updated and "updated" not in reader.fields:
            reader.fields["updated"] = max(updated)
        if not is_post(reader, directive is not None):
            return
        given = reader.text("title")
        named_file = file_date(docname)
        if named_file and given == file_title(named_file[1]):
            given = ""  # the file name's title: only for a post with no heading
        section = self.title_section(given or reader.text("title"))
        if section is None:
            fallback = _fallback_title(docname)
            warn(
                PostsWarning.FRONTMATTER,
                f"post has no title: add a 'title' key or a heading (using {fallback!r})",
                (docname, None),
            )
            section = self.title_section(fallback)
        # ABlog names a post by its ``title`` when it has one, whatever its heading says; a
        # heading made from ``title`` leaves it as written too
        ablog = self.config.posts_ablog
        ablog_named = ablog or (ablog is None and directive is not None)  # decided by the page
        named = bool(given) and (bool(ablog_named) or self.made_heading)
        title = given if named else section[0].astext()
        section.insert(1, byline(docname=docname))
        section += post_footer(docname=docname)
        count = excerpt_count(self.env, reader)
        found = PageNodes.of(self.document)
        markers = summary_markers(found.markers, reader.text("excerpt_separator"))
        stated = (directive["excerpt"] if directive else "") or (
            marked_excerpt(self.document, markers) if markers else ""
        )
        length = excerpt_length(bool(ablog_named))
        excerpt = stated or first_paragraphs(self.document, count, length)
        for marker in markers.found if markers else ():
            marker.parent.remove(marker)  # a divider, not content
        auto_image(self.env, reader, found.images)
        words = word_count(self.env, docname, self.document)
        post = read_post(reader, title, excerpt, words, found.images)
        post = replace(post, files=raw_files(self.env, docname, found.raws))
        if directive is not None:
            post = replace(post, ablog_directive=True)
        get_domain(self.env).add_post(post)
        later(
            self.document,
            post.key,
            None if named else section[0],
            None if stated else (self.document, count, length),
        )

    def always_section(self, section: nodes.section | None) -> bool:
        """ABlog's ``post_always_section``: one ``post`` directive in a section below the
        page's top posts that section, as when a page has several."""
        return (
            bool(self.config.posts_ablog)
            and bool(ablog_setting(self.config, "post_always_section"))
            and section is not None
            and section.parent is not self.document
        )

    def section_posts(self, metas: list[post_meta]) -> None:
        """A document with a ``post`` directive in each of several sections posts each section
        (ABlog's rule): the section's heading is the post's title, its paragraphs the excerpt,
        and the byline goes under its heading. A directive in the document's top section makes
        the whole document one of the posts."""
        docname = self.env.docname
        domain = get_domain(self.env)
        for meta in metas:
            section = _section_of(meta)
            reader = FieldReader(self.env, docname, {}, dict(meta["options"]), meta.line)
            meta.parent.remove(meta)
            whole = section.parent is self.document
            found = PageNodes.of(section)
            auto_image(self.env, reader, found.images)
            count = excerpt_count(self.env, reader)
            length = excerpt_length(self.config.posts_ablog is not False)
            post = read_post(
                reader,
                reader.text("title") or section[0].astext(),
                meta["excerpt"] or first_paragraphs(section, count, length),
                len(section.astext().split()),
                found.images,
            )
            files = raw_files(self.env, docname, found.raws)
            post = replace(post, ablog_directive=True, files=files)
            if not whole and section["ids"]:
                post = replace(post, section=section["ids"][0])
            section.insert(1, byline(docname=post.key))
            domain.add_post(post)
            later(
                self.document,
                post.key,
                None if reader.text("title") else section[0],
                None if meta["excerpt"] else (section, count, length),
            )

    def title_section(self, title: str) -> nodes.section | None:  # None: no title at all
        """The section whose heading is the page title, adding one from ``title`` if needed."""
        self.made_heading = False
        body = [node for node in self.document if not isinstance(node, _NOT_CONTENT)]
        first = body[0] if body else None
        if isinstance(first, nodes.section):
            following = body[1] if len(body) > 1 else None
            if (
                _only_title(first)
                and isinstance(following, nodes.section)
                and following[0].astext() == first[0].astext()
            ):
                # myst_title_to_header repeated the body's first heading: keep one section,
                # with the anchor the heading has without that option
                following.parent.remove(following)
                first.extend(following.children[1:])
            return first
        if not title:
            return None
        self.made_heading = True
        section = nodes.section(ids=[nodes.make_id(title) or "post"], names=[])
        section += nodes.title(title, title)
        section.source, section.line = self.document.get("source"), 1
        for node in list(self.document.children):
            if not isinstance(node, nodes.docinfo | nodes.decoration):
                node.parent.remove(node)
                section += node
        self.document += section
        self.document.note_implicit_target(section, section)
        return section


@dataclass
class PageNodes:
    """The nodes of a post the transform reads, found in one walk through its tree (each walk
    costs a tenth of the transform)."""

    markers: list[nodes.Element] = field(default_factory=list)
    """Raw, comment and paragraph nodes: where a summary divider can be."""
    images: list[str] = field(default_factory=list)
    raws: list[nodes.raw] = field(default_factory=list)

    @classmethod
    def of(cls, tree: nodes.Element) -> PageNodes:
        found = cls()
        for node in tree.findall(nodes.Element):
            if isinstance(node, nodes.raw):
                found.markers.append(node)
                found.raws.append(node)
            elif isinstance(node, nodes.comment | nodes.paragraph):
                found.markers.append(node)
            elif isinstance(node, nodes.image):
                found.images.append(node["uri"])
        return found


REFRESH = "posts_refresh"
"""Document attribute: what :class:`PostText` reads again once smart quotes are applied."""


def later(
    document: nodes.document,
    key: str,
    heading: nodes.title | None,
    paragraphs: tuple[nodes.Element, int, int] | None,
) -> None:
    """Have :class:`PostText` take the post's title from ``heading`` and its excerpt from
    the first paragraphs of ``paragraphs[0]`` as the reader sees them (None: keep); the
    tuple is :func:`first_paragraphs`' arguments."""
    if heading is not None or paragraphs is not None:
        document.setdefault(REFRESH, []).append((key, heading, paragraphs))


class PostText(SphinxTransform):
    """A post's title and excerpt as the page shows them: after Sphinx's smart quotes, so
    lists, feeds and sidebars say "don’t" and “quoted” where the page does (as ABlog's do)."""

    default_priority = 760  # after SmartQuotes (750)

    def apply(self, **kwargs: Any) -> None:
        waiting = self.document.attributes.pop(REFRESH, None)
        if not waiting:
            return
        domain = get_domain(self.env)
        for key, heading, paragraphs in waiting:
            post = domain.posts.get(key)
            if post is None:
                continue
            changes: dict[str, str] = {}
            if heading is not None:
                changes["title"] = heading.astext()
            if paragraphs is not None:
                changes["excerpt"] = first_paragraphs(*paragraphs)
            domain.add_post(replace(post, **changes))


def _section_of(node: nodes.Node) -> nodes.section | None:
    return next((parent for parent in ancestors(node) if isinstance(parent, nodes.section)), None)


def excerpt_count(env: BuildEnvironment, reader: FieldReader) -> int:
    """Paragraphs in an excerpt: the post's ``excerpt``, else ABlog's ``post_auto_excerpt``
    on an ABlog site, else one."""
    paragraphs = reader.text("excerpt")
    if paragraphs.isdigit():
        return int(paragraphs)
    automatic = ablog_setting(env.config, "post_auto_excerpt") if env.config.posts_ablog else 1
    return automatic if isinstance(automatic, int) and automatic > 0 else 1


def auto_image(env: BuildEnvironment, reader: FieldReader, images: list[str]) -> None:
    """ABlog's ``post_auto_image = N``: a post that names no image shows its Nth (if it has
    that many), on an ABlog site."""
    number = ablog_setting(env.config, "post_auto_image") if env.config.posts_ablog else 0
    if (
        isinstance(number, int)
        and 1 <= number <= len(images)
        and reader.raw("image") is None
        and not any(image.startswith("data:") for image in images[number - 1 : number])
    ):
        reader.fields["image"] = str(number)


def _only_title(section: nodes.section) -> bool:
    return all(isinstance(node, (nodes.title, *_NOT_CONTENT)) for node in section)


def _fallback_title(docname: str) -> str:
    return docname.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ").capitalize()


def excerpt_length(ablog: bool) -> int:
    """How long an automatic excerpt's paragraph may be: ABlog's lists showed the paragraphs
    whole, ours shorten them to a line or two."""
    return MARKED_EXCERPT_LENGTH if ablog else EXCERPT_LENGTH


def first_paragraphs(document: nodes.Element, count: int = 1, length: int = EXCERPT_LENGTH) -> str:
    """The first ``count`` paragraphs of body text, as plain text, shortened at a word to
    ``length`` characters a paragraph."""
    found: list[str] = []
    for paragraph in document.findall(nodes.paragraph):
        if any(isinstance(parent, _NOT_EXCERPT) for parent in ancestors(paragraph)):
            continue
        words = "".join(text.astext() for text in paragraph.findall(nodes.Text))
        text = re.sub(r"\s+", " ", words).strip()  # Text nodes only: no image alt text
        if text:
            found.append(text)
        if len(found) >= count:
            break
    return shorten(" ".join(found), length * count)


def marked_excerpt(document: nodes.document, markers: SummaryMarkers) -> str:
    """The text before the post's summary divider (after Pelican's begin marker, if any), as
    Hugo, Jekyll, Nikola and Pelican make it the summary: every paragraph, as plain text."""
    paragraphs: dict[int, list[str]] = {}
    taking = markers.begin is None
    for node in document.findall(include_self=False):
        if node is markers.end:
            break
        if node is markers.begin:
            taking = True
        if not taking or not isinstance(node, nodes.Text):
            continue
        above = ancestors(node)
        paragraph = next((one for one in above if isinstance(one, nodes.paragraph)), None)
        if paragraph is None or any(isinstance(one, (*_NOT_EXCERPT, nodes.raw)) for one in above):
            continue
        paragraphs.setdefault(id(paragraph), []).append(node.astext())
    found = (re.sub(r"\s+", " ", "".join(texts)).strip() for texts in paragraphs.values())
    return shorten(" ".join(text for text in found if text), MARKED_EXCERPT_LENGTH)


def shorten(text: str, length: int) -> str:
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def word_count(env: BuildEnvironment, docname: str, document: nodes.document) -> int:
    """myst-parser counts words as it parses Markdown; other sources are counted here."""
    counted = env.metadata.get(docname, {}).get("wordcount")
    if isinstance(counted, dict) and isinstance(counted.get("words"), int):
        return counted["words"]
    return len(document.astext().split())


def mark_orphan(app: Sphinx, document: nodes.document) -> None:
    """Posts need no toctree entry (the blog's list pages are their navigation)."""
    docname = app.env.docname
    if app.config.posts_ablog and not ablog_setting(app.config, "post_auto_orphan"):
        return  # ABlog's ``post_auto_orphan = False``: Sphinx's toctree warning stands
    if get_domain(app.env).keys_of(docname):
        app.env.metadata[docname]["orphan"] = True


def setup_page(app: Sphinx) -> None:
    app.add_transform(RawFrontmatter)
    app.add_transform(PostPage)
    app.add_transform(PostText)
    app.connect("doctree-read", mark_orphan, priority=600)
