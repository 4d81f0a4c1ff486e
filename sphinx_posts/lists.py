"""Post lists: the ``postlist`` directive, its query, and the entries every list shows.

The directive leaves a placeholder and records its query in the domain (so the consistency
check can report unknown filter values and incremental builds know which pages list posts);
the placeholder is filled at write time from the catalog.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from markupsafe import Markup, escape
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from .catalog import is_scheduled, post_terms
from .domain import get_domain
from .images import image_url
from .model import term_key
from .page import add_placeholder, ancestors
from .render import machine_date, post_date_text, reading_minutes
from .report import PostsWarning, frontmatter_line, warn
from .urls import link, term_link

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .catalog import Catalog
    from .model import Post

FORMATS = ("list", "cards", "compact")
TERM_KEYS = {
    "tag": ("tags",),
    "category": ("categories", "category"),
    "author": ("authors", "author"),
}
SORTS = ("newest", "oldest", "title")


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


class postlist(nodes.General, nodes.Element):
    """Placeholder for a post list; carries its :class:`ListSpec` and docname."""


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in (text or "").split(",") if name.strip())


class PostListDirective(SphinxDirective):
    """``postlist``: the posts matching its filters, on any page."""

    optional_arguments = 1  # ABlog's positional limit
    option_spec: ClassVar[dict[str, Any]] = {
        "tags": directives.unchanged,
        "category": directives.unchanged,
        "author": directives.unchanged,
        "year": directives.unchanged,
        "language": directives.unchanged,
        "series": directives.unchanged,
        "limit": directives.nonnegative_int,
        # a bare ``:sort:`` is ABlog's flag for oldest first
        "sort": lambda text: directives.choice(text or "oldest", SORTS),
        "location": directives.unchanged,
        "exclude-current": directives.flag,
        "excerpts": directives.flag,
        "format": directives.unchanged_required,
        "date": directives.unchanged_required,
        "list-style": directives.unchanged_required,
        "expand": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        limit = self.options.get("limit")
        if limit is None and self.arguments:
            if not self.arguments[0].isdigit():
                raise self.error(f"postlist: expected a number of posts, got {self.arguments[0]!r}")
            limit = int(self.arguments[0])
        spec = ListSpec(
            tags=_names(self.options.get("tags", "")),
            categories=_names(self.options.get("category", "")),
            authors=_names(self.options.get("author", "")),
            years=_names(self.options.get("year", "")),
            languages=_names(self.options.get("language", "")),
            locations=_names(self.options.get("location", "")),
            series=_names(self.options.get("series", "")),
            limit=limit,
            sort=self.options.get("sort", "newest"),
            exclude_current="exclude-current" in self.options,
            excerpts="excerpts" in self.options,
            format=self.options.get("format", "list").strip(),
            date_format=self.options.get("date", ""),
            list_style=self.options.get("list-style", ""),
            expand=self.options.get("expand") or ("" if "expand" not in self.options else "…"),
        )
        node = postlist(spec=spec, docname=self.env.docname)
        self.set_source_info(node)
        get_domain(self.env).add_list(self.env.docname, node.line, spec)
        return [node]


def select(catalog: Catalog, spec: ListSpec, current: str) -> list[Post]:
    """The posts a list shows, in its order; the catalog already left drafts out."""
    chosen = []
    wanted = {kind: {term_key(name) for name in names} for kind, names in spec.filters().items()}
    for post in catalog.posts:
        if spec.exclude_current and post.docname == current:
            continue
        if any(
            keys and not keys & {term_key(name) for name in post_terms(post, kind)}
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
        chosen.sort(key=lambda post: (post.title.casefold(), post.docname))
    return chosen[: spec.limit] if spec.limit is not None else chosen


def unknown_filters(catalog: Catalog, spec: ListSpec) -> list[str]:
    """A sentence for each filter value no post has, naming the closest known values."""
    problems = []
    for kind, names in spec.filters().items():
        known = catalog.terms[kind]
        for name in names:
            if term_key(name) in known:
                continue
            close = (
                difflib.get_close_matches(term_key(name), list(known), n=3, cutoff=0.6)
                or list(known)[:3]
            )
            hint = ", ".join(repr(known[key].name) for key in close) or "none yet"
            problems.append(f"{kind} {name!r} matches no post (closest known: {hint})")
    return problems


def check_lists(
    catalog: Catalog, lists: dict[str, list[tuple[int | None, ListSpec | str]]]
) -> None:
    for docname, specs in sorted(lists.items()):
        for line, spec in specs:
            if not isinstance(spec, ListSpec):
                continue  # a tagcloud or archives: nothing to check
            for problem in unknown_filters(catalog, spec):
                warn(PostsWarning.POSTLIST, f"postlist: {problem}", (docname, line))
            if spec.format not in FORMATS and "{" not in spec.format:
                warn(
                    PostsWarning.POSTLIST,
                    f"postlist: format {spec.format!r}: expected one of {', '.join(FORMATS)} "
                    "or a template such as '{date} - {title}'; using 'list'",
                    (docname, line),
                )


def check_spellings(env: BuildEnvironment, catalog: Catalog) -> None:
    """Tags spelled differently are one tag; say which spelling is shown, and where."""
    for kind, terms in catalog.terms.items():
        for term in terms.values():
            for spelling, docnames in term.spellings.items():
                if spelling == term.name:
                    continue
                lines = (frontmatter_line(env, docnames[0], key) for key in TERM_KEYS[kind])
                line = next((number for number in lines if number), None)
                warn(
                    PostsWarning.TAGS,
                    f"{kind} {spelling!r} is the same {kind} as {term.name!r} (case, spaces "
                    f"and hyphens do not count); it is shown as {term.name!r}",
                    (docnames[0], line),
                )


def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    """Cross-post checks, after every (parallel) read has been merged."""
    domain = get_domain(env)
    catalog = domain.catalog()
    check_spellings(env, catalog)
    check_lists(catalog, domain.lists)


def post_entry(
    builder: Builder, page: str, post: Post, catalog: Catalog, date_format: str = ""
) -> dict[str, Any]:
    """Everything a list shows of one post, with links relative to ``page``."""
    config = builder.config

    def shown(kind: str, name: str) -> dict[str, str]:
        return term_link(builder, page, catalog.term(kind, name), name)

    page_url = link(builder, page, post.docname)
    return {
        "docname": post.docname,
        # ABlog's ``external_link``: a post that is a pointer to one published elsewhere
        "url": post.external_link or page_url,
        "page_url": page_url,
        "external": bool(post.external_link),
        "title": post.title,
        "date": post_date_text(catalog, post, config, date_format),
        "date_iso": machine_date(post.date, post.has_time, config) if post.date else "",
        "summary": post.description or post.excerpt,
        "description": post.description,
        "excerpt": post.excerpt,
        "minutes": reading_minutes(post, config),
        "tags": [shown("tag", name) for name in post.tags],
        "categories": [shown("category", name) for name in post.categories],
        "authors": [shown("author", name) for name in post.authors],
        "image": image_url(
            builder.env, post, lambda path: relative_uri(builder.get_target_uri(page), path)
        ),
        "draft": post.draft or is_scheduled(post, catalog.now),
        "post": post,
    }


def ablog_line(entry: dict[str, Any], template: str, html: bool = False) -> str:
    """ABlog's ``:format:`` strings: ``{date}``, ``{title}``, ``{author}``, ``{tags}`` ...

    With ``html``, every value is escaped and the date is a ``<time>`` element.
    """
    values = {
        "date": entry["date"],
        "title": entry["title"],
        "author": ", ".join(a["name"] for a in entry["authors"]),
        "category": ", ".join(c["name"] for c in entry["categories"]),
        "tags": ", ".join(t["name"] for t in entry["tags"]),
        "location": ", ".join(entry["post"].locations),
        "language": ", ".join(entry["post"].languages),
    }
    if html:
        values = {key: escape(value) for key, value in values.items()}
        values["date"] = Markup('<time datetime="{}">{}</time>').format(
            entry["date_iso"], entry["date"]
        )
    try:
        return escape(template).format_map(values) if html else template.format_map(values)
    except (KeyError, IndexError, ValueError):
        return ablog_line(entry, "{date} - {title}", html)


def render_list(
    app: Sphinx, page: str, posts: list[Post], spec: ListSpec, catalog: Catalog, level: int = 2
) -> nodes.Node:
    """HTML from the ``posts/postlist.html`` template; a plain bullet list elsewhere."""
    entries = [post_entry(app.builder, page, post, catalog, spec.date_format) for post in posts]
    template_format = "{" in spec.format
    for entry in entries:
        entry["line"] = ablog_line(entry, spec.format) if template_format else ""
        entry["line_html"] = ablog_line(entry, spec.format, True) if template_format else ""
    if app.builder.format == "html":
        style = "template" if template_format else spec.format
        context = {
            "entries": entries,
            "format": style if style in (*FORMATS, "template") else "list",
            "excerpts": spec.excerpts,
            "list_style": spec.list_style,
            "expand": spec.expand,
            "level": level,
        }
        return nodes.raw(
            "", app.builder.templates.render("posts/postlist.html", context), format="html"
        )
    items = nodes.bullet_list(classes=["posts-list"])
    for entry in entries:
        text = entry["line"] or " - ".join(filter(None, (entry["date"], entry["title"])))
        items += nodes.list_item("", nodes.paragraph("", text))
    return items


def resolve_postlists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    catalog = get_domain(app.env).catalog()
    for node in list(doctree.findall(postlist)):
        spec = node["spec"]
        if spec.format not in FORMATS and "{" not in spec.format:
            spec = replace(spec, format="list")
        posts = select(catalog, spec, node["docname"])
        level = min(6, 1 + sum(isinstance(parent, nodes.section) for parent in ancestors(node)))
        node.replace_self(render_list(app, docname, posts, spec, catalog, level))


def setup_lists(app: Sphinx) -> None:
    add_placeholder(app, postlist)
    app.add_directive("postlist", PostListDirective)
    app.connect("doctree-resolved", resolve_postlists)
    app.connect("env-check-consistency", check_consistency)
