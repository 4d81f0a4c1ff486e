"""Publishing states: drafts and scheduled posts are built but not listed, not in feeds, noindex."""

from __future__ import annotations

import pytest
from feedtools import ENVIRONMENT, atom, json_feed, links, meta_values, rss
from helpers import article, build, copy_root, html, plain

publishing_site = pytest.mark.sphinx("html", testroot="publishing")

EPOCH = "1709251200"  # 2024-03-01T00:00:00Z: after published.md, before between.md
ALL = ("published", "draft", "between", "far-future")
TITLES = {
    "published": "Published post",
    "draft": "Draft post",
    "between": "Between post",
    "far-future": "Far future post",
}
LIST_PAGES = ("blog.html", "blog/tag/news.html", "index.html", "blog/2024.html")


@pytest.fixture(autouse=True)
def _no_build_environment(monkeypatch):
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


def listed(app, page: str) -> dict[str, bool]:
    """Post title -> whether its entry carries a draft marker, for every post listed on page."""
    found = {}
    for entry in article(html(app, page)).select(".posts-entry, .posts-list li"):
        link = entry.find("a")
        title = link.get_text(strip=True)
        found[title] = bool(entry.select(".posts-draft-mark"))
    return found


def feed_titles(app) -> dict[str, list[str]]:
    return {
        "atom": [entry.title for entry in atom(app).entries],
        "rss": [entry.title for entry in rss(app).entries],
        "json": [item["title"] for item in json_feed(app)["items"]],
        "tag atom": [entry.title for entry in atom(app, "blog/tag/news").entries],
        "tag json": [item["title"] for item in json_feed(app, "blog/tag/news")["items"]],
    }


def noindex(app, name: str) -> bool:
    values = meta_values(html(app, f"posts/{name}.html"), "name", "robots")
    assert values in ([], ["noindex"]), values
    return values == ["noindex"]


@publishing_site
def test_source_date_epoch_decides_what_is_scheduled(app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    build(app)
    for name in ALL:  # every page is built
        assert (app.outdir / "posts" / f"{name}.html").is_file(), name
    for page in LIST_PAGES:
        assert listed(app, page) == {"Published post": False}, page
    for kind, titles in feed_titles(app).items():
        assert titles == ["Published post"], kind
    assert {name: noindex(app, name) for name in ALL} == {
        "published": False,
        "draft": True,
        "between": True,
        "far-future": True,
    }


@publishing_site
def test_without_source_date_epoch_the_build_time_is_now(app):
    build(app)
    for page in LIST_PAGES:
        assert listed(app, page) == {"Between post": False, "Published post": False}, page
    for kind, titles in feed_titles(app).items():
        assert titles == ["Between post", "Published post"], kind
    assert {name: noindex(app, name) for name in ALL} == {
        "published": False,
        "draft": True,
        "between": False,
        "far-future": True,
    }


@publishing_site
def test_unpublished_pages_say_so(app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    build(app)
    for name in ("draft", "between", "far-future"):
        body = article(html(app, f"posts/{name}.html"))
        assert body.select(".posts-draft"), name
    assert not article(html(app, "posts/published.html")).select(".posts-draft")


@pytest.mark.sphinx("html", testroot="publishing", confoverrides={"posts_show_drafts": True})
def test_show_drafts_lists_them_marked_but_keeps_them_out_of_feeds(app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    build(app)
    expected = {
        "Far future post": True,
        "Between post": True,
        "Draft post": True,
        "Published post": False,
    }
    for page in ("blog.html", "blog/tag/news.html", "index.html"):
        assert listed(app, page) == expected, page
        entries = article(html(app, page)).select(".posts-entry")
        assert [entry.find("a").get_text(strip=True) for entry in entries] == list(expected), page
    for kind, titles in feed_titles(app).items():
        assert titles == ["Published post"], kind
    assert noindex(app, "draft") and noindex(app, "between") and noindex(app, "far-future")
    assert not noindex(app, "published")


@publishing_site
def test_read_the_docs_pull_request_builds_show_drafts(app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("READTHEDOCS", "True")
    monkeypatch.setenv("READTHEDOCS_VERSION_TYPE", "external")
    build(app)
    assert listed(app, "blog.html") == {
        "Far future post": True,
        "Between post": True,
        "Draft post": True,
        "Published post": False,
    }
    assert feed_titles(app)["atom"] == ["Published post"]
    assert links(atom(app)) == ["https://example.org/posts/published.html"]


@pytest.mark.parametrize("version_type", ["branch", "tag", "unknown"])
def test_other_read_the_docs_builds_hide_drafts(
    make_app, rootdir, tmp_path, monkeypatch, version_type
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("READTHEDOCS", "True")
    monkeypatch.setenv("READTHEDOCS_VERSION_TYPE", version_type)
    app = make_app("html", srcdir=copy_root(rootdir, tmp_path, "publishing"))
    build(app)
    assert listed(app, "blog.html") == {"Published post": False}


@pytest.mark.sphinx("html", testroot="publishing", confoverrides={"posts_show_drafts": False})
def test_show_drafts_false_wins_over_read_the_docs(app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("READTHEDOCS_VERSION_TYPE", "external")
    build(app)
    assert listed(app, "blog.html") == {"Published post": False}


@publishing_site
def test_unpublished_posts_are_not_in_the_sitemap_of_lists(app, monkeypatch):
    """No generated page (tag, year, archive) links to a draft or scheduled post."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    build(app)
    for page in sorted((app.outdir / "blog").rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for name in ("draft", "between", "far-future"):
            assert f"posts/{name}.html" not in text, (page, name)
            assert TITLES[name] not in text, (page, name)


def test_a_scheduled_post_comes_due_without_any_source_change(
    make_app, rootdir, tmp_path, monkeypatch
):
    """Time alone publishes a post: a rebuild with no edits must list it, feed it and drop its
    noindex, exactly as a clean build at that time would."""
    srcdir = copy_root(rootdir, tmp_path, "publishing")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    app = make_app("html", srcdir=srcdir)
    build(app)
    assert "Between post" not in listed(app, "blog.html")
    assert "Between post" not in feed_titles(app)["atom"]
    assert noindex(app, "between")
    app.cleanup()

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01: after between.md
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "0 added, 0 changed, 0 removed" in plain(app.status.getvalue())  # nothing was re-read
    assert "Between post" in listed(app, "blog.html")
    assert "Between post" in listed(app, "blog/tag/news.html")
    assert feed_titles(app)["atom"][0] == "Between post"
    assert not noindex(app, "between")
