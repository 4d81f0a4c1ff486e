"""Series pages: each series lists its parts in order with their descriptions, every part's
series box links to it, and an index of every series sits among the generated pages."""

from __future__ import annotations

import pytest
from helpers import build, html

PARTS = ["ML Basics: Data", "ML Basics: Models", "ML Basics: Evaluation"]


def titles(soup) -> list[str]:
    return [entry.a.get_text(strip=True) for entry in soup.select(".posts-entry-title")]


@pytest.mark.sphinx("html", testroot="blog")
def test_a_series_page_lists_its_parts_oldest_first_with_descriptions(app):
    build(app)
    page = html(app, "blog/series/ml-basics.html")
    assert page.h1.get_text(strip=True) == "Series: ML Basics"
    parts = [entry.a.get_text(strip=True) for entry in page.select(".posts-entry-title")]
    assert parts == PARTS  # oldest first; the draft part is not listed
    assert page.select_one(".posts-entry-summary").get_text() == "Where machine learning starts."
    assert not page.select(".posts-pagination")  # a series is read as one list
    assert page.select_one(".posts-up a")["href"] == "../series.html"


@pytest.mark.sphinx("html", testroot="blog")
def test_every_part_links_to_its_series_page_and_the_index_lists_series(app):
    build(app)
    for part in ("ml-basics-1", "ml-basics-2", "ml-basics-3"):
        box = html(app, f"posts/{part}.html").select_one(".posts-series")
        assert box.select_one(".admonition-title a")["href"] == "../blog/series/ml-basics.html"
    index = html(app, "blog/series.html")
    assert index.h1.get_text(strip=True) == "Series"
    (item,) = index.select(".posts-terms a")
    assert item["href"] == "series/ml-basics.html"
    assert "ML Basics" in item.get_text()


@pytest.mark.sphinx("dirhtml", testroot="blog", confoverrides={"posts_path": "news"})
def test_series_pages_under_dirhtml_and_another_posts_path(app):
    build(app)
    page = html(app, "news/series/ml-basics/index.html")
    assert titles(page)[0] == "ML Basics: Data"
    box = html(app, "posts/ml-basics-2/index.html").select_one(".posts-series")
    assert box.select_one(".admonition-title a")["href"] == "../../news/series/ml-basics/"


@pytest.mark.sphinx("html", testroot="seed")
def test_a_blog_without_series_has_no_series_pages(app):
    build(app)
    assert not (app.outdir / "blog" / "series.html").exists()
    assert not (app.outdir / "blog" / "series").exists()
