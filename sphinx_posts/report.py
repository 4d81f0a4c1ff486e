"""Every content problem is a ``posts`` warning with a subtype, so ``suppress_warnings`` works.

One enum lists the subtypes (the documentation's list of warnings is generated from it) and one
helper always sets type, subtype and location.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from sphinx.util import logging
from sphinx.util.console import bold

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.environment import BuildEnvironment

logger = logging.getLogger("sphinx_posts")


class PostsWarning(Enum):
    """Warning subtypes, each suppressible as ``posts.<subtype>``; the docs list them all."""

    CONFIG = ("config", "A posts_* configuration value has the wrong type or value.")
    FRONTMATTER = (
        "frontmatter",
        "A frontmatter key has a value of the wrong shape, looks like a typo of a known key, "
        "or a post has no title.",
    )
    DATE = (
        "date",
        "A date or updated value cannot be read as a date or cannot be placed in time (the "
        "first or last days of the calendar, or an offset of a day or more), or a post has no "
        "date.",
    )
    TAGS = ("tags", "A tags, categories or authors entry is empty or not text.")
    DIRECTIVE = (
        "directive",
        "A section holds more than one post directive (a document may post several sections, "
        "one directive in each).",
    )
    LINK = (
        "link",
        "An external_link or canonical_link is not an http(s) URL (or mailto:) or a path inside "
        "the site, and is dropped (an image URL that is not http(s) is a posts.image warning).",
    )
    COLLISION = (
        "collision",
        "A generated page (a blog page or a redirect) would replace a page the writer wrote, a "
        "page Sphinx writes (genindex, search...), a file in _static or another generated page.",
    )
    POSTLIST = (
        "postlist",
        "A post list filter names a tag, category or author no post has, or its :date: or "
        ":list-style: option is not a date format or a CSS list style.",
    )
    REFERENCE = ("reference", "A post or tag role points to a post or tag that does not exist.")
    FEED = ("feed", "A feed cannot be written.")
    IMAGE = ("image", "A post's image points to a file or image number that does not exist.")
    FILE = (
        "file",
        "A file a post's raw HTML points to (an <img> or <video> src, an <a href> to a PDF) is "
        "not in the source folder: the page would show a broken image or link.",
    )
    ABLOG = (
        "ablog",
        "An ABlog setting in conf.py that sphinx-posts deliberately honours otherwise: said once "
        "a build, with how to get ABlog's behaviour, as a message (not a warning: an ABlog site "
        "built with -W still passes). suppress_warnings = ['posts.ablog'] silences it.",
    )
    MATH = (
        "math",
        "A Markdown post writes $...$ or $$...$$ math, which myst-parser shows as plain text "
        "unless its dollarmath extension is on.",
    )

    def __init__(self, subtype: str, description: str) -> None:
        self.subtype = subtype
        self.description = description


def warn(
    kind: PostsWarning,
    message: str,
    location: str | tuple[str, int | None] | None = None,
) -> None:
    """Log a ``posts.<kind>`` warning at ``location`` (a docname or ``(docname, line)``)."""
    logger.warning(message, type="posts", subtype=kind.subtype, location=location)


def note(message: str) -> None:
    """Say something the writer should know that is not a mistake in their content (a setting
    they have not made yet): shown in every build's output, CI logs included, but not a
    warning, so ``-W`` builds of a new site pass."""
    logger.info(bold(f"sphinx-posts: {message}"))


def tell(kind: PostsWarning, message: str, suppressed: Iterable[str]) -> None:
    """Say something of ``kind`` that is no mistake but worth knowing, once, tagged
    ``[posts.<subtype>]`` like a warning, unless ``suppressed`` (``suppress_warnings``)
    names it: informational messages pass Sphinx's warning filters untouched."""
    if {"posts", f"posts.{kind.subtype}"} & set(suppressed):
        return
    logger.info(bold(f"sphinx-posts: {message}") + f" [posts.{kind.subtype}]")


def shown_value(value: object, limit: int = 80) -> str:
    """``repr(value)`` for a message, cut to ``limit`` characters with the full length said:
    a 5 kB value would bury the warning it is in."""
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text)} characters)"


def frontmatter_line(env: BuildEnvironment, docname: str, key: str) -> int | None:
    """The line of ``key`` in the document's leading YAML block or field list, if it has one.

    Docutils keeps no line numbers for frontmatter fields, so a warning about one looks the key
    up in the source. This runs only when there is something to warn about.
    """
    try:
        lines = env.doc2path(docname).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    in_yaml = bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines[1:] if in_yaml else lines, start=2 if in_yaml else 1):
        stripped = line.strip()
        if in_yaml and stripped == "---":
            return None
        if stripped.startswith((f"{key}:", f":{key}:")):
            return number
    return None
