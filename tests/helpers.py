"""Helpers shared by the test modules: build, read warnings, read posts, parse HTML."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

from sphinx_posts.store.domain import get_domain

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

    from sphinx_posts.model import Post

_CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def plain(output: str) -> str:
    """Sphinx's output as lines of text.

    Where it thinks a terminal supports colour (a tty, ``CI=true``, ``FORCE_COLOR``), Sphinx
    colours its output and rewrites one progress line with erase-line codes and carriage returns.
    """
    return _CONTROL.sub("", output).replace("\r\n", "\n").replace("\r", "\n")


_READ = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] (\S+)", re.MULTILINE)
_WRITTEN = re.compile(r"^writing output\.\.\. \[\s*\d+%\] (\S+)", re.MULTILINE)


def read_docs(app: SphinxTestApp) -> list[str]:
    """The documents the build read, from its progress lines (a serial build's)."""
    return _READ.findall(plain(app.status.getvalue()))


def written_docs(app: SphinxTestApp) -> list[str]:
    """The documents the build wrote, from its progress lines (a serial build's)."""
    return _WRITTEN.findall(plain(app.status.getvalue()))


def warnings_of(app: SphinxTestApp) -> str:
    """Everything the build warned about, as plain text."""
    return plain(app.warning.getvalue())


def warning_lines(app: SphinxTestApp, needle: str = "") -> list[str]:
    """The warning lines that contain ``needle`` (all of them when it is empty)."""
    return [line for line in warnings_of(app).splitlines() if needle in line]


def build(app: SphinxTestApp, *, expect_warnings: bool = False) -> str:
    """Build and return the warnings; fail on any warning unless the test expects some."""
    app.build()
    text = warnings_of(app)
    if not expect_warnings:
        assert text == "", f"unexpected warnings:\n{text}"
    return text


def posts_of(app: SphinxTestApp) -> dict[str, Post]:
    """The domain's records, keyed by docname."""
    return get_domain(app.env).posts


def html(app: SphinxTestApp, name: str) -> BeautifulSoup:
    """Parse an output file (``posts/a.html``, or ``posts/a/index.html`` for dirhtml)."""
    return BeautifulSoup((app.outdir / name).read_text(encoding="utf-8"), "html.parser")


def article(soup: BeautifulSoup) -> BeautifulSoup:
    """The page body without theme chrome (the basic theme's ``div.body``)."""
    body = soup.select_one("div.body") or soup.select_one("article") or soup.body
    assert body is not None
    return body


def copy_root(rootdir: Path, tmp_path: Path, name: str, conf: str = "", dest: str = "") -> Path:
    """A private copy of ``test-<name>`` (to edit), with ``conf`` appended to its conf.py."""
    srcdir = tmp_path / (dest or name)
    shutil.copytree(rootdir / f"test-{name}", srcdir)
    if conf:
        with (srcdir / "conf.py").open("a", encoding="utf-8") as handle:
            handle.write("\n" + conf + "\n")
    return srcdir


# ------------------------------------------------------------------------------ output trees

NOT_COMPARED = ("_sources", ".doctrees")
"""Output folders two builds of the same sources may differ in (see test_correctness)."""


def tree(outdir: Path) -> dict[str, bytes]:
    found = {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and path.relative_to(outdir).parts[0] not in NOT_COMPARED
    }
    if "searchindex.js" in found:
        found["searchindex.js"] = search_index(found["searchindex.js"])
    return found


SET_INDEX = re.compile(rb"^Search\.setIndex\((.*)\)$", re.DOTALL)


def search_index(data: bytes) -> bytes:
    """The search index without the empty word entries an incremental build leaves behind."""
    match = SET_INDEX.match(data.strip())
    assert match, "searchindex.js is not Search.setIndex(...)"
    index = json.loads(match[1])
    for key in ("terms", "titleterms"):
        index[key] = {word: docs for word, docs in index[key].items() if docs != []}
    return json.dumps(index, sort_keys=True, ensure_ascii=False, indent=0).encode("utf-8")


def compare_trees(incremental: dict[str, bytes], clean: dict[str, bytes], deleted: set[str]):
    """Differences between two outputs, as sentences; Sphinx's leftovers are excused."""
    leftovers = {f"posts/{stem}.html" for stem in deleted}
    extra = sorted(set(incremental) - set(clean) - leftovers)
    missing = sorted(set(clean) - set(incremental))
    differ = sorted(
        name for name in set(clean) & set(incremental) if clean[name] != incremental[name]
    )
    problems = [f"only in the incremental output: {name}" for name in extra]
    problems += [f"missing from the incremental output: {name}" for name in missing]
    problems += [
        f"differs: {name}\n{first_difference(incremental[name], clean[name])}" for name in differ
    ]
    return problems


def first_difference(got: bytes, want: bytes, width: int = 160) -> str:
    text, expected = got.decode("utf-8", "replace"), want.decode("utf-8", "replace")
    at = next(
        (i for i, (a, b) in enumerate(zip(text, expected, strict=False)) if a != b),
        min(len(text), len(expected)),
    )
    start = max(0, at - width // 2)
    return (
        f"    incremental: ...{text[start : at + width]!r}\n"
        f"    clean:       ...{expected[start : at + width]!r}"
    )


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` over HTTP on the loopback interface; yields its address (ending in ``/``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
