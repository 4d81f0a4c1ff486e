"""Bad input in tags, categories and authors: variant spellings, and hostile or unusual names."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest
from blog_helpers import broken_links, html_pages, output_file, page, soup_of
from helpers import copy_root, warning_lines, warnings_of
from sphinx.testing.util import SphinxTestApp

HOSTILE_TAGS = [
    "<script>alert(1)</script>",
    "\"quoted\" 'tag'",
    "🎉",
    "机器学习",
    "C++",
    "/etc/passwd",
    "a/b",
    "..",
]
HOSTILE_CATEGORIES = ["../../escape", "a/b/../c", "<img src=x onerror=alert(1)>"]
HOSTILE_AUTHORS = ["<script>alert(1)</script>", 'O\'Brien "Bob"', "../../../outside"]
SAFE_SEGMENT = re.compile(r"^[\w-]+$")


def build_edges(tmp_path_factory, rootdir, buildername):
    """test-tag-edges copied into an empty folder and built there (to see every file it writes)."""
    base = tmp_path_factory.mktemp(f"edges-{buildername}")
    srcdir = copy_root(rootdir, base, "tag-edges", dest="src")
    sources = set(base.rglob("*"))
    app = SphinxTestApp(buildername, srcdir=srcdir, builddir=base / "build", freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app, base, sources


@pytest.fixture(scope="module")
def edges(tmp_path_factory, rootdir):
    return build_edges(tmp_path_factory, rootdir, "html")


@pytest.fixture(scope="module")
def edges_dirhtml(tmp_path_factory, rootdir):
    return build_edges(tmp_path_factory, rootdir, "dirhtml")


@pytest.fixture(params=["html", "dirhtml"])
def edges_any(request):
    return request.getfixturevalue("edges" if request.param == "html" else "edges_dirhtml")


def names_and_counts(soup):
    return {
        li.a.get_text(): int(li.select_one(".posts-count").get_text().strip("()"))
        for li in soup.select(".posts-term-list li")
    }


def test_spelling_variants_are_one_tag_with_one_page(edges):
    app, _, _ = edges
    tag_pages = sorted(p.name for p in (app.outdir / "blog/tag").glob("*machine*.html"))
    assert tag_pages == ["machine-learning.html"]
    listed = page(app, "blog/tag/machine-learning")
    titles = [a.get_text(strip=True) for a in listed.select(".posts-entry-title a")]
    assert titles == ["Later Date First Name", "Same Day Later Name", "First Spelling"]
    assert names_and_counts(page(app, "blog/tag"))["Machine Learning"] == 3
    index_names = [a.get_text() for a in page(app, "blog/tag").select(".posts-term-list a")]
    assert sum(term_name.casefold().startswith("machine") for term_name in index_names) == 1
    # the spelling used first (by date, then docname) is the one shown, everywhere
    for docname in ("posts/m-same", "posts/z-first", "posts/a-later"):
        byline = page(app, docname).select_one(".posts-byline-tags")
        assert byline.select_one("a").get_text() == "Machine Learning", docname
        assert byline.select_one("a")["href"] == "../blog/tag/machine-learning.html"


def test_spelling_variants_warn(edges):
    app, _, _ = edges
    variants = warning_lines(app, "[posts.tags]")
    assert len(variants) == 2, variants
    hyphen = next(line for line in variants if "'machine-learning'" in line)
    spaced = next(line for line in variants if "'machine learning" in line)
    assert "a-later.md:4:" in hyphen
    assert "z-first.md:4:" in spaced
    for line in variants:
        assert "'Machine Learning'" in line
    assert not warning_lines(app, "m-same.md")


def test_every_term_gets_a_safe_page(edges):
    app, _, _ = edges
    for kind, written in (
        ("tag", ["Machine Learning", *HOSTILE_TAGS]),
        ("category", HOSTILE_CATEGORIES),
        ("author", None),  # the names shown: test_an_author_with_quotes_in_a_list_is_one_author
    ):
        index = page(app, f"blog/{kind}")
        links = {a.get_text(): a["href"] for a in index.select(".posts-term-list a")}
        if written is not None:
            assert sorted(links) == sorted(written), kind
        for name, href in links.items():
            assert href.startswith(f"{kind}/"), (name, href)
            segment = unquote(href).removeprefix(f"{kind}/").removesuffix(".html")
            assert SAFE_SEGMENT.match(segment), (name, href)
            target = (app.outdir / "blog" / unquote(href)).resolve()
            assert target.parent == (app.outdir / "blog" / kind).resolve()
            assert target.is_file()
            heading = soup_of(target).select_one("section.posts-listing h1").get_text()
            assert name in heading, (name, heading)
    assert broken_links(app.outdir) == []


def test_an_author_with_quotes_in_a_list_is_one_author(edges):
    """``author: ["O'Brien \\"Bob\\"", ...]`` names the same author as the plain string."""
    app, _, _ = edges
    authors = names_and_counts(page(app, "blog/author"))
    assert authors == {
        "<script>alert(1)</script>": 1,
        'O\'Brien "Bob"': 2,
        "../../../outside": 1,
    }


def test_nothing_is_written_outside_the_output_folder(edges_any):
    app, base, sources = edges_any
    outdir = app.outdir.resolve()
    build = (base / "build").resolve()
    for path in base.rglob("*"):
        if path in sources or path.resolve().is_relative_to(build):
            continue
        raise AssertionError(f"written outside the build folder: {path}")
    for path in app.outdir.rglob("*"):
        relative = path.relative_to(app.outdir)
        assert ".." not in relative.parts
        assert path.resolve().is_relative_to(outdir), path
    special = ("genindex", "search")
    documents = {output_file(app, name) for name in (*app.env.found_docs, *special)}
    generated = {p.relative_to(app.outdir).as_posix() for p in html_pages(app.outdir)} - {
        d.relative_to(app.outdir).as_posix() for d in documents
    }
    for name in generated:
        parts = name.split("/")
        assert parts[0] in ("blog", "blog.html"), name
        assert all(SAFE_SEGMENT.match(part) for part in name.removesuffix(".html").split("/"))


def test_hostile_names_are_escaped_everywhere(edges_any):
    app, _, _ = edges_any
    assert warnings_of(app).count("WARNING") == 2  # the two tag spellings, nothing else
    for path in html_pages(app.outdir):
        soup = soup_of(path)
        where = path.relative_to(app.outdir).as_posix()
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                json.loads(script.string)  # data, still valid JSON: nothing broke out of it
                continue
            assert "alert" not in (script.string or ""), where
        for tag in soup.find_all(True):
            assert not any(attr.startswith("on") for attr in tag.attrs), (where, tag)
    hostile = page(app, "posts/hostile")
    assert "Hostile <script>alert(1)</script> Title" in hostile.title.get_text()
    tags = [t.get_text() for t in hostile.select(".posts-byline-tags .posts-tag")]
    assert tags == HOSTILE_TAGS[:6]
    cloud = [a.get_text() for a in page(app, "index").select(".posts-tagcloud a")]
    assert "<script>alert(1)</script>" in cloud
    lines = [li.get_text(" ", strip=True) for li in page(app, "index").select("ul.posts-ablog li")]
    assert any("<img src=x onerror=alert(1)>" in line for line in lines)
