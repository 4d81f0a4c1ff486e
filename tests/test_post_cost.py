"""A post's cost is linear in its tags, categories and authors (issue 11).

Each of a post's N term pages and N per-term feeds lists it; when each showed all N terms, one
post with 1000 tags took minutes and 5000 did not finish. Nothing here is timed: the tests count
term lookups and bytes written, which grow as N² when an entry carries every term.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from blog_helpers import entry_titles, page
from feedtools import atom
from helpers import warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinx_posts.model import ENTRY_TERMS
from sphinx_posts.store.catalog import Catalog

if TYPE_CHECKING:
    from pathlib import Path

CONF = """\
extensions = ["myst_parser", "sphinx_posts"]
html_baseurl = "https://example.org/"
posts_feed_terms = ["tag", "category", "author"]
"""


def many_terms_site(folder: Path, count: int) -> Path:
    """A site with one post of ``count`` tags, categories and authors, and one plain post."""
    srcdir = folder / "src"
    (srcdir / "posts").mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    (srcdir / "index.md").write_text("# Home\n", encoding="utf-8")
    names = ", ".join(f'"term {number:04d}"' for number in range(count))
    (srcdir / "posts" / "many.md").write_text(
        f"---\ntitle: Many\ndate: 2024-01-01\ntags: [{names}]\ncategories: [{names}]\n"
        f"authors: [{names}]\n---\n\n# Many\n\nA post with {count} of everything.\n",
        encoding="utf-8",
    )
    (srcdir / "posts" / "plain.md").write_text(
        '---\ntitle: Plain\ndate: 2024-01-02\ntags: ["term 0001"]\n---\n\n# Plain\n\nBody.\n',
        encoding="utf-8",
    )
    return srcdir


def build_counting(folder: Path, count: int, monkeypatch) -> tuple[SphinxTestApp, int, int]:
    """Build the site; return the app, the term lookups made and the bytes under ``blog/``."""
    calls = 0
    lookup = Catalog.term

    def counted(self: Catalog, kind: str, name: str):
        nonlocal calls
        calls += 1
        return lookup(self, kind, name)

    monkeypatch.setattr(Catalog, "term", counted)
    app = SphinxTestApp("html", srcdir=many_terms_site(folder, count), builddir=folder / "_build")
    try:
        app.build()
    finally:
        app.cleanup()
        monkeypatch.setattr(Catalog, "term", lookup)
    assert warnings_of(app) == ""
    written = sum(path.stat().st_size for path in (app.outdir / "blog").rglob("*.*"))
    return app, calls, written


def test_a_posts_cost_grows_linearly_with_its_terms(tmp_path, monkeypatch):
    _, small_calls, small_bytes = build_counting(tmp_path / "small", 40, monkeypatch)
    large, large_calls, large_bytes = build_counting(tmp_path / "large", 80, monkeypatch)
    # twice the terms: about twice the work and output (N² would be four times)
    assert large_calls < 2.5 * small_calls, (small_calls, large_calls)
    assert large_bytes < 2.5 * small_bytes, (small_bytes, large_bytes)
    # every term still has its page and feeds, listing the post
    for kind in ("tag", "category", "author"):
        assert len(list((large.outdir / f"blog/{kind}").glob("term-*.html"))) == 80
        assert (large.outdir / f"blog/{kind}/term-0079/atom.xml").is_file()
    listed = page(large, "blog/tag/term-0079")
    assert entry_titles(listed) == ["Many"]
    tags = listed.select(".posts-entry .posts-tag")
    assert len(tags) == ENTRY_TERMS + 1
    more = listed.select_one(".posts-tags-more")
    assert more.get_text() == f"+{80 - ENTRY_TERMS} more"
    assert more["href"] == "../../posts/many.html"
    # the post's own page shows every tag
    assert len(page(large, "posts/many").select(".posts-byline-tags a")) == 80
    entry = atom(large, "blog/tag/term-0079").entries[0]
    assert len(entry.tags) == ENTRY_TERMS
    assert len(entry.authors) == ENTRY_TERMS
