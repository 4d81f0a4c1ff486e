"""Files a post's raw HTML points to are published with the page, whatever the builder.

Sphinx copies only what its image and download nodes name; raw ``<img src>`` in a post would
be a broken image without a word. See read/rawfiles.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from helpers import build

if TYPE_CHECKING:
    from pathlib import Path

CONF = 'extensions = ["myst_parser", "sphinx_posts"]\nexclude_patterns = ["_build"]\n'
PNG = b"\x89PNG\r\n\x1a\n"
POST = """---
title: A post
date: 2024-01-02
---
<div class="fig"><img src="pics/a.png" style="border:none"><img src='/shared/b.png?v=2'></div>

A <a href="../docs/paper.pdf#page=2">paper</a>, <a href="/about/">a page</a>,
<img src="nowhere.png"> and <img src="out.png">.
"""


def site(tmp_path: Path) -> tuple[Path, Path]:
    src = tmp_path / "site"
    for name, content in {
        "conf.py": CONF.encode(),
        "index.md": b"# Home\n",
        "posts/a.md": POST.encode(),
        "posts/pics/a.png": PNG,
        "shared/b.png": PNG,
        "docs/paper.pdf": b"%PDF-1.4\n",
    }.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_bytes(content)
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not the site's")
    (src / "posts" / "out.png").symlink_to(secret)
    return src, secret


@pytest.mark.parametrize(
    ("builder", "page"), [("html", "posts/a.html"), ("dirhtml", "posts/a/index.html")]
)
def test_raw_html_files_are_published(make_app, tmp_path, builder, page):
    src, secret = site(tmp_path)
    app = make_app(builder, srcdir=src)
    warnings = build(app, expect_warnings=True)
    assert warnings.count("[posts.file]") == 2, warnings
    assert "'nowhere.png'" in warnings
    assert "'out.png'" in warnings  # a symlink out of the source folder is not followed
    soup = BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")
    body = soup.select_one("div.body")
    urls = [img["src"] for img in body.select("img")] + [a["href"] for a in body.select("a")]
    depth = "../" * page.count("/")
    assert f"{depth}_images/posts/posts/pics/a.png" in urls
    assert f"{depth}_images/posts/shared/b.png?v=2" in urls  # the query is kept
    assert f"{depth}_images/posts/docs/paper.pdf#page=2" in urls  # so is the fragment
    assert "/about/" in urls and "nowhere.png" in urls and "out.png" in urls
    for url in urls:
        target = (app.outdir / page).parent / url.split("?")[0].split("#")[0]
        if "_images" in url:
            assert target.resolve().is_file(), url
    assert 'style="border:none"' in str(body)  # the HTML is kept as written
    assert not any(p.read_bytes() == secret.read_bytes() for p in app.outdir.rglob("*.png"))


def test_a_missing_file_is_reported_by_every_build(make_app, tmp_path):
    """The post depends on the files it names: a rebuild reads it again and warns again
    (incremental == clean), and a file added later is then published."""
    src, _ = site(tmp_path)
    assert build(make_app("html", srcdir=src), expect_warnings=True).count("[posts.file]") == 2
    again = make_app("html", srcdir=src)
    assert build(again, expect_warnings=True).count("[posts.file]") == 2
    (src / "posts" / "nowhere.png").write_bytes(PNG)
    last = make_app("html", srcdir=src)
    assert build(last, expect_warnings=True).count("[posts.file]") == 1
    assert (last.outdir / "_images" / "posts" / "posts" / "nowhere.png").is_file()


def test_a_file_is_copied_again_when_it_changes_only(make_app, tmp_path):
    """Copied once, not on every build; a new version of the file replaces the old copy."""
    src, _ = site(tmp_path)
    build(make_app("html", srcdir=src), expect_warnings=True)
    app = make_app("html", srcdir=src)
    copy = app.outdir / "_images" / "posts" / "posts" / "pics" / "a.png"
    copy.write_bytes(PNG)  # same bytes, a new time: a copy the builds did not make
    made = copy.stat().st_mtime_ns
    build(app, expect_warnings=True)
    assert copy.stat().st_mtime_ns != made  # not the source's time: copied again
    kept = copy.stat().st_ctime_ns  # changes with any write, even of the same bytes and times
    build(make_app("html", srcdir=src), expect_warnings=True)
    assert copy.stat().st_ctime_ns == kept  # unchanged: left alone
    (src / "posts" / "pics" / "a.png").write_bytes(PNG + b"new")
    build(make_app("html", srcdir=src), expect_warnings=True)
    assert copy.read_bytes() == PNG + b"new"
