"""Issue 9, found on real ABlog sites switched in one line (migrating-from-ablog.md, "Real
sites we built both ways"): ``test-ablog-realsite`` keeps the shapes that differed, and is
built once with sphinx-posts and once with ABlog."""

from __future__ import annotations

import json

import feedparser
import pytest
from blog_helpers import built_by_ablog, built_site, entry_titles, page
from helpers import build, copy_root, posts_of, warnings_of

ROOT = "ablog-realsite"
THEIRS = ["myst_parser", "ablog", "sphinxext.opengraph"]


@pytest.fixture(scope="module")
def ours(tmp_path_factory, rootdir):
    return built_site(tmp_path_factory, rootdir, ROOT)


@pytest.fixture(scope="module")
def theirs(tmp_path_factory, rootdir):
    """The same site built by ABlog itself."""
    return built_by_ablog(tmp_path_factory, rootdir, ROOT, THEIRS)


def heading_texts(soup, name: str) -> list[str]:
    return [h.get_text(strip=True).rstrip("¶#") for h in soup.select(f"div.body {name}")]


# myst's ``html_meta`` puts meta nodes before the page's first heading: the heading is still
# the post's title (it was "no title" and a made-up heading above the real one)


def test_html_meta_before_the_heading_keeps_the_title(ours, theirs):
    assert "has no title" not in warnings_of(ours)
    assert posts_of(ours)["blog/meta"].title == "Model answers"
    post = page(ours, "blog/meta")
    assert heading_texts(post, "h1") == heading_texts(page(theirs, "blog/meta"), "h1")
    assert heading_texts(post, "h1") == ["Model answers"]
    assert heading_texts(post, "h2") == ["Details"]
    assert "Model answers" in entry_titles(page(ours, "blog"))
    meta = post.select_one('meta[name="description"]')
    assert meta is not None
    assert meta["content"] == "A post described for search engines."


# sphinxext-opengraph's ``og:description`` is another extension's key, not a typo of ours


def test_other_extensions_namespaced_keys_are_not_typos(ours):
    assert "og:description" not in warnings_of(ours)


# html_sidebars written before ABlog 0.10 name its templates without ``ablog/``; ABlog still
# renders them (it warns on every page): the build must not stop at "postcard.html not found"


OLD_NAMES = {
    "blog/meta": ("postcard", "recentposts"),
    "index": ("archives", "tagcloud", "categories", "authors"),
}


def sidebar_headings(soup) -> list[str]:
    return [h.get_text(" ", strip=True) for h in soup.select(".ablog-sidebar-item h3")]


@pytest.mark.parametrize("pagename", sorted(OLD_NAMES))
def test_old_sidebar_names_render_ablogs_sidebars(ours, theirs, pagename):
    """The markup is ABlog's current one (``ablog__archives``; ABlog's old templates said
    ``ablog__archive``), so the test compares what a reader sees: the sidebars' headings."""
    for name in OLD_NAMES[pagename]:
        assert page(ours, pagename).select_one(f".ablog__{name}") is not None, name
    assert sidebar_headings(page(ours, pagename)) == sidebar_headings(page(theirs, pagename))
    card = page(ours, "blog/meta").select_one(".ablog__postcard")
    assert "Ana Souza" in card.get_text()


def test_old_sidebar_names_are_mentioned_once(ours):
    said = ours.status.getvalue()
    assert said.count("ABlog's old templates") == 1
    assert "archives.html, authors.html, categories.html, postcard.html" in said
    assert "old template" not in warnings_of(ours)


# ABlog's list entries show when a post was updated (its last ``update`` note), as ours do


def listed(soup, title: str):
    return next(
        entry
        for entry in soup.select("article.posts-entry, div.ablog-post")
        if title in entry.get_text()
    )


@pytest.mark.parametrize("pagename", ["blog", "blog/author/ana-souza"])
def test_list_entries_show_the_update(ours, theirs, pagename):
    assert "26 November 2024" in listed(page(theirs, pagename), "Course index").get_text()
    entry = listed(page(ours, pagename), "Course index")
    updated = entry.select_one(".posts-entry-updated")
    assert updated.get_text(" ", strip=True) == "Updated 26 November 2024"
    assert updated.time["datetime"].startswith("2024-11-26")
    assert "17 November 2021" in entry.select_one(".posts-entry-meta time").get_text()
    assert listed(page(ours, pagename), "Model answers").select_one(".posts-entry-updated") is None


# ABlog's feed titles: the blog's title, and "<blog title> - Posts tagged <tag>" ... for the
# feeds of blog_feed_archives (they were "<project>: <name>")

FEEDS = ["blog", "blog/tag/models", "blog/author/ana-souza", "blog/category/security", "blog/2020"]


def feed_of(app, folder: str):
    return feedparser.parse((app.outdir / folder / "atom.xml").read_bytes())


@pytest.mark.parametrize("folder", FEEDS)
def test_feed_titles_are_ablogs(ours, theirs, folder):
    theirs_title = feed_of(theirs, folder).feed.title
    assert feed_of(ours, folder).feed.title == theirs_title
    assert theirs_title.startswith("Real notes")


def test_pages_name_the_feed_by_its_title(ours):
    atom = 'link[rel="alternate"][type="application/atom+xml"]'
    links = [link["title"] for link in page(ours, "blog/tag/models").select(atom)]
    assert links == ["Real notes (ATOM)", "Real notes - Posts tagged models (ATOM)"]


# pydata-sphinx-theme (and sphinx-book-theme, built on it) turn ABlog's fontawesome_included on
# when conf.py does not set it: ABlog's postcard on those themes shows icons, not labels


@pytest.fixture(scope="module")
def ours_pydata(tmp_path_factory, rootdir):
    return built_site(tmp_path_factory, rootdir, ROOT, html_theme="pydata_sphinx_theme")


def postcard_icons(app) -> list[str]:
    card = page(app, "blog/meta").select_one(".ablog__postcard")
    return sorted(" ".join(icon["class"]) for icon in card.select("i"))


# what ABlog's build of this root on pydata-sphinx-theme shows (ABlog is not built with pydata
# here: in one process, it leaves state behind that changes later pydata builds)
ABLOG_ICONS = ["fa fa-calendar", "fa-fw fa fa-folder-open", "fa-fw fa fa-tags", "fa-fw fa fa-user"]
ABLOG_HEADER = ["Brog"]


def test_pydata_themes_give_ablogs_postcard_its_icons(ours_pydata):
    assert postcard_icons(ours_pydata) == ABLOG_ICONS
    assert "Author:" not in page(ours_pydata, "blog/meta").select_one(".ablog__postcard").text


def test_postcard_labels_where_conf_turns_the_icons_off(tmp_path_factory, rootdir):
    app = built_site(
        tmp_path_factory,
        rootdir,
        ROOT,
        html_theme="pydata_sphinx_theme",
        fontawesome_included=False,
    )
    card = page(app, "blog/meta").select_one(".ablog__postcard")
    assert card.select("i") == []
    assert "Author:" in card.get_text()


def test_other_themes_keep_the_labels(ours):
    assert postcard_icons(ours) == []


# ABlog's drafts page lists posts of the same date (undated drafts all are) by title, last
# first, as its other lists do; it listed them by file name


def test_drafts_are_ordered_as_ablog_orders_them(ours, theirs):
    theirs_titles = [
        a.get_text(strip=True) for a in page(theirs, "blog/drafts").select(".ablog-post-title a")
    ]
    assert theirs_titles == ["Zeta notes", "Alpha notes", "Conference in 2099"]
    assert entry_titles(page(ours, "blog/drafts")) == theirs_titles


# pydata-sphinx-theme's header lists the site's toctree, which on ABlog sites names the
# placeholder blog.md: no second entry for the blog beside it (it had "Blog" and "Real notes")


def header_links(app, pagename: str) -> list[str]:
    header = page(app, pagename).select_one(".navbar-header-items__center")
    return [link.get_text(strip=True) for link in header.select("a")]


@pytest.mark.parametrize("pagename", ["index", "blog", "blog/meta", "blog/tag/models"])
def test_header_links_the_blog_once(ours_pydata, pagename):
    assert header_links(ours_pydata, pagename) == ABLOG_HEADER
    assert page(ours_pydata, pagename).select_one(".posts-navbar-blog") is None


# the page's own descriptions win: myst's html_meta description (there was a second one, from
# the excerpt) and sphinxext-opengraph's og:description frontmatter (ours replaced it)


def metas(app, attribute: str, name: str) -> list[str]:
    return [tag["content"] for tag in page(app, "blog/meta").select(f'meta[{attribute}="{name}"]')]


def test_the_pages_own_descriptions_win(ours, theirs):
    for attribute, name in (("name", "description"), ("property", "og:description")):
        assert metas(ours, attribute, name) == metas(theirs, attribute, name), name
    assert metas(ours, "name", "description") == ["A post described for search engines."]
    assert metas(ours, "property", "og:description") == ["A post described for Open Graph."]


# ABlog's lists show an automatic excerpt's paragraphs whole (ours were cut at 300 characters)


def test_long_first_paragraph_is_listed_whole(ours, theirs):
    theirs_text = listed(page(theirs, "blog"), "Solar plants").select_one(".ablog-post-excerpt")
    summary = listed(page(ours, "blog"), "Solar plants").select_one(".posts-entry-summary")
    assert summary.get_text().split() == theirs_text.get_text().split()
    assert summary.get_text().endswith("above a certain size.")
    assert len(summary.get_text()) > 400


# ABlog held a post dated in the future back as a draft (published: dated before tomorrow);
# ours is scheduled: on the drafts page, in no list or feed, until its date


def test_future_post_waits_as_in_ablog(ours, theirs):
    def titles(app, pagename, selector):
        return [a.get_text(strip=True) for a in page(app, pagename).select(selector)]

    for app, selector in ((theirs, ".ablog-post-title a"), (ours, ".posts-entry-title a")):
        assert "Conference in 2099" not in titles(app, "blog", selector)
        assert "Conference in 2099" in titles(app, "blog/drafts", selector)
    assert "Conference in 2099" not in [entry.title for entry in feed_of(ours, "blog").entries]
    schedule = json.loads((ours.outdir / "blog" / "schedule.json").read_text(encoding="utf-8"))
    assert schedule["next_due"].startswith("2099-06-01")


def test_a_new_update_note_rewrites_the_lists(make_app, rootdir, tmp_path):
    """Incremental == clean for the "Updated" date list entries show."""
    srcdir = copy_root(rootdir, tmp_path, ROOT)
    first = make_app("html", srcdir=srcdir)
    build(first, expect_warnings=True)
    first.cleanup()
    post = srcdir / "blog" / "updated.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(text + "\n```{update} 3 March, 2025\nOne more.\n```\n", encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    build(app, expect_warnings=True)
    for pagename in ("blog", "blog/author/ana-souza"):
        entry = listed(page(app, pagename), "Course index")
        updated = entry.select_one(".posts-entry-updated").get_text(" ", strip=True)
        assert updated == "Updated 03 March 2025", pagename
