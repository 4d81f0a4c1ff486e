"""The post page: one title, the byline under it, the draft notice, math."""

from __future__ import annotations

import pytest
from helpers import article, build, copy_root, html

page_site = pytest.mark.sphinx("html", testroot="page")


def heading_text(tag) -> str:
    """A heading's text without the permalink sign."""
    return tag.get_text(" ", strip=True).replace("¶", "").strip()


def only_h1(soup):
    h1s = article(soup).find_all("h1")
    assert len(h1s) == 1, h1s
    return h1s[0]


# -- the title ---------------------------------------------------------------------------------


@page_site
def test_frontmatter_title_becomes_the_only_h1(app):
    build(app)
    soup = html(app, "posts/no-heading.html")
    assert heading_text(only_h1(soup)) == "A post without a heading"
    assert "A post without a heading" in soup.title.get_text()


@page_site
def test_heading_equal_to_the_title_is_shown_once(app):
    build(app)
    soup = html(app, "posts/same-heading.html")
    assert heading_text(only_h1(soup)) == "The same heading"
    assert article(soup).get_text().count("The same heading") == 1
    assert "The same heading" in soup.title.get_text()


@pytest.mark.sphinx("html", testroot="page", confoverrides={"myst_title_to_header": True})
def test_title_to_header_does_not_repeat_the_title(app):
    build(app)
    for name, title in (
        ("posts/same-heading.html", "The same heading"),
        ("posts/no-heading.html", "A post without a heading"),
    ):
        soup = html(app, name)
        assert heading_text(only_h1(soup)) == title
        assert article(soup).get_text().count(title) == 1, name
        assert title in soup.title.get_text()


@pytest.mark.sphinx("html", testroot="page", confoverrides={"myst_title_to_header": True})
def test_title_to_header_keeps_the_heading_anchor(app):
    """Links to ``#the-same-heading`` must not break when the writer turns the option on."""
    build(app)
    section = only_h1(html(app, "posts/same-heading.html")).parent
    assert section.name == "section"
    assert section["id"] == "the-same-heading"


@page_site
def test_heading_anchor_without_title_to_header(app):
    build(app)
    section = only_h1(html(app, "posts/same-heading.html")).parent
    assert section["id"] == "the-same-heading"


# -- the byline --------------------------------------------------------------------------------


def byline_of(soup):
    bylines = article(soup).select(".posts-byline")
    assert len(bylines) == 1, bylines
    return bylines[0]


@page_site
def test_byline_follows_the_title(app):
    build(app)
    soup = html(app, "posts/no-heading.html")
    following = only_h1(soup).find_next_sibling()
    assert following is not None
    assert "posts-byline" in following.get("class", [])


@page_site
def test_byline_date(app):
    build(app)
    time = byline_of(html(app, "posts/no-heading.html")).select_one(".posts-byline-date time")
    assert time is not None
    assert time["datetime"] == "2025-03-20"
    assert time.get_text(strip=True) == "Mar 20, 2025"


@pytest.mark.sphinx(
    "html",
    testroot="page",
    confoverrides={"language": "fr", "posts_date_format": "%d %B %Y"},
)
def test_byline_date_is_localised(app):
    build(app)
    time = byline_of(html(app, "posts/no-heading.html")).select_one(".posts-byline-date time")
    assert time["datetime"] == "2025-03-20"
    assert time.get_text(strip=True) == "20 mars 2025"


@page_site
def test_byline_updated_date(app):
    build(app)
    updated = byline_of(html(app, "posts/no-heading.html")).select_one(".posts-byline-updated")
    assert updated is not None
    time = updated.find("time")
    assert time.get_text(strip=True) == "Apr 2, 2025"
    assert time["datetime"].startswith("2025-04-02")
    # a post without `updated` shows none
    plain = byline_of(html(app, "posts/same-heading.html"))
    assert plain.select_one(".posts-byline-updated") is None


@page_site
def test_byline_reading_time(app):
    build(app)
    short = byline_of(html(app, "posts/no-heading.html")).select_one(".posts-byline-reading")
    assert short.get_text(strip=True) == "1 min read"
    # 600 words at the default 200 words a minute
    long = byline_of(html(app, "posts/long.html")).select_one(".posts-byline-reading")
    assert long.get_text(strip=True) == "3 min read"


@pytest.mark.sphinx("html", testroot="page", confoverrides={"posts_words_per_minute": 100})
def test_reading_time_follows_the_configured_speed(app):
    build(app)
    long = byline_of(html(app, "posts/long.html")).select_one(".posts-byline-reading")
    assert long.get_text(strip=True) == "6 min read"


@page_site
def test_byline_authors(app):
    build(app)
    authors = byline_of(html(app, "posts/no-heading.html")).select(".posts-author")
    assert [author.get_text(strip=True) for author in authors] == [
        "Jane Doe",  # key 'jane' -> ABlog tuple (name, url)
        "John Roe",  # full name of a dict entry
        "Ann Other",  # key 'ann' -> plain name
        "Sam Smith",  # unknown: shown as written
    ]
    links = {a.get_text(strip=True): a.get("href") for a in authors if a.name == "a"}
    # every author links to their page on the blog (named after the name, as ABlog's are);
    # the URL in posts_authors is shown on that page
    assert links == {
        "Jane Doe": "../blog/author/jane-doe.html",
        "John Roe": "../blog/author/john-roe.html",
        "Ann Other": "../blog/author/ann-other.html",
        "Sam Smith": "../blog/author/sam-smith.html",
    }
    website = html(app, "blog/author/jane-doe.html").select_one(".posts-person-links a")
    assert website["href"] == "https://jane.example.org/"


@page_site
def test_byline_tags(app):
    build(app)
    tags = byline_of(html(app, "posts/no-heading.html")).select(".posts-tag")
    assert [tag.get_text(strip=True) for tag in tags] == ["Alpha", "Beta Gamma"]


# -- drafts and math ---------------------------------------------------------------------------


@page_site
def test_draft_notice(app):
    build(app)
    notice = article(html(app, "posts/draft.html")).select(".posts-draft")
    assert len(notice) == 1
    assert notice[0].get_text(strip=True)
    assert article(html(app, "posts/no-heading.html")).select(".posts-draft") == []


@page_site
def test_math_renders(app):
    build(app)
    body = article(html(app, "posts/math.html"))
    inline = body.select("span.math")
    assert len(inline) == 1
    assert "x^2" in inline[0].get_text()
    display = body.select("div.math")
    assert len(display) == 2, display  # $$...$$ and the amsmath equation
    assert any("e^{i\\pi}" in block.get_text() for block in display)
    assert any("a^2 + b^2 = c^2" in block.get_text() for block in display)
    assert "$" not in body.get_text()


def _write_sections_post(srcdir) -> None:
    (srcdir / "posts" / "sections.md").write_text(
        "---\ntitle: Title in frontmatter\ndate: 2025-03-20\n---\n\n"
        "An introduction.\n\n## First section\n\nText.\n\n## Second section\n\nMore text.\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize("title_to_header", [True, False])
def test_frontmatter_title_over_second_level_sections(make_app, rootdir, tmp_path, title_to_header):
    """Hugo- and Jekyll-style posts: the title in frontmatter, the body's sections at ``##``.

    The page is right either way: the frontmatter title is the one H1 and the sections are H2.
    myst-parser itself warns "Document headings start at H2" while parsing, before any
    extension sees the document; ``myst_title_to_header = True`` (which sphinx-posts makes safe
    for posts whose body repeats the title) is the documented way to a warning-free build.
    """
    conf = "myst_title_to_header = True\n" if title_to_header else ""
    srcdir = copy_root(rootdir, tmp_path, "page", conf=conf)
    _write_sections_post(srcdir)
    app = make_app("html", srcdir=srcdir)
    if title_to_header:
        build(app)
    else:
        warnings = build(app, expect_warnings=True)
        lines = [line for line in warnings.splitlines() if "WARNING" in line]
        assert lines and all("[myst.header]" in line for line in lines), lines
    body = article(html(app, "posts/sections.html"))
    assert heading_text(only_h1(html(app, "posts/sections.html"))) == "Title in frontmatter"
    assert [heading_text(h2) for h2 in body.find_all("h2")] == ["First section", "Second section"]
