"""The example site (the docs and showcase blog) builds like ``sphinx-build -nW --keep-going``.

Its html build is shared with the browser and accessibility tests (``example_site.py``); the link
crawler they rely on is checked here on a small made-up site, so a crawl that finds nothing means
there is nothing to find.
"""

from __future__ import annotations

from example_site import EXAMPLE_SITE, broken_links, built_example_site, pages, soup_of

GENERATED = [
    "blog",
    "blog/page/2",
    "blog/archive",
    "blog/tag",
    "blog/tag/tutorial",
    "blog/category",
    "blog/category/tutorials",
    "blog/author",
    "blog/author/the-sphinx-posts-team",
    "blog/2025",
    "blog/2026",
]


def test_html_build_has_no_warnings_and_every_page(tmp_path_factory):
    outdir = built_example_site(tmp_path_factory)  # asserts that the build did not warn
    sources = [
        path.relative_to(EXAMPLE_SITE).with_suffix(".html").as_posix()
        for path in EXAMPLE_SITE.rglob("*.md")
        if "_build" not in path.parts
    ]
    built = {page.relative_to(outdir).as_posix() for page in pages(outdir)}
    assert set(sources) <= built
    for name in GENERATED:
        if name == "blog/page/2":
            continue  # the example site fits on one page (see the pagination browser test)
        assert f"{name}.html" in built, name
    for feed in ("atom.xml", "rss.xml", "feed.json"):
        assert (outdir / "blog" / feed).is_file()
    # the showcase's draft and scheduled post are built, with their notices
    for name in ("posts/comments-on-a-static-blog.html", "posts/scheduled-post.html"):
        assert soup_of(outdir / name).select_one(".posts-draft"), name


def test_paginated_build(tmp_path_factory):
    outdir = built_example_site(tmp_path_factory, posts_per_page=3)
    assert (outdir / "blog/page/2.html").is_file()
    assert broken_links(outdir) == []


def test_dirhtml_build_has_no_warnings_and_no_broken_links(tmp_path_factory):
    outdir = built_example_site(tmp_path_factory, "dirhtml")
    for name in GENERATED:
        if name != "blog/page/2":
            assert (outdir / name / "index.html").is_file(), name
    post = soup_of(outdir / "posts/reading-time/index.html")
    tags = [a["href"] for a in post.select(".posts-byline a.posts-tag")]
    assert tags
    assert all(href.endswith("/") and ".html" not in href for href in tags), tags
    problems = broken_links(outdir)
    assert problems == [], "\n".join(problems)


def test_the_crawler_finds_what_is_broken(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "style.css").write_text("")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "index.html").write_text('<h1 id="top">Folder</h1>')
    (tmp_path / "other.html").write_text('<h2 id="there">There</h2><a name="old"></a>')
    (tmp_path / "index.html").write_text(
        """
        <link rel="stylesheet" href="_static/style.css?v=1">
        <link rel="stylesheet" href="_static/missing.css">
        <script src="_static/missing.js"></script>
        <img src="images/missing.png" alt="">
        <a href="other.html">ok</a> <a href="other.html#there">ok</a>
        <a href="other.html#old">ok</a>
        <a href="other.html#nowhere">no id</a> <a href="gone.html">gone</a>
        <a href="folder/">ok</a> <a href="folder/#top">ok</a> <a href="folder/#bottom">no id</a>
        <a href="#anything">fragment only: not checked</a>
        <a href="https://example.org/x.html">external</a> <a href="mailto:a@b.c">mail</a>
        <a href="//cdn.example.org/x.js">external</a>
        <a href="../outside.html">outside</a>
        """
    )
    problems = broken_links(tmp_path)
    assert len(problems) == 7, "\n".join(problems)
    for needle in (
        "_static/missing.css",
        "_static/missing.js",
        "images/missing.png",
        "other.html#nowhere",
        "gone.html",
        "folder/#bottom",
        "../outside.html",
    ):
        assert any(needle in problem for problem in problems), needle
