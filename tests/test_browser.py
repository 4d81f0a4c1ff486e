"""The example site in a real browser: Debian's Chromium driven by Playwright, no network.

The site is built once per session (``example_site.built_example_site``) and served over HTTP on
127.0.0.1; every request for another host is aborted, so MathJax (a CDN script) never loads and
the math stays TeX, which is what the math test expects. Playwright's own browser downloads are
never used: the tests drive ``/usr/bin/chromium``, which ``make browser`` installs (``make test``
runs it first, and says what it installs); without it the browser tests skip with that advice.

Full-page screenshots of the landing page, a post, a tag page and the archive, in light and dark
mode, are saved under ``<outdir>/_screenshots/`` (inside the test's build folder).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from example_site import FURO, broken_links, built_example_site
from helpers import served

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL = re.compile(r"^https?://127\.0\.0\.1[:/]")
POST = "posts/reading-time.html"  # math, tags, an author, previous and next posts
NO_TRANSITIONS = (
    "*, *::before, *::after { transition: none !important; animation: none !important; }"
)


# -- Chromium, the server, the pages --------------------------------------------------------------


def missing_browser() -> str:
    """Why the browser tests cannot run here, or "". Installing Chromium changes the machine,
    so the tests never do it themselves: ``make browser`` does, and says so (``make test``
    runs it first)."""
    if CHROMIUM.exists():
        return ""
    return f"{CHROMIUM} is missing: run `make browser` (installs Debian's chromium with apt-get)"


@dataclass
class Site:
    outdir: Path
    url: str


@contextlib.contextmanager
def serve(outdir: Path) -> Iterator[Site]:
    with served(outdir) as url:
        yield Site(outdir, url)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Iterator[Site]:
    with serve(built_example_site(tmp_path_factory)) as served:
        yield served


@pytest.fixture(scope="session")
def furo_site(tmp_path_factory) -> Iterator[Site]:
    """The example site under furo, whose light and dark colours are its own, not pydata's."""
    with serve(built_example_site(tmp_path_factory, **FURO)) as served:
        yield served


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory) -> Iterator[Site]:
    """The example site with three posts a page, so the blog's index has several pages."""
    with serve(built_example_site(tmp_path_factory, posts_per_page=3)) as served:
        yield served


class Tab:
    """A page in a fresh browser context that reaches only 127.0.0.1 and records local errors."""

    def __init__(self, page: Page, site: Site) -> None:
        self.page = page
        self.site = site
        self.failures: list[str] = []
        page.on("response", self._response)
        page.on("requestfailed", self._failed)

    def _response(self, response: Any) -> None:
        if LOCAL.match(response.url) and response.status >= 400:
            self.failures.append(f"{response.status} {response.url}")

    def _failed(self, request: Any) -> None:
        if LOCAL.match(request.url):
            self.failures.append(f"failed {request.url}: {request.failure}")

    def open(self, path: str) -> Page:
        self.page.goto(self.site.url + path, wait_until="load")
        return self.page

    def path(self) -> str:
        """The current page's path relative to the site root."""
        return self.page.url.split("#")[0].removeprefix(self.site.url)


@contextlib.contextmanager
def open_tab(browser: Browser, site: Site, scheme: str = "light") -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    tab = Tab(context.new_page(), site)
    try:
        yield tab
    finally:
        context.close()
    assert tab.failures == [], "local requests failed:\n" + "\n".join(tab.failures)


@pytest.fixture
def tab(browser, site) -> Iterator[Tab]:
    with open_tab(browser, site) as opened:
        yield opened


@pytest.fixture
def paged_tab(browser, paged_site) -> Iterator[Tab]:
    with open_tab(browser, paged_site) as opened:
        yield opened


def title_of(page: Page) -> str:
    """The text of the page's (single) h1, without Sphinx's heading link."""
    return page.locator("h1").first.evaluate(
        """h => { const c = h.cloneNode(true);
                  c.querySelectorAll('.headerlink').forEach(a => a.remove());
                  return c.textContent.trim(); }"""
    )


def entry_titles(page: Page) -> list[str]:
    return [text.strip() for text in page.locator(".posts-entry-title a").all_inner_texts()]


# -- static: every link and asset of the built site -----------------------------------------------


def test_no_broken_internal_links_or_missing_assets(tmp_path_factory):
    outdir = built_example_site(tmp_path_factory)
    problems = broken_links(outdir)
    assert problems == [], "\n".join(problems)


# -- the landing page -----------------------------------------------------------------------------


def test_landing_page_cards_link_to_their_posts(tab):
    page = tab.open("index.html")
    cards = page.locator(".posts-card")
    count = cards.count()
    assert count > 0
    for index in range(count):
        card = cards.nth(index)
        assert card.is_visible()
        link = card.locator(".posts-entry-title a")
        assert link.count() == 1
        title = link.inner_text().strip()
        assert title
        link.click()
        page.wait_for_load_state("load")
        assert tab.path().startswith("posts/"), tab.path()
        assert title_of(page) == title
        assert page.locator(".posts-byline").is_visible()
        page.go_back(wait_until="load")
        assert tab.path() == "index.html"


# -- a post page ----------------------------------------------------------------------------------


def test_post_page_title_byline_and_tags(tab):
    page = tab.open(POST)
    h1 = page.locator("h1")
    assert h1.count() == 1
    title = title_of(page)
    assert title == "Reading time, in numbers"
    headings = page.locator("article :is(h1, h2, h3, h4, h5, h6)").all()
    same = [h for h in headings if h.inner_text().strip().rstrip("#").strip() == title]
    assert len(same) == 1, "the title is shown once"

    byline = page.locator("article .posts-byline")
    assert byline.count() == 1
    assert byline.is_visible()
    time = byline.locator("time[datetime]")
    assert time.count() >= 1
    assert date.fromisoformat(time.first.get_attribute("datetime")[:10]) == date(2026, 11, 2)
    assert time.first.inner_text().strip() == "November 2, 2026"
    assert "min read" in byline.inner_text()

    tags = byline.locator("a.posts-tag")
    names = [name.strip() for name in tags.all_inner_texts()]
    assert names == ["reading time", "configuration", "math"]
    for index, name in enumerate(names):
        tags.nth(index).click()
        page.wait_for_load_state("load")
        assert tab.path().startswith("blog/tag/"), tab.path()
        assert name in title_of(page)
        assert title in entry_titles(page), f"the {name!r} page lists the post"
        page.go_back(wait_until="load")
        assert tab.path() == POST


def test_post_page_math_is_present_and_visible_as_tex(tab):
    page = tab.open(POST)
    inline = page.locator("article span.math")
    display = page.locator("article div.math")
    assert inline.count() >= 3
    assert display.count() >= 2
    for math in [*inline.all(), *display.all()]:
        assert math.is_visible()
        text = math.inner_text()
        assert "\\(" in text or "\\[" in text, text
    assert "\\frac{w}{r}" in display.first.inner_text()
    # MathJax is on a CDN, which this test never reaches: nothing was typeset
    assert page.locator("mjx-container").count() == 0


def test_post_page_previous_and_next_links_navigate(tab):
    page = tab.open(POST)
    for selector in (".posts-prevnext a.posts-prev", ".posts-prevnext a.posts-next"):
        link = page.locator(selector)
        assert link.count() == 1, selector
        target = link.locator(".posts-prevnext-title").inner_text().strip()
        link.click()
        page.wait_for_load_state("load")
        assert tab.path().startswith("posts/") and tab.path() != POST
        assert title_of(page) == target
        page.go_back(wait_until="load")
        assert tab.path() == POST


# -- generated pages ------------------------------------------------------------------------------


def test_tag_page_lists_its_posts(tab):
    page = tab.open("blog/tag/design.html")
    assert "design" in title_of(page)
    titles = entry_titles(page)
    assert "Anatomy of a post page" in titles
    assert "Comments on a static blog" not in titles, "a draft is not listed"
    entries = page.locator(".posts-entry")
    for index in range(entries.count()):
        assert entries.nth(index).locator("time[datetime]").count() == 1
    page.locator(".posts-entry-title a", has_text="Anatomy of a post page").click()
    page.wait_for_load_state("load")
    assert tab.path() == "posts/anatomy-of-a-post.html"


def test_pagination_goes_to_page_two_and_back(paged_tab):
    tab = paged_tab
    page = tab.open("blog.html")
    first = entry_titles(page)
    assert len(first) == 3
    nav = page.locator("nav.posts-pagination")
    assert nav.is_visible()
    assert nav.locator('[aria-current="page"]').inner_text().strip() == "1"
    nav.locator("a", has_text=re.compile(r"^\s*2\s*$")).click()
    page.wait_for_load_state("load")
    assert tab.path() == "blog/page/2.html"
    second = entry_titles(page)
    assert 0 < len(second) <= 3
    assert not set(first) & set(second)
    nav = page.locator("nav.posts-pagination")
    assert nav.locator('[aria-current="page"]').inner_text().strip() == "2"
    nav.locator('a[rel="prev"]').click()
    page.wait_for_load_state("load")
    assert tab.path() == "blog.html"
    assert entry_titles(page) == first
    # and on through "Older posts" to the last page, which has no further link
    seen = list(first)
    while (older := page.locator('nav.posts-pagination a[rel="next"]')).count():
        older.click()
        page.wait_for_load_state("load")
        seen += entry_titles(page)
    assert len(seen) == len(set(seen))
    assert len(seen) > 6


def test_archive_links_to_years_and_posts(tab):
    page = tab.open("blog/archive.html")
    assert title_of(page)
    years = page.locator(".posts-archive-year")
    assert years.count() >= 2
    labels = [label.strip() for label in years.locator("h2 a").all_inner_texts()]
    assert labels == sorted(labels, reverse=True)
    for index in range(years.count()):
        entries = years.nth(index).locator("li")
        assert entries.count() > 0
        for entry in entries.all():
            assert entry.locator("time[datetime]").count() == 1
            assert entry.locator("a").count() == 1
    years.first.locator("h2 a").click()
    page.wait_for_load_state("load")
    assert tab.path() == f"blog/{labels[0]}.html"
    assert labels[0] in title_of(page)
    page.go_back(wait_until="load")
    post = years.first.locator("li a").first
    title = post.inner_text().strip()
    post.click()
    page.wait_for_load_state("load")
    assert title_of(page) == title


# -- light and dark mode: screenshots, background, contrast ---------------------------------------

COLOURS = """
(el) => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const rgba = (colour) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#000';
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (top, below) => top.slice(0, 3).map((c, i) => c * top[3] + below[i] * (1 - top[3]));
  const layers = [];
  for (let node = el; node; node = node.parentElement) {
    layers.push(rgba(getComputedStyle(node).backgroundColor));
  }
  let background = [255, 255, 255];
  for (const layer of layers.reverse()) background = over(layer, background);
  const style = getComputedStyle(el);
  return {
    text: over(rgba(style.color), background),
    background: background,
    size: parseFloat(style.fontSize),
    weight: parseInt(style.fontWeight, 10),
    label: (el.className || el.tagName) + ': ' + el.textContent.trim().slice(0, 40),
  };
}
"""

# byline text and tag badges, on posts and in lists; the muted dates and counts of the archive and
# the sidebars
CONTRASTED = (
    ".posts-byline-date time, .posts-byline-updated, .posts-author, .posts-byline-reading, "
    ".posts-tag, .posts-entry-meta time, .posts-reading, .posts-prevnext-label, "
    ".posts-archive time, .posts-recent time, .posts-count"
)


def luminance(rgb: list[float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: list[float], second: list[float]) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def set_mode(page: Page, mode: str) -> None:
    """pydata-sphinx-theme's switch: ``data-theme`` on ``<html>`` (furo reads it on ``<body>``)."""
    page.evaluate(
        """mode => { document.documentElement.dataset.theme = mode;
                     document.documentElement.dataset.mode = mode;
                     document.body.dataset.theme = mode;
                     localStorage.setItem('theme', mode); localStorage.setItem('mode', mode); }""",
        mode,
    )
    page.wait_for_function("mode => document.documentElement.dataset.theme === mode", arg=mode)


def body_background(page: Page) -> list[float]:
    return page.locator("body").evaluate(COLOURS)["background"]


def contrast_problems(page: Page, mode: str) -> tuple[int, list[str]]:
    problems = []
    measured = 0
    for element in page.locator(CONTRASTED).all():
        if not element.is_visible():
            continue
        colours = element.evaluate(COLOURS)
        large = colours["size"] >= 24 or (colours["size"] >= 18.66 and colours["weight"] >= 700)
        needed = 3.0 if large else 4.5
        ratio = contrast(colours["text"], colours["background"])
        measured += 1
        if ratio < needed:
            text = [round(c) for c in colours["text"]]
            background = [round(c) for c in colours["background"]]
            problems.append(
                f"{mode}: {colours['label']!r} contrast {ratio:.2f} < {needed} "
                f"(text rgb{tuple(text)} on rgb{tuple(background)}, {colours['size']}px)"
            )
    return measured, problems


def screenshot(page: Page, outdir: Path, name: str) -> None:
    folder = outdir / "_screenshots"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True, animations="disabled")


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("landing", "index.html"),
        ("post", POST),
        ("tag", "blog/tag/tutorial.html"),
        ("archive", "blog/archive.html"),
    ],
)
def test_light_and_dark_mode_backgrounds_contrast_and_screenshots(tab, site, name, path):
    page = tab.open(path)
    page.add_style_tag(content=NO_TRANSITIONS)
    backgrounds = {}
    problems = []
    for mode in ("light", "dark"):
        set_mode(page, mode)
        backgrounds[mode] = body_background(page)
        measured, found = contrast_problems(page, mode)
        assert measured > 0, f"no byline or tag text measured on {path}"
        problems += found
        screenshot(page, site.outdir, f"{name}-{mode}")
    assert contrast(backgrounds["light"], backgrounds["dark"]) > 3, backgrounds
    assert luminance(backgrounds["dark"]) < luminance(backgrounds["light"])
    assert problems == [], "\n".join(problems)


def test_furo_light_and_dark_mode_byline_contrast(browser, furo_site):
    """Under furo (no pydata colour variables) the byline must stay readable in both modes."""
    backgrounds = {}
    problems = []
    for mode in ("light", "dark"):
        with open_tab(browser, furo_site, scheme=mode) as tab:
            page = tab.open(POST)
            page.add_style_tag(content=NO_TRANSITIONS)
            set_mode(page, mode)
            backgrounds[mode] = body_background(page)
            measured, found = contrast_problems(page, f"furo {mode}")
            assert measured > 0
            problems += found
            screenshot(page, furo_site.outdir, f"furo-post-{mode}")
    assert luminance(backgrounds["dark"]) < luminance(backgrounds["light"]), backgrounds
    assert problems == [], "\n".join(problems)
