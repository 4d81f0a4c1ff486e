"""On each post page: previous/next post, related posts, the series box, byline tag links."""

from __future__ import annotations

import pytest
from blog_helpers import BLOG_POSTS, TITLES, built_site, no_warnings, page
from helpers import build


@pytest.fixture(scope="module")
def blog(tmp_path_factory, rootdir):
    app = built_site(tmp_path_factory, rootdir, "blog")
    no_warnings(app)
    return app


def prevnext(app, docname: str) -> dict[str, tuple[str, str]]:
    """rel -> (title, target docname) of a post's previous/next links."""
    found = {}
    for link in page(app, docname).select(".posts-prevnext a[rel]"):
        target = (app.outdir / docname).parent / link["href"]
        relative = target.resolve().relative_to(app.outdir.resolve()).as_posix()
        title = link.select_one(".posts-prevnext-title").get_text(strip=True)
        found[link["rel"][0]] = (title, relative.removesuffix(".html"))
    return found


def related_titles(app, docname: str) -> list[str] | None:
    box = page(app, docname).select_one(".posts-related")
    return None if box is None else [a.get_text(strip=True) for a in box.select("a")]


def test_previous_and_next_follow_the_dates(blog):
    for index, (docname, _) in enumerate(BLOG_POSTS):
        expected = {}
        if index > 0:
            older = BLOG_POSTS[index - 1]
            expected["prev"] = (older[1], older[0])
        if index + 1 < len(BLOG_POSTS):
            newer = BLOG_POSTS[index + 1]
            expected["next"] = (newer[1], newer[0])
        assert prevnext(blog, docname) == expected, docname


def test_drafts_and_scheduled_posts_are_not_in_the_chain(blog):
    # the draft is dated between "Statistics Primer" and "Year in Review"
    assert prevnext(blog, "posts/stats")["next"] == ("Year in Review", "posts/review")
    assert prevnext(blog, "posts/review")["prev"] == ("Statistics Primer", "posts/stats")
    assert "next" not in prevnext(blog, "posts/review")
    for docname in ("posts/draft", "posts/future"):
        links = page(blog, docname).select(".posts-prevnext a")
        assert links == [], docname


@pytest.mark.parametrize(
    ("docname", "expected"),
    [
        # shares two tags with "ML Basics: Evaluation", one with the Python posts (newest first)
        ("posts/stats", ["ML Basics: Evaluation", "Year in Review", "Release 1.0"]),
        # only two other listed posts share its tag
        ("posts/ml-basics-2", ["ML Basics: Evaluation", "ML Basics: Data"]),
        # the draft and the scheduled post share "Python" but are never related
        ("posts/review", ["Statistics Primer", "Release 1.0", "ML Basics: Evaluation"]),
        # nothing shares a tag
        ("posts/travel", None),
        ("posts/winter", None),
    ],
)
def test_related_posts(blog, docname, expected):
    assert related_titles(blog, docname) == expected


@pytest.mark.sphinx("html", testroot="blog", confoverrides={"posts_related": 0})
def test_related_posts_off(app):
    build(app)
    for docname in TITLES:
        assert page(app, docname).select_one(".posts-related") is None, docname


@pytest.mark.sphinx("html", testroot="blog", confoverrides={"posts_related": 1})
def test_related_posts_count(app):
    build(app)
    assert related_titles(app, "posts/stats") == ["ML Basics: Evaluation"]


def test_series_box(blog):
    parts = ["posts/ml-basics-1", "posts/ml-basics-2", "posts/ml-basics-3"]
    for current in parts:
        box = page(blog, current).select_one(".posts-series")
        assert box is not None, current
        assert "ML Basics" in box.select_one(".admonition-title").get_text()
        items = box.select("ol > li")
        assert [li.get_text(strip=True) for li in items] == [TITLES[part] for part in parts]
        for part, item in zip(parts, items, strict=True):
            marked = item.select_one('[aria-current="page"]')
            if part == current:
                assert marked is not None
                assert item.a is None
            else:
                assert marked is None
                target = ((blog.outdir / current).parent / item.a["href"]).resolve()
                assert target == (blog.outdir / f"{part}.html").resolve()
    assert page(blog, "posts/hello").select_one(".posts-series") is None


def test_byline_tags_link_to_their_pages(blog):
    byline = page(blog, "posts/ml-basics-3").select_one(".posts-byline")
    tags = [(a.get_text(strip=True), a["href"]) for a in byline.select(".posts-byline-tags a")]
    assert tags == [
        ("Machine Learning", "../blog/tag/machine-learning.html"),
        ("Statistics", "../blog/tag/statistics.html"),
        ("Python", "../blog/tag/python.html"),
    ]
    for _, href in tags:
        assert (blog.outdir / "posts" / href).resolve().is_file()


def test_a_tag_only_drafts_use_has_no_link(blog):
    for docname, only_draft in (
        ("posts/draft", "Secret Draft Tag"),
        ("posts/future", "Future Tag"),
    ):
        byline = page(blog, docname).select_one(".posts-byline-tags")
        names = [tag.get_text(strip=True) for tag in byline.select(".posts-tag")]
        assert names == ["Python", only_draft]
        linked = [a.get_text(strip=True) for a in byline.select("a.posts-tag")]
        assert linked == ["Python"], docname
