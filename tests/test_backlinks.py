"""Back-links: a documentation page lists the published posts that cite it or its objects,
in any domain, newest first; correct under incremental and parallel builds."""

from __future__ import annotations

import os
import time

import pytest
from blog_helpers import output_tree
from helpers import build, copy_root, html, written_docs

backlinks_site = pytest.mark.sphinx("html", testroot="backlinks")


def lists(app, page: str) -> dict[str, list[str]]:
    """Where each "Posts about this" list sits (the cited object's id, or "page") -> titles."""
    found = {}
    for box in html(app, f"{page}.html").select("aside.posts-backlinks"):
        owner = box.find_parent("dd")
        key = owner.find_previous_sibling("dt")["id"] if owner else "page"
        found[key] = [item.a.get_text(strip=True) for item in box.select("li")]
    return found


@backlinks_site
def test_api_objects_list_the_posts_citing_them_newest_first(app):
    build(app)
    found = lists(app, "api")
    assert found["mypkg.fit"] == [
        "Fitting, part four",
        "Fitting, part three",
        "Fitting, part two",  # cited with an explicit title: still the object
        "Fitting, part one",
    ]  # never the draft
    assert found["mypkg.Model"] == ["Models in C and JS"]
    assert found["mypkg.Model.predict"] == ["Models in C and JS"]
    assert "mypkg.unused" not in found
    assert "page" not in found


@backlinks_site
def test_beyond_the_shown_count_the_rest_fold_away(app):
    build(app)
    (box,) = [
        box
        for box in html(app, "api.html").select("aside.posts-backlinks")
        if box.find_parent("dd").find_previous_sibling("dt")["id"] == "mypkg.fit"
    ]
    visible = box.find("ul", recursive=False).select("li")
    assert len(visible) == 3  # posts_backlinks_shown
    assert [item.a.get_text() for item in box.details.select("li")] == ["Fitting, part one"]
    assert "1 more" in box.details.summary.get_text()
    link = visible[0].a["href"]
    assert link == "posts/fit-four.html"
    assert box.find("time")["datetime"] == "2025-04-01"


@backlinks_site
def test_every_domain_and_labels_terms_and_pages(app):
    build(app)
    found = lists(app, "manual")
    assert found["c.add"] == ["Models in C and JS"]
    assert found["_CPPv48multiplyii"] == ["Models in C and JS"]
    assert found["greet"] == ["Models in C and JS"]
    assert found["directive-shout"] == ["Models in C and JS"]
    assert found["page"] == ["Models in C and JS"]  # a glossary term and a section label
    assert lists(app, "guide") == {"page": ["Fitting, part one"]}  # {doc}, not the draft
    assert lists(app, "index") == {}
    assert lists(app, "posts/self") == {}  # a post citing itself is not "about" itself


@backlinks_site
def test_the_backlinks_directive_places_the_list_by_hand(app):
    build(app)
    body = html(app, "handmade.html").select_one("div.body")
    texts = [node.get_text(" ", strip=True) for node in body.find_all(["p", "aside"])]
    start = texts.index("Before the list.")
    assert texts[start + 1].startswith("Posts about this page")
    assert "Fitting, part two" in texts[start + 1]
    assert len(body.select("aside.posts-backlinks")) == 1


@pytest.mark.sphinx("html", testroot="backlinks", confoverrides={"posts_backlinks": False})
def test_backlinks_can_be_turned_off(app):
    build(app)
    for page in ("api", "manual", "guide", "handmade"):
        assert lists(app, page) == {}


@pytest.mark.sphinx(
    "html", testroot="backlinks", confoverrides={"posts_backlinks_placement": "page"}
)
def test_page_placement_gathers_everything_at_the_end(app):
    build(app)
    titles = lists(app, "api")["page"]
    assert titles[0] == "Models in C and JS"  # newest first
    assert sorted(titles) == sorted(
        [
            "Models in C and JS",
            "Fitting, part four",
            "Fitting, part three",
            "Fitting, part two",
            "Fitting, part one",
        ]
    )


@pytest.mark.sphinx(
    "html", testroot="backlinks", confoverrides={"posts_backlinks_domains": ["c", "js"]}
)
def test_domains_setting_limits_what_counts(app):
    build(app)
    assert lists(app, "api") == {}
    assert set(lists(app, "manual")) == {"c.add", "greet"}  # not cpp, not std


NEW_POST = """---
title: "Predicting"
date: 2025-08-01
---

All about {py:meth}`mypkg.Model.predict`.
"""


def _later(path) -> None:
    stamp = time.time() + 5
    os.utime(path, (stamp, stamp))


@pytest.mark.parametrize("edit", ["add", "remove"])
def test_incremental_rewrites_the_cited_pages_and_equals_clean(make_app, rootdir, tmp_path, edit):
    srcdir = copy_root(rootdir, tmp_path, "backlinks", dest="src")
    first = make_app("html", srcdir=srcdir, builddir=tmp_path / "incremental")
    build(first)
    first.cleanup()
    if edit == "add":
        (srcdir / "posts" / "predicting.md").write_text(NEW_POST, encoding="utf-8")
    else:
        (srcdir / "posts" / "models.md").unlink()
    again = make_app("html", srcdir=srcdir, builddir=tmp_path / "incremental")
    build(again)
    written = set(written_docs(again))
    assert "api" in written
    assert "guide" not in written and "handmade" not in written
    assert ("manual" in written) == (edit == "remove")
    again.cleanup()
    clean = make_app("html", srcdir=srcdir, builddir=tmp_path / "clean", freshenv=True)
    build(clean)
    incremental = output_tree(again.outdir)
    if edit == "remove":
        incremental.pop("posts/models.html")  # Sphinx leaves a deleted document's page
    assert incremental == output_tree(clean.outdir)


def test_parallel_equals_serial(make_app, rootdir, tmp_path):
    trees = []
    for jobs in (1, 2):
        srcdir = copy_root(rootdir, tmp_path, "backlinks", dest=f"src{jobs}")
        app = make_app("html", srcdir=srcdir, builddir=tmp_path / f"out{jobs}", parallel=jobs)
        build(app)
        trees.append({k: v for k, v in output_tree(app.outdir).items() if k.endswith(".html")})
        app.cleanup()
    assert trees[0] == trees[1]
