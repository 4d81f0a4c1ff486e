"""Issue 9: every ABlog setting is honoured with ABlog's meaning and default, or a one-time
``posts.ablog`` message says how we differ and how to get ABlog's behaviour.

The list is ABlog's own (``ablog.blog.CONFIG`` of the installed ABlog), so a setting ABlog adds
fails here until it is handled. ``test-ablog-feeds`` is an ABlog site's feed settings switched
in one line; where it matters it is also built by ABlog and the feeds compared.
"""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from blog_helpers import built_site
from helpers import build, plain

from sphinx_posts.config import ABLOG_DEFAULTS, ABLOG_SETTINGS, BY_NAME

ROOT = "ablog-feeds"
ABLOG_SITE = Path(__file__).parent / "roots" / "test-ablog-site"
OTHER_SETTINGS = {"html_baseurl"}
"""Sphinx's own settings an ABlog one may feed."""


def ablog_config() -> list[tuple[str, object]]:
    ablog = pytest.importorskip("ablog")
    return [(entry[0], entry[1]) for entry in ablog.blog.CONFIG]


# -- the audit ---------------------------------------------------------------------------------


def test_every_ablog_setting_is_honoured_or_differs_with_a_message():
    theirs = dict(ablog_config())
    ours = {setting.name: setting for setting in ABLOG_SETTINGS}
    assert sorted(ours) == sorted(theirs), "a setting ABlog has that we do not list (or back)"
    for name, default in theirs.items():
        setting = ours[name]
        assert setting.default == default, f"{name}: ABlog's default is {default!r}"
        assert ABLOG_DEFAULTS[name] == default
        if setting.ours:
            assert setting.ours in BY_NAME or setting.ours in OTHER_SETTINGS, name
        assert setting.ours or setting.meaning or setting.differs, f"{name}: not handled"
        if setting.differs:  # said once, when it applies
            assert setting.differs_when is not None, name
            assert "ABlog" in setting.differs or "ablog" in setting.differs, name


def test_the_configuration_reference_lists_every_ablog_setting_beside_ours():
    docs = Path(__file__).parents[1] / "example-site" / "docs" / "configuration.md"
    assert "```{posts-ablog-reference}" in docs.read_text(encoding="utf-8")
    extension = (docs.parents[1] / "_ext" / "posts_docs.py").read_text(encoding="utf-8")
    assert '"posts-ablog-reference", AblogReference' in extension
    assert "ABLOG_SETTINGS" in extension and "ABlog's name:" in extension


def test_the_ablog_reference_table_renders(make_app, tmp_path):
    """The docs extension's table, built: one row per ABlog setting, ours linked."""
    (tmp_path / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parents[1] / 'example-site' / '_ext')!r})\n"
        "extensions = ['myst_parser', 'posts_docs']\n",
        encoding="utf-8",
    )
    (tmp_path / "index.md").write_text(
        "# Settings\n\n```{posts-config-reference}\n```\n\n```{posts-ablog-reference}\n```\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=tmp_path)
    build(app)
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    from bs4 import BeautifulSoup

    table = BeautifulSoup(html, "html.parser").select_one("table.posts-ablog-settings")
    rows = [row.find_all("td") for row in table.select("tbody tr")]
    assert [cells[0].get_text(strip=True) for cells in rows] == [s.name for s in ABLOG_SETTINGS]
    by_name = {cells[0].get_text(strip=True): cells for cells in rows}
    assert by_name["blog_path"][2].select_one('a[href="#confval-posts_path"]') is not None
    assert "Differs" in by_name["skip_injecting_base_ablog_templates"][2].get_text()
    confval = BeautifulSoup(html, "html.parser").find(id="confval-posts_feed_content")
    assert "blog_feed_fulltext" in confval.find_next("dd").get_text()


# -- the posts.ablog message -------------------------------------------------------------------


def status_of(app) -> str:
    return plain(app.status.getvalue())


def test_a_differing_setting_is_said_once_as_a_message_not_a_warning(make_app, rootdir):
    app = make_app(
        "html",
        srcdir=rootdir / f"test-{ROOT}",
        confoverrides={"skip_injecting_base_ablog_templates": True},
        warningiserror=True,
    )
    build(app)  # no warning: an ABlog site built with -W passes
    said = [line for line in status_of(app).splitlines() if "[posts.ablog]" in line]
    assert len(said) == 1
    assert "skip_injecting_base_ablog_templates is ignored" in said[0]
    assert "templates_path" in said[0]  # how to get ABlog's behaviour


def test_the_message_can_be_silenced(make_app, rootdir):
    app = make_app(
        "html",
        srcdir=rootdir / f"test-{ROOT}",
        confoverrides={
            "skip_injecting_base_ablog_templates": True,
            "suppress_warnings": ["posts.ablog"],
        },
    )
    build(app)
    assert "[posts.ablog]" not in status_of(app)


def test_an_ablog_site_without_blog_post_pattern_hears_of_our_default(make_app, rootdir):
    app = make_app("html", srcdir=ABLOG_SITE)
    build(app)
    said = [line for line in status_of(app).splitlines() if "[posts.ablog]" in line]
    assert len(said) == 1
    assert "blog_post_pattern = []" in said[0]


# -- feeds -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ours(tmp_path_factory, rootdir):
    return built_site(tmp_path_factory, rootdir, ROOT)


@pytest.fixture(scope="module")
def theirs(tmp_path_factory, rootdir):
    """The same site built by ABlog itself."""
    ablog = pytest.importorskip("ablog")
    ablog.blog.Blog._dict.clear()  # ABlog keeps its blog in class-level state
    try:
        return built_site(tmp_path_factory, rootdir, ROOT, extensions=["ablog"])
    finally:
        ablog.blog.Blog._dict.clear()


def feed(app, name: str = "atom.xml", folder: str = "blog"):
    parsed = feedparser.parse((app.outdir / folder / name).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def by_link(parsed) -> dict[str, object]:
    return {entry.link: entry for entry in parsed.entries}


def test_blog_feed_subtitle_is_the_feeds_subtitle(ours, theirs):
    assert feed(ours).feed.subtitle == feed(theirs).feed.subtitle == "What we saw in the field"
    assert feed(ours, "rss.xml").feed.subtitle == "What we saw in the field"
    json_feed = (ours.outdir / "blog" / "feed.json").read_text(encoding="utf-8")
    assert '"description": "What we saw in the field"' in json_feed


def test_an_atom_entry_names_the_last_author_as_ablog_did(ours, theirs):
    link = "https://example.org/posts/pair.html"
    ablog_entry = by_link(feed(theirs))[link]
    entry = by_link(feed(ours))[link]
    assert [a.name for a in ablog_entry.authors] == ["Ben Okafor"]
    assert [a.name for a in entry.authors] == ["Ben Okafor"]
    # RSS and JSON Feed still name both
    rss = by_link(feed(ours, "rss.xml"))[link]
    assert [a.name for a in rss.authors] == ["Ana Souza", "Ben Okafor"]


def test_a_posted_sections_feed_entry_carries_its_text(ours, theirs):
    for app in (ours, theirs):
        entries = by_link(feed(app))
        day_one = entries["https://example.org/posts/days.html#day-one"]
        text = day_one.content[0].value
        assert "The first day was about birds." in text
        assert "Birds, mostly." in text  # the whole section, not the excerpt
        assert "rivers" not in text  # not the next section's
        assert "Day one</h" not in text  # not its heading
        assert "Notes from two days" not in text  # not the page's introduction
    ours_text = by_link(feed(ours))["https://example.org/posts/days.html#day-two"].content[0]
    assert "The second day was about rivers." in ours_text.value


def test_blog_feed_titles_leaves_the_content_out_as_ablog_did(tmp_path_factory, rootdir):
    ours = built_site(tmp_path_factory, rootdir, ROOT, blog_feed_titles=True)
    ablog = pytest.importorskip("ablog")
    ablog.blog.Blog._dict.clear()
    try:
        theirs = built_site(
            tmp_path_factory, rootdir, ROOT, extensions=["ablog"], blog_feed_titles=True
        )
    finally:
        ablog.blog.Blog._dict.clear()
    for app in (ours, theirs):
        entry = by_link(feed(app))["https://example.org/posts/pair.html"]
        assert entry.title == "Written by two"
        assert "content" not in entry
        assert entry.summary.startswith("Two of us wrote this one.")
