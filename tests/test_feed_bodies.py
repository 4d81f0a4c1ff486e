"""Feed content comes from the post bodies kept between builds (``sphinx_posts.generate.bodies``):
written by parallel workers or the main process, refreshed by edits, forgotten with deleted
posts, robust to a worker killed mid-write."""

from __future__ import annotations

import sqlite3

import pytest
from feedtools import ENVIRONMENT, atom
from helpers import build, copy_root, plain, written_docs

from sphinx_posts.generate.bodies import BodyStore


@pytest.fixture(autouse=True)
def _no_build_environment(monkeypatch):
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


def contents(app) -> dict[str, str]:
    """Entry title -> its content in the site-wide Atom feed."""
    return {entry.title: entry.content[0].value for entry in atom(app).entries}


def stored(app) -> dict[str, str]:
    path = app.doctreedir / f"posts-{app.builder.name}-bodies.sqlite"
    with sqlite3.connect(path) as connection:
        return dict(connection.execute("SELECT docname, body FROM bodies"))


def test_bodies_written_by_parallel_workers_reach_the_feed(make_app, rootdir, tmp_path):
    app = make_app("html", srcdir=copy_root(rootdir, tmp_path, "feeds"), parallel=2)
    build(app)
    assert app.parallel == 2
    found = contents(app)
    bodies = {
        "Spring notes": "The spring post body.",
        "Summer notes": "The summer post body.",
        "Autumn notes": "The autumn post has no description",
        "Winter notes": "The winter post links to",
    }
    for title, text in bodies.items():
        assert text in found[title]
    assert set(stored(app)) >= {"posts/spring", "posts/summer", "posts/autumn", "posts/winter"}
    assert not list((app.doctreedir / "posts-html-bodies").glob("*.jsonl"))  # all folded in


def test_a_body_edit_alone_updates_the_feed_and_deleting_a_post_forgets_it(
    make_app, rootdir, tmp_path
):
    srcdir = copy_root(rootdir, tmp_path, "feeds")
    first = make_app("html", srcdir=srcdir)
    build(first)
    first.cleanup()
    spring = srcdir / "posts" / "spring.md"
    spring.write_text(
        spring.read_text(encoding="utf-8").replace("The spring post body.", "A rewritten body."),
        encoding="utf-8",
    )
    (srcdir / "posts" / "winter.md").unlink()
    again = make_app("html", srcdir=srcdir)
    build(again)
    found = contents(again)
    assert "A rewritten body." in found["Spring notes"]
    assert "The spring post body" not in found["Spring notes"]
    assert "Winter notes" not in found
    assert "posts/winter" not in stored(again)
    assert "The summer post body" in found["Summer notes"]  # kept from the first build


def test_a_half_written_spool_line_is_skipped(make_app, rootdir, tmp_path):
    """A worker killed in the middle of a line leaves it unfinished; the rest still counts."""
    srcdir = copy_root(rootdir, tmp_path, "feeds")
    app = make_app("html", srcdir=srcdir)
    build(app)
    spools = app.doctreedir / "posts-html-bodies"
    spools.mkdir(exist_ok=True)
    (spools / "999999.jsonl").write_text(
        '["posts/spring", "<p>From a finished line.</p>"]\n["posts/summer", "<p>cut sh',
        encoding="utf-8",
    )
    store = BodyStore(app)
    assert store.fold(["posts/spring", "posts/summer"]) is True
    kept = store.bodies(["posts/spring", "posts/summer"])
    assert kept["posts/spring"] == "<p>From a finished line.</p>"
    assert "The summer post body" in kept["posts/summer"]
    assert not list(spools.glob("*.jsonl"))
    assert store.fold(["posts/spring", "posts/summer"]) is False  # nothing new the second time


@pytest.mark.parametrize("damage", ["unreadable", "lost"])
def test_posts_without_a_kept_body_are_written_again(make_app, rootdir, tmp_path, damage):
    """A damaged or deleted store costs one rewrite of the posts, never an empty feed entry."""
    srcdir = copy_root(rootdir, tmp_path, "feeds")
    app = make_app("html", srcdir=srcdir)
    build(app)
    app.cleanup()
    posts = set(stored(app))
    store = app.doctreedir / "posts-html-bodies.sqlite"
    if damage == "unreadable":
        store.write_bytes(b"not a database" * 100)
    else:
        store.unlink()
    again = make_app("html", srcdir=srcdir)
    build(again)
    status = plain(again.status.getvalue())
    assert "0 added, 0 changed, 0 removed" in status  # nothing re-read, only written
    assert set(written_docs(again)) == posts
    assert set(stored(again)) == posts
    assert "The summer post body" in contents(again)["Summer notes"]
