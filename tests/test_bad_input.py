"""Mistakes in posts: a ``posts.<subtype>`` warning at ``file:line``, and the build goes on."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from helpers import article, build, copy_root, html, posts_of, warning_lines

bad_site = pytest.mark.sphinx("html", testroot="bad-input")

ALL_POSTS = {
    "posts/next-tuesday",
    "posts/no-day",
    "posts/no-date",
    "posts/bad-updated",
    "posts/empty-tag",
    "posts/mapping-tag",
    "posts/nested-tag",
    "posts/mapping-image",
    "posts/post-maybe",
    "posts/typos",
    "posts/untitled",
    "posts/bad-yaml",
}


def one_warning(app, doc: str, subtype: str, *needles: str, line: int | None = None) -> str:
    """The single ``posts.<subtype>`` warning about ``doc`` that mentions every needle."""
    path = str(app.srcdir / f"{doc}.md")
    found = [
        text
        for text in warning_lines(app, f"[posts.{subtype}]")
        if text.startswith(path + ":") and all(needle in text for needle in needles)
    ]
    assert len(found) == 1, (doc, subtype, needles, warning_lines(app))
    if line is not None:
        assert found[0].startswith(f"{path}:{line}: "), found[0]
    return found[0]


@bad_site
def test_the_build_goes_on_and_keeps_every_post(app):
    build(app, expect_warnings=True)
    assert set(posts_of(app)) == ALL_POSTS
    for doc in ALL_POSTS:
        assert (app.outdir / f"{doc}.html").is_file(), doc


@bad_site
def test_unreadable_date(app):
    build(app, expect_warnings=True)
    text = one_warning(app, "posts/next-tuesday", "date", "next tuesday", line=3)
    assert "date" in text
    assert "expected" in text
    assert posts_of(app)["posts/next-tuesday"].draft is True


@bad_site
def test_date_missing_its_day(app):
    build(app, expect_warnings=True)
    text = one_warning(app, "posts/no-day", "date", "March 2023", line=4)
    assert "expected" in text
    post = posts_of(app)["posts/no-day"]
    assert post.date is None  # not silently filled in from today
    assert post.draft is True
    assert post.tags == ("dates",)


@bad_site
def test_unreadable_updated_date(app):
    build(app, expect_warnings=True)
    text = one_warning(app, "posts/bad-updated", "date", "someday", line=4)
    assert "updated" in text
    post = posts_of(app)["posts/bad-updated"]
    assert post.updated is None
    assert post.date == datetime(2025, 3, 20, tzinfo=UTC)
    assert post.draft is False


@bad_site
def test_post_without_a_date_becomes_a_draft(app):
    build(app, expect_warnings=True)
    text = one_warning(app, "posts/no-date", "date")
    assert "draft" in text
    assert "date" in text
    post = posts_of(app)["posts/no-date"]
    assert post.draft is True
    assert post.date is None
    # the page is still built, with its visible draft notice
    assert article(html(app, "posts/no-date.html")).select(".posts-draft")


@bad_site
def test_empty_tag(app):
    build(app, expect_warnings=True)
    text = one_warning(app, "posts/empty-tag", "tags", line=4)
    assert "tags" in text
    assert "empty" in text
    assert posts_of(app)["posts/empty-tag"].tags == ("a",)


@pytest.mark.parametrize(
    ("doc", "forms", "kept"),
    [
        ("posts/mapping-tag", ("{'x': 1}", '{"x": 1}', "{x: 1}"), ("b",)),
        ("posts/nested-tag", ("['c', 'd']", '["c", "d"]', "[c, d]"), ("e",)),
    ],
)
@bad_site
def test_tag_that_is_not_text(app, doc, forms, kept):
    build(app, expect_warnings=True)
    text = one_warning(app, doc, "tags", "tags", line=4)
    assert any(form in text for form in forms), text
    assert "expected" in text
    assert posts_of(app)[doc].tags == kept


@bad_site
def test_mapping_where_text_is_expected(app):
    # Hugo's and Astro's ``image: {src, alt}`` is read as its ``src`` (issue 10); here that
    # file does not exist, which is reported under the key as written
    build(app, expect_warnings=True)
    text = one_warning(app, "posts/mapping-image", "image", "image.src", line=4)
    assert "a.png" in text
    assert "expected" in text


@bad_site
def test_post_flag_that_is_not_a_boolean(app):
    build(app, expect_warnings=True)
    text = one_warning(app, "posts/post-maybe", "frontmatter", "post", "maybe", line=4)
    assert "expected" in text
    assert "true or false" in text
    assert "posts/post-maybe" in posts_of(app)  # the pattern still decides


@pytest.mark.parametrize(
    ("typo", "meant", "line"),
    [("tgas", "tags", 4), ("data", "date", 5), ("categroy", "category", 6)],
)
@bad_site
def test_typo_keys_get_did_you_mean(app, typo, meant, line):
    build(app, expect_warnings=True)
    text = one_warning(app, "posts/typos", "frontmatter", f"'{typo}'", line=line)
    assert f"did you mean '{meant}'" in text


@bad_site
def test_typo_keys_do_not_count_as_the_real_keys(app):
    build(app, expect_warnings=True)
    post = posts_of(app)["posts/typos"]
    assert post.tags == ()
    assert post.categories == ()
    assert post.date == datetime(2025, 3, 20, tzinfo=UTC)


@bad_site
def test_post_without_any_title(app):
    build(app, expect_warnings=True)
    text = one_warning(app, "posts/untitled", "frontmatter", "title")
    assert "Untitled" in text
    assert posts_of(app)["posts/untitled"].title == "Untitled"


@bad_site
def test_untitled_post_page_shows_its_fallback_title_and_byline(app):
    """The page carries the title lists and feeds use, and its date, not ``<no title>``."""
    build(app, expect_warnings=True)
    soup = html(app, "posts/untitled.html")
    h1s = article(soup).find_all("h1")
    assert [h1.get_text(strip=True).rstrip("¶#") for h1 in h1s] == ["Untitled"]
    assert "Untitled" in soup.title.get_text()
    assert "<no title>" not in soup.title.get_text()
    time = article(soup).select_one(".posts-byline time")
    assert time is not None
    assert time["datetime"] == "2025-03-20"


@bad_site
def test_malformed_yaml_keeps_myst_warning(app):
    build(app, expect_warnings=True)
    path = str(app.srcdir / "posts/bad-yaml.md")
    myst = [text for text in warning_lines(app, "[myst.topmatter]") if text.startswith(path)]
    assert len(myst) == 1, warning_lines(app)
    assert re.match(re.escape(path) + r":\d+: ", myst[0])


@bad_site
def test_malformed_yaml_post_keeps_its_body_as_excerpt(app):
    """The excerpt is the writer's first paragraph, not the text of a parser warning."""
    build(app, expect_warnings=True)
    post = posts_of(app)["posts/bad-yaml"]
    assert post.excerpt == "The frontmatter is not valid YAML."
    assert "myst.topmatter" not in post.excerpt


@bad_site
def test_every_posts_warning_names_a_file(app):
    build(app, expect_warnings=True)
    lines = warning_lines(app, "[posts.")
    assert lines
    for text in lines:
        assert text.startswith(str(app.srcdir / "posts")), text
        assert ".md" in text.split(" WARNING: ")[0], text


def test_suppress_warnings_silences_exactly_one_subtype(make_app, rootdir, tmp_path):
    srcdir = copy_root(rootdir, tmp_path, "bad-input")
    loud = make_app("html", srcdir=srcdir, builddir=tmp_path / "loud")
    build(loud, expect_warnings=True)
    loud.cleanup()  # docutils' global registry, before the next application
    quiet = make_app(
        "html",
        srcdir=srcdir,
        builddir=tmp_path / "quiet",
        confoverrides={"suppress_warnings": ["posts.date"]},
    )
    build(quiet, expect_warnings=True)
    assert warning_lines(loud, "[posts.date]")
    assert warning_lines(quiet, "[posts.date]") == []
    others = [text for text in warning_lines(loud) if "[posts.date]" not in text]
    assert warning_lines(quiet) == others
    assert warning_lines(quiet, "[posts.tags]")
    # suppressing a warning does not change what is recorded
    assert posts_of(quiet) == posts_of(loud)
