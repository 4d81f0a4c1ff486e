"""Issue 9: an ABlog site switches by replacing ``"ablog"`` with ``"sphinx_posts"``.

``test-ablog-site`` is shaped like the ABlog sites we tried (the ABlog docs and sites that
copied them): ABlog's settings, a placeholder ``blog.md``, ``post`` directives, a document
posting two sections, ``{ref}`` links to posts. It is built once with sphinx-posts and once with
ABlog (each in its own app: the two extensions are never loaded together), and what a reader
sees is compared page by page.
"""

from __future__ import annotations

import pytest
from blog_helpers import built_site, page
from helpers import warnings_of

ROOT = "ablog-site"


@pytest.fixture(scope="module")
def ours(tmp_path_factory, rootdir):
    return built_site(tmp_path_factory, rootdir, ROOT)


@pytest.fixture(scope="module")
def theirs(tmp_path_factory, rootdir):
    """The same site built by ABlog itself."""
    ablog = pytest.importorskip("ablog")
    ablog.blog.Blog._dict.clear()  # ABlog keeps its blog in class-level state
    try:
        return built_site(tmp_path_factory, rootdir, ROOT, extensions=["myst_parser", "ablog"])
    finally:
        ablog.blog.Blog._dict.clear()


# 11. MyST links ask every domain; ours answers without a warning (a site built with -nW)


def test_myst_links_do_not_warn_about_our_domain(ours):
    assert "resolve_any_xref" not in warnings_of(ours)
    index = page(ours, "index")
    assert index.select_one('a[href="posts/first-light.html"]') is not None
