"""The example site under other themes: furo, alabaster and (where installable) the book theme.

The example site is configured for pydata-sphinx-theme; each test overrides ``html_theme`` and
drops the pydata-only ``html_theme_options`` (other themes warn about unknown options, and the
build is nitpicky with warnings as failures). Less styling is fine; what must hold is a build
without warnings, the blog's pages, post pages with their byline, and no broken links.
"""

from __future__ import annotations

from importlib import metadata

import pytest
from example_site import FURO, broken_links, built_example_site, soup_of
from helpers import article
from packaging.requirements import Requirement

BLOG_SIDEBAR = [
    "posts/recent.html",
    "posts/tags.html",
    "posts/categories.html",
    "posts/authors.html",
    "posts/archives.html",
    "posts/feeds.html",
]
THEMES = {
    # furo's sidebar is its own: html_sidebars={} keeps furo's defaults
    "furo": FURO,
    # alabaster shows html_sidebars as given: our components on posts and the blog's pages
    "alabaster": {
        "html_theme": "alabaster",
        "html_theme_options": {},
        "html_sidebars": {
            "posts/*": ["posts/postcard.html", *BLOG_SIDEBAR, "searchbox.html"],
            "blog": BLOG_SIDEBAR,
            "blog/**": BLOG_SIDEBAR,
        },
    },
}
PAGES = [
    "index.html",
    "blog.html",
    "blog/archive.html",
    "blog/tag.html",
    "blog/tag/tutorial.html",
    "blog/category/tutorials.html",
    "blog/author/the-sphinx-posts-team.html",
    "blog/2026.html",
    "blog/atom.xml",
    "blog/rss.xml",
    "blog/feed.json",
]
POSTS = {
    "posts/reading-time.html": "Reading time, in numbers",
    "posts/migrating-from-ablog.html": "Migrating from ABlog",  # an ABlog-style post directive
    "posts/introduction-to-large-language-models.html": "Introduction to Large Language Models",
}
PYDATA_PIN = "pydata-sphinx-theme==0.20.0"


def check_site(outdir, theme: str) -> None:
    for name in PAGES:
        assert (outdir / name).is_file(), name
    page = soup_of(outdir / "index.html")
    styles = [link.get("href", "") for link in page.find_all("link", rel="stylesheet")]
    assert any("posts.css" in href for href in styles), styles
    blog = soup_of(outdir / "blog.html")
    entries = blog.select(".posts-entry")
    assert len(entries) >= 6
    assert all(entry.select_one(".posts-entry-title a[href]") for entry in entries)
    assert all(entry.select_one("time[datetime]") for entry in entries)
    assert len(article(blog).find_all("h1")) == 1
    cards = page.select(".posts-card")
    assert cards, "the landing page's postlist shows cards"
    for name, title in POSTS.items():
        post = soup_of(outdir / name)
        body = article(post)
        h1s = body.find_all("h1")
        assert len(h1s) == 1, (theme, name)
        assert h1s[0].get_text(" ", strip=True).rstrip("#¶ ").strip() == title
        byline = body.select_one(".posts-byline")
        assert byline is not None, (theme, name)
        assert byline.select_one("time[datetime]"), (theme, name)
        assert byline.select(".posts-tag"), (theme, name)
        assert "min read" in byline.get_text()
    problems = broken_links(outdir)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_example_site_builds_with_theme(tmp_path_factory, theme):
    outdir = built_example_site(tmp_path_factory, **THEMES[theme])
    check_site(outdir, theme)
    page = soup_of(outdir / "posts/reading-time.html")
    styles = " ".join(link.get("href", "") for link in page.find_all("link", rel="stylesheet"))
    assert theme in styles, f"{theme} is the theme in use: {styles}"
    assert "pydata-sphinx-theme" not in styles
    if theme == "alabaster":
        sidebar = page.select_one(".sphinxsidebar")
        assert sidebar is not None
        for component in ("posts-postcard", "posts-recent", "posts-tags", "posts-archives"):
            assert sidebar.select_one(f".{component}"), component


def book_theme_skip_reason() -> str:
    """Why the book theme cannot be tested in this environment ("" when it can)."""
    pydata = metadata.version("pydata-sphinx-theme")
    try:
        book = metadata.version("sphinx-book-theme")
    except metadata.PackageNotFoundError:
        return (
            f"sphinx-book-theme is not installed: it pins {PYDATA_PIN}, and this environment "
            f"has pydata-sphinx-theme {pydata}, so the two cannot share it"
        )
    for line in metadata.requires("sphinx-book-theme") or ():
        requirement = Requirement(line)
        if requirement.name == "pydata-sphinx-theme" and not requirement.specifier.contains(
            pydata, prereleases=True
        ):
            return (
                f"sphinx-book-theme {book} pins {requirement}, and this environment has "
                f"pydata-sphinx-theme {pydata}, so the two cannot share it"
            )
    try:
        import sphinx_book_theme  # noqa: F401
    except ImportError as error:
        return f"sphinx-book-theme {book} is installed but not importable: {error}"
    return ""


def test_example_site_builds_with_sphinx_book_theme(tmp_path_factory):
    reason = book_theme_skip_reason()
    if reason:
        pytest.skip(reason)
    # the book theme is pydata-sphinx-theme underneath: our html_sidebars apply unchanged
    outdir = built_example_site(
        tmp_path_factory, html_theme="sphinx_book_theme", html_theme_options={}
    )
    check_site(outdir, "sphinx_book_theme")
    page = soup_of(outdir / "posts/reading-time.html")
    assert page.select_one("nav.posts-recent")
    assert page.select_one(".posts-postcard")
