"""``tagcloud`` and ``archives`` directives; ``post`` and ``tag`` roles."""

from __future__ import annotations

import pytest
from blog_helpers import built_site, no_warnings, page, section
from helpers import build, warning_lines

# listed posts per tag in test-blog (the draft's and the scheduled post's tags do not count)
TAG_COUNTS = {
    "Docs": 2,
    "Machine Learning": 3,
    "Photography": 1,
    "Python": 6,
    "Sphinx": 2,
    "Statistics": 2,
    "Travel": 1,
    "Winter": 1,
}


@pytest.fixture(scope="module")
def summaries(tmp_path_factory, rootdir):
    app = built_site(tmp_path_factory, rootdir, "blog")
    no_warnings(app)
    return app, page(app, "lists/summaries")


def cloud_items(element):
    found = []
    for item in element.select(".posts-tagcloud li"):
        sizes = [c for c in item["class"] if c.startswith("posts-tagcloud-")]
        assert len(sizes) == 1, item
        count = int(item.select_one(".posts-count").get_text(strip=True).strip("()"))
        found.append((item.a.get_text(strip=True), count, int(sizes[0].rsplit("-", 1)[1]), item.a))
    return found


def test_tagcloud_sizes_tags_by_count(summaries):
    app, soup = summaries
    items = cloud_items(section(soup, "cloud"))
    assert {name: count for name, count, _, _ in items} == TAG_COUNTS
    sizes = {name: size for name, _, size, _ in items}
    assert all(1 <= size <= 5 for size in sizes.values())
    assert sizes["Python"] == 5  # the most used tag
    assert sizes["Travel"] == sizes["Photography"] == 1  # the least used
    # more posts never means a smaller tag
    by_count = sorted(items, key=lambda item: item[1])
    assert [size for _, _, size, _ in by_count] == sorted(size for _, _, size, _ in by_count)
    assert sizes["Python"] > sizes["Machine Learning"] > sizes["Travel"]
    for name, _, _, link in items:
        target = (app.outdir / "lists" / link["href"]).resolve()
        assert target.is_file(), name
        assert target.parent.name == "tag"


def test_tagcloud_limit_keeps_the_most_used(summaries):
    _, soup = summaries
    items = cloud_items(section(soup, "cloud-limit"))
    assert len(items) == 3
    names = {name for name, _, _, _ in items}
    assert {"Python", "Machine Learning"} <= names
    assert sorted(count for _, count, _, _ in items) == [2, 3, 6]


def test_archives_lists_years_and_months_with_counts(summaries):
    app, soup = summaries
    years = section(soup, "archives").select("ul.posts-archives > li")
    shown = [(li.a.get_text(), li.select_one(".posts-count").get_text(strip=True)) for li in years]
    assert shown == [("2024", "(3)"), ("2023", "(3)"), ("2022", "(2)"), ("2021", "(3)")]
    months = [
        [m.get_text(" ", strip=True) for m in li.select(".posts-archives-months li")]
        for li in years
    ]
    assert months[2] == ["March (1)", "July (1)"]
    assert months[0] == ["January (1)", "April (1)", "December (1)"]
    assert years[2].a["href"] == "../blog/2022.html"
    assert (app.outdir / "blog/2022.html").is_file()


def test_post_and_tag_roles(summaries):
    _, soup = summaries
    links = [(a.get_text(strip=True), a["href"]) for a in section(soup, "roles").select("li a")]
    assert links == [
        ("Hello World", "../posts/hello.html"),  # absolute
        ("ML Basics: Data", "../posts/ml-basics-1.html"),  # absolute without the slash
        ("A Trip to Lisbon", "../posts/travel.html"),  # relative to the page
        ("An RST Post", "../posts/rst-post.html"),  # with the source suffix
        ("the stats post", "../posts/stats.html"),  # explicit title
        ("Machine Learning", "../blog/tag/machine-learning.html"),
        ("Machine Learning", "../blog/tag/machine-learning.html"),  # any spelling of the tag
        ("ML posts", "../blog/tag/machine-learning.html"),  # explicit title
    ]


@pytest.mark.sphinx("html", testroot="postlist-warnings")
def test_unknown_role_targets_warn(app):
    build(app, expect_warnings=True)
    for needle in ("'/posts/three'", "'posts/nope'", "'Rust'"):
        found = warning_lines(app, needle)
        assert len(found) == 1, found
        assert "[posts.reference]" in found[0]
        assert "lists.md:" in found[0]
    roles = section(page(app, "lists"), "roles")
    assert roles.select("li a") == []
    assert [span.get_text() for span in roles.select("li span")] == [
        "/posts/three",
        "missing post",
        "Rust",
    ]


@pytest.mark.sphinx("text", testroot="blog")
def test_summaries_and_lists_in_the_text_builder(app):
    build(app)
    text = (app.outdir / "lists/summaries.txt").read_text(encoding="utf-8")
    assert "Python (6)" in text
    assert "2022 (2)" in text
    assert "Hello World" in text
