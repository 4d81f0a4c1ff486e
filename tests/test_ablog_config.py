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
from blog_helpers import built_by_ablog, built_site, built_with, entry_titles, page
from helpers import build, compare_trees, copy_root, plain, posts_of, tree, warnings_of

from sphinx_posts.config import ABLOG_DEFAULTS, ABLOG_SETTINGS, BY_NAME

ROOT = "ablog-feeds"
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


def test_a_differing_setting_is_said_once_as_a_message_not_a_warning(make_app, rootdir, tmp_path):
    app = make_app(
        "html",
        srcdir=copy_root(rootdir, tmp_path, ROOT),
        confoverrides={"skip_injecting_base_ablog_templates": True},
        warningiserror=True,
    )
    build(app)  # no warning: an ABlog site built with -W passes
    said = [line for line in status_of(app).splitlines() if "[posts.ablog]" in line]
    assert len(said) == 1
    assert "skip_injecting_base_ablog_templates is ignored" in said[0]
    assert "templates_path" in said[0]  # how to get ABlog's behaviour


def test_the_message_can_be_silenced(make_app, rootdir, tmp_path):
    app = make_app(
        "html",
        srcdir=copy_root(rootdir, tmp_path, ROOT),
        confoverrides={
            "skip_injecting_base_ablog_templates": True,
            "suppress_warnings": ["posts.ablog"],
        },
    )
    build(app)
    assert "[posts.ablog]" not in status_of(app)


def test_an_ablog_site_without_blog_post_pattern_hears_of_our_default(make_app, rootdir, tmp_path):
    app = make_app("html", srcdir=copy_root(rootdir, tmp_path, "ablog-site"))
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
    return built_by_ablog(tmp_path_factory, rootdir, ROOT, ["ablog"])


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


# -- the rest of ABlog's settings --------------------------------------------------------------


def ablog_feeds(make_app, rootdir, tmp_path_factory, **conf):
    """A fresh copy of the root, built with ``conf``."""
    srcdir = copy_root(rootdir, tmp_path_factory.mktemp("site"), ROOT)
    app = make_app("html", srcdir=srcdir, confoverrides=conf)
    app.build()
    return app


def test_blog_default_location_and_language(make_app, rootdir, tmp_path_factory):
    app = ablog_feeds(
        make_app,
        rootdir,
        tmp_path_factory,
        blog_default_location="lisbon",
        blog_default_language=["pt"],
    )
    assert posts_of(app)["posts/pair"].locations == ("lisbon",)
    assert posts_of(app)["posts/pair"].languages == ("pt",)
    listed = entry_titles(page(app, "blog/location/lisbon"))
    assert "Written by two" in listed


def test_blog_default_location_of_the_wrong_shape_is_reported(make_app, rootdir, tmp_path_factory):
    app = ablog_feeds(make_app, rootdir, tmp_path_factory, blog_default_location={"a": 1})
    assert "blog_default_location = {'a': 1}: expected a key or a list of keys" in warnings_of(app)
    assert posts_of(app)["posts/pair"].locations == ()


def test_post_show_prev_next(make_app, rootdir, tmp_path_factory):
    shown = ablog_feeds(make_app, rootdir, tmp_path_factory)
    assert page(shown, "posts/pair").select_one("nav.posts-prevnext") is not None
    hidden = ablog_feeds(make_app, rootdir, tmp_path_factory, post_show_prev_next=False)
    assert page(hidden, "posts/pair").select_one("nav.posts-prevnext") is None


def refresh_of(app, name: str) -> str:
    meta = page(app, name).find("meta", attrs={"http-equiv": "refresh"})
    return meta["content"].partition(";")[0]


def test_post_redirect_refresh(make_app, rootdir, tmp_path_factory):
    assert (
        refresh_of(ablog_feeds(make_app, rootdir, tmp_path_factory), "old/alone") == "5"
    )  # ABlog's default
    assert (
        refresh_of(
            ablog_feeds(make_app, rootdir, tmp_path_factory, post_redirect_refresh=0), "old/alone"
        )
        == "0"
    )
    # elsewhere readers are forwarded at once
    assert (
        refresh_of(ablog_feeds(make_app, rootdir, tmp_path_factory, posts_ablog=False), "old/alone")
        == "0"
    )


def test_post_auto_orphan_false_lets_sphinx_warn(make_app, rootdir, tmp_path_factory):
    assert "toctree" not in warnings_of(ablog_feeds(make_app, rootdir, tmp_path_factory))
    warned = warnings_of(ablog_feeds(make_app, rootdir, tmp_path_factory, post_auto_orphan=False))
    assert "alone.rst: WARNING: document isn't included in any toctree" in warned


def test_post_always_section(make_app, rootdir, tmp_path_factory):
    whole = posts_of(ablog_feeds(make_app, rootdir, tmp_path_factory))
    assert whole["posts/single"].title == "Notebook"
    app = ablog_feeds(make_app, rootdir, tmp_path_factory, post_always_section=True)
    posted = posts_of(app)
    assert "posts/single" not in posted
    assert posted["posts/single#the-one-day"].title == "The one day"
    assert "posts/pair" in posted  # a directive in the page's top section: the page
    entry = by_link(feed(app))["https://example.org/posts/single.html#the-one-day"]
    assert "Only one day." in entry.content[0].value


def test_blog_archive_titles(make_app, rootdir, tmp_path_factory):
    full = page(ablog_feeds(make_app, rootdir, tmp_path_factory), "blog")
    assert "Two of us wrote this one." in full.get_text()
    app = ablog_feeds(make_app, rootdir, tmp_path_factory, blog_archive_titles=True)
    for name in ("blog", "blog/tag/field-work", "blog/2024"):
        titles = page(app, name)
        assert "Written by two" in entry_titles(titles) or name == "blog/tag/field-work"
        assert "Two of us wrote this one." not in titles.get_text()
        assert "Read more" not in titles.get_text()


# -- the postcard: Disqus' comment count, Font Awesome -----------------------------------------

DISQUS = 'disqus_shortname = "lab-notes"'


def ablog_site(make_app, rootdir, tmp_path, conf: str, extensions: list[str], dest: str):
    srcdir = copy_root(rootdir, tmp_path, "ablog-site", conf, dest=dest)
    old = srcdir / "posts/old-post.rst"
    old.write_text(
        old.read_text(encoding="utf-8").replace(
            ":category: Observing", ":category: Observing\n   :nocomments:"
        ),
        encoding="utf-8",
    )
    return built_with(make_app, srcdir, extensions)


def comment_link(app, name: str):
    card = page(app, name).select_one(".ablog__postcard")
    return card.select_one('a[href$="#disqus_thread"]') if card else None


def test_the_postcard_links_to_the_comments_with_disqus_count(make_app, rootdir, tmp_path):
    ours = ablog_site(make_app, rootdir, tmp_path, DISQUS, ["myst_parser", "sphinx_posts"], "o")
    theirs = ablog_site(make_app, rootdir, tmp_path, DISQUS, ["myst_parser", "ablog"], "t")
    for app in (ours, theirs):
        link = comment_link(app, "posts/first-light")
        assert link["data-disqus-identifier"] == "/posts/first-light/"
        assert "Comments" in link.get_text()
    item = comment_link(ours, "posts/first-light").find_parent("li")
    assert "ablog__comments" in item["class"]
    assert [s["src"] for s in item.find_all("script")] == ["https://lab-notes.disqus.com/count.js"]
    assert comment_link(ours, "posts/old-post") is None  # :nocomments:, no thread to count
    assert b"count.js" not in (ours.outdir / "blog/atom.xml").read_bytes()
    # every script a page loads from elsewhere is Disqus'
    scripts = page(ours, "posts/first-light").find_all("script", src=True)
    remote = [s["src"] for s in scripts if "://" in s["src"]]
    assert remote and all(src.startswith("https://lab-notes.disqus.com/") for src in remote)


def test_no_comment_count_without_disqus_shortname(make_app, rootdir, tmp_path):
    app = ablog_site(make_app, rootdir, tmp_path, "", ["myst_parser", "sphinx_posts"], "none")
    assert comment_link(app, "posts/first-light") is None
    assert "disqus" not in (app.outdir / "posts/first-light.html").read_text(encoding="utf-8")


def test_fontawesome_settings_show_icons_in_the_postcard(make_app, rootdir, tmp_path):
    conf = "fontawesome_included = True"
    app = ablog_site(make_app, rootdir, tmp_path, conf, ["myst_parser", "sphinx_posts"], "fa")
    card = page(app, "posts/first-light").select_one(".ablog__postcard")
    assert card.select_one("h2 i.fa-calendar") is not None
    assert card.select_one(".ablog__author i.fa-user") is not None
    assert "Author:" not in card.get_text()
    plain_card = page(built_site_of(make_app, rootdir, tmp_path), "posts/first-light")
    assert "Author:" in plain_card.select_one(".ablog__postcard").get_text()
    assert plain_card.select_one(".ablog__postcard i") is None


def built_site_of(make_app, rootdir, tmp_path):
    return ablog_site(make_app, rootdir, tmp_path, "", ["myst_parser", "sphinx_posts"], "plain")


def test_changing_an_ablog_setting_rewrites_what_it_shows(make_app, rootdir, tmp_path):
    """Incremental == clean when conf.py changes ABlog's settings read at write time (Sphinx's
    configuration hash covers only settings that rebuild HTML)."""
    change = (
        "blog_archive_titles = True\npost_redirect_refresh = 1\n"
        'blog_feed_subtitle = "Changed"\npost_show_prev_next = False\n'
    )
    srcdir = copy_root(rootdir, tmp_path, ROOT, dest="incremental")
    first = make_app("html", srcdir=srcdir)
    build(first)
    first.cleanup()
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(change)
    incremental = make_app("html", srcdir=srcdir)
    build(incremental)
    incremental.cleanup()
    clean = make_app("html", srcdir=copy_root(rootdir, tmp_path, ROOT, change, dest="clean"))
    build(clean)
    assert compare_trees(tree(incremental.outdir), tree(clean.outdir), set()) == []
    assert refresh_of(incremental, "old/alone") == "1"


def test_editing_a_posted_section_updates_its_feed_entry(make_app, rootdir, tmp_path):
    srcdir = copy_root(rootdir, tmp_path, ROOT)
    first = make_app("html", srcdir=srcdir)
    build(first)
    first.cleanup()
    days = srcdir / "posts" / "days.rst"
    days.write_text(days.read_text(encoding="utf-8").replace("birds.", "owls."), encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    build(app)
    entry = by_link(feed(app))["https://example.org/posts/days.html#day-one"]
    assert "about owls." in entry.content[0].value
