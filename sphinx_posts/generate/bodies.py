"""The rendered body of every post, kept between builds for the feeds.

Feeds are written after every page and carry the bodies of posts this build may not have
rewritten, so each body is kept from the build that last wrote its page. Pages are written in
the main process or, with ``-j``, in forked workers: each process appends what it renders to a
spool file of its own, and the main process folds the spools into one SQLite file beside the
doctrees when the build ends. One file per process, not one per post: creating a thousand small
files cost more than writing every feed.
"""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import closing
from hashlib import sha1
from typing import IO, TYPE_CHECKING, Any

from ..store.domain import get_domain
from ..urls import makes_blog_pages

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: open spool files, by process and spool folder (a test session runs many builds in one process)
_spools: dict[tuple[int, Path], IO[str]] = {}


def _spool_dir(app: Sphinx) -> Path:
    return app.doctreedir / f"posts-{app.builder.name}-bodies"


def _store_file(app: Sphinx) -> Path:
    return app.doctreedir / f"posts-{app.builder.name}-bodies.sqlite"


def capture_body(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Spool a post's rendered body as its page is written."""
    if doctree is None or "body" not in context or not makes_blog_pages(app.builder):
        return
    if pagename not in get_domain(app.env).posts:
        return
    folder = _spool_dir(app)
    key = (os.getpid(), folder)
    spool = _spools.get(key)
    if spool is None:
        folder.mkdir(parents=True, exist_ok=True)
        spool = _spools[key] = (folder / f"{os.getpid()}.jsonl").open("a", encoding="utf-8")
    # one write of one whole line, flushed: a forked worker ends without flushing its buffers
    spool.write(json.dumps([pagename, context["body"]], ensure_ascii=False) + "\n")
    spool.flush()


def _close_spools(folder: Path) -> None:
    for key in [key for key in _spools if key[1] == folder]:
        _spools.pop(key).close()


def _spooled(folder: Path) -> Iterable[tuple[str, str]]:
    """Every ``(docname, body)`` spooled, oldest spool first; the spools are removed."""
    spools = sorted(folder.glob("*.jsonl"), key=lambda path: (path.stat().st_mtime_ns, path.name))
    for spool in spools:
        with spool.open(encoding="utf-8") as lines:
            for line in lines:
                try:
                    docname, body = json.loads(line)
                except ValueError:
                    continue  # the unfinished last line of a worker that was killed
                yield str(docname), str(body)
        spool.unlink()


class BodyStore:
    """Post bodies by docname, with a hash of each so a feed can tell that one changed."""

    def __init__(self, app: Sphinx) -> None:
        self.path = _store_file(app)
        self.spools = _spool_dir(app)
        self._folded: dict[str, str] | None = None
        """The hashes as ``fold`` left them, so the feeds need not read them again."""

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path)
        connection.execute(
            "CREATE TABLE IF NOT EXISTS bodies "
            "(docname TEXT PRIMARY KEY, body TEXT NOT NULL, hash TEXT NOT NULL)"
        )
        return connection

    def close(self) -> None:
        """Close this process's spool (after a failed build: the next one folds it in)."""
        _close_spools(self.spools)

    def fold(self, posts: Iterable[str]) -> bool:
        """Take in this build's spools and forget posts that no longer exist.

        True when a body changed, appeared or went away.
        """
        self.close()
        try:
            with closing(self._connect()) as connection, connection:
                return self._fold(connection, set(posts))
        except sqlite3.DatabaseError:
            self.path.unlink(missing_ok=True)  # unreadable: start again from this build's
            with closing(self._connect()) as connection, connection:
                return self._fold(connection, set(posts))

    def _fold(self, connection: sqlite3.Connection, posts: set[str]) -> bool:
        known = dict(connection.execute("SELECT docname, hash FROM bodies"))
        changed = False

        def new_bodies() -> Iterator[tuple[str, str, str]]:
            """Streamed, so a thousand bodies are never all in memory at once."""
            nonlocal changed
            for docname, body in _spooled(self.spools):
                digest = sha1(body.encode()).hexdigest()
                if known.get(docname) != digest:
                    known[docname] = digest
                    changed = True
                    yield docname, body, digest

        if self.spools.is_dir():
            connection.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?, ?)", new_bodies())
        gone = [(docname,) for docname in known if docname not in posts]
        connection.executemany("DELETE FROM bodies WHERE docname = ?", gone)
        self._folded = {docname: known[docname] for docname in known if docname in posts}
        return changed or bool(gone)

    def hashes(self) -> dict[str, str]:
        """Docname -> hash of its body; empty when the store is missing or unreadable."""
        if self._folded is not None:
            return dict(self._folded)
        try:
            with closing(self._connect()) as connection:
                return dict(connection.execute("SELECT docname, hash FROM bodies"))
        except sqlite3.DatabaseError:
            return {}

    def bodies(self, docnames: Iterable[str]) -> dict[str, str]:
        wanted = sorted(set(docnames))
        found: dict[str, str] = {}
        with closing(self._connect()) as connection:
            for start in range(0, len(wanted), 500):  # SQLite's limit on parameters
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                found.update(
                    connection.execute(
                        f"SELECT docname, body FROM bodies WHERE docname IN ({marks})", chunk
                    )
                )
        return found


def rewrite_posts_without_body(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Posts with no kept body (a first build, a lost or damaged store): writing their pages
    again keeps their bodies, so the feeds never go without one."""
    if not makes_blog_pages(app.builder):
        return []
    whole = {key for key, post in get_domain(env).posts.items() if not post.section}
    return sorted(whole - set(BodyStore(app).hashes()))


def setup_bodies(app: Sphinx) -> None:
    app.connect("html-page-context", capture_body)
    app.connect("env-get-updated", rewrite_posts_without_body)
