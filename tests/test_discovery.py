"""A new blog that can be found: default sidebars where the writer set none, a "Blog" entry in
the navigation, "All posts" under post lists, breadcrumbs and feed links on the blog's pages,
month links in the archives, and one pagination bar (ours) on list pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from blog_helpers import built_site, page
from example_site import broken_links
from helpers import copy_root
from sphinx.testing.util import SphinxTestApp

ALABASTER = {"html_theme": "alabaster"}  # Sphinx's test app would use "basic" otherwise
PYDATA = {"html_theme": "pydata_sphinx_theme"}
FEEDS = {"html_baseurl": "https://notes.example.org/"}


@pytest.fixture(scope="module")
def alabaster(tmp_path_factory, rootdir):
    return built_site(tmp_path_factory, rootdir, "zero-config", **ALABASTER)


@pytest.fixture(scope="module")
def pydata(tmp_path_factory, rootdir):
    return built_site(tmp_path_factory, rootdir, "zero-config", posts_per_page=1, **PYDATA, **FEEDS)


def sidebar_components(soup, selector: str) -> list[str]:
    return [
        next(c for c in node["class"] if c != "posts-sidebar")
        for node in soup.select(f"{selector} .posts-sidebar")
    ]


BLOG = ["posts-recent", "posts-tags", "posts-categories", "posts-authors", "posts-archives"]


def test_alabaster_gets_blog_sidebars_and_a_way_to_the_blog(alabaster):
    assert sidebar_components(page(alabaster, "index"), ".sphinxsidebar") == ["posts-blog-nav"]
    nav = page(alabaster, "index").select_one(".posts-blog-nav")
    assert [(a.get_text(), a["href"]) for a in nav.select("a")] == [
        ("Blog", "blog.html"),
        ("All posts", "blog.html"),
        ("Archive", "blog/archive.html"),
        ("Tags", "blog/tag.html"),
        ("Categories", "blog/category.html"),
        ("Authors", "blog/author.html"),
    ]
    post = page(alabaster, "posts/field-trip")
    assert sidebar_components(post, ".sphinxsidebar") == ["posts-postcard", *BLOG]
    for name in ("blog", "blog/tag/statistics", "blog/2025", "blog/author"):
        assert sidebar_components(page(alabaster, name), ".sphinxsidebar") == BLOG, name
    # the theme's own sidebars stay, ours after its navigation
    sidebar = page(alabaster, "blog").select_one(".sphinxsidebarwrapper")
    assert sidebar.select_one("#searchbox") is not None
    assert problems(alabaster) == []


def test_pydata_gets_a_blog_entry_in_the_header_and_sidebars_on_blog_pages(pydata):
    index = page(pydata, "index")
    header = index.select_one(".bd-header .navbar-nav")
    entry = header.select_one("li.posts-navbar-blog")
    assert entry.a["href"] == "blog.html"
    assert entry.a.get_text(strip=True) == "Blog"
    assert entry.parent is header, "the entry is in the theme's own list"
    assert "active" not in entry["class"]
    assert sidebar_components(index, ".bd-sidebar-primary") == []
    blog = page(pydata, "blog")
    assert "active" in blog.select_one(".bd-header li.posts-navbar-blog")["class"]
    assert sidebar_components(blog, ".bd-sidebar-primary") == [*BLOG, "posts-feeds"]
    post = page(pydata, "posts/field-trip")
    assert sidebar_components(post, ".bd-sidebar-primary") == [
        "posts-postcard",
        *BLOG,
        "posts-feeds",
    ]
    assert problems(pydata) == []


def test_furo_gets_the_blog_in_its_sidebar_and_no_second_pagination(tmp_path_factory, rootdir):
    app = built_site(tmp_path_factory, rootdir, "zero-config", html_theme="furo", posts_per_page=1)
    assert sidebar_components(page(app, "index"), ".sidebar-scroll") == ["posts-blog-nav"]
    assert sidebar_components(page(app, "blog/page/2"), ".sidebar-scroll") == BLOG
    assert page(app, "blog/page/2").select(".related-pages a") == []
    assert problems(app) == []


def problems(app) -> list[str]:
    return broken_links(Path(app.outdir))


def test_the_writers_sidebars_win_page_by_page(tmp_path_factory, rootdir):
    sidebars = {"posts/*": ["searchbox.html"]}
    app = built_site(tmp_path_factory, rootdir, "zero-config", html_sidebars=sidebars, **ALABASTER)
    assert sidebar_components(page(app, "posts/field-trip"), ".sphinxsidebar") == []
    assert sidebar_components(page(app, "blog"), ".sphinxsidebar") == BLOG
    everywhere = {"**": ["searchbox.html"]}
    app = built_site(
        tmp_path_factory, rootdir, "zero-config", html_sidebars=everywhere, **ALABASTER
    )
    for name in ("index", "blog", "posts/field-trip"):
        assert sidebar_components(page(app, name), ".sphinxsidebar") == [], name


def test_the_basic_theme_is_left_as_configured(tmp_path_factory, rootdir):
    app = built_site(tmp_path_factory, rootdir, "zero-config", html_theme="basic")
    for name in ("index", "blog", "posts/field-trip"):
        assert sidebar_components(page(app, name), ".sphinxsidebar") == [], name


def test_postlist_links_all_posts(alabaster):
    postlist = page(alabaster, "index").select_one(".posts-postlist")
    assert postlist.select_one(".posts-all a")["href"] == "blog.html"
    assert postlist.select_one(".posts-all a").get_text() == "All posts"


def test_postlist_without_all_posts(tmp_path, rootdir):
    srcdir = copy_root(rootdir, tmp_path, "zero-config")
    index = srcdir / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace(":format: cards", ":no-all-posts:"),
        encoding="utf-8",
    )
    app = SphinxTestApp("html", srcdir=srcdir, builddir=srcdir / "_build", freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    postlist = page(app, "index").select_one(".posts-postlist")
    assert postlist.select(".posts-entry")
    assert postlist.select_one(".posts-all") is None


def breadcrumbs(soup) -> list[str]:
    return [
        (li.a["href"] if li.a else "") + " " + li.get_text(" ", strip=True)
        for li in soup.select(".bd-breadcrumbs li")
    ]


def test_breadcrumbs_lead_through_the_blog(pydata):
    assert breadcrumbs(page(pydata, "blog/tag/statistics")) == [
        "../../index.html ",
        "../../blog.html Blog",
        "../tag.html Tags",
        " Posts tagged “Statistics”",
    ]
    assert breadcrumbs(page(pydata, "blog/tag/statistics/page/2")) == [
        "../../../../index.html ",
        "../../../../blog.html Blog",
        "../../../tag.html Tags",
        "../../statistics.html Posts tagged “Statistics”",
        " Posts tagged “Statistics”, page 2",
    ]
    assert breadcrumbs(page(pydata, "blog/2025"))[1:] == [
        "../blog.html Blog",
        "archive.html Archive",
        " 2025",
    ]
    assert breadcrumbs(page(pydata, "blog/author"))[1:] == ["../blog.html Blog", " Authors"]
    assert breadcrumbs(page(pydata, "blog"))[1:] == [" Blog"]
    assert breadcrumbs(page(pydata, "posts/field-trip"))[1:] == [
        "../blog.html Blog",
        " A Field Trip to the Coast",
    ]


def test_tag_page_shows_its_feeds(pydata):
    links = page(pydata, "blog/tag/statistics").select(".posts-feed-links a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Atom", "statistics/atom.xml"),
        ("RSS", "statistics/rss.xml"),
        ("JSON Feed", "statistics/feed.json"),
    ]
    outdir = Path(pydata.outdir) / "blog/tag"
    assert all((outdir / a["href"]).is_file() for a in links)
    assert page(pydata, "blog").select_one(".posts-feed-links a")["href"] == "blog/atom.xml"
    # categories have no feeds unless posts_feed_terms asks for them
    assert page(pydata, "blog/category/tutorials").select_one(".posts-feed-links") is None


def test_no_feed_links_without_feeds(alabaster):
    assert page(alabaster, "blog/tag/statistics").select_one(".posts-feed-links") is None


def test_list_pages_have_one_pagination_bar(pydata):
    second = page(pydata, "blog/page/2")
    assert len(second.select("nav.posts-pagination")) == 1
    assert second.select(".prev-next-area a") == [], "the theme's Previous/Next is not shown"
    assert [link["href"] for link in second.head.select('link[rel="next"]')] == ["3.html"]
    assert [link["href"] for link in second.head.select('link[rel="prev"]')] == ["../../blog.html"]
    current = second.select_one('.posts-pagination [aria-current="page"]')
    assert current.get_text() == "2"
    assert current["data-count"] == "3"


def test_archive_months_link_to_the_year_page(tmp_path_factory, rootdir):
    app = built_site(tmp_path_factory, rootdir, "blog")
    summary = page(app, "lists/summaries").select_one(".posts-archives")
    months = summary.select(".posts-archives-months a")
    assert months, "month names are links"
    assert months[0]["href"].startswith("../blog/")
    assert "#" in months[0]["href"]
    assert problems(app) == [], "every month's anchor exists on its year page"
