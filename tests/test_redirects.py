"""ABlog's ``:redirect:``: a post's old addresses forward readers to it, inside the site only."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from helpers import build


def _refresh_target(path) -> str:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None
    assert soup.find("meta", attrs={"name": "robots", "content": "noindex"}) is not None
    return refresh["content"].split("url=", 1)[1]


@pytest.mark.sphinx("html", testroot="redirect")
def test_old_addresses_forward_to_the_post(app):
    build(app)
    assert _refresh_target(app.outdir / "2013" / "old-post.html") == "../posts/moved.html"
    assert _refresh_target(app.outdir / "archive" / "older.html") == "../posts/moved.html"
    # ``../../escape`` stays inside the output folder
    assert _refresh_target(app.outdir / "escape.html") == "posts/moved.html"
    outdir = app.outdir.resolve()
    assert not (outdir.parent / "escape.html").exists()
    assert not (outdir.parent.parent / "escape.html").exists()


@pytest.mark.sphinx("dirhtml", testroot="redirect")
def test_old_addresses_forward_to_the_post_in_dirhtml(app):
    build(app)
    target = _refresh_target(app.outdir / "2013" / "old-post" / "index.html")
    assert target == "../../posts/moved/"
    assert (app.outdir / "posts" / "moved" / "index.html").is_file()
