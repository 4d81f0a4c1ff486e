"""Shared sidebars (``posts_sidebars = "shared"``, issue 15): pages carry slots, one file
carries the site-wide components, and a browser puts them together.

The site is the correctness root (every component on every page, basic theme) with a few
posts. The browser tests drive Debian's Chromium as ``test_browser.py`` does, no network, over
HTTP and from ``file://`` (where ``fetch`` would fail; the components come as a script), for
the ``html`` and ``dirhtml`` builders and pages at several depths.
"""

from __future__ import annotations

import json
import re
import shutil
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from test_browser import serve

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser

POSTS = {
    "alpha": ("Alpha", "2024-01-01", ["Python", "Rust"]),
    "beta": ("Beta", "2024-02-01", ["Python"]),
    "gamma": ("Gamma", "2023-03-01", ["Rust"]),
}


def make_site(rootdir: Path, srcdir: Path, conf: str = "") -> Path:
    shutil.copytree(rootdir / "test-correctness", srcdir)
    (srcdir / "posts" / "deep").mkdir(parents=True)
    for stem, (title, date, tags) in POSTS.items():
        folder = "posts/deep" if stem == "gamma" else "posts"
        (srcdir / folder / f"{stem}.md").write_text(
            f"---\ndate: {date}\ntags: {json.dumps(tags)}\n---\n# {title}\n\nText.\n",
            encoding="utf-8",
        )
    if conf:
        with (srcdir / "conf.py").open("a", encoding="utf-8") as handle:
            handle.write("\n" + conf + "\n")
    return srcdir


def build(make_app, srcdir: Path, builddir: Path, builder: str = "html"):
    app = make_app(builder, srcdir=srcdir, builddir=builddir)
    app.build()
    app.cleanup()
    return app


def test_pages_carry_slots_and_the_shared_file_carries_the_components(make_app, rootdir, tmp_path):
    """A page shows each site-wide component's heading, linking to its overview (what a
    reader without JavaScript gets), and loads the script; the file holds the components with
    links from the site's root."""
    app = build(make_app, make_site(rootdir, tmp_path / "src"), tmp_path / "build")
    page = BeautifulSoup((app.outdir / "posts/deep/gamma.html").read_text("utf-8"), "html.parser")
    slots = {slot["data-posts-shared"]: slot for slot in page.select("[data-posts-shared]")}
    assert set(slots) == {"recent", "tags", "archives"}  # no categories or authors: no slot
    assert slots["tags"].a["href"] == "../../blog/tag.html"
    assert slots["archives"].a["href"] == "../../blog/archive.html"
    assert not page.select(".posts-tagcloud")  # the cloud itself is not in the page
    script = page.select_one("script[data-posts-sidebars]")
    assert script["data-posts-sidebars"] == "blog/_sidebars.js"
    assert script["src"].startswith("../../_static/posts-sidebars.js")
    text = (app.outdir / "blog/_sidebars.js").read_text("utf-8")
    match = re.fullmatch(r"postsSidebarsLoaded\((.*)\);\n", text, re.DOTALL)
    assert match
    fragments = json.loads(match[1])
    assert set(fragments) == {"recent", "tags", "categories", "authors", "archives"}
    assert fragments["categories"] == fragments["authors"] == ""
    cloud = BeautifulSoup(fragments["tags"], "html.parser")
    assert [a["href"] for a in cloud.select(".posts-tagcloud a")] == [
        "blog/tag/python.html",
        "blog/tag/rust.html",
    ]


def test_inline_sidebars_are_written_into_each_page(make_app, rootdir, tmp_path):
    srcdir = make_site(rootdir, tmp_path / "src", 'posts_sidebars = "inline"')
    app = build(make_app, srcdir, tmp_path / "build")
    page = (app.outdir / "posts/alpha.html").read_text("utf-8")
    assert "data-posts-shared" not in page and "posts-sidebars.js" not in page
    assert 'class="posts-tagcloud"' in page
    assert not (app.outdir / "blog/_sidebars.js").exists()


def test_switching_to_inline_removes_the_shared_file(make_app, rootdir, tmp_path):
    srcdir = make_site(rootdir, tmp_path / "src")
    app = build(make_app, srcdir, tmp_path / "build")
    assert (app.outdir / "blog/_sidebars.js").is_file()
    with (srcdir / "conf.py").open("a", encoding="utf-8") as handle:
        handle.write('\nposts_sidebars = "inline"\n')
    app = build(make_app, srcdir, tmp_path / "build")
    assert not (app.outdir / "blog/_sidebars.js").exists()


# ------------------------------------------------------------------------------ in a browser


def shown_sidebars(browser: Browser, url: str) -> dict[str, object]:
    context = browser.new_context()
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(url, wait_until="load")
        page.wait_for_selector(".posts-tagcloud", timeout=10_000)
        tags = page.eval_on_selector_all(
            ".posts-tagcloud a", "links => links.map(a => [a.textContent, a.href])"
        )
        current = page.eval_on_selector_all(
            ".posts-recent [aria-current=page]", "links => links.map(a => a.textContent)"
        )
        slots = page.eval_on_selector_all("[data-posts-shared]", "slots => slots.length")
        tag_url = dict(tags)["Rust"]
        if tag_url.startswith("file:") and tag_url.endswith("/"):
            tag_url += "index.html"  # dirhtml from a folder: no server to pick index.html
        page.goto(tag_url, wait_until="load")
        heading = page.eval_on_selector("h1", "h => h.textContent")
    finally:
        context.close()
    return {"errors": errors, "current": current, "slots": slots, "heading": heading}


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
@pytest.mark.parametrize("scheme", ["http", "file"])
def test_browser_fills_the_slots_at_every_depth(
    browser, make_app, rootdir, tmp_path, builder, scheme
):
    """The script fills every slot; the cloud's links lead to the tag pages from a page at
    the root and from one two folders down; the page's own post is marked current."""
    app = build(make_app, make_site(rootdir, tmp_path / "src"), tmp_path / "build", builder)
    suffix = ".html" if builder == "html" else "/index.html"
    pages = {"index": "Alpha", "posts/deep/gamma": "Gamma"}
    with serve(app.outdir) as site:
        base = site.url if scheme == "http" else app.outdir.as_uri() + "/"
        for pagename, title in pages.items():
            name = "index.html" if pagename == "index" else pagename + suffix
            shown = shown_sidebars(browser, base + name)
            assert shown["errors"] == [], pagename
            assert shown["slots"] == 0, pagename  # every slot replaced by its component
            assert "Rust" in str(shown["heading"]), pagename
            if pagename != "index":
                assert shown["current"] == [title]
