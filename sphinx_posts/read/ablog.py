"""ABlog compatibility: a site switches by replacing ``"ablog"`` with ``"sphinx_posts"``.

ABlog's ``blog_*``/``post_*`` settings feed the matching ``posts_*`` ones (an explicit
``posts_*`` value wins), its ``update`` directive works, and its sidebar templates
(``ablog/postcard.html`` ...) render our components, so ``html_sidebars`` keeps working.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import ExtensionError
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from ..config import BOOL_EXPECTED, BY_NAME, bool_like, checked, report_setting, site_timezone
from ..doctree import timestamp
from ..formats import machine_date, show_date
from ..model import DateRangeError, parse_date
from ..report import PostsWarning, shown_value, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

_ = get_translation("sphinx_posts")

SUFFIXES = (".rst", ".md", ".ipynb", ".txt")

ALIASES = {
    "blog_path": "posts_path",
    "blog_title": "posts_title",
    "blog_post_pattern": "posts_pattern",
    "blog_authors": "posts_authors",
    "blog_default_author": "posts_default_author",
    "blog_feed_length": "posts_feed_length",
    "post_date_format": "posts_date_format",
}
"""ABlog setting -> ours. Also read: ``blog_baseurl`` (feeds), ``blog_feed_fulltext``."""

OTHER_ABLOG_SETTINGS = ("blog_baseurl", "blog_feed_fulltext", "blog_feed_archives")


def register_ablog_settings(app: Sphinx) -> None:
    """Accept ABlog's names in conf.py (unless ABlog itself is loaded and owns them)."""
    if "ablog" in app.config.extensions:
        return
    for name in (*ALIASES, *OTHER_ABLOG_SETTINGS):
        try:
            app.add_config_value(name, None, "env", description=f"ABlog's {name} (read by us)")
        except ExtensionError:
            continue


def _setting(config: Config, name: str) -> Any:
    """An ABlog setting's value, or None (``Config`` has no ``get``)."""
    return getattr(config, name, None) if name in config else None


def _pattern(value: str) -> str:
    for suffix in SUFFIXES:
        value = value.removesuffix(suffix)
    return value


def apply_ablog_settings(app: Sphinx, config: Config) -> None:
    """Copy each ABlog setting the writer set into its ``posts_*`` twin, if that is unset."""
    if "ablog" in config.extensions:
        warn(
            PostsWarning.CONFIG,
            "both 'ablog' and 'sphinx_posts' are in extensions: remove 'ablog' "
            "(sphinx_posts reads ABlog's settings and directives itself)",
        )
        return
    for ablog_name, ours in ALIASES.items():
        value = _setting(config, ablog_name)
        if value is None or config[ours] != BY_NAME[ours].default:
            continue
        value, problem = checked(BY_NAME[ours], value)
        if problem:  # named as the writer wrote it, and left at our default
            report_setting(ablog_name, value, problem, BY_NAME[ours].default)
            continue
        if ours == "posts_pattern":
            value = [_pattern(item) for item in value]
        config[ours] = value
    check_other_settings(config)
    fulltext = _setting(config, "blog_feed_fulltext")
    if fulltext is not None and config.posts_feed_content == BY_NAME["posts_feed_content"].default:
        config.posts_feed_content = "full" if fulltext else "summary"
    archives = _setting(config, "blog_feed_archives")
    if archives and config.posts_feed_terms == BY_NAME["posts_feed_terms"].default:
        config.posts_feed_terms = ["tag", "category", "author"]


def check_other_settings(config: Config) -> None:
    """ABlog's settings we read without a ``posts_*`` twin: a bad one is reported and unset;
    yes/no words become True/False (``bool("no")`` is True)."""
    baseurl = _setting(config, "blog_baseurl")
    if baseurl is not None and not isinstance(baseurl, str):
        report_setting("blog_baseurl", baseurl, "a URL such as 'https://example.org/'", None)
        config.blog_baseurl = None
    for name in ("blog_feed_fulltext", "blog_feed_archives"):
        value = _setting(config, name)
        if value is None:
            continue
        flag = bool_like(value)
        if flag is None:
            report_setting(name, value, BOOL_EXPECTED, None)
        config[name] = flag


class UpdateDirective(SphinxDirective):
    """ABlog's ``update``: a dated note in a post, shown as "Updated on <date>"."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        text = self.arguments[0]
        note = nodes.admonition(classes=["note", "update", "posts-update"])
        before, _marker, after = str(_("Updated on %s")).partition("%s")
        try:
            when, has_time = parse_date(text, site_timezone(self.config))
            note["posts_updated"] = when.isoformat()
            shown: nodes.Node = timestamp(
                "", show_date(when, self.config), datetime=machine_date(when, has_time, self.config)
            )
        except ValueError as error:
            expected = error if isinstance(error, DateRangeError) else "a date such as 2025-03-20"
            warn(
                PostsWarning.DATE,
                f"update: {shown_value(text)}: expected {expected}; shown as written",
                (self.env.docname, self.lineno),
            )
            shown = nodes.Text(text)
        self.set_source_info(note)
        note += nodes.title("", before, shown, nodes.Text(after))
        self.state.nested_parse(self.content, self.content_offset, note)
        return [note]


def setup_ablog(app: Sphinx) -> None:
    register_ablog_settings(app)
    app.add_directive("update", UpdateDirective)
    app.connect("config-inited", apply_ablog_settings, priority=700)
