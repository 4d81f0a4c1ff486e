"""Values no file system, clock or reader expected (issue 11): each is a ``posts.*`` warning at
``file:line`` naming the key, the value and what was expected, and the build goes on with a safe
fallback. test-hardening is built once per builder; the tests only read its output."""

from __future__ import annotations

import pytest
from blog_helpers import broken_links, built_site, entry_titles, output_file, page
from feedtools import atom, json_feed
from helpers import posts_of, warning_lines, warnings_of

from sphinx_posts.model import SLUG_BYTES, slugify

LONG_X = "x" * 1000
LONG_E = "é" * 200
NEAR = "y" * 253  # a slug of 253 bytes: ``<slug>.html`` is over 255
OUT_OF_RANGE = {
    "posts/far-future": "9999-12-31 23:59:59-12:00",
    "posts/far-past": "0001-01-01 00:00:00+14:00",
    "posts/bad-offset": "2023-03-07T10:00:00+25:00",
}
EXPECTED_RANGE = "expected a date between 0001-01-02 and 9999-12-30"


@pytest.fixture(scope="module")
def site(tmp_path_factory, rootdir):
    return built_site(tmp_path_factory, rootdir, "hardening")


@pytest.fixture(scope="module")
def site_dirhtml(tmp_path_factory, rootdir):
    return built_site(tmp_path_factory, rootdir, "hardening", "dirhtml")


def the_warning(app, doc: str, subtype: str, line: int, *needles: str) -> str:
    """The one ``posts.<subtype>`` warning at ``doc``'s ``line`` that mentions every needle."""
    where = f"{app.srcdir / doc}.md:{line}: "
    found = [
        text
        for text in warning_lines(app, f"[posts.{subtype}]")
        if text.startswith(where) and all(needle in text for needle in needles)
    ]
    assert len(found) == 1, (doc, subtype, line, needles, warning_lines(app))
    return found[0]


def test_no_crash_and_only_the_expected_warnings(site, site_dirhtml):
    for app in (site, site_dirhtml):
        text = warnings_of(app)
        assert "Traceback" not in text
        assert "Exception occurred" not in app.status.getvalue()
        subtypes = {line.rsplit("[", 1)[-1] for line in text.splitlines()}
        assert subtypes == {"posts.date]", "posts.image]"}, text
        for doc in ("long-image", "far-future", "far-past", "bad-offset", "long-terms"):
            assert output_file(app, f"posts/{doc}").is_file(), doc
        assert broken_links(app.outdir) == []


def test_a_5kb_image_name_is_an_image_not_found(site):
    text = the_warning(site, "posts/long-image", "image", 4, "image: 'img/xxxx", "image not found")
    assert "(5010 characters)" in text
    assert len(text) < 500 + len(str(site.srcdir))  # the value is shortened, not all 5 kB
    post = posts_of(site)["posts/long-image"]
    assert post.draft is False
    listed = page(site, "blog")
    assert "Long image" in entry_titles(listed)
    assert listed.select("img.posts-card-image") == []
    soup = page(site, "posts/long-image")
    assert soup.find("meta", attrs={"property": "og:image"}) is None
    item = next(i for i in json_feed(site)["items"] if i["title"] == "Long image")
    assert "image" not in item


@pytest.mark.parametrize("doc", sorted(OUT_OF_RANGE))
def test_a_date_out_of_range_makes_a_draft(site, doc):
    value = OUT_OF_RANGE[doc]
    text = the_warning(site, doc, "date", 3, f"date: '{value}'", EXPECTED_RANGE)
    assert "treated as a draft" in text
    post = posts_of(site)[doc]
    assert post.date is None
    assert post.draft is True
    title = post.title
    assert title not in entry_titles(page(site, "blog"))
    assert title not in [entry.title for entry in atom(site).entries]
    assert page(site, doc).select_one(".posts-draft-mark, .posts-byline") is not None


def test_updated_and_update_out_of_range_are_ignored(site):
    the_warning(
        site, "posts/bad-updated", "date", 4, "updated: '9999-12-31 23:59:59-12:00'", EXPECTED_RANGE
    )
    text = the_warning(
        site, "posts/bad-updated", "date", 11, "update: '2023-03-07T10:00:00+25:00'", EXPECTED_RANGE
    )
    assert "shown as written" in text
    post = posts_of(site)["posts/bad-updated"]
    assert post.updated is None
    assert post.draft is False
    assert "Bad updated" in entry_titles(page(site, "blog"))
    note = page(site, "posts/bad-updated").select_one(".posts-update")
    assert "2023-03-07T10:00:00+25:00" in note.get_text()
    entry = next(e for e in atom(site).entries if e.title == "Bad updated")
    assert entry.updated.startswith("2024-02-01")


def test_long_term_names_get_short_distinct_slugs(site):
    names = {
        "tag": [LONG_X, LONG_E, NEAR, NEAR + "z"],
        "category": [LONG_X],
        "author": [LONG_E],
    }
    for kind, kind_names in names.items():
        slugs = [slugify(name) for name in kind_names]
        assert len(set(slugs)) == len(slugs)
        for name, slug in zip(kind_names, slugs, strict=True):
            assert len(slug.encode("utf-8")) <= SLUG_BYTES
            assert slug == slugify(name)  # stable
            base = f"blog/{kind}/{slug}"
            assert page(site, base).select_one(".posts-listing") is not None, base
            for feed in ("atom.xml", "rss.xml", "feed.json"):
                assert (site.outdir / base / feed).is_file(), (base, feed)
    for path in site.outdir.rglob("*"):
        for part in path.relative_to(site.outdir).parts:
            assert len(part.encode("utf-8")) <= SLUG_BYTES + len(".html"), part
    byline = page(site, "posts/long-terms").select_one(".posts-byline-tags")
    shown = [a.get_text() for a in byline.select("a")]
    assert LONG_X in shown and LONG_E in shown  # the name is shown whole; only its slug is short


def test_a_tag_named_index_keeps_the_tags_overview(site, site_dirhtml):
    for app in (site, site_dirhtml):
        overview = page(app, "blog/tag")
        names = [a.get_text() for a in overview.select(".posts-term-list a")]
        assert "index" in names
        assert overview.select_one(".posts-terms") is not None
        tagged = page(app, "blog/tag/index-2")
        assert entry_titles(tagged) == ["Long terms"]
    assert (site_dirhtml.outdir / "blog/tag/index.html").is_file()
    assert (site_dirhtml.outdir / "blog/tag/index-2/index.html").is_file()
