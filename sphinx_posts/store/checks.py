"""Cross-post checks, once every (parallel) read has been merged: unknown filter values in
post lists and the same tag spelled two ways."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import LIST_FORMATS, ListSpec
from ..report import PostsWarning, frontmatter_line, warn
from .catalog import unknown_filters
from .domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .catalog import Catalog

TERM_KEYS = {
    "tag": ("tags",),
    "category": ("categories", "category"),
    "author": ("authors", "author"),
    "location": ("location",),
    "language": ("language",),
}


def check_lists(
    catalog: Catalog, lists: dict[str, list[tuple[int | None, ListSpec | str]]]
) -> None:
    for docname, specs in sorted(lists.items()):
        for line, spec in specs:
            if not isinstance(spec, ListSpec):
                continue  # a tagcloud or archives: nothing to check
            for problem in unknown_filters(catalog, spec):
                warn(PostsWarning.POSTLIST, f"postlist: {problem}", (docname, line))
            if spec.format not in LIST_FORMATS and "{" not in spec.format:
                warn(
                    PostsWarning.POSTLIST,
                    f"postlist: format {spec.format!r}: expected one of {', '.join(LIST_FORMATS)} "
                    "or a template such as '{date} - {title}'; using 'list'",
                    (docname, line),
                )


def check_spellings(env: BuildEnvironment, catalog: Catalog) -> None:
    """Tags spelled differently are one tag; say which spelling is shown, and where."""
    for kind, terms in catalog.terms.items():
        for term in terms.values():
            first = next(iter(term.spellings), term.name)  # shown (or named by blog_locations)
            for spelling, docnames in term.spellings.items():
                if spelling == first:
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


def setup_checks(app: Sphinx) -> None:
    app.connect("env-check-consistency", check_consistency)
