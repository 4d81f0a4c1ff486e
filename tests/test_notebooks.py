"""Notebooks as posts (myst-nb): .ipynb with frontmatter in the metadata, in the first cell or
under Nikola's ``nikola`` key, and MyST text notebooks whose YAML dates are quoted or not."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import build, html, posts_of

from sphinx_posts.read.notebooks import quote_dates

pytest.importorskip("myst_nb")


@pytest.mark.sphinx("html", testroot="notebooks")
def test_notebooks_are_posts_with_their_frontmatter(app):
    build(app)  # an unquoted date used to stop the build inside nbformat
    posts = posts_of(app)
    expected = {
        "posts/unquoted-date": ("A text notebook with an unquoted date", date(2025, 5, 3)),
        "posts/quoted-date": ("A text notebook with a quoted date", date(2025, 5, 2)),
        "posts/in-metadata": ("Frontmatter in the metadata", date(2025, 4, 1)),
        "posts/raw-cell": ("Frontmatter in a raw cell", date(2025, 4, 2)),
        "posts/markdown-cell": ("Frontmatter in a Markdown cell", date(2025, 4, 3)),
        "posts/nikola": ("A Nikola notebook", date(2025, 4, 4)),
    }
    assert {name: (post.title, post.date.date()) for name, post in posts.items()} == expected
    assert not any(post.draft for post in posts.values())
    unquoted = posts["posts/unquoted-date"]
    assert unquoted.tags == ("python", "notebooks")
    assert unquoted.updated.isoformat() == "2025-05-04T09:30:00+00:00"
    assert posts["posts/raw-cell"].tags == ("jupyter", "quarto")
    assert posts["posts/nikola"].tags == ("nikola", "jupyter")
    # the frontmatter cell is read, not shown; the rest of the cell is
    text = html(app, "posts/markdown-cell.html").get_text()
    assert "title:" not in text
    assert "The rest of the cell is the body." in text
    assert "title:" not in html(app, "posts/raw-cell.html").get_text()
    # and the notebooks are listed
    listed = html(app, "index.html").get_text()
    assert all(title in listed for title, _ in expected.values())


def test_quote_dates_keeps_lines_and_other_values():
    text = (
        "---\ndate: 2025-05-03\nupdated: 2025-05-04T09:30:00Z  # later\ntitle: 2025-05-03 talk"
        "\ntimes:\n  - 2025-01-02\nquoted: '2025-05-03'\n---\ndate: 2025-05-03\n"
    )
    assert quote_dates(text) == (
        "---\ndate: '2025-05-03'\nupdated: '2025-05-04T09:30:00Z'  # later\n"
        "title: 2025-05-03 talk\ntimes:\n  - '2025-01-02'\nquoted: '2025-05-03'\n---\n"
        "date: 2025-05-03\n"
    )
    assert quote_dates("no frontmatter\ndate: 2025-05-03\n") == "no frontmatter\ndate: 2025-05-03\n"
