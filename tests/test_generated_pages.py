"""The generated blog pages: index, tag, category, author, archive and year pages, paginated."""

from __future__ import annotations

import pytest
from blog_helpers import (
    BLOG_POSTS,
    NEWEST_FIRST,
    broken_links,
    built_site,
    entries,
    entry_titles,
    html_pages,
    no_warnings,
    output_file,
    page,
)
from helpers import build, copy_root

TAGS = ("docs", "machine-learning", "photography", "python", "sphinx", "statistics", "travel")
TAGS += ("winter",)
# posts_per_page = 5 in test-blog: 11 posts make three index pages; Python (6 posts) and
# Jane Doe (7 posts) get two pages each
ML = ["ML Basics: Evaluation", "ML Basics: Models", "ML Basics: Data"]
GENERATED = {
    "blog",
    "blog/page/2",
    "blog/page/3",
    "blog/tag",
    *(f"blog/tag/{slug}" for slug in TAGS),
    "blog/tag/python/page/2",
    "blog/category",
    "blog/category/life",
    "blog/category/news",
    "blog/category/tutorials",
    "blog/author",
    "blog/author/bob-stone",
    "blog/author/jane-doe",
    "blog/author/jane-doe/page/2",
    "blog/archive",
    "blog/2021",
    "blog/2022",
    "blog/2023",
    "blog/2024",
    "blog/series",
    "blog/series/ml-basics",
    # posts in English and French: a page per language
    "blog/language",
    "blog/language/en",
    "blog/language/fr",
}


# what the collision root's own pages say (after smart quotes)
OWN_BLOG = "This is the writer\N{RIGHT SINGLE QUOTATION MARK}s own blog page."
OWN_ARCHIVE = "This is the writer\N{RIGHT SINGLE QUOTATION MARK}s own archive."


@pytest.fixture(scope="module")
def blog(tmp_path_factory, rootdir):
    return built_site(tmp_path_factory, rootdir, "blog")


@pytest.fixture(scope="module")
def blog_dirhtml(tmp_path_factory, rootdir):
    return built_site(tmp_path_factory, rootdir, "blog", "dirhtml")


def generated_files(app) -> set[str]:
    return {
        path.relative_to(app.outdir).as_posix()
        for path in html_pages(app.outdir)
        if path.relative_to(app.outdir).as_posix().startswith("blog")
    }


def test_html_pages(blog):
    no_warnings(blog)
    assert generated_files(blog) == {f"{name}.html" for name in GENERATED}
    # a tag only a draft or a scheduled post uses has no page
    assert not (blog.outdir / "blog/tag/secret-draft-tag.html").exists()
    assert not (blog.outdir / "blog/tag/future-tag.html").exists()
    assert not (blog.outdir / "blog/2099.html").exists()


def test_dirhtml_pages(blog_dirhtml):
    no_warnings(blog_dirhtml)
    expected = {f"{name}/index.html" for name in GENERATED}
    assert generated_files(blog_dirhtml) == expected


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_every_link_resolves(blog, blog_dirhtml, builder):
    app = blog if builder == "html" else blog_dirhtml
    assert broken_links(app.outdir) == []


def test_index_entries_show_date_title_summary_tags_and_reading_time(blog):
    soup = page(blog, "blog")
    assert entry_titles(soup) == NEWEST_FIRST[:5]
    review = entries(soup)[0]
    assert review.select_one("time")["datetime"] == "2024-12-30"
    assert review.select_one(".posts-entry-title a")["href"] == "posts/review.html"
    assert review.select_one(".posts-entry-summary").get_text(strip=True) == (
        "What happened this year."
    )
    assert [(a.get_text(strip=True), a["href"]) for a in review.select("a.posts-tag")] == [
        ("Python", "blog/tag/python.html")
    ]
    assert review.select_one(".posts-reading").get_text(strip=True) == "1 min read"
    # without a description, the first paragraph
    page_two = page(blog, "blog/page/2")
    tips = next(e for e in entries(page_two) if "Sphinx Tips" in e.get_text())
    assert tips.select_one(".posts-entry-summary").get_text(strip=True) == (
        "Tips for writing documentation with Sphinx come first in this excerpt."
    )
    for entry in entries(soup) + entries(page_two):
        assert entry.select_one("time[datetime]") is not None
        assert entry.select_one(".posts-reading") is not None


@pytest.mark.parametrize(
    ("pagename", "expected"),
    [
        ("blog/page/2", NEWEST_FIRST[5:10]),
        ("blog/page/3", NEWEST_FIRST[10:]),
        (
            "blog/tag/python",
            [
                "Year in Review",
                "Statistics Primer",
                "Release 1.0",
                "ML Basics: Evaluation",
                "ML Basics: Data",
            ],
        ),
        ("blog/tag/python/page/2", ["Hello World"]),
        ("blog/tag/machine-learning", ML),
        ("blog/category/news", ["Year in Review", "An RST Post", "Release 1.0", "Hello World"]),
        (
            "blog/author/bob-stone",
            ["Statistics Primer", "An RST Post", "Release 1.0", "A Trip to Lisbon", "Sphinx Tips"],
        ),
        ("blog/author/jane-doe/page/2", ["ML Basics: Data", "Hello World"]),
        ("blog/2022", ["A Trip to Lisbon", "ML Basics: Models"]),
    ],
)
def test_list_pages(blog, pagename, expected):
    assert entry_titles(page(blog, pagename)) == expected


def test_term_index_pages(blog):
    terms = page(blog, "blog/tag").select(".posts-term-list li")
    shown = [(li.a.get_text(strip=True), li.select_one(".posts-count").get_text()) for li in terms]
    assert shown == [
        ("Docs", "(2)"),
        ("Machine Learning", "(3)"),
        ("Photography", "(1)"),
        ("Python", "(6)"),
        ("Sphinx", "(2)"),
        ("Statistics", "(2)"),
        ("Travel", "(1)"),
        ("Winter", "(1)"),
    ]
    categories = page(blog, "blog/category").select(".posts-term-list li a")
    assert [a.get_text() for a in categories] == ["Life", "News", "Tutorials"]
    authors = page(blog, "blog/author").select(".posts-term-list li a")
    assert [a.get_text() for a in authors] == ["Bob Stone", "Jane Doe"]


def test_archive_page(blog):
    soup = page(blog, "blog/archive")
    years = soup.select(".posts-archive-year")
    assert [y.h2.a.get_text() for y in years] == ["2024", "2023", "2022", "2021"]
    assert [y.h2.a["href"] for y in years] == ["2024.html", "2023.html", "2022.html", "2021.html"]
    assert [a.get_text() for a in years[2].select("li a")] == ["A Trip to Lisbon", ML[1]]
    assert years[2].select_one("time")["datetime"] == "2022-07-20"


def head_links(soup, rel: str) -> list[str]:
    return [link["href"] for link in soup.head.select(f'link[rel="{rel}"]')]


def pagination_links(soup, rel: str) -> list[str]:
    return [a["href"] for a in soup.select(f'.posts-pagination a[rel="{rel}"]')]


def test_pagination_html(blog):
    first, second, third = (page(blog, name) for name in ("blog", "blog/page/2", "blog/page/3"))
    assert head_links(first, "prev") == []
    assert head_links(first, "next") == ["blog/page/2.html"]
    assert pagination_links(first, "next") == ["blog/page/2.html"]
    assert head_links(second, "prev") == ["../../blog.html"]
    assert head_links(second, "next") == ["3.html"]
    assert pagination_links(second, "prev") == ["../../blog.html"]
    assert pagination_links(second, "next") == ["3.html"]
    assert head_links(third, "next") == []
    assert pagination_links(third, "next") == []
    assert head_links(third, "prev") == ["2.html"]
    numbers = second.select(".posts-pagination li")
    assert [li.get_text(strip=True) for li in numbers] == [
        "Newer posts",
        "1",
        "2",
        "3",
        "Older posts",
    ]
    assert second.select_one('.posts-pagination [aria-current="page"]').get_text() == "2"
    assert [a["href"] for a in second.select(".posts-pagination li > a:not([rel])")] == [
        "../../blog.html",
        "3.html",
    ]
    # a tag's pages link among themselves
    python = page(blog, "blog/tag/python")
    assert head_links(python, "next") == ["python/page/2.html"]
    assert pagination_links(page(blog, "blog/tag/python/page/2"), "prev") == ["../../python.html"]


@pytest.fixture(scope="module")
def one_per_page(tmp_path_factory, rootdir):
    return built_site(tmp_path_factory, rootdir, "blog", posts_per_page=1)


def numbers_shown(soup) -> list[str]:
    items = soup.select(".posts-pagination li")[1:-1]  # between "Newer" and "Older posts"
    return [li.get_text(strip=True) for li in items]


def test_long_pagination_shows_first_last_and_nearby_pages(one_per_page):
    """11 pages: every page links the first, the last and two either side; "…" between."""
    assert len(BLOG_POSTS) == 11
    middle = page(one_per_page, "blog/page/6")
    assert numbers_shown(middle) == ["1", "…", "4", "5", "6", "7", "8", "…", "11"]
    assert middle.select_one(".posts-pagination-gap")["aria-hidden"] == "true"
    links = {a.get_text(): a["href"] for a in middle.select(".posts-pagination li > a:not([rel])")}
    assert links == {
        "1": "../../blog.html",
        "4": "4.html",
        "5": "5.html",
        "7": "7.html",
        "8": "8.html",
        "11": "11.html",
    }
    first = page(one_per_page, "blog")
    assert [li.get_text(strip=True) for li in first.select(".posts-pagination li")] == [
        "1",
        "2",
        "3",
        "…",
        "11",
        "Older posts",
    ]
    # a gap of a single page shows that page instead of "…"
    assert numbers_shown(page(one_per_page, "blog/page/4")) == [*map(str, range(1, 7)), "…", "11"]
    # and every page is still reachable by following "Older posts"
    assert (one_per_page.outdir / "blog" / "page" / "11.html").is_file()


def test_pagination_dirhtml(blog_dirhtml):
    first = page(blog_dirhtml, "blog")
    second = page(blog_dirhtml, "blog/page/2")
    assert head_links(first, "next") == ["page/2/"]
    assert pagination_links(first, "next") == ["page/2/"]
    assert head_links(second, "prev") == ["../../"]
    assert head_links(second, "next") == ["../3/"]
    assert pagination_links(second, "prev") == ["../../"]


@pytest.mark.sphinx("html", testroot="blog", confoverrides={"posts_per_page": 11})
def test_exactly_one_page_of_posts(app):
    build(app)
    soup = page(app, "blog")
    assert entry_titles(soup) == NEWEST_FIRST
    assert not (app.outdir / "blog/page").exists()
    assert soup.select_one(".posts-pagination") is None
    assert head_links(soup, "next") == []
    assert head_links(soup, "prev") == []


@pytest.mark.sphinx("html", testroot="blog", confoverrides={"posts_per_page": 10})
def test_one_post_more_than_a_page(app):
    build(app)
    assert entry_titles(page(app, "blog")) == NEWEST_FIRST[:10]
    assert entry_titles(page(app, "blog/page/2")) == NEWEST_FIRST[10:]
    assert not (app.outdir / "blog/page/3.html").exists()
    assert head_links(page(app, "blog"), "next") == ["blog/page/2.html"]


@pytest.mark.sphinx("html", testroot="no-posts")
def test_no_posts(app):
    build(app)
    soup = page(app, "blog")
    assert soup.select_one(".posts-empty") is not None
    assert entries(soup) == []
    assert not (app.outdir / "blog/page").exists()
    assert soup.select_one(".posts-pagination") is None
    assert head_links(soup, "next") == []
    # the directives on the home page render, empty
    index = page(app, "index").select_one("div.body")
    assert index.select_one(".posts-postlist .posts-empty") is not None
    assert index.select(".posts-tagcloud li") == []
    assert broken_links(app.outdir) == []


@pytest.mark.sphinx("dirhtml", testroot="blog", confoverrides={"posts_path": "news"})
def test_posts_path_moves_every_page(app):
    build(app)
    files = {p.relative_to(app.outdir).as_posix() for p in html_pages(app.outdir)}
    assert not any(name.startswith("blog") for name in files)
    for name in ("news", "news/page/2", "news/tag/python", "news/tag", "news/archive"):
        assert f"{name}/index.html" in files
    for name in ("news/2021", "news/author/jane-doe/page/2", "news/category/life"):
        assert f"{name}/index.html" in files
    byline = page(app, "posts/hello").select_one(".posts-byline-tags a")
    assert byline["href"] == "../../news/tag/python/"
    assert broken_links(app.outdir) == []


@pytest.mark.sphinx("html", testroot="blog", confoverrides={"posts_title": "News & <Notes>"})
def test_posts_title(app):
    build(app)
    soup = page(app, "blog")
    assert soup.select_one("section.posts-listing h1").get_text() == "News & <Notes>"
    assert "News & <Notes>" in soup.title.get_text()
    assert soup.find("notes") is None
    second = page(app, "blog/page/2")
    assert "News & <Notes>" in second.select_one("section.posts-listing h1").get_text()


@pytest.mark.sphinx("html", testroot="templates")
def test_listing_template_is_overridable(app):
    build(app)
    for name in ("blog", "blog/tag/python", "blog/2024"):
        soup = page(app, name)
        listing = soup.select_one("section.my-listing")
        assert listing is not None, name
        assert [a.get_text() for a in listing.select("ol.my-listing-entries a")] == ["Only Post"]
        assert soup.select_one("section.posts-listing") is None
    # the other templates are still ours
    assert page(app, "blog/tag").select_one("section.posts-terms") is not None


@pytest.mark.sphinx("html", testroot="collision")
def test_the_writers_page_is_the_heading_and_introduction_of_the_generated_one(app):
    """DESIGN: a document at a generated page's name (ABlog sites keep a placeholder
    ``blog.md``) becomes that page's heading and introduction, with the list below it."""
    build(app)
    blog = page(app, "blog").select_one("div.body")
    assert OWN_BLOG in blog.get_text()
    assert [h.get_text(strip=True).rstrip("¶") for h in blog.find_all("h1")] == [
        "My hand-written blog page"
    ]
    assert entry_titles(blog) == ["Collision Post"]
    assert blog.get_text().index(OWN_BLOG) < blog.get_text().index("Collision Post")
    archive = page(app, "blog/archive").select_one("div.body")
    assert OWN_ARCHIVE in archive.get_text()
    assert len(archive.find_all("h1")) == 1
    assert archive.select_one(".posts-archive a[href]") is not None
    # the other generated pages are still there
    assert entry_titles(page(app, "blog/tag/python")) == ["Collision Post"]
    assert (app.outdir / "blog/2024.html").is_file()
    assert broken_links(app.outdir) == []


@pytest.mark.sphinx("dirhtml", testroot="collision")
def test_the_writers_page_is_the_heading_and_introduction_dirhtml(app):
    build(app)
    assert OWN_BLOG in page(app, "blog").get_text()
    assert entry_titles(page(app, "blog").select_one("div.body")) == ["Collision Post"]
    assert OWN_ARCHIVE in page(app, "blog/archive").get_text()


@pytest.mark.sphinx("dirhtml", testroot="collision-index")
def test_a_section_index_introduces_the_blog_page_in_dirhtml(app):
    """With dirhtml, the writer's ``blog/index.md`` and the generated ``blog`` page are the
    same file (``blog/index.html``): the writer's page, with the list below it."""
    build(app)
    body = page(app, "blog/index").select_one("div.body")
    assert "Hand-written introduction to the blog section." in body.get_text()
    assert entry_titles(body) == ["Collision Post"]
    assert entry_titles(page(app, "blog/tag/python")) == ["Collision Post"]


@pytest.mark.sphinx("html", testroot="collision-index")
def test_a_section_index_and_the_blog_page_coexist_in_html(app):
    build(app)
    body = page(app, "blog/index").select_one("div.body")
    assert "Hand-written introduction to the blog section." in body.get_text()
    assert entry_titles(page(app, "blog")) == ["Collision Post"]


@pytest.mark.sphinx("html", testroot="blog", confoverrides={"html_theme": "pydata_sphinx_theme"})
def test_pydata_sphinx_theme(app):
    build(app)
    soup = page(app, "blog/page/2")
    assert entry_titles(soup) == NEWEST_FIRST[5:10]
    assert head_links(soup, "prev") == ["../../blog.html"]
    assert head_links(soup, "next") == ["3.html"]
    assert pagination_links(soup, "next") == ["3.html"]
    assert entry_titles(page(app, "blog/tag/machine-learning")) == [
        "ML Basics: Evaluation",
        "ML Basics: Models",
        "ML Basics: Data",
    ]
    assert broken_links(app.outdir) == []
    assert output_file(app, "blog/archive").is_file()


def test_compiled_templates_are_kept_and_an_edited_template_is_used(make_app, rootdir, tmp_path):
    """Rebuilds reuse compiled templates (beside the doctrees), never a stale one."""
    srcdir = copy_root(rootdir, tmp_path, "templates")
    first = make_app("html", srcdir=srcdir)
    build(first)
    first.cleanup()
    kept = list((first.doctreedir / "posts-templates").glob("*.cache"))
    assert len(kept) > 5  # the theme's and ours
    override = srcdir / "_templates" / "posts" / "listing.html"
    override.write_text(
        override.read_text(encoding="utf-8").replace("my-listing-title", "edited-title"),
        encoding="utf-8",
    )
    again = make_app("html", srcdir=srcdir)
    build(again)
    for name in ("blog", "blog/tag/python", "blog/2024"):
        soup = page(again, name)
        assert soup.select_one("h1.edited-title") is not None, name
        assert soup.select_one("h1.my-listing-title") is None, name
