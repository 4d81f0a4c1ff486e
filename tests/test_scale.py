"""No generated page grows with the blog (issue 15): year pages paginate at
``posts_per_year_page`` and, past that many posts, the archive shows months, not posts."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from pathlib import Path

DATES = ["2024-01-05", "2024-01-20", "2024-03-02", "2024-03-09", "2024-07-01", "2023-05-05"]


def test_year_pages_paginate_and_the_archive_shows_months(make_app, rootdir, tmp_path):
    srcdir: Path = tmp_path / "src"
    shutil.copytree(rootdir / "test-correctness", srcdir)
    (srcdir / "posts").mkdir()
    for number, date in enumerate(DATES):
        (srcdir / "posts" / f"p{number}.md").write_text(
            f"---\ndate: {date}\n---\n# Post {number}\n\nText.\n", encoding="utf-8"
        )
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("\nposts_per_year_page = 2\n")
    app = make_app("html", srcdir=srcdir, builddir=tmp_path / "build")
    app.build()
    out = app.outdir

    def soup(path: str) -> BeautifulSoup:
        return BeautifulSoup((out / path).read_text(encoding="utf-8"), "html.parser")

    # 2024's five posts, newest first, two a page
    pages = ["blog/2024.html", "blog/2024/page/2.html", "blog/2024/page/3.html"]
    titles = [[a.get_text() for a in soup(page).select(".posts-entry-title a")] for page in pages]
    assert titles == [["Post 4", "Post 3"], ["Post 2", "Post 1"], ["Post 0"]]
    assert not (out / "blog/2024/page/4.html").exists()

    # more posts than a year page holds: the archive lists months, each linking to the page
    # of its year that holds the month's first post (newest first), at that post's anchor
    archive = soup("blog/archive.html")
    assert not archive.select(".posts-entry-title, .posts-compact li")
    months = {a.get_text(): a["href"] for a in archive.select(".posts-archive-months a")}
    assert months == {
        "January": "2024/page/2.html#2024-01",
        "March": "2024.html#2024-03",
        "July": "2024.html#2024-07",
        "May": "2023.html#2023-05",
    }
    for href in months.values():
        page, anchor = href.split("#")
        assert soup(f"blog/{page}").find(id=anchor), href
