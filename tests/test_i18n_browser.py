"""A right-to-left blog in a real browser: the ``test-i18n`` site in Arabic under alabaster,
served on 127.0.0.1 (Chromium as in ``test_browser.py``; no other host is reached).

The byline, the cards and the pagination bar read from right to left, and nothing makes the
page scroll sideways, on a wide screen or a phone's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpers import build, copy_root
from test_browser import open_tab, serve

if TYPE_CHECKING:
    from playwright.sync_api import Page


def boxes(page: Page, selector: str) -> list[dict[str, float]]:
    return page.locator(selector).evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return {left: r.left, right: r.right, width: r.width}; })"
    )


def overflow(page: Page) -> int:
    """How far the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_an_arabic_blog_reads_right_to_left(make_app, rootdir, tmp_path, browser):
    app = make_app(
        "html",
        srcdir=copy_root(rootdir, tmp_path, "i18n"),
        confoverrides={"language": "ar", "html_theme": "alabaster"},
    )
    build(app)
    with serve(app.outdir) as site, open_tab(browser, site) as tab:
        page = tab.open("posts/alpha.html")
        byline = page.locator(".posts-byline")
        assert byline.evaluate("e => getComputedStyle(e).direction") == "rtl"
        parts = boxes(page, ".posts-byline > span")
        assert len(parts) >= 4
        # the date comes first: at the right, each next part to its left
        rights = [box["right"] for box in parts if box["width"]]
        assert rights == sorted(rights, reverse=True), rights
        assert overflow(page) <= 0

        page = tab.open("blog/page/2.html")
        steps = boxes(page, ".posts-pagination li")
        assert len(steps) >= 3
        # "newer posts" at the right, "older posts" at the left
        assert steps[0]["left"] > steps[-1]["left"]
        assert overflow(page) <= 0

        page = tab.open("index.html")
        card = page.locator(".posts-card").first
        assert card.evaluate("e => getComputedStyle(e).direction") == "rtl"
        assert overflow(page) <= 0

        page.set_viewport_size({"width": 375, "height": 800})
        for path in ("posts/alpha.html", "blog/page/2.html", "index.html"):
            assert overflow(tab.open(path)) <= 0, path
