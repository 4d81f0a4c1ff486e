"""Rebuilding after an edit: the domain holds what the sources say now."""

from __future__ import annotations

import os
import time

from helpers import article, build, copy_root, html, plain, posts_of


def _touch_later(path) -> None:
    """Make sure the edit looks newer than the last read, whatever the clock's resolution."""
    later = time.time() + 5
    os.utime(path, (later, later))


def test_edited_tags_and_deleted_posts(make_app, rootdir, tmp_path):
    srcdir = copy_root(rootdir, tmp_path, "site")
    first = make_app("html", srcdir=srcdir)
    build(first)
    assert posts_of(first)["posts/first"].tags == ("Machine Learning", "Python")
    assert "posts/second" in posts_of(first)
    first.cleanup()

    post = srcdir / "posts" / "first.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace(
            "tags: [Machine Learning, Python]", "tags: [Sphinx, Blogging]"
        ),
        encoding="utf-8",
    )
    _touch_later(post)
    (srcdir / "posts" / "second.md").unlink()
    added = srcdir / "posts" / "fourth.md"
    added.write_text("---\ntitle: A new post\ndate: 2025-04-01\n---\n\nNew.\n", encoding="utf-8")

    second = make_app("html", srcdir=srcdir)
    build(second)
    status = plain(second.status.getvalue())
    assert "1 added, 1 changed, 1 removed" in status  # an incremental build, not a full one
    posts = posts_of(second)
    assert posts["posts/first"].tags == ("Sphinx", "Blogging")
    assert "posts/second" not in posts
    assert posts["posts/fourth"].title == "A new post"
    byline = article(html(second, "posts/first.html")).select(".posts-tag")
    assert [tag.get_text(strip=True) for tag in byline] == ["Sphinx", "Blogging"]
    second.cleanup()

    # the incremental records equal a clean build's
    clean = make_app("html", srcdir=srcdir, builddir=tmp_path / "clean", freshenv=True)
    build(clean)
    assert posts_of(clean) == posts
