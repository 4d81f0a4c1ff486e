"""After an upgrade of sphinx-posts, generated pages and feeds are made again: the same posts
may come out differently (a fixed escape, a new template), and a record made by another
version must not keep the old files."""

from __future__ import annotations

import pytest
from helpers import build, copy_root

from sphinx_posts.generate import feeds, pages


def stamps(outdir) -> dict[str, int]:
    return {name: (outdir / name).stat().st_mtime_ns for name in ("blog.html", "blog/2024.html")}


@pytest.mark.parametrize("upgraded", [False, True])
def test_new_code_rewrites_generated_pages_and_feeds(
    make_app, rootdir, tmp_path, monkeypatch, upgraded
):
    srcdir = copy_root(rootdir, tmp_path, "publishing")
    first = make_app("html", srcdir=srcdir)
    build(first)
    before = stamps(first.outdir)
    first.cleanup()

    # the "new version" titles its feeds differently; only its code fingerprint tells
    monkeypatch.setattr(feeds, "feed_title", lambda config, name, *_, **__: f"{name} (new)")
    if upgraded:
        for module in (pages, feeds):
            monkeypatch.setattr(module, "code_key", lambda: "another version")
    again = make_app("html", srcdir=srcdir)
    build(again)
    atom = (again.outdir / "blog" / "atom.xml").read_text(encoding="utf-8")
    after = stamps(again.outdir)
    assert ("(new)" in atom) == upgraded
    assert all(after[name] != before[name] for name in before) == upgraded
