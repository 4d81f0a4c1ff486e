"""Accessibility of what sphinx-posts writes, checked on the built HTML with BeautifulSoup.

Two sites: the example site (pydata-sphinx-theme, every page) and ``test-a11y`` (alabaster,
with every sidebar component, each postlist format, pagination, drafts and a scheduled post).
The checks are about our markup (elements whose class starts with ``posts-``) where the theme's
own chrome would otherwise be judged, and about whole pages where we decide the outline
(one ``h1``, headings that go down one level at a time in the article).
"""

from __future__ import annotations

import itertools
import re
import shutil
from datetime import date, datetime
from typing import TYPE_CHECKING

import pytest
from dateutil import parser as dateparser
from example_site import build_site, built_example_site, pages, soup_of
from helpers import article

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from bs4 import BeautifulSoup, Tag

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
VAGUE = {"here", "click here", "more", "read more", "read more…", "…", "link", "this", "continue"}
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
SHOWN_DATE = re.compile(
    rf"\b{MONTH} \d{{1,2}}, \d{{4}}\b|\b\d{{1,2}} {MONTH} \d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
)
YEAR_MONTH = re.compile(r"^\d{4}(?:-\d{2})?$")


class Pages(dict):
    """Parsed pages of a built site by output path (a short repr for pytest's tracebacks)."""

    def __init__(self, site: str, outdir: Path) -> None:
        super().__init__(
            (page.relative_to(outdir).as_posix(), soup_of(page)) for page in pages(outdir)
        )
        self.site = site

    def __repr__(self) -> str:
        return f"<{len(self)} pages of {self.site}>"


@pytest.fixture(scope="module")
def example_pages(tmp_path_factory) -> Pages:
    return Pages("example-site", built_example_site(tmp_path_factory))


@pytest.fixture(scope="module")
def a11y_pages(rootdir, tmp_path_factory) -> Pages:
    root = tmp_path_factory.mktemp("a11y")
    srcdir = root / "src"
    shutil.copytree(rootdir / "test-a11y", srcdir)
    outdir, warnings = build_site(srcdir, root / "build")
    assert warnings == ""
    return Pages("test-a11y", outdir)


def ours(tag: Tag) -> bool:
    """Whether ``tag`` is, or is inside, markup from our templates (a ``posts-*`` class)."""
    for node in [tag, *tag.parents]:
        if any(name.startswith("posts-") for name in node.get("class") or ()):
            return True
    return False


def accessible_name(soup: BeautifulSoup, tag: Tag) -> str:
    if tag.get("aria-label", "").strip():
        return tag["aria-label"].strip()
    if tag.get("aria-labelledby"):
        parts = [soup.find(id=ref) for ref in tag["aria-labelledby"].split()]
        return " ".join(part.get_text(" ", strip=True) for part in parts if part is not None)
    text = tag.get_text(" ", strip=True)
    alts = " ".join(img.get("alt", "") for img in tag.find_all("img"))
    return " ".join(f"{text} {alts}".split())


def both(*sites: Pages) -> dict[str, BeautifulSoup]:
    return {f"{site.site}/{name}": soup for site in sites for name, soup in site.items()}


# -- the checks: each returns the problems it finds on one page ---------------------------------


def landmark_problems(soup: BeautifulSoup) -> list[str]:
    problems = []
    mains = soup.find_all("main") or soup.find_all(attrs={"role": "main"})
    if len(mains) != 1:
        problems.append(f"{len(mains)} main landmarks")
    for nav in soup.find_all(["nav", "aside"]) + soup.find_all(attrs={"role": "navigation"}):
        if not ours(nav):
            continue
        if not accessible_name(soup, nav) or (
            nav.get("aria-labelledby")
            and not nav.get("aria-label")
            and any(soup.find(id=ref) is None for ref in nav["aria-labelledby"].split())
        ):
            problems.append(f"<{nav.name} class={nav.get('class')}> has no accessible name")
    ids = [tag["id"] for tag in soup.find_all(id=True) if tag["id"].startswith("posts-")]
    problems += [f"id {name!r} used twice" for name in sorted({i for i in ids if ids.count(i) > 1})]
    return problems


def outline_problems(soup: BeautifulSoup) -> list[str]:
    problems = []
    h1s = soup.find_all("h1")
    if len(h1s) != 1:
        problems.append(f"{len(h1s)} h1 elements: {[h.get_text(' ', strip=True) for h in h1s]}")
    levels = [
        (int(h.name[1]), h.get_text(" ", strip=True)) for h in article(soup).find_all(HEADINGS)
    ]
    if levels and levels[0][0] != 1:
        problems.append(f"the article starts with h{levels[0][0]} {levels[0][1]!r}")
    for (before, _), (level, text) in itertools.pairwise(levels):
        if level > before + 1:
            problems.append(f"h{before} is followed by h{level} {text!r}")
    return problems


def link_text_problems(soup: BeautifulSoup) -> list[str]:
    problems = []
    for link in soup.find_all("a", href=True):
        if not ours(link):
            continue
        name = accessible_name(soup, link)
        shown = link.get_text(" ", strip=True).lower().rstrip(".:")
        if not name:
            problems.append(f"empty link to {link['href']!r}")
        elif shown in VAGUE and not link.get("aria-label", "").strip():
            problems.append(f"link text {shown!r} to {link['href']!r} says not where it goes")
    return problems


def image_problems(soup: BeautifulSoup) -> list[str]:
    return [
        f"card image {img.get('src')!r} has no alt"
        for img in soup.select(".posts-card img, .posts-postcard img, .posts-entry img")
        if img.get("alt") is None
    ]


def valid_datetime(value: str) -> date | None:
    """The day of an HTML ``datetime`` value (a date or a date and time, ISO 8601)."""
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def time_problems(soup: BeautifulSoup) -> list[str]:
    problems = []
    for time in soup.find_all("time"):
        value = time.get("datetime", "").strip()
        text = time.get_text(" ", strip=True)
        if not value:
            problems.append(f"<time>{text}</time> has no datetime")
            continue
        if YEAR_MONTH.match(value):
            continue
        day = valid_datetime(value)
        if day is None:
            problems.append(f"<time datetime={value!r}> is not ISO 8601")
            continue
        try:
            shown = dateparser.parse(text).date()
        except (ValueError, OverflowError):
            continue
        if shown != day:
            problems.append(f"<time datetime={value!r}> shows another day: {text!r}")
    return problems


def untimed_date_problems(soup: BeautifulSoup) -> list[str]:
    """Dates our markup shows as plain text instead of in a ``<time datetime>``."""
    problems = []
    for string in soup.find_all(string=SHOWN_DATE):
        parent = string.parent
        if parent is None or parent.name in ("script", "style", "code", "pre"):
            continue
        if ours(parent) and parent.name != "time" and parent.find_parent("time") is None:
            where = next(
                name
                for node in [parent, *parent.parents]
                for name in node.get("class") or ()
                if name.startswith("posts-")
            )
            problems.append(f"date outside <time> in .{where}: {string.strip()!r}")
    return problems


def check(test: Callable[[BeautifulSoup], list[str]], *sites: Pages) -> None:
    problems = [
        f"{name}: {problem}" for name, soup in both(*sites).items() for problem in test(soup)
    ]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


# -- tests --------------------------------------------------------------------------------------


def test_the_sites_have_the_pages_we_check(example_pages, a11y_pages):
    for name in ("index.html", "blog.html", "blog/archive.html", "blog/tag/math.html"):
        assert name in example_pages
    assert "blog/page/2.html" in a11y_pages
    cards = [img for soup in a11y_pages.values() for img in soup.select(".posts-card img")]
    assert cards, "test-a11y shows a card with an image"
    assert a11y_pages["posts/pictures.html"].select(".posts-postcard")


def test_landmarks_and_labelled_navigation(example_pages, a11y_pages):
    check(landmark_problems, example_pages, a11y_pages)


def test_one_h1_and_headings_in_order(example_pages, a11y_pages):
    check(outline_problems, example_pages, a11y_pages)


def test_links_say_where_they_go(example_pages, a11y_pages):
    check(link_text_problems, example_pages, a11y_pages)


def test_card_images_have_alt(example_pages, a11y_pages):
    check(image_problems, example_pages, a11y_pages)


def test_time_elements_have_iso_datetimes_of_the_day_shown(example_pages, a11y_pages):
    check(time_problems, example_pages, a11y_pages)


def test_dates_we_show_are_time_elements(example_pages, a11y_pages):
    check(untimed_date_problems, example_pages, a11y_pages)


def test_generated_list_pages_label_their_pagination(a11y_pages):
    for name in ("blog.html", "blog/page/2.html"):
        nav = a11y_pages[name].select_one("nav.posts-pagination")
        assert nav is not None, name
        assert nav.get("aria-label"), name
        current = nav.select('[aria-current="page"]')
        assert len(current) == 1, name
        assert current[0].get_text(strip=True) == ("1" if name == "blog.html" else "2")


def test_post_pages_have_one_title_and_a_byline(example_pages, a11y_pages):
    for name, soup in both(example_pages, a11y_pages).items():
        if "/posts/" not in name:
            continue
        body = article(soup)
        assert len(body.find_all("h1")) == 1, name
        assert body.select_one(".posts-byline time[datetime]"), name
