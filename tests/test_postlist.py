"""The ``postlist`` directive: filters, order, limits, formats, drafts and bad filters."""

from __future__ import annotations

import pytest
from blog_helpers import (
    NEWEST_FIRST,
    built_site,
    entries,
    entry_titles,
    no_warnings,
    page,
    section,
    warning_source_line,
)
from helpers import build, warning_lines


@pytest.fixture(scope="module")
def blog(tmp_path_factory, rootdir):
    """test-blog, built once: the tests below only read its output."""
    return built_site(tmp_path_factory, rootdir, "blog")


@pytest.fixture(scope="module")
def filters(blog):
    return page(blog, "lists/filters")


@pytest.fixture(scope="module")
def formats(blog):
    return page(blog, "lists/formats")


def test_the_blog_builds_without_warnings(blog):
    no_warnings(blog)


ML = ["ML Basics: Evaluation", "ML Basics: Models", "ML Basics: Data"]


@pytest.mark.parametrize(
    ("ident", "expected"),
    [
        ("all", NEWEST_FIRST),
        ("tag-ml", ML),
        # tag matching ignores case, spaces and hyphens
        ("tag-spelling", ML),
        ("tag-spacing", ML),
        # OR within a comma list
        ("tags-or", ["Statistics Primer", "ML Basics: Evaluation", "A Trip to Lisbon"]),
        # AND across options
        ("tag-and-category", ["Statistics Primer", "ML Basics: Evaluation", "ML Basics: Data"]),
        ("category", ["Year in Review", "An RST Post", "Release 1.0", "Hello World"]),
        (
            "author",
            ["Statistics Primer", "An RST Post", "Release 1.0", "A Trip to Lisbon", "Sphinx Tips"],
        ),
        ("year", ["A Trip to Lisbon", "ML Basics: Models"]),
        (
            "years-or",
            [
                "An RST Post",
                "Release 1.0",
                "ML Basics: Evaluation",
                "Sphinx Tips",
                "ML Basics: Data",
                "Hello World",
            ],
        ),
        ("language", ["ML Basics: Models"]),
        ("location", ["A Trip to Lisbon"]),
        # the draft in the series is not listed
        ("series", ML),
        ("limit", NEWEST_FIRST[:3]),
        # ABlog's positional argument is the limit
        ("positional", NEWEST_FIRST[:2]),
        ("oldest", ["Hello World", "ML Basics: Data", "Sphinx Tips"]),
        # a bare ``:sort:`` is ABlog's flag for oldest first
        ("sort-flag", ["Hello World", "ML Basics: Data", "Sphinx Tips"]),
        # sorted by title, then limited
        ("by-title", sorted(NEWEST_FIRST, key=str.casefold)[:4]),
        ("excerpts", ["Sphinx Tips", "ML Basics: Data"]),
    ],
)
def test_filters_sort_and_limit(filters, ident, expected):
    assert entry_titles(section(filters, ident)) == expected


def test_drafts_and_scheduled_posts_are_never_listed(blog, filters):
    for ident in ("all", "series", "tag-and-category"):
        shown = section(filters, ident)
        text = shown.get_text()
        assert "Unfinished Draft" not in text
        assert "From the Future" not in text
        assert not shown.select(".posts-draft-mark")
    # nor in a list on a post page, nor in any generated page
    assert "Unfinished Draft" not in page(blog, "posts/review").select_one("div.body").get_text()
    assert "From the Future" not in page(blog, "blog").get_text()


def test_list_entries_show_date_and_title_link(blog, filters):
    shown = section(filters, "tag-ml")
    for entry, (docname, date) in zip(
        entries(shown),
        [
            ("ml-basics-3", "2023-01-10"),
            ("ml-basics-2", "2022-03-05"),
            ("ml-basics-1", "2021-06-10"),
        ],
        strict=True,
    ):
        assert entry.select_one(".posts-entry-title a")["href"] == f"../posts/{docname}.html"
        assert entry.select_one("time")["datetime"] == date
    # the default list shows no excerpt; ``:excerpts:`` adds the description, else the
    # post's first paragraph
    assert not shown.select(".posts-entry-summary")
    summaries = [
        p.get_text(strip=True) for p in section(filters, "excerpts").select(".posts-entry-summary")
    ]
    assert summaries == [
        "Tips for writing documentation with Sphinx come first in this excerpt.",
        "Where machine learning starts.",
    ]


def test_exclude_current(blog):
    body = page(blog, "posts/review").select_one("div.body .posts-postlist")
    assert entry_titles(body) == [
        "Statistics Primer",
        "Release 1.0",
        "ML Basics: Evaluation",
        "ML Basics: Data",
        "Hello World",
    ]


def test_cards(blog, formats):
    shown = section(formats, "cards")
    grid = shown.select_one(".sd-container-fluid .sd-row")
    assert grid is not None
    cards = grid.select(".sd-col > .sd-card")
    assert [card.select_one(".sd-card-title a").get_text(strip=True) for card in cards] == [
        "A Trip to Lisbon",
        "ML Basics: Models",
        "Sphinx Tips",
        "ML Basics: Data",
        "Hello World",
    ]
    lisbon, models = cards[0], cards[1]
    image = lisbon.select_one("img")
    assert image is not None
    assert (blog.outdir / "lists" / image["src"]).resolve().is_file()
    assert [card.select_one("img") is not None for card in cards] == [True] + [False] * 4
    assert lisbon.select_one("time")["datetime"] == "2022-07-20"
    assert "Trams, tiles and pastries." in lisbon.get_text()
    assert [tag.get_text(strip=True) for tag in lisbon.select(".posts-tag")] == ["Travel"]
    assert lisbon.select_one(".posts-reading").get_text(strip=True) == "1 min read"
    assert models.select_one(".sd-card-title a")["href"] == "../posts/ml-basics-2.html"
    # sphinx-design's styles are on the page
    assert any("sphinx-design" in link["href"] for link in formats.select("link[rel=stylesheet]"))


def test_compact_shows_titles_only(formats):
    shown = section(formats, "compact")
    assert entry_titles(shown) == NEWEST_FIRST[:3]
    assert not shown.select("time")
    assert not shown.select(".posts-tag")
    assert not shown.select(".posts-reading")


def test_ablog_format_strings(formats):
    lines = [li.get_text(" ", strip=True) for li in section(formats, "template").select("li")]
    assert lines == ["2024/12/30 - Year in Review", "2024/04/22 - Statistics Primer"]
    lines = [li.get_text(" ", strip=True) for li in section(formats, "template-terms").select("li")]
    assert lines == [
        "Release 1.0 by Jane Doe, Bob Stone in News: Python, Sphinx",
        "Sphinx Tips by Bob Stone in Tutorials: Sphinx, Docs",
    ]
    for li in section(formats, "template").select("li"):
        assert li.a["href"].startswith("../posts/")


def test_date_format_list_style_and_expand(formats):
    times = section(formats, "date-format").select("time")
    assert [(t["datetime"], t.get_text(strip=True)) for t in times] == [
        ("2023-09-12", "12.09.2023"),
        ("2023-05-01", "01.05.2023"),
        ("2023-01-10", "10.01.2023"),
    ]
    styled = section(formats, "list-style").select_one("ul")
    assert "list-style-type: circle" in styled["style"]
    more = section(formats, "expand").select(".posts-entry-more a")
    assert [(a.get_text(strip=True), a["href"]) for a in more] == [
        ("Read more", "../posts/review.html"),
        ("Read more", "../posts/stats.html"),
    ]


def test_rst_postlist(blog):
    soup = page(blog, "lists/rst-lists")
    assert entry_titles(section(soup, "positional")) == NEWEST_FIRST[:2]
    lines = [li.get_text(" ", strip=True) for li in section(soup, "filtered").select("li")]
    assert lines == [
        "2021-06-10 - ML Basics: Data",
        "2022-03-05 - ML Basics: Models",
        "2023-01-10 - ML Basics: Evaluation",
    ]


@pytest.mark.sphinx("html", testroot="blog", confoverrides={"posts_show_drafts": True})
def test_show_drafts_lists_them_with_a_marker(app):
    build(app)
    shown = section(page(app, "lists/filters"), "all")
    titles = entry_titles(shown)
    assert titles == [
        "From the Future",
        "Year in Review",
        "Unfinished Draft",
        *NEWEST_FIRST[1:],
    ]
    marked = [
        entry.select_one(".posts-entry-title a").get_text(strip=True)
        for entry in entries(shown)
        if entry.select_one(".posts-draft-mark")
    ]
    assert marked == ["From the Future", "Unfinished Draft"]


@pytest.mark.sphinx("html", testroot="postlist-warnings")
def test_unknown_filter_values_warn_and_list_nothing(app):
    build(app, expect_warnings=True)
    source = app.srcdir / "lists.md"
    soup = page(app, "lists")
    cases = [
        ("## misspelled-tag", "tag 'Machine Lerning'", "'Machine Learning'"),
        ("## misspelled-category", "category 'Tutorals'", "'Tutorials'"),
        ("## misspelled-author", "author 'Jane Do'", "'Jane Doe'"),
        ("## one-good-one-bad", "tag 'Pyhton'", "'Python'"),
    ]
    for heading, value, closest in cases:
        line = warning_source_line(source, heading)
        found = warning_lines(app, value)
        assert len(found) == 1, found
        assert f"lists.md:{line}:" in found[0]
        assert "[posts.postlist]" in found[0]
        assert closest in found[0].split("closest", 1)[1]
    for ident in ("misspelled-tag", "misspelled-category", "misspelled-author"):
        shown = section(soup, ident)
        assert entry_titles(shown) == [], f"{ident} must list nothing, never all posts"
        assert shown.select_one(".posts-empty") is not None
    # the known value in the list still counts
    assert entry_titles(section(soup, "one-good-one-bad")) == ["Post Two", "Post One"]
    rst = warning_lines(app, "tag 'Pythn'")
    assert len(rst) == 1
    rst_source = app.srcdir / "rst-lists.rst"
    line = warning_source_line(rst_source, "Lists in reStructuredText", ".. postlist::")
    assert f"rst-lists.rst:{line}:" in rst[0]
    assert not page(app, "rst-lists").select(".posts-entry")


@pytest.mark.sphinx("html", testroot="postlist-warnings")
def test_bad_format_warns_and_falls_back_to_list(app):
    build(app, expect_warnings=True)
    found = warning_lines(app, "format 'grid'")
    assert len(found) == 1
    line = warning_source_line(app.srcdir / "lists.md", "## bad-format")
    assert f"lists.md:{line}:" in found[0]
    assert "[posts.postlist]" in found[0]
    shown = section(page(app, "lists"), "bad-format")
    assert shown.select_one(".posts-postlist.posts-format-list") is not None
    assert entry_titles(shown) == ["Post Two", "Post One"]
    assert [t["datetime"] for t in shown.select("time")] == ["2024-02-01", "2024-01-01"]


@pytest.mark.sphinx("html", testroot="year-boundary")
def test_year_filter_uses_the_site_timezone(app):
    """A post at 02:00 UTC on January 1 is on December 31 in ``posts_timezone``: it is shown
    as a 2022 post and listed on the 2022 page, so ``:year: 2022`` lists it too."""
    build(app)
    soup = page(app, "index")
    eve = "New Year's Eve in New York"
    assert entry_titles(page(app, "blog/2022")) == [eve, "Summer"]
    assert entry_titles(section(soup, "in-2022")) == [eve, "Summer"]
    assert entry_titles(section(soup, "in-2023")) == ["Spring"]
