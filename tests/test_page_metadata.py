"""A post page's <head>: description, OpenGraph, article times and tags, JSON-LD, canonical URL,
feed discovery links; and the post image those point to."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from feedtools import (
    BASE,
    ENVIRONMENT,
    MEDIA_TYPES,
    alternate_links,
    href_target,
    json_feed,
    meta_values,
    output_path,
)
from helpers import build, copy_root, html

feeds_site = pytest.mark.sphinx("html", testroot="feeds")

WINTER_IMAGE = f"{BASE}_images/posts/posts/cover.png"


@pytest.fixture(autouse=True)
def _no_build_environment(monkeypatch):
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


def og(soup, key: str) -> list[str]:
    return meta_values(soup, "property", key)


def json_ld(soup) -> list[dict]:
    return [
        json.loads(script.string)
        for script in soup.find_all("script", attrs={"type": "application/ld+json"})
    ]


def canonical(soup) -> list[str]:
    return [
        link["href"] for link in soup.head.find_all("link") if "canonical" in link.get("rel", [])
    ]


# -- description and OpenGraph -----------------------------------------------------------------


@feeds_site
def test_post_description_and_opengraph(app):
    build(app)
    soup = html(app, "posts/winter.html")
    assert meta_values(soup, "name", "description") == ["What we learnt in winter."]
    assert og(soup, "og:title") == ["Winter notes"]
    assert og(soup, "og:description") == ["What we learnt in winter."]
    assert og(soup, "og:type") == ["article"]
    assert og(soup, "og:url") == [f"{BASE}posts/winter.html"]
    assert og(soup, "og:image") == [WINTER_IMAGE]
    assert og(soup, "article:published_time") == ["2025-01-15T00:00:00+01:00"]
    assert og(soup, "article:modified_time") == []  # no 'updated'
    assert og(soup, "article:tag") == ["Python", "Machine Learning"]
    assert meta_values(soup, "name", "robots") == []


@feeds_site
def test_article_modified_time_comes_from_updated(app):
    build(app)
    soup = html(app, "posts/summer.html")
    assert og(soup, "article:published_time") == ["2025-07-10T00:00:00+02:00"]
    assert og(soup, "article:modified_time") == ["2025-07-20T00:00:00+02:00"]
    assert og(soup, "article:tag") == ["Python", "Travel"]
    assert og(soup, "og:image") == []  # no image


@feeds_site
def test_pages_that_are_not_posts_get_no_post_metadata(app):
    build(app)
    for page in ("about.html", "index.html", "blog.html", "blog/tag/python.html"):
        soup = html(app, page)
        assert og(soup, "og:type") == [], page
        assert og(soup, "article:published_time") == [], page
        assert json_ld(soup) == [], page


@feeds_site
def test_json_ld_blog_posting(app):
    build(app)
    (data,) = json_ld(html(app, "posts/winter.html"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Winter notes"
    assert data["description"] == "What we learnt in winter."
    assert data["datePublished"] == "2025-01-15T00:00:00+01:00"
    assert data["dateModified"] == "2025-01-15T00:00:00+01:00"
    assert [author["name"] for author in data["author"]] == ["Jane Doe", "John Roe"]
    assert data["author"][0]["url"] == "https://jane.example.org/"
    assert data["keywords"] == ["Python", "Machine Learning"]
    assert data["image"] == WINTER_IMAGE
    assert data["url"] == f"{BASE}posts/winter.html"
    (summer,) = json_ld(html(app, "posts/summer.html"))
    assert summer["dateModified"] == "2025-07-20T00:00:00+02:00"
    assert [author["name"] for author in summer["author"]] == ["Jane Doe"]


@feeds_site
def test_canonical_link_and_its_override(app):
    build(app)
    winter = html(app, "posts/winter.html")
    assert canonical(winter) == [f"{BASE}posts/winter.html"]
    moved = html(app, "posts/moved.html")
    original = "https://elsewhere.example.com/original-post/"
    assert canonical(moved) == [original]
    assert og(moved, "og:url") == [original]
    (data,) = json_ld(moved)
    assert data["url"] == original
    assert meta_values(moved, "name", "description") == ["A post first published elsewhere."]


@pytest.mark.parametrize("first", [True, False], ids=["opengraph-first", "opengraph-last"])
@pytest.mark.parametrize("site_url", ["", BASE], ids=["no-ogp-site-url", "ogp-site-url"])
def test_with_sphinxext_opengraph_every_tag_is_there_once(
    make_app, rootdir, tmp_path, first, site_url
):
    extensions = ["myst_parser", "sphinx_posts"]
    extensions.insert(0 if first else 2, "sphinxext.opengraph")
    conf = f"extensions = {extensions!r}\nogp_site_url = {site_url!r}"
    app = make_app("html", srcdir=copy_root(rootdir, tmp_path, "feeds", conf))
    build(app)
    assert "sphinxext.opengraph" in app.extensions
    soup = html(app, "posts/winter.html")
    properties = Counter(tag["property"] for tag in soup.head.find_all("meta", property=True))
    repeated = {key: count for key, count in properties.items() if count > 1}
    assert repeated == {"article:tag": 2}, repeated
    assert meta_values(soup, "name", "description") == ["What we learnt in winter."]
    assert og(soup, "og:type") == ["article"]
    assert og(soup, "og:title") == ["Winter notes"]
    assert og(soup, "og:description") == ["What we learnt in winter."]
    assert og(soup, "og:url") == [f"{BASE}posts/winter.html"]
    assert og(soup, "og:image") == [WINTER_IMAGE]
    assert og(soup, "article:published_time") == ["2025-01-15T00:00:00+01:00"]
    assert len(json_ld(soup)) == 1
    # a page that is not a post keeps what sphinxext-opengraph gives it, once
    about = html(app, "about.html")
    about_properties = Counter(
        tag["property"] for tag in about.head.find_all("meta", property=True)
    )
    assert all(count == 1 for count in about_properties.values()), about_properties
    assert len(meta_values(about, "name", "description")) <= 1


# -- feed discovery ----------------------------------------------------------------------------


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_every_page_links_the_site_feeds(make_app, rootdir, tmp_path, builder):
    app = make_app(builder, srcdir=copy_root(rootdir, tmp_path, "feeds"))
    build(app)
    pages = sorted(app.outdir.rglob("*.html"))
    assert len(pages) > 15
    for path in pages:
        page = path.relative_to(app.outdir).as_posix()
        soup = html(app, page)
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a forwarding page (an author page's old address): not a page to read
        links = alternate_links(soup)
        site = [
            (kind, href)
            for kind, href in links
            if href_target(app, page, href).parent == app.outdir / "blog"
        ]
        assert sorted(kind for kind, _ in site) == sorted(MEDIA_TYPES.values()), page
        for kind, href in site:
            target = href_target(app, page, href)
            assert target.is_file(), (page, href)
            assert MEDIA_TYPES[target.name] == kind, (page, href)


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_tag_pages_link_their_own_feeds(make_app, rootdir, tmp_path, builder):
    app = make_app(builder, srcdir=copy_root(rootdir, tmp_path, "feeds"))
    build(app)
    page = "blog/tag/python.html" if builder == "html" else "blog/tag/python/index.html"
    links = alternate_links(html(app, page))
    targets = {href_target(app, page, href): kind for kind, href in links}
    folder = app.outdir / "blog/tag/python"
    for name, kind in MEDIA_TYPES.items():
        assert targets.get(folder / name) == kind, name
        assert (folder / name).is_file()
    assert len(links) == 6
    # the tag's feed holds that tag's posts
    urls = [item["url"] for item in json_feed(app, "blog/tag/python")["items"]]
    assert len(urls) == 3


@pytest.mark.sphinx(
    "html", testroot="feeds", confoverrides={"posts_feed_terms": ["tag", "category", "author"]}
)
def test_category_and_author_pages_link_their_feeds_when_they_have_them(app):
    build(app)
    for page, folder in (
        ("blog/category/notes.html", "blog/category/notes"),
        ("blog/author/jane-doe.html", "blog/author/jane-doe"),
    ):
        targets = {href_target(app, page, href) for _, href in alternate_links(html(app, page))}
        for name in MEDIA_TYPES:
            assert app.outdir / folder / name in targets, (page, name)


@pytest.mark.sphinx("html", testroot="feeds", confoverrides={"html_baseurl": ""})
def test_no_discovery_links_without_feeds(app):
    build(app, expect_warnings=True)
    for page in ("about.html", "posts/winter.html", "blog/tag/python.html"):
        assert alternate_links(html(app, page)) == [], page


# -- the post image ----------------------------------------------------------------------------


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_post_image_is_copied_and_every_link_to_it_works(make_app, rootdir, tmp_path, builder):
    srcdir = copy_root(rootdir, tmp_path, "feeds")
    app = make_app(builder, srcdir=srcdir)
    build(app)
    copied = app.outdir / "_images/posts/posts/cover.png"
    assert copied.read_bytes() == (srcdir / "posts/cover.png").read_bytes()
    post_page = "posts/winter.html" if builder == "html" else "posts/winter/index.html"
    soup = html(app, post_page)
    assert [output_path(app, url) for url in og(soup, "og:image")] == [copied]
    (data,) = json_ld(soup)
    assert output_path(app, data["image"]) == copied
    items = json_feed(app)["items"]
    assert [output_path(app, item["image"]) for item in items if "image" in item] == [copied]
    cards_page = "cards.html" if builder == "html" else "cards/index.html"
    images = html(app, cards_page).select("img.posts-card-image")
    assert [href_target(app, cards_page, img["src"]) for img in images] == [copied]
