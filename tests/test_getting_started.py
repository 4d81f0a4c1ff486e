"""The getting-started page, followed to the letter: its conf.py, home page and first post
build with ``-W``, and the math, the post list and the feeds it promises are there."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
from helpers import article, build, html, plain

PAGE = Path(__file__).parents[1] / "example-site" / "docs" / "getting-started.md"
FENCE = re.compile(r"^(`{3,})(\w+)\n(.*?)^\1$", re.MULTILINE | re.DOTALL)


def blocks(section: str) -> list[tuple[str, str]]:
    """The (language, text) of each fenced block in one ``##`` section of the page."""
    text = PAGE.read_text(encoding="utf-8")
    body = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return [(match[2], match[3]) for match in FENCE.finditer(body)]


def documented_site(tmp_path: Path) -> Path:
    site = tmp_path / "myblog"
    (site / "posts").mkdir(parents=True)
    setup = dict(blocks("A site of your own"))
    (site / "conf.py").write_text(setup["python"], encoding="utf-8")
    (site / "index.md").write_text(setup["markdown"], encoding="utf-8")
    first_post = dict(blocks("Write a first post"))["markdown"]
    (site / "posts" / "hello-world.md").write_text(first_post, encoding="utf-8")
    return site


def test_the_documented_site_builds_with_W(make_app, tmp_path):
    app = make_app("html", srcdir=documented_site(tmp_path), warningiserror=True)
    build(app)
    post = article(html(app, "posts/hello-world.html"))
    assert post.h1.get_text().strip("¶") == "Hello, world"
    assert post.select("span.math"), "the post's $...$ is math"
    home = html(app, "index.html")
    assert home.find("a", href="posts/hello-world.html"), "the home page lists the post"
    feed = feedparser.parse((app.outdir / "blog" / "atom.xml").read_bytes())
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Hello, world"]


def test_without_a_base_url_W_passes_and_the_build_says_why_there_are_no_feeds(make_app, tmp_path):
    site = documented_site(tmp_path)
    conf = site / "conf.py"
    conf.write_text(
        "\n".join(
            line
            for line in conf.read_text(encoding="utf-8").splitlines()
            if not line.startswith("html_baseurl")
        ),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=site, warningiserror=True)
    build(app)
    assert not (app.outdir / "blog" / "atom.xml").exists()
    said = plain(app.status.getvalue())
    assert said.count("no feeds written") == 1
    assert "html_baseurl" in said
