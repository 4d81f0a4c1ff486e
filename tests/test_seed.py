"""The seed post, verbatim, builds cleanly with the stack writers use."""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import article, build, copy_root, html, posts_of

HERE = Path(__file__).parent
COMMITTED = HERE / "roots" / "test-seed" / "posts" / "intro-llms.md"
SHARED = Path(__file__).parents[2] / "shared" / "seeds" / "000_60efd1ed21ea2f7d.txt"
"""The shared seed (``../shared/seeds/`` beside the repository), where that folder exists."""
SEED_SHA256 = "3f6a5e985375afbeca83148b8a13798fa0a948d0f263e9e5f9c5196c68e20de8"
"""The seed's SHA-256, recorded from the shared copy: the committed copy is checked in any clone."""
TITLE = "Introduction to Large Language Models"
OUTPUT = {"html": "posts/intro-llms.html", "dirhtml": "posts/intro-llms/index.html"}


def test_committed_seed_is_verbatim():
    committed = COMMITTED.read_bytes()
    assert hashlib.sha256(committed).hexdigest() == SEED_SHA256
    if SHARED.exists():  # beside the project's shared folder: the same bytes, still
        assert committed == SHARED.read_bytes()


def _resolves(app, page: str, href: str) -> bool:
    """Whether a relative link from ``page`` points at a file the build wrote."""
    path = urlsplit(href).path
    target = (app.outdir / page).parent / path
    if href.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target.resolve().is_file()


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_seed_post_builds_without_warnings(make_app, rootdir, tmp_path, builder):
    app = make_app(builder, srcdir=copy_root(rootdir, tmp_path, "seed"))
    build(app)
    assert app.config.html_theme == "pydata_sphinx_theme"

    post = posts_of(app)["posts/intro-llms"]
    assert post.title == TITLE
    assert post.tags == ("Machine Learning", "Large Language Model")
    assert post.description.startswith("A beginner's guide")

    page = OUTPUT[builder]
    soup = html(app, page)
    body = article(soup)
    h1s = body.find_all("h1")
    assert len(h1s) == 1
    assert TITLE in h1s[0].get_text()
    assert TITLE in soup.title.get_text()

    byline = body.select_one(".posts-byline")
    assert byline is not None
    time = byline.find("time")
    assert time["datetime"] == "2025-03-20"
    assert time.get_text(strip=True) == "Mar 20, 2025"
    tags = [tag.get_text(strip=True) for tag in byline.select(".posts-tag")]
    assert tags == ["Machine Learning", "Large Language Model"]
    for link in byline.select("a[href]"):
        href = link["href"]
        if not urlsplit(href).scheme:
            assert _resolves(app, page, href), f"{href} from {page} points nowhere"

    assert body.select("span.math"), "inline $...$ is not rendered as math"
    assert body.select("div.math"), "$$...$$ is not rendered as math"
    assert "softmax" in body.select("div.math")[0].get_text()
