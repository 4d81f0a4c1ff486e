"""Every ``posts_*`` setting in one place: name, type, default, description and check.

The configuration reference in the documentation is generated from :data:`SETTINGS`, so the two
never drift. Values are checked once, at ``config-inited``; a bad value is reported as a
``posts.config`` warning and replaced by the default, so the build goes on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .report import PostsWarning, warn

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import tzinfo

    from sphinx.application import Sphinx
    from sphinx.config import Config


def _timezone_error(value: str) -> str | None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return "an IANA time zone name such as 'UTC' or 'Europe/Paris'"
    return None


def _path_error(value: str) -> str | None:
    parts = value.split("/")
    if not value or value.startswith("/") or any(p in ("", ".", "..") for p in parts):
        return "a relative path inside the site such as 'blog' or 'news/posts'"
    return None


def _positive(value: int) -> str | None:
    return None if value >= 1 else "a whole number of at least 1"


def _not_negative(value: int) -> str | None:
    return None if value >= 0 else "a whole number of at least 0"


def _feed_content_error(value: str) -> str | None:
    return None if value in ("full", "summary", "none") else "'full', 'summary' or 'none'"


def _feed_terms_error(value: list[str]) -> str | None:
    if all(item in ("tag", "category", "author") for item in value):
        return None
    return "a list of 'tag', 'category' and 'author'"


def _patterns_error(value: list[str]) -> str | None:
    if all(isinstance(item, str) and item for item in value):
        return None
    return "a list of non-empty glob patterns such as ['posts/**']"


def _authors_error(value: dict[str, Any]) -> str | None:
    for key, entry in value.items():
        if isinstance(entry, str):
            continue
        if isinstance(entry, tuple | list) and 1 <= len(entry) <= 2:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("name", key), str):
            continue
        return (
            f"for {key!r}: a name, a (name, url) pair as in ABlog's blog_authors, "
            "or a dict with 'name', 'url' and 'email'"
        )
    return None


@dataclass(frozen=True)
class Setting:
    """One configuration value: what it is, what it holds and how it is checked."""

    name: str
    default: Any
    types: tuple[type, ...]
    description: str
    check: Callable[[Any], str | None] | None = None
    rebuild: str = "env"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "posts_pattern",
        ["posts/**"],
        (list, tuple),
        "Glob patterns of docnames that are posts (documents named 'index' are not, but for a "
        "Hugo leaf bundle's: '<slug>/index' alone in its folder).",
        _patterns_error,
    ),
    Setting(
        "posts_old_permalinks",
        [],
        (list, tuple),
        "Addresses the posts had before (Jekyll or Hugo permalink patterns such as "
        "'/:year/:month/:day/:title.html' or '/posts/:slug/', or Jekyll's 'date', 'pretty', "
        "'none'): each post gets a redirect page there.",
        None,
    ),
    Setting(
        "posts_path",
        "blog",
        (str,),
        "Where the generated blog pages and feeds go, relative to the site root.",
        _path_error,
    ),
    Setting(
        "posts_title",
        "Blog",
        (str,),
        "Title of the page that lists every post (and the feeds' title).",
        None,
        "html",
    ),
    Setting(
        "posts_timezone",
        "UTC",
        (str,),
        "IANA time zone for dates written without an offset, and for showing dates.",
        _timezone_error,
    ),
    Setting(
        "posts_date_format",
        "%b %-d, %Y",
        (str,),
        "strftime-style format of dates shown on pages, localised to the site's language.",
    ),
    Setting(
        "posts_authors",
        {},
        (dict,),
        "Known authors: key -> name, (name, url), or {'name', 'url', 'email'}.",
        _authors_error,
    ),
    Setting(
        "posts_default_author",
        [],
        (list, tuple),
        "Author(s) of posts that name none (a key of posts_authors or a name).",
        None,
    ),
    Setting(
        "posts_words_per_minute",
        200,
        (int,),
        "Reading speed used for the reading time shown in bylines and lists.",
        _positive,
    ),
    Setting(
        "posts_per_page",
        10,
        (int,),
        "Posts on each page of the blog index and of every tag, category and author page.",
        _positive,
        "html",
    ),
    Setting(
        "posts_related",
        3,
        (int,),
        "How many related posts (by shared tags) a post page shows; 0 turns them off.",
        _not_negative,
        "html",
    ),
    Setting(
        "posts_show_drafts",
        None,
        (bool, type(None)),
        "List drafts and scheduled posts (marked as such); None: only on Read the Docs "
        "pull-request previews.",
        None,
        "html",
    ),
    Setting(
        "posts_feed_length",
        20,
        (int,),
        "How many of the newest posts each feed carries.",
        _not_negative,
        "html",
    ),
    Setting(
        "posts_feed_terms",
        ["tag"],
        (list, tuple),
        "Which term pages also get their own feeds: any of 'tag', 'category', 'author'.",
        _feed_terms_error,
        "html",
    ),
    Setting(
        "posts_feed_content",
        "full",
        (str,),
        "What feed entries carry: 'full' post bodies, 'summary' only, or 'none'.",
        _feed_content_error,
        "html",
    ),
)

BY_NAME = {setting.name: setting for setting in SETTINGS}


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(
            setting.name,
            setting.default,
            setting.rebuild,
            types=setting.types,
            description=setting.description,
        )
    # before Sphinx's own type check (priority 800), so a bad value is reported once, by us
    app.connect("config-inited", check_config, priority=750)


def check_config(app: Sphinx, config: Config) -> None:
    """Replace every bad ``posts_*`` value by its default, with a warning that says why."""
    for setting in SETTINGS:
        value = config[setting.name]
        if setting.types == (list, tuple) and isinstance(value, str):
            value = [value]  # a single pattern is a common, harmless shorthand
            config[setting.name] = value
        if not isinstance(value, setting.types) or (
            isinstance(value, bool) and bool not in setting.types
        ):
            expected = " or ".join(t.__name__ for t in setting.types)
            problem = f"expected {expected}"
        else:
            problem = (
                f"expected {error}" if setting.check and (error := setting.check(value)) else ""
            )
        if problem:
            warn(
                PostsWarning.CONFIG,
                f"{setting.name} = {value!r}: {problem}; using the default {setting.default!r}",
            )
            config[setting.name] = setting.default


def site_timezone(config: Config) -> tzinfo:
    return ZoneInfo(config.posts_timezone)
