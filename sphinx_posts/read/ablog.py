"""ABlog compatibility: a site switches by replacing ``"ablog"`` with ``"sphinx_posts"``.

ABlog's ``blog_*``/``post_*`` settings feed the matching ``posts_*`` ones (an explicit
``posts_*`` value wins), its ``update`` directive works, and its sidebar templates
(``ablog/postcard.html`` ...) render our components, so ``html_sidebars`` keeps working.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import ExtensionError
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from ..config import (
    ABLOG_DEFAULTS,
    ABLOG_SETTINGS,
    BOOL_EXPECTED,
    BY_NAME,
    ablog_names,
    ablog_site_values,
    bool_like,
    checked,
    report_setting,
    site_timezone,
)
from ..doctree import timestamp
from ..formats import machine_date, show_date
from ..model import DateRangeError, parse_date
from ..report import PostsWarning, note, shown_value, tell, warn
from ..store.domain import get_domain
from ..urls import post_label

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from ..model import Post

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
"""ABlog setting -> ours. The others are read where they act; config.ABLOG_SETTINGS says
where each goes."""

ABLOG_PREFIXES = ("blog_", "post_", "disqus_", "fontawesome_")

DISQUS_SHORTNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
"""A Disqus shortname: the first label of ``<shortname>.disqus.com``, so nothing that could
make the embed's script address point elsewhere."""


def register_ablog_settings(app: Sphinx) -> None:
    """Accept ABlog's names in conf.py (unless ABlog itself is loaded and owns them)."""
    if "ablog" in app.config.extensions:
        return
    for name in ABLOG_DEFAULTS:
        try:  # no default: Sphinx would type-check and convert them; config.py checks them
            app.add_config_value(name, None, "env", description=f"ABlog's {name} (read by us)")
        except ExtensionError:
            continue


def written(config: Config) -> set[str]:
    """The settings conf.py (or ``-D``) gives, as opposed to defaults."""
    return set(getattr(config, "_raw_config", {})) | set(getattr(config, "_overrides", {}))


def is_ablog_site(config: Config) -> bool | None:
    """The rule for "this is an ABlog site": conf.py sets one of ABlog's settings. A conf.py
    that sets neither those nor any ``posts_*`` setting leaves it undecided (None): then the
    site is an ABlog site when a document uses ABlog's ``post`` directive, which is known
    only once the documents are read (store/catalog.py)."""
    given = written(config)
    if any(name.startswith(ABLOG_PREFIXES) for name in given):
        return True
    if any(name.startswith("posts_") for name in given):
        return False
    return None


def _setting(config: Config, name: str) -> Any:
    """An ABlog setting's value if conf.py gives it, else None."""
    return config[name] if name in written(config) and name in config else None


def _pattern(value: str) -> str:
    for suffix in SUFFIXES:
        value = value.removesuffix(suffix)
    return value


def drop_ablog_templates(config: Config) -> None:
    """``templates_path.append(ablog.get_html_templates_path())`` from an ABlog conf.py: ABlog's
    templates read ABlog's objects, which are not there, so they are left out (ours answer to
    the same names), with a note saying the line can go."""
    kept = [
        path
        for path in config.templates_path
        if Path(str(path)).parts[-2:] != ("ablog", "templates")
    ]
    if len(kept) != len(config.templates_path):
        config.templates_path = kept
        note(
            "ABlog's templates folder in templates_path is not used (sphinx-posts renders "
            "ABlog's sidebar names itself); you can remove ablog.get_html_templates_path() "
            "from conf.py"
        )


OLD_SIDEBARS = frozenset(
    f"{name}.html"
    for name in (
        "archives",
        "authors",
        "categories",
        "languages",
        "locations",
        "postcard",
        "recentposts",
        "tagcloud",
    )
)
"""ABlog's sidebar names from before 0.10, without ``ablog/``: ABlog still renders them
(templates/<name>.html in sphinx-posts shows ABlog's ``ablog/<name>``)."""


def note_old_sidebars(config: Config) -> None:
    """Say once that ``html_sidebars`` uses ABlog's old names (ABlog warned on every page)."""
    named = {
        name
        for names in config.html_sidebars.values()
        for name in ([names] if isinstance(names, str) else names)
    }
    if old := sorted(named & OLD_SIDEBARS):
        tell(
            PostsWarning.ABLOG,
            f"html_sidebars names ABlog's old templates ({', '.join(old)}): each shows "
            "ablog/<name>, as ABlog did; write ablog/<name> in conf.py to say so",
            config.suppress_warnings,
        )


def apply_ablog_settings(app: Sphinx, config: Config) -> None:
    """Copy each ABlog setting the writer set into its ``posts_*`` twin, if that is unset;
    on an ABlog site, ABlog's defaults stand where ours differ."""
    if "ablog" in config.extensions:
        warn(
            PostsWarning.CONFIG,
            "both 'ablog' and 'sphinx_posts' are in extensions: remove 'ablog' "
            "(sphinx_posts reads ABlog's settings and directives itself)",
        )
        return
    drop_ablog_templates(config)
    note_old_sidebars(config)
    given = written(config)
    if config.posts_ablog is None:
        config.posts_ablog = is_ablog_site(config)
    for ablog_name, ours in ALIASES.items():
        value = _setting(config, ablog_name)
        if value is None or ours in given:
            continue
        value, problem = checked(BY_NAME[ours], value)
        if problem:  # named as the writer wrote it, and left at our default
            report_setting(ablog_name, value, problem, BY_NAME[ours].default)
            continue
        if ours == "posts_pattern":
            value = [_pattern(item) for item in value]
        config[ours] = value
    check_other_settings(config)
    if config.posts_ablog:  # ABlog's meanings where conf.py does not say (a given one was copied)
        copied = {ours for ablog_name, ours in ALIASES.items() if ablog_name in given}
        for name, value in ablog_site_values(config).items():
            if name not in given | copied:
                config[name] = value
    fulltext = _setting(config, "blog_feed_fulltext")
    if fulltext is not None and "posts_feed_content" not in given:
        config.posts_feed_content = "full" if fulltext else "summary"
    if _setting(config, "blog_feed_titles") and "posts_feed_content" not in given:
        config.posts_feed_content = "summary"  # ABlog's entries: title and excerpt text
    archives = _setting(config, "blog_feed_archives")
    if archives and "posts_feed_terms" not in given:
        config.posts_feed_terms = ["tag", "category", "author"]
    if config.posts_ablog:
        say_differences(config)


def say_differences(config: Config) -> None:
    """Once a build: each ABlog setting we deliberately honour otherwise, and how to get
    ABlog's behaviour (``posts.ablog``)."""
    given = written(config)
    for setting in ABLOG_SETTINGS:
        if setting.differs_when is None or setting.ours in given:
            continue
        value = config[setting.name] if setting.name in given else None
        if setting.differs_when(value):
            tell(PostsWarning.ABLOG, setting.differs, config.suppress_warnings)


FLAGS = (
    "blog_feed_fulltext",
    "blog_feed_archives",
    "blog_feed_titles",
    "blog_archive_titles",
    "disqus_pages",
    "disqus_drafts",
    "post_always_section",
    "post_auto_orphan",
    "post_show_prev_next",
    "fontawesome_included",
)
"""ABlog's on/off settings that we read."""


def check_other_settings(config: Config) -> None:
    """ABlog's settings we read without a ``posts_*`` twin: a bad one is reported and unset;
    yes/no words become True/False (``bool("no")`` is True)."""
    baseurl = _setting(config, "blog_baseurl")
    if baseurl is not None and not isinstance(baseurl, str):
        report_setting("blog_baseurl", baseurl, "a URL such as 'https://example.org/'", None)
        config.blog_baseurl = None
    shortname = _setting(config, "disqus_shortname")
    if shortname is not None and not (
        isinstance(shortname, str) and DISQUS_SHORTNAME.fullmatch(shortname)
    ):
        report_setting("disqus_shortname", shortname, "a Disqus shortname such as 'my-site'", None)
        config.disqus_shortname = None
    subtitle = _setting(config, "blog_feed_subtitle")
    if subtitle is not None and not isinstance(subtitle, str):
        report_setting("blog_feed_subtitle", subtitle, "text", None)
        config.blog_feed_subtitle = None
    refresh = _setting(config, "post_redirect_refresh")
    if refresh is not None and (
        isinstance(refresh, bool) or not isinstance(refresh, int) or refresh < 0
    ):
        report_setting("post_redirect_refresh", refresh, "a whole number of seconds", 5)
        config.post_redirect_refresh = None
    for name in ("blog_default_location", "blog_default_language"):
        value = _setting(config, name)
        if value is not None and not ablog_names(value):
            report_setting(name, value, "a key or a list of keys", None)
            config[name] = None
    for name in FLAGS:
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


def label_posts(app: Sphinx, doctree: nodes.document) -> None:
    """On an ABlog site, every post is a ``std`` label, as ABlog made it: ``{ref}`first-light```
    links to the post with its title. A label the site defines itself is left alone."""
    env = app.env
    post = get_domain(env).posts.get(env.docname)
    if not post or not (app.config.posts_ablog or ablog_post_of_undecided_site(app, post)):
        return
    label = post_label(post.docname)
    std = env.domains.standard_domain
    if label and label not in std.labels and label not in std.anonlabels:
        std.labels[label] = (post.docname, "", post.title)
        std.anonlabels[label] = (post.docname, "")


def ablog_post_of_undecided_site(app: Sphinx, post: Post) -> bool:
    """A post made by ABlog's ``post`` directive on a site whose conf.py does not say whether
    it is an ABlog site: that directive makes it one, so the post is labelled (decided by the
    document itself, so a document reads the same whatever was read before it)."""
    return app.config.posts_ablog is None and post.ablog_directive


def resolve_page_label(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.Element
) -> nodes.Element | None:
    """ABlog's labels of the blog's pages (``blog-posts``, ``tag-python``, ``archive-2021``)."""
    if node.get("refdomain") != "std" or node.get("reftype") not in ("ref", "any"):
        return None
    return get_domain(env).resolve_ablog_label(
        app.builder, node.get("refdoc", env.docname), node["reftarget"], node, contnode
    )


def setup_ablog(app: Sphinx) -> None:
    register_ablog_settings(app)
    app.add_directive("update", UpdateDirective)
    app.connect("config-inited", apply_ablog_settings, priority=700)
    app.connect("doctree-read", label_posts)
    app.connect("missing-reference", resolve_page_label)
