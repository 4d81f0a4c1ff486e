"""Helpers for the post-list, generated-page and navigation tests (issue 3).

``built_site`` builds a root once for a module whose tests only read the output (each such site
gets its own temporary directory); tests that edit sources or expect read-time warnings build
their own app as usual.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from helpers import warnings_of
from sphinx.testing.util import SphinxTestApp

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bs4 import Tag

NOT_COMPARED = (".doctrees", "_sources", ".buildinfo", "searchindex.js")

# test-blog's listed posts, oldest first: (docname, title); the draft and the post dated in
# 2099 are never listed
BLOG_POSTS = (
    ("posts/hello", "Hello World"),
    ("posts/ml-basics-1", "ML Basics: Data"),
    ("posts/sphinx-tips", "Sphinx Tips"),
    ("posts/ml-basics-2", "ML Basics: Models"),
    ("posts/travel", "A Trip to Lisbon"),
    ("posts/ml-basics-3", "ML Basics: Evaluation"),
    ("posts/release", "Release 1.0"),
    ("posts/rst-post", "An RST Post"),
    ("posts/winter", "Winter Notes"),
    ("posts/stats", "Statistics Primer"),
    ("posts/review", "Year in Review"),
)
NEWEST_FIRST = [title for _, title in reversed(BLOG_POSTS)]
TITLES = dict(BLOG_POSTS) | {"posts/draft": "Unfinished Draft", "posts/future": "From the Future"}


def built_site(
    tmp_path_factory, rootdir: Path, name: str, buildername: str = "html", **confoverrides
) -> SphinxTestApp:
    """Build ``test-<name>`` once, in a fresh temporary directory, and return the app."""
    builddir = tmp_path_factory.mktemp(f"{name}-{buildername}") / "_build"
    app = SphinxTestApp(
        buildername,
        srcdir=rootdir / f"test-{name}",
        builddir=builddir,
        freshenv=True,
        confoverrides=confoverrides,
    )
    try:
        app.build()
    finally:
        # the tests only read the output: give docutils' registries back at once, so other
        # apps built meanwhile do not find our directives already registered
        app.cleanup()
    return app


def built_by_ablog(
    tmp_path_factory, rootdir: Path, name: str, extensions: list[str]
) -> SphinxTestApp:
    """The same root built by ABlog itself (``extensions`` in place of the root's), to compare."""
    ablog = pytest.importorskip("ablog")
    ablog.blog.Blog._dict.clear()  # ABlog keeps its blog in class-level state
    try:
        return built_site(tmp_path_factory, rootdir, name, extensions=extensions)
    finally:
        ablog.blog.Blog._dict.clear()


def built_with(make_app, srcdir: Path, extensions: list[str]) -> SphinxTestApp:
    """``srcdir`` built with ``extensions`` in place of its own (ABlog's, or ours)."""
    ablog = pytest.importorskip("ablog") if "ablog" in extensions else None
    if ablog:
        ablog.blog.Blog._dict.clear()  # ABlog keeps its blog in class-level state
    try:
        app = make_app("html", srcdir=srcdir, confoverrides={"extensions": extensions})
        app.build()
    finally:
        if ablog:
            ablog.blog.Blog._dict.clear()
    return app


def no_warnings(app: SphinxTestApp) -> None:
    text = warnings_of(app)
    assert text == "", f"unexpected warnings:\n{text}"


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(app: SphinxTestApp, pagename: str) -> BeautifulSoup:
    """An output page by page name (``blog/tag/python``), for html and dirhtml alike."""
    return soup_of(output_file(app, pagename))


def output_file(app: SphinxTestApp, pagename: str) -> Path:
    if app.builder.name == "dirhtml":
        if pagename == "index" or pagename.endswith("/index"):  # dirhtml keeps these as is
            return app.outdir / f"{pagename}.html"
        return app.outdir / pagename / "index.html"
    return app.outdir / f"{pagename}.html"


def section(soup: BeautifulSoup, ident: str) -> Tag:
    found = soup.select_one(f"section#{ident}")
    assert found is not None, f"no section {ident!r}"
    return found


def entry_titles(element: Tag) -> list[str]:
    """Titles of the posts a list shows, in order, whatever its format."""
    titled = element.select(".posts-entry-title a")
    if titled:
        return [link.get_text(strip=True) for link in titled]
    return [item.a.get_text(strip=True) for item in element.select("ul.posts-list > li") if item.a]


def entries(element: Tag) -> list[Tag]:
    return element.select("article.posts-entry, article.posts-card")


def resolve_href(outdir: Path, page_file: Path, href: str) -> Path | None:
    """The output file a relative link on ``page_file`` points to; None for external links
    and links within the page. A link to a folder (``x/``) means its ``index.html``."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("#", "mailto:", "data:")):
        return None
    path = unquote(parts.path)
    if not path:
        return page_file
    target = (page_file.parent / path) if not path.startswith("/") else outdir / path.lstrip("/")
    target = Path(_normalise(target))
    if path.endswith("/") or target.is_dir():
        target /= "index.html"
    return target


def _normalise(path: Path) -> str:
    parts: list[str] = []
    for part in PurePosixPath(path.as_posix()).parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/" + "/".join(parts[1:]) if parts and parts[0] == "/" else "/".join(parts)


def html_pages(outdir: Path) -> Iterator[Path]:
    for path in sorted(outdir.rglob("*.html")):
        if "_static" not in path.relative_to(outdir).parts and path.is_file():
            yield path


def broken_links(outdir: Path) -> list[str]:
    """Every relative ``href``/``src`` in the output that does not resolve to an output file
    inside ``outdir``, as ``page: link``."""
    broken = []
    root = outdir.resolve()
    for page_file in html_pages(outdir):
        soup = soup_of(page_file)
        for tag in soup.select("a[href], link[href], img[src], script[src]"):
            href = tag.get("href") if tag.name in ("a", "link") else tag.get("src")
            target = resolve_href(outdir, page_file, href)
            if target is None:
                continue
            inside = Path(target).resolve().is_relative_to(root)
            if not inside or not Path(target).is_file():
                broken.append(f"{page_file.relative_to(outdir)}: {href}")
    return broken


def output_tree(outdir: Path) -> dict[str, bytes]:
    """Every output file that an incremental build must get right, by relative path."""
    tree = {}
    for path in sorted(outdir.rglob("*")):
        relative = path.relative_to(outdir).as_posix()
        if not path.is_file() or any(
            relative == skip or relative.startswith(f"{skip}/") for skip in NOT_COMPARED
        ):
            continue
        tree[relative] = path.read_bytes()
    return tree


def warning_source_line(path: Path, heading: str, marker: str = "```{postlist}") -> int:
    """The 1-based line of the first ``marker`` after ``heading`` in a source file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading)
    return next(n for n, line in enumerate(lines[start:], start=start + 1) if marker in line)
