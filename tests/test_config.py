"""Every ``posts_*`` value: a bad one gives one ``posts.config`` warning and the default."""

from __future__ import annotations

from datetime import UTC

import pytest
from helpers import build, copy_root, posts_of, warning_lines

from sphinx_posts.config import SETTINGS

# realistic mistakes of the wrong type, by the type a setting expects
WRONG_TYPE = {str: 5, int: "10", list: 5, dict: [("Jane Doe", "https://jane.example.org/")]}


def wrong_type_value(types: tuple[type, ...]) -> object:
    for expected, value in WRONG_TYPE.items():
        if expected in types:
            return value
    return "maybe" if bool in types else 2.5


BAD_VALUES = [
    ("posts_timezone", "Mars/Olympus"),
    ("posts_timezone", ""),
    ("posts_per_page", 0),
    ("posts_per_page", True),
    ("posts_pattern", 5),
    ("posts_pattern", ["posts/**", ""]),
    ("posts_feed_content", "all"),
    ("posts_path", "../x"),
    ("posts_path", "/blog"),
    ("posts_path", ""),
    ("posts_words_per_minute", 0),
    ("posts_related", -1),
    ("posts_feed_length", -5),
    ("posts_authors", {"jane": 5}),
    ("posts_authors", {"jane": ("Jane Doe", "https://jane.example.org/", "extra")}),
    *((setting.name, wrong_type_value(setting.types)) for setting in SETTINGS),
]


def config_app(make_app, rootdir, tmp_path, conf: str):
    """The value goes into conf.py itself, as a writer would put it there."""
    return make_app("html", srcdir=copy_root(rootdir, tmp_path, "config", conf))


@pytest.mark.parametrize(("name", "value"), BAD_VALUES, ids=lambda x: repr(x)[:40])
def test_bad_value_warns_once_and_uses_the_default(make_app, rootdir, tmp_path, name, value):
    default = next(setting.default for setting in SETTINGS if setting.name == name)
    app = config_app(make_app, rootdir, tmp_path, f"{name} = {value!r}")
    build(app, expect_warnings=True)
    lines = warning_lines(app)
    assert len(lines) == 1, lines  # ours, and not a second one from Sphinx's own type check
    assert "[posts.config]" in lines[0]
    assert name in lines[0]
    assert repr(value) in lines[0]
    assert repr(default) in lines[0]
    assert "expected" in lines[0]
    assert app.config[name] == default
    # the build went on, with the default in force
    assert "posts/a" in posts_of(app)


def test_bad_timezone_falls_back_to_utc(make_app, rootdir, tmp_path):
    app = config_app(make_app, rootdir, tmp_path, "posts_timezone = 'Mars/Olympus'")
    build(app, expect_warnings=True)
    assert posts_of(app)["posts/a"].date.utcoffset() == UTC.utcoffset(None)


def test_several_bad_values_warn_once_each(make_app, rootdir, tmp_path):
    conf = "posts_per_page = 0\nposts_timezone = 'Mars/Olympus'\nposts_feed_content = 'all'"
    app = config_app(make_app, rootdir, tmp_path, conf)
    build(app, expect_warnings=True)
    lines = warning_lines(app)
    assert len(lines) == 3, lines
    assert all("[posts.config]" in line for line in lines)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("posts_timezone", "Europe/Paris"),
        ("posts_per_page", 5),
        ("posts_feed_content", "summary"),
        ("posts_path", "news/posts"),
        ("posts_pattern", ("posts/**", "news/*")),
        ("posts_authors", {"jane": ("Jane Doe", "https://jane.example.org/"), "ann": "Ann"}),
        ("posts_related", 0),
    ],
)
def test_good_values_are_kept_without_warnings(make_app, rootdir, tmp_path, name, value):
    app = config_app(make_app, rootdir, tmp_path, f"{name} = {value!r}")
    build(app)
    assert app.config[name] == value


def test_a_single_pattern_string_is_a_list_of_one(make_app, rootdir, tmp_path):
    app = config_app(make_app, rootdir, tmp_path, "posts_pattern = 'posts/*'")
    build(app)
    assert list(app.config.posts_pattern) == ["posts/*"]
    assert "posts/a" in posts_of(app)


def test_config_warnings_can_be_suppressed(make_app, rootdir, tmp_path):
    conf = "posts_per_page = 0\nsuppress_warnings = ['posts.config']"
    app = config_app(make_app, rootdir, tmp_path, conf)
    build(app)
    assert app.config.posts_per_page == 10


# -- settings that used to be taken silently, or crashed the build -----------------------------

BAD_OVERRIDES = [
    ("posts_date_format", "%Q %", "posts_date_format"),
    ("posts_date_format", 5, "posts_date_format"),
    ("posts_path", "..\\..\\x", "posts_path"),
    ("posts_path", "C:/blog", "posts_path"),
    ("posts_path", "news//posts", "posts_path"),
    ("posts_authors", {5: "Five"}, "posts_authors"),
    ("posts_authors", {"jane": ("Jane Doe", 5)}, "posts_authors"),
    ("posts_default_author", [5], "posts_default_author"),
    ("posts_default_author", [""], "posts_default_author"),
    ("posts_show_drafts", "maybe", "posts_show_drafts"),
    ("blog_post_pattern", 7, "blog_post_pattern"),
    ("blog_post_pattern", [7], "blog_post_pattern"),
    ("blog_path", "../x", "blog_path"),
    ("blog_authors", {5: "Five"}, "blog_authors"),
    ("blog_default_author", [5], "blog_default_author"),
    ("blog_feed_length", "20", "blog_feed_length"),
    ("post_date_format", "%Q", "post_date_format"),
    ("blog_baseurl", 123, "blog_baseurl"),
    ("blog_feed_fulltext", "maybe", "blog_feed_fulltext"),
    ("blog_feed_archives", 2, "blog_feed_archives"),
]


def overridden(name: str, value: object, *args: object) -> object:
    """A case whose build gets ``name = value`` through ``confoverrides``."""
    mark = pytest.mark.sphinx("html", testroot="config", confoverrides={name: value})
    return pytest.param(name, value, *args, marks=mark, id=f"{name}={value!r}"[:50])


@pytest.mark.parametrize(("name", "value", "reported"), [overridden(*c) for c in BAD_OVERRIDES])
def test_bad_setting_warns_names_it_and_the_build_finishes(app, name, value, reported):
    build(app, expect_warnings=True)
    lines = warning_lines(app)
    assert len(lines) == 1, lines
    (line,) = lines
    assert "[posts.config]" in line and f"{reported} = {value!r}" in line, line
    assert "expected" in line and "using the default" in line, line
    assert "posts/a" in posts_of(app)
    assert (app.outdir / "posts" / "a.html").is_file()
    assert (app.outdir / "blog.html").is_file()  # posts_path fell back to its default
    assert (app.outdir / "blog" / "atom.xml").is_file()


@pytest.mark.sphinx(
    "html",
    testroot="config",
    confoverrides={"posts_authors": {"jane": {"name": "Jane Doe", "url": 5}}},
)
def test_a_bad_field_of_an_author_is_dropped_and_the_rest_kept(app):
    build(app, expect_warnings=True)
    (line,) = warning_lines(app)
    assert "[posts.config]" in line
    assert "posts_authors: for 'jane': url 5: expected text; ignored" in line
    assert app.config.posts_authors == {"jane": {"name": "Jane Doe", "url": 5}}
    assert (app.outdir / "posts" / "a.html").is_file()


def test_an_unknown_date_code_falls_back_to_the_default_format(make_app, rootdir, tmp_path):
    app = make_app(
        "html",
        srcdir=copy_root(rootdir, tmp_path, "config"),
        confoverrides={"posts_date_format": "%Q %"},
    )
    build(app, expect_warnings=True)
    assert "%Q" in warning_lines(app)[0]
    text = (app.outdir / "posts" / "a.html").read_text(encoding="utf-8")
    assert "Mar 20, 2025" in text
    assert "%Q" not in text


@pytest.mark.parametrize(
    ("value", "content"),
    [
        ("no", "summary"),
        ("off", "summary"),
        ("0", "summary"),
        (False, "summary"),
        (0, "summary"),
        ("Yes", "full"),
        ("true", "full"),
        (True, "full"),
    ],
)
def test_ablog_fulltext_reads_yes_and_no_words(make_app, rootdir, tmp_path, value, content):
    app = make_app(
        "html",
        srcdir=copy_root(rootdir, tmp_path, "config"),
        confoverrides={"blog_feed_fulltext": value},
    )
    build(app)
    assert app.config.posts_feed_content == content


@pytest.mark.parametrize(("value", "shown"), [("off", False), ("yes", True), (0, False)])
def test_show_drafts_reads_yes_and_no_words(make_app, rootdir, tmp_path, value, shown):
    app = make_app(
        "html",
        srcdir=copy_root(rootdir, tmp_path, "config"),
        confoverrides={"posts_show_drafts": value},
    )
    build(app)
    assert app.config.posts_show_drafts is shown
