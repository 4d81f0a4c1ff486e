"""Which documents are posts: pattern, index pages, frontmatter flags, the post directive."""

from __future__ import annotations

import pytest
from helpers import build, posts_of, warning_lines

EXPECTED_POSTS = {
    "posts/a",
    "posts/2024/b",
    "optin",
    "blogpost-optin",
    "directive-md",
    "directive-rst",
}


@pytest.mark.sphinx("html", testroot="detection")
def test_which_documents_are_posts(app):
    build(app, expect_warnings=True)
    assert set(posts_of(app)) == EXPECTED_POSTS


@pytest.mark.sphinx("html", testroot="detection")
def test_index_pages_are_never_posts(app):
    build(app, expect_warnings=True)
    assert "posts/index" not in posts_of(app)
    assert "index" not in posts_of(app)


@pytest.mark.sphinx("html", testroot="detection")
def test_frontmatter_false_opts_a_matched_page_out(app):
    build(app, expect_warnings=True)
    assert "posts/optout" not in posts_of(app)
    assert "posts/blogpost-optout" not in posts_of(app)


@pytest.mark.sphinx("html", testroot="detection")
def test_posts_need_no_toctree_but_other_orphans_still_warn(app):
    build(app, expect_warnings=True)
    toctree_warnings = warning_lines(app, "isn't included in any toctree")
    assert len(toctree_warnings) == 1, toctree_warnings
    assert "orphan-page.md" in toctree_warnings[0]
    # and nothing else went wrong
    assert warning_lines(app) == toctree_warnings


@pytest.mark.sphinx("html", testroot="detection", confoverrides={"posts_pattern": ["news/**"]})
def test_custom_pattern_replaces_the_default(app):
    build(app, expect_warnings=True)
    # only the flagged and directive posts remain: nothing lives under news/
    assert set(posts_of(app)) == {"optin", "blogpost-optin", "directive-md", "directive-rst"}
    # posts/a is now an ordinary page outside every toctree, so Sphinx warns about it again
    assert any("posts/a.md" in line for line in warning_lines(app, "toctree"))
