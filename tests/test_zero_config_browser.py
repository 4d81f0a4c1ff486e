"""A new site with nothing but ``extensions = ["myst_parser", "sphinx_posts"]``, in Chromium.

``tests/roots/test-zero-config`` is such a site: three posts in the seed's format, with tags,
categories and authors, and a landing page with a post list. It is built under alabaster
(Sphinx's default theme) and pydata-sphinx-theme, each as configured (ten posts a page) and
with one post a page (so every list is paginated), and served on 127.0.0.1 (nothing else is
reachable). Starting from the landing page, a breadth-first walk follows the same-site links
present in each page's DOM, and must reach every page the build wrote. Then each kind of page
is looked at 1280 and 390 pixels wide, in light and dark mode: no horizontal scrolling, one
pagination bar, and "Older posts" never alone on its line. Screenshots are saved under each
build's ``_screenshots/``.
"""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urlsplit

import pytest
from example_site import build_site, pages
from test_browser import NO_TRANSITIONS, Site, serve

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Browser, Page

THEMES = ("alabaster", "pydata_sphinx_theme")
REACHED_IN = (*THEMES, "furo")  # furo is only walked: its layout is checked in test_discovery
# Sphinx's own pages, which no theme links: the search page is reached by the search form,
# the general index only from the basic theme's relation bar
SPHINX_PAGES = {"genindex.html", "search.html"}
KINDS = {
    "index": "blog.html",
    "post": "posts/evaluating-models.html",
    "tag": "blog/tag/statistics.html",
    "category": "blog/category/tutorials.html",
    "author": "blog/author/ana-souza.html",
    "year": "blog/2025.html",
    "archive": "blog/archive.html",
    "tags": "blog/tag.html",
}
LISTS = {"index", "tag", "category", "author"}  # paginated with one post a page
WIDTHS = (1280, 390)
MODES = ("light", "dark")


_BUILT: dict[tuple[str, int], Path] = {}


def built(factory: pytest.TempPathFactory, rootdir: Path, theme: str, per_page: int) -> Path:
    """The zero-configuration root built with ``theme`` (and ``per_page``), once a session.

    The theme is named even for alabaster: Sphinx's test app would otherwise swap its default
    theme for "basic". The only warning allowed is that feeds need ``html_baseurl``.
    """
    key = (theme, per_page)
    if key not in _BUILT:
        root = factory.mktemp(f"zero-config-{theme}-{per_page}-a-page")
        overrides: dict[str, Any] = {"html_theme": theme}
        if per_page != 10:
            overrides["posts_per_page"] = per_page
        outdir, warnings = build_site(rootdir / "test-zero-config", root / "build", **overrides)
        lines = [line for line in warnings.splitlines() if line.strip()]
        assert all("[posts.feed]" in line for line in lines), warnings
        _BUILT[key] = outdir
    return _BUILT[key]


@contextlib.contextmanager
def tab(browser: Browser, site: Site, width: int = 1280, mode: str = "light") -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=mode, reduced_motion="reduce"
    )
    context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    failures: list[str] = []
    page = context.new_page()
    page.on(
        "response",
        lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    try:
        yield page
    finally:
        context.close()
    assert failures == [], "\n".join(failures)


def site_path(site: Site, url: str) -> str | None:
    """A link's page relative to the site root, or None for another site or a non-page."""
    url = urldefrag(url).url
    if not url.startswith(site.url):
        return None
    path = urlsplit(url).path.removeprefix(urlsplit(site.url).path)
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path if path.endswith(".html") else None


def walk(page: Page, site: Site) -> set[str]:
    """Every page reached from the landing page through links in the pages' DOM."""
    seen = {"index.html"}
    queue = ["index.html"]
    while queue:
        current = queue.pop(0)
        page.goto(site.url + current, wait_until="domcontentloaded")
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        for href in hrefs:
            path = site_path(site, href)
            if path and path not in seen:
                seen.add(path)
                queue.append(path)
    return seen


def written_pages(outdir: Path) -> set[str]:
    return {path.relative_to(outdir).as_posix() for path in pages(outdir)} - SPHINX_PAGES


@pytest.mark.parametrize("per_page", [10, 1], ids=["as-configured", "one-post-a-page"])
@pytest.mark.parametrize("theme", REACHED_IN)
def test_every_page_is_reached_from_the_landing_page(
    browser, tmp_path_factory, rootdir, theme, per_page
):
    outdir = built(tmp_path_factory, rootdir, theme, per_page)
    with serve(outdir) as site, tab(browser, site) as page:
        reached = walk(page, site)
    expected = written_pages(outdir)
    assert "blog/author.html" in expected and "blog/category/notes.html" in expected
    assert expected - reached == set(), "pages no link leads to"
    assert reached - SPHINX_PAGES - expected == set(), "links to pages that were not written"


@pytest.mark.parametrize("theme", THEMES)
def test_the_landing_page_shows_the_way_to_the_blog(browser, tmp_path_factory, rootdir, theme):
    outdir = built(tmp_path_factory, rootdir, theme, 10)
    selector = ".posts-navbar-blog a" if theme == "pydata_sphinx_theme" else ".posts-blog-nav h3 a"
    with serve(outdir) as site, tab(browser, site) as page:
        page.goto(site.url + "index.html", wait_until="load")
        entry = page.locator(selector).first
        assert entry.is_visible()
        assert entry.inner_text().strip() == "Blog"
        entry.click()
        page.wait_for_load_state("load")
        assert site_path(site, page.url) == "blog.html"
        page.go_back(wait_until="load")
        page.locator(".posts-all a").click()
        page.wait_for_load_state("load")
        assert site_path(site, page.url) == "blog.html"


def set_mode(page: Page, mode: str) -> None:
    """pydata-sphinx-theme's switch is ``data-theme`` on ``<html>``; alabaster has one look."""
    page.evaluate(
        """mode => { document.documentElement.dataset.theme = mode;
                     document.documentElement.dataset.mode = mode; }""",
        mode,
    )


LAYOUT = """
() => {
  const visible = e => { const r = e.getBoundingClientRect();
                         return r.width > 0 && r.height > 0
                                && getComputedStyle(e).visibility !== 'hidden'; };
  const bars = [...document.querySelectorAll('nav.posts-pagination')].filter(visible);
  // a theme's own previous/next on a list page (pydata-sphinx-theme, furo, alabaster's
  // "Related Topics", whose previous/next links carry a title)
  const theirs = [...document.querySelectorAll(
      '.prev-next-area a, .related-pages a, a.left-prev, a.right-next, .relations a[title]')]
    .filter(visible).map(a => a.textContent.trim());
  let alone = false;
  const older = document.querySelector('nav.posts-pagination a[rel="next"]');
  if (older && visible(older)) {
    const item = older.closest('li').getBoundingClientRect();
    const others = [...older.closest('ul').children]
      .filter(li => !li.contains(older) && visible(li))
      .map(li => li.getBoundingClientRect());
    alone = !others.some(r => r.top < item.bottom && r.bottom > item.top);
  }
  return {
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    bars: bars.length, theirs: theirs, alone: alone, older: Boolean(older),
  };
}
"""


@pytest.mark.parametrize("theme", THEMES)
def test_each_kind_of_page_at_two_widths_in_light_and_dark(
    browser, tmp_path_factory, rootdir, theme
):
    outdir = built(tmp_path_factory, rootdir, theme, 1)
    shots = outdir / "_screenshots"
    shots.mkdir(exist_ok=True)
    problems = []
    olders = 0
    with serve(outdir) as site:
        for width in WIDTHS:
            for mode in MODES:
                with tab(browser, site, width, mode) as page:
                    for kind, path in KINDS.items():
                        page.goto(site.url + path, wait_until="load")
                        page.add_style_tag(content=NO_TRANSITIONS)
                        set_mode(page, mode)
                        found = page.evaluate(LAYOUT)
                        where = f"{theme} {kind} {width}px {mode}"
                        if found["overflow"] > 0:
                            problems.append(f"{where}: {found['overflow']}px too wide")
                        if found["bars"] > 1 or (kind in LISTS and found["theirs"]):
                            problems.append(f"{where}: pagination twice: {found}")
                        if kind in LISTS and found["bars"] != 1:
                            problems.append(f"{where}: no pagination bar")
                        if found["alone"]:
                            problems.append(f"{where}: 'Older posts' alone on its line")
                        olders += found["older"]
                        name = f"{theme}-{kind}-{width}-{mode}.png"
                        page.screenshot(path=str(shots / name), full_page=True)
    assert olders >= len(LISTS) * len(WIDTHS) * len(MODES)
    assert problems == [], "\n".join(problems)
