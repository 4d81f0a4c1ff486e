"""Every builder survives a site with posts; parallel reading stores what serial reading does."""

from __future__ import annotations

import re

import pytest
from helpers import article, build, copy_root, html, plain, posts_of

from sphinx_posts.store.domain import get_domain

SITE_POSTS = {
    "posts/first",
    "posts/second",
    "posts/third",
    "posts/draft",
    "posts/directive",
    "posts/rst-post",
}
PAGES = {"html": "{}.html", "dirhtml": "{}/index.html"}


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_html_builders_build_without_warnings(make_app, rootdir, tmp_path, builder):
    app = make_app(builder, srcdir=_copy(rootdir, tmp_path))
    build(app)
    assert set(posts_of(app)) == SITE_POSTS
    for docname in SITE_POSTS:
        soup = html(app, PAGES[builder].format(docname))
        body = article(soup)
        assert len(body.find_all("h1")) == 1, docname
        assert body.select(".posts-byline"), docname


@pytest.mark.sphinx("html", testroot="site", parallel=2)
def test_parallel_read_stores_the_same_records_as_serial(app, make_app, rootdir, tmp_path):
    build(app)
    assert app.parallel == 2
    # the sources were read in chunks by worker processes, then merged
    assert re.search(r"reading sources\.\.\. .*\S \.\. \S", plain(app.status.getvalue()))
    parallel_posts = dict(posts_of(app))
    parallel_pages = {docname: str(article(html(app, f"{docname}.html"))) for docname in SITE_POSTS}
    app.cleanup()

    serial = make_app("html", srcdir=_copy(rootdir, tmp_path, "serial"))
    build(serial)
    assert serial.parallel == 0
    assert parallel_posts == dict(posts_of(serial))
    assert [p.docname for p in get_domain(app.env).sorted_posts()] == [
        p.docname for p in get_domain(serial.env).sorted_posts()
    ]
    for docname, page in parallel_pages.items():
        assert str(article(html(serial, f"{docname}.html"))) == page, docname


@pytest.mark.sphinx("text", testroot="site")
def test_text_builder(app):
    build(app)
    text = (app.outdir / "posts" / "first.txt").read_text(encoding="utf-8")
    assert "The first post" in text
    assert "Mar 20, 2025" in text
    assert "Jane Doe" in text
    draft = (app.outdir / "posts" / "draft.txt").read_text(encoding="utf-8")
    assert "Mar 23, 2025" in draft
    assert "Draft" in draft


@pytest.mark.sphinx("text", testroot="directive")
def test_text_byline_of_a_site_without_drafts(app):
    build(app)
    text = (app.outdir / "options.txt").read_text(encoding="utf-8")
    assert "Mar 20, 2025" in text
    assert "Jane Doe, John Roe" in text
    assert "alpha" in text


@pytest.mark.sphinx("latex", testroot="site")
def test_latex_builder(app):
    build(app)
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "The first post" in tex
    assert "Mar 20, 2025" in tex


@pytest.mark.sphinx("singlehtml", testroot="site")
def test_singlehtml_builder(app):
    build(app)
    body = html(app, "index.html")
    assert "The first post" in body.get_text()
    assert "Mar 20, 2025" in body.get_text()


@pytest.mark.sphinx("epub", testroot="site")
def test_epub_builder(app):
    build(app)
    assert list(app.outdir.glob("*.epub"))
    page = (app.outdir / "posts" / "first.xhtml").read_text(encoding="utf-8")
    assert "Mar 20, 2025" in page


@pytest.mark.sphinx("man", testroot="site")
def test_man_builder(app):
    build(app)
    pages = list(app.outdir.rglob("*.1"))
    assert pages
    assert "Mar 20, 2025" in pages[0].read_text(encoding="utf-8")


def _copy(rootdir, tmp_path, name: str = "site"):
    return copy_root(rootdir, tmp_path, "site", dest=name)
