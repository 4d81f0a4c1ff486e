"""Build ``example-site/`` for tests (once per configuration and session) and crawl its output.

The browser, accessibility and example-site tests all read the same build: the first caller
builds it into a session temporary directory and later callers get the cached output folder.
A build is the equivalent of ``sphinx-build -nW --keep-going``: nitpicky, and any warning fails.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from helpers import plain
from sphinx.testing.util import SphinxTestApp

if TYPE_CHECKING:
    from collections.abc import Iterator

    import pytest

EXAMPLE_SITE = Path(__file__).resolve().parent.parent / "example-site"

# Output folders that hold no pages of the site (Sphinx's copies of sources and static files,
# the screenshots the browser tests save).
NOT_PAGES = {"_static", "_sources", "_images", "_screenshots", ".doctrees"}

_BUILT: dict[str, Path] = {}

# The example site is configured for pydata-sphinx-theme: under another theme its theme options
# are dropped (others warn about unknown ones) and the sidebars are the theme's own.
FURO = {"html_theme": "furo", "html_theme_options": {}, "html_sidebars": {}}


def copy_example_site(dest: Path) -> Path:
    """A private copy of the example site's sources (without any earlier build output)."""
    shutil.copytree(EXAMPLE_SITE, dest, ignore=shutil.ignore_patterns("_build", "__pycache__"))
    return dest


def build_site(
    srcdir: Path, builddir: Path, builder: str = "html", **overrides: Any
) -> tuple[Path, str]:
    """Build ``srcdir`` nitpicky; return the output folder and the warnings (colourless)."""
    warning = io.StringIO()
    app = SphinxTestApp(
        builder,
        srcdir=srcdir,
        builddir=builddir,
        freshenv=True,
        confoverrides={"nitpicky": True, **overrides},
        status=io.StringIO(),
        warning=warning,
    )
    try:
        app.build()
        outdir = Path(app.outdir)
    finally:
        app.cleanup()
    return outdir, plain(warning.getvalue())


def built_example_site(
    factory: pytest.TempPathFactory, builder: str = "html", **overrides: Any
) -> Path:
    """The example site built once per session for this builder and these overrides."""
    key = repr((builder, sorted(overrides.items())))
    if key not in _BUILT:
        root = factory.mktemp(f"example-site-{builder}")
        srcdir = copy_example_site(root / "src")
        outdir, warnings = build_site(srcdir, root / "build", builder, **overrides)
        assert warnings == "", f"the example site warned ({builder}, {overrides}):\n{warnings}"
        _BUILT[key] = outdir
    return _BUILT[key]


def pages(outdir: Path) -> Iterator[Path]:
    """Every HTML page of a built site."""
    for path in sorted(outdir.rglob("*.html")):
        if not NOT_PAGES.intersection(path.relative_to(outdir).parts):
            yield path


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# (tag, attribute) pairs that point at another file of the site
LINKING = (
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("video", "src"),
    ("audio", "src"),
)


def broken_links(outdir: Path) -> list[str]:
    """Every relative href/src that misses its file, or a ``page.html#id`` that misses its id.

    External links (any scheme, or ``//host``) and ``#fragment``-only links are not checked.
    A folder target (``dirhtml``) stands for its ``index.html``.
    """
    ids: dict[Path, set[str]] = {}

    def ids_of(target: Path) -> set[str]:
        if target not in ids:
            soup = soup_of(target)
            found = {tag["id"] for tag in soup.find_all(id=True)}
            found |= {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
            ids[target] = found
        return ids[target]

    problems = []
    root = outdir.resolve()
    for page in pages(outdir):
        soup = soup_of(page)
        where = page.relative_to(outdir).as_posix()
        for tag_name, attribute in LINKING:
            for tag in soup.find_all(tag_name, attrs={attribute: True}):
                value = tag[attribute].strip()
                parts = urlsplit(value)
                if not value or parts.scheme or parts.netloc or value.startswith("#"):
                    continue
                path = unquote(parts.path)
                target = (page.parent / path).resolve() if path else page.resolve()
                if path.endswith("/") or target.is_dir():
                    target /= "index.html"
                if not target.is_relative_to(root):
                    problems.append(f"{where}: <{tag_name} {attribute}={value!r}> leaves the site")
                elif not target.is_file():
                    problems.append(f"{where}: <{tag_name} {attribute}={value!r}> is missing")
                elif (
                    parts.fragment
                    and target.suffix == ".html"
                    and unquote(parts.fragment) not in ids_of(target)
                ):
                    problems.append(
                        f"{where}: <{tag_name} {attribute}={value!r}>: no such id in "
                        f"{target.relative_to(root).as_posix()}"
                    )
    return problems
