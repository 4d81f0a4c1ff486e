"""Every ``posts_*`` setting in one place: name, type, default, description and check.

The configuration reference in the documentation is generated from :data:`SETTINGS`, so the two
never drift. Values are checked once, at ``config-inited``; a bad value is reported as a
``posts.config`` warning and replaced by the default, so the build goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import dates as babel_dates
from sphinx.util.i18n import date_format_mappings, date_format_re

from .people import field_problems, shape_error
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
    """A folder of the output: no way out (``..``, ``/x``, ``C:``) and no backslash, which
    is a folder separator on Windows and a character of the name elsewhere."""
    parts = value.split("/")
    if (
        not value
        or value.startswith("/")
        or any(p in ("", ".", "..") for p in parts)
        or any(c in value for c in "\\:")
    ):
        return (
            "a relative path inside the site such as 'blog' or 'news/posts' "
            "(no '..', no backslash, no empty part)"
        )
    return None


NAMED_DATE_FORMATS = ("short", "medium", "long", "full")
"""The language's own date formats (Babel's, from CLDR): 'medium' is "Mar 20, 2025" in
English, "20.03.2025" in German, "2025/03/20" in Japanese."""
CLDR_FIELDS = frozenset("GyYuQqMLwWdDFEecabBhHKkmsSzZOvVXx")
QUOTED = re.compile(r"'[^']*'")
SAMPLE = datetime(2025, 3, 20, 9, 30, tzinfo=UTC)


def is_strftime(value: str) -> bool:
    """The rule between the two kinds of format: a ``%`` means strftime (``%b %-d, %Y``),
    anything else is a CLDR pattern (``d MMMM y``) or a named format."""
    return "%" in value


def _strftime_error(value: str) -> str | None:
    """Sphinx's ``format_date`` prints a code it does not know (``%Q``, a lone ``%``) as
    written: every ``%`` must start one of its codes."""
    if "%" not in date_format_re.sub("", value):
        return None
    codes = " ".join(code for code in date_format_mappings if code != "%%")
    return f"a strftime-style format using only {codes} (and %% for a percent sign)"


def _pattern_error(value: str) -> str | None:
    """A letter outside quotes is a CLDR field: one that is none ('hello' has 'l') is a
    mistake, and a pattern without any field shows no date."""
    bare = QUOTED.sub("", value)
    letters = {c for c in bare if c.isascii() and c.isalpha()}
    unknown = "".join(sorted(letters - CLDR_FIELDS))
    problem = ""
    if unknown:
        problem = f" ({unknown!r} is no field: quote text, as in \"d 'de' MMMM\")"
    elif not letters:
        problem = " (it has no date field)"
    else:
        try:
            babel_dates.format_datetime(SAMPLE, value, tzinfo=UTC, locale="en")
        except (ValueError, KeyError, AttributeError, IndexError) as error:
            problem = f" ({error})"
    if not problem:
        return None
    return (
        f"a Unicode date pattern such as 'd MMMM y' or 'MMM d, y'{problem}, a strftime-style "
        f"format with % codes, or one of {', '.join(map(repr, NAMED_DATE_FORMATS))}"
    )


def date_format_error(value: str) -> str | None:
    """A date format is a named one, a strftime format or a CLDR pattern (:func:`is_strftime`)."""
    if value in NAMED_DATE_FORMATS:
        return None
    return _strftime_error(value) if is_strftime(value) else _pattern_error(value)


def _positive(value: int) -> str | None:
    return None if value >= 1 else "a whole number of at least 1"


def _not_negative(value: int) -> str | None:
    return None if value >= 0 else "a whole number of at least 0"


def _feed_content_error(value: str) -> str | None:
    return None if value in ("full", "summary", "none") else "'full', 'summary' or 'none'"


def _placement_error(value: str) -> str | None:
    return None if value in ("object", "page") else "'object' or 'page'"


def _sidebars_error(value: str) -> str | None:
    return None if value in ("shared", "inline") else "'shared' or 'inline'"


def _feed_terms_error(value: list[str]) -> str | None:
    if all(item in ("tag", "category", "author") for item in value):
        return None
    return "a list of 'tag', 'category' and 'author'"


def _patterns_error(value: list[str]) -> str | None:
    if all(isinstance(item, str) and item for item in value):
        return None
    return "a list of non-empty glob patterns such as ['posts/**']"


def _names_error(value: list[Any]) -> str | None:
    if all(isinstance(item, str) and item.strip() for item in value):
        return None
    return "a list of author names or keys of posts_authors, such as ['jane']"


def _is_text(*values: Any) -> bool:
    return all(isinstance(value, str) for value in values)


def _authors_error(value: dict[str, Any]) -> str | None:
    """An entry of no known shape rejects the setting; a bad field (an avatar that is not an
    http(s) URL or a path in the site) is reported and only that field is left out."""
    shape = shape_error(value)
    if shape is not None:
        return shape
    for problem in field_problems(value):
        warn(PostsWarning.CONFIG, f"posts_authors: {problem}; ignored")
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
        "Title of the page that lists every post (and the feeds' title); the default is "
        "'Blog' in the site's language.",
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
        "medium",
        (str,),
        "How dates are shown, in the site's language: 'short', 'medium', 'long' or 'full' (the "
        "language's own formats: 'medium' is 'Mar 20, 2025' in English, '20.03.2025' in "
        "German), a strftime-style format ('%b %-d, %Y': a '%' means strftime) or a Unicode "
        "(CLDR) date pattern ('d MMMM y').",
        date_format_error,
    ),
    Setting(
        "posts_authors",
        {},
        (dict,),
        "Known authors: key -> name, (name, url), or {'name', 'url', 'email', 'avatar', 'bio', "
        "'links'}.",
        _authors_error,
    ),
    Setting(
        "posts_default_author",
        [],
        (list, tuple),
        "Author(s) of posts that name none (a key of posts_authors or a name).",
        _names_error,
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
        "posts_sidebars",
        "shared",
        (str,),
        "How the sidebars that show the whole blog (recent posts, tags, categories, authors, "
        "archive) reach each page: 'shared' renders them once a build into one file that pages "
        "load (a page keeps a link to the overview without JavaScript), so a new post or tag "
        "rewrites only the pages whose own content changed; 'inline' writes them into every "
        "page, which a new post or tag then rewrites.",
        _sidebars_error,
        "html",
    ),
    Setting(
        "posts_per_year_page",
        100,
        (int,),
        "Posts on each page of a year; a blog with more posts than this shows months, not "
        "every post, on its archive page (no page of a large blog grows with its size).",
        _positive,
        "html",
    ),
    Setting(
        "posts_related",
        3,
        (int,),
        "How many related posts a post page shows (those sharing most tags with it; on ties, "
        "those written nearest to it); 0 turns them off.",
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
        "posts_ablog",
        None,
        (bool, type(None)),
        "Show the blog as ABlog did (its date formats, feed length, reference labels, "
        "slugs, sidebar markup); None: when conf.py sets any of ABlog's blog_*/post_* "
        "settings, or, when it sets neither those nor any posts_* setting, when a document "
        "uses ABlog's post directive.",
    ),
    Setting(
        "posts_feed_content",
        "full",
        (str,),
        "What feed entries carry: 'full' post bodies, 'summary' only, or 'none'.",
        _feed_content_error,
        "html",
    ),
    Setting(
        "posts_backlinks",
        True,
        (bool,),
        "Show, on each documentation page, the published posts that cite it or its objects.",
        None,
        "html",
    ),
    Setting(
        "posts_backlinks_domains",
        [],
        (list, tuple),
        "Which domains' references count for back-links ('py', 'c', 'cpp', 'js', 'rst', "
        "'std'...); empty: all of them.",
        None,
        "html",
    ),
    Setting(
        "posts_backlinks_placement",
        "object",
        (str,),
        "'object': after each cited object's description (the rest at the page's end); "
        "'page': one list at the end of the page.",
        _placement_error,
        "html",
    ),
    Setting(
        "posts_backlinks_shown",
        3,
        (int,),
        "How many citing posts a back-link list shows before the rest fold into 'more'.",
        _positive,
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


TRUE_WORDS = frozenset({"true", "yes", "on", "1"})
FALSE_WORDS = frozenset({"false", "no", "off", "0"})


def bool_like(value: Any) -> bool | None:
    """True/False, or a word for one (``"no"``, ``"off"``, ``0``...); None for anything else.

    ``bool("no")`` is True: a setting read with ``bool()`` would do the opposite of what the
    writer wrote.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int | str):
        word = str(value).strip().casefold()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS
    return None


BOOL_EXPECTED = "True or False (or one of the words true/false, yes/no, on/off, 1/0)"


def checked(setting: Setting, value: Any) -> tuple[Any, str]:
    """``value`` as the setting keeps it (a lone pattern is a list of one, ``"no"`` is False),
    and what is wrong with it ("" when nothing is)."""
    if setting.types == (list, tuple) and isinstance(value, str):
        value = [value]  # a single pattern is a common, harmless shorthand
    if bool in setting.types and value is not None:
        flag = bool_like(value)
        return (value, BOOL_EXPECTED) if flag is None else (flag, "")
    if not isinstance(value, setting.types) or isinstance(value, bool):
        return value, " or ".join(t.__name__ for t in setting.types)
    return value, (setting.check(value) or "") if setting.check else ""


def report_setting(name: str, value: Any, expected: str, default: Any) -> None:
    warn(
        PostsWarning.CONFIG,
        f"{name} = {value!r}: expected {expected}; using the default {default!r}",
    )


def check_config(app: Sphinx, config: Config) -> None:
    """Replace every bad ``posts_*`` value by its default, with a warning that says why."""
    for setting in SETTINGS:
        value, problem = checked(setting, config[setting.name])
        if problem:
            report_setting(setting.name, value, problem, setting.default)
            value = setting.default
        config[setting.name] = value


@dataclass(frozen=True)
class AblogSetting:
    """One of ABlog's settings (ablog/blog.py ``CONFIG``), with ABlog's default, and what
    sphinx-posts does with it: ``ours`` is the setting it feeds (a conf.py value of ours wins),
    ``meaning`` how it is honoured, with ABlog's meaning; ``differs`` says, once a build,
    where we deliberately do otherwise and how to get ABlog's behaviour (said when
    ``differs_when`` holds for the value conf.py gives, None when it gives none)."""

    name: str
    default: Any
    ours: str = ""
    meaning: str = ""
    differs: str = ""
    differs_when: Callable[[Any], bool] | None = None


ICONS = "True: Font Awesome icons in place of the labels of ablog/postcard.html"

ABLOG_SETTINGS: tuple[AblogSetting, ...] = (
    AblogSetting(
        "blog_archive_titles",
        None,
        meaning="True: the blog's list pages show each post's title and date line, no excerpt.",
    ),
    AblogSetting("blog_authors", {}, "posts_authors", "The same (name, url) pairs."),
    AblogSetting(
        "blog_baseurl",
        "",
        "html_baseurl",
        "The site's address, for feeds and Disqus threads; Sphinx's html_baseurl also works.",
    ),
    AblogSetting("blog_default_author", None, "posts_default_author"),
    AblogSetting("blog_default_language", None, meaning="The language of posts that name none."),
    AblogSetting("blog_default_location", None, meaning="The location of posts that name none."),
    AblogSetting(
        "blog_feed_archives",
        False,
        "posts_feed_terms",
        "True is ['tag', 'category', 'author'], plus feeds of years, locations and languages.",
    ),
    AblogSetting(
        "blog_feed_fulltext",
        False,
        "posts_feed_content",
        "True is 'full', False 'summary' (the default on an ABlog site).",
    ),
    AblogSetting(
        "blog_feed_length",
        None,
        "posts_feed_length",
        "None (the default on an ABlog site) is every post.",
    ),
    AblogSetting(
        "blog_feed_subtitle",
        None,
        meaning="The feeds' subtitle (Atom) and description (RSS, JSON Feed).",
    ),
    AblogSetting(
        "blog_feed_templates",
        {"atom": {}},
        meaning="More Atom feeds, their entries' title, summary or content from templates.",
    ),
    AblogSetting(
        "blog_feed_titles",
        None,
        "posts_feed_content",
        "True is 'summary': entries carry the title and the excerpt's text, no content, as "
        "ABlog's did ('none' leaves the excerpt out too).",
    ),
    AblogSetting("blog_languages", {}, meaning="Names, links and pages of languages."),
    AblogSetting("blog_locations", {}, meaning="Names, links and pages of locations."),
    AblogSetting("blog_path", "blog", "posts_path"),
    AblogSetting(
        "blog_post_pattern",
        [],
        "posts_pattern",
        "Without it, pages under posts/ are posts too.",
        "blog_post_pattern is not set: ABlog took only pages with a post directive or "
        "blogpost: true as posts, sphinx-posts also takes every page under posts/ (set "
        "blog_post_pattern = [] for ABlog's rule)",
        lambda value: value is None,
    ),
    AblogSetting("blog_title", "Blog", "posts_title"),
    AblogSetting("disqus_drafts", False, meaning="True: comments and counts on drafts too."),
    AblogSetting("disqus_pages", False, meaning="True: comments under pages that are not posts."),
    AblogSetting(
        "disqus_shortname",
        None,
        meaning="Disqus threads under posts, a comment count in ablog/postcard.html.",
    ),
    AblogSetting("fontawesome_css_file", "", meaning=ICONS + "."),
    AblogSetting("fontawesome_included", False, meaning=ICONS + "."),
    AblogSetting("fontawesome_link_cdn", None, meaning=ICONS + "."),
    AblogSetting(
        "post_always_section",
        False,
        meaning="True: a post directive in a section posts that section, as when a page has "
        "several.",
    ),
    AblogSetting("post_auto_excerpt", 1, meaning="Paragraphs in an automatic excerpt."),
    AblogSetting("post_auto_image", 0, meaning="The n-th image is the post's image."),
    AblogSetting(
        "post_auto_orphan",
        True,
        meaning="False: posts outside every toctree get Sphinx's 'not included in any "
        "toctree' warning.",
    ),
    AblogSetting("post_date_format_short", "%d %B", meaning="Dates in Recent Posts and postlist."),
    AblogSetting("post_date_format", "%d %B %Y", "posts_date_format"),
    AblogSetting(
        "post_redirect_refresh", 5, meaning="Seconds before a redirect page forwards readers."
    ),
    AblogSetting(
        "post_show_prev_next", True, meaning="False: no previous and next post under posts."
    ),
    AblogSetting(
        "skip_injecting_base_ablog_templates",
        False,
        differs="skip_injecting_base_ablog_templates is ignored: sphinx-posts' ablog/*.html "
        "templates come after the site's and the theme's and are always there; to use "
        "ABlog's own, copy them into a folder of templates_path",
        differs_when=lambda value: bool_like(value) is True,
    ),
)
"""Every setting ABlog declares: a conf.py written for ABlog sets them, templates written for
ABlog read them, and the configuration reference lists each beside ours."""

ABLOG_DEFAULTS: dict[str, Any] = {setting.name: setting.default for setting in ABLOG_SETTINGS}
ABLOG_BY_NAME = {setting.name: setting for setting in ABLOG_SETTINGS}


EVERY_POST = 2**31 - 1
"""``posts_feed_length`` for ABlog's ``blog_feed_length = None`` (feeds hold every post), and
``posts_per_page`` on an ABlog site (one page, as ABlog had no pagination)."""


def ablog_site_values(config: Config) -> dict[str, Any]:
    """The ``posts_*`` values ABlog's meaning gives an ABlog site, where conf.py sets neither
    them nor their ABlog twin (read/ablog.py applies them; catalog.py when the site is found to
    be one only by its ``post`` directives)."""
    fulltext = ablog_setting(config, "blog_feed_fulltext")
    found: dict[str, Any] = {
        "posts_date_format": ABLOG_DEFAULTS["post_date_format"],
        "posts_per_page": EVERY_POST,
        "posts_feed_content": "full" if fulltext else "summary",
    }
    if getattr(config, "blog_feed_length", None) is None:
        found["posts_feed_length"] = EVERY_POST
    return found


def ablog_setting(config: Config, name: str) -> Any:
    """One of ABlog's settings as ABlog reads it: the writer's value, else ABlog's default.
    (They are registered with no default, so that Sphinx neither type-checks nor converts
    them: our own checks say what is wrong, in our words.)"""
    value = getattr(config, name, None)
    return ABLOG_DEFAULTS.get(name) if value is None else value


def ablog_values(config: Config) -> tuple[tuple[str, str], ...]:
    """Every ABlog setting as conf.py gives it, for the keys of generated pages and feeds:
    Sphinx's own configuration hash covers only settings that rebuild HTML, and ABlog's
    (blog_archive_titles, post_redirect_refresh, blog_feed_subtitle ...) are read at write
    time too."""
    return tuple((name, repr(getattr(config, name, None))) for name in ABLOG_DEFAULTS)


def ablog_names(value: Any) -> tuple[str, ...]:
    """ABlog's ``blog_default_location``/``_language``: a key or a list of keys."""
    items = [value] if isinstance(value, str) else value if isinstance(value, list | tuple) else []
    if not all(isinstance(item, str) and item.strip() for item in items):
        return ()
    return tuple(item.strip() for item in items)


def site_timezone(config: Config) -> tzinfo:
    return ZoneInfo(config.posts_timezone)
