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
from .outputs import discard

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..model import Post

COLUMNS = ("docname", "body", "hash")

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
    if pagename not in get_domain(app.env).posts and pagename not in posting_sections(app):
        return
    folder = _spool_dir(app)
    key = (os.getpid(), folder)
    spool = _spools.get(key)
    if spool is None:
        spool = _spools[key] = _open_spool(folder)
    # one write of one whole line, flushed: a forked worker ends without flushing its buffers
    spool.write(json.dumps([pagename, context["body"]], ensure_ascii=False) + "\n")
    spool.flush()


def posting_sections(app: Sphinx) -> set[str]:
    """Documents that post sections (ABlog's posting sections): their pages are kept too,
    since the feeds carry each section's part. Found once a build (a page is written for
    every document, and the store has no index by document)."""
    domain = get_domain(app.env)
    memo = domain.catalog().memo
    found = memo.get("posting-sections")
    if found is None:
        found = memo["posting-sections"] = post_documents(domain.posts.values(), sections=True)
    return found


def post_documents(posts: Iterable[Post], *, sections: bool = False) -> set[str]:
    """The documents ``posts`` are in (only those posting sections, with ``sections``)."""
    return {post.docname for post in posts if post.section or not sections}


def _open_spool(folder: Path) -> IO[str]:
    """This process's spool, for appending; whatever is in the way (a file where the folder
    goes, a folder where the spool goes) is state nobody can use, and goes."""
    if not folder.is_dir():
        discard(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{os.getpid()}.jsonl"
    if path.is_dir():
        discard(path)
    spool = path.open("a", encoding="utf-8")
    if _cut_short(path):  # a killed process of the same id left half a line: end it
        spool.write("\n")
    return spool


def _cut_short(path: Path) -> bool:
    with path.open("rb") as spool:
        if spool.seek(0, os.SEEK_END) == 0:
            return False
        spool.seek(-1, os.SEEK_END)
        return spool.read(1) != b"\n"


def _close_spools(folder: Path) -> None:
    for key in [key for key in _spools if key[1] == folder]:
        _spools.pop(key).close()


def _spools_in(folder: Path) -> list[Path]:
    """The spools to fold, oldest first (a later body of a post replaces an earlier one)."""
    if not folder.is_dir():
        return []
    found = [path for path in folder.glob("*.jsonl") if path.is_file()]
    return sorted(found, key=lambda path: (path.stat().st_mtime_ns, path.name))


def _spooled(spools: list[Path]) -> Iterable[tuple[str, str]]:
    """Every ``(docname, body)`` in ``spools``; lines that are not one are skipped."""
    for spool in spools:
        with spool.open("rb") as lines:
            for line in lines:
                try:
                    entry = json.loads(line.decode("utf-8"))
                except ValueError:
                    continue  # the unfinished last line of a worker that was killed
                if (
                    isinstance(entry, list)
                    and len(entry) == 2
                    and all(isinstance(item, str) for item in entry)
                ):
                    yield entry[0], entry[1]


def _clear_spools(folder: Path, spools: list[Path]) -> None:
    """Once their bodies are committed: the folded spools, and anything else in the way."""
    for spool in spools:
        spool.unlink(missing_ok=True)
    if folder.is_dir():
        for path in folder.glob("*.jsonl"):
            if not path.is_file():
                discard(path)
    elif folder.exists() or folder.is_symlink():
        discard(folder)


class BodyStore:
    """Post bodies by docname, with a hash of each so a feed can tell that one changed."""

    def __init__(self, app: Sphinx) -> None:
        self.path = _store_file(app)
        self.spools = _spool_dir(app)
        self._folded: dict[str, str] | None = None
        """The hashes as ``fold`` left them, so the feeds need not read them again."""

    def _connect(self) -> sqlite3.Connection:
        """The store, created if missing; ``sqlite3.DatabaseError`` when it is not ours."""
        connection = sqlite3.connect(self.path)
        try:
            connection.execute(
                "CREATE TABLE IF NOT EXISTS bodies "
                "(docname TEXT PRIMARY KEY, body TEXT NOT NULL, hash TEXT NOT NULL)"
            )
            columns = [row[1] for row in connection.execute("PRAGMA table_info(bodies)")]
            if columns != list(COLUMNS):
                raise sqlite3.DatabaseError(f"not a store of post bodies: {columns}")
        except BaseException:
            connection.close()
            raise
        return connection

    def close(self) -> None:
        """Close this process's spool (after a failed build: the next one folds it in)."""
        _close_spools(self.spools)

    def fold(self, posts: Iterable[str]) -> bool:
        """Take in this build's spools and forget documents (``posts``: those that hold a
        post) that no longer exist.

        True when a body changed, appeared or went away. The spools go only once their bodies
        are committed: a build killed while folding leaves them for the next one.
        """
        self.close()
        spools = _spools_in(self.spools)
        try:
            changed = self._fold_into_store(set(posts), spools)
        except sqlite3.DatabaseError:
            discard(self.path)  # unreadable or foreign: start again from this build's bodies
            changed = self._fold_into_store(set(posts), spools)
        _clear_spools(self.spools, spools)
        return changed

    def _fold_into_store(self, posts: set[str], spools: list[Path]) -> bool:
        with closing(self._connect()) as connection, connection:
            return self._fold(connection, posts, spools)

    def _fold(self, connection: sqlite3.Connection, posts: set[str], spools: list[Path]) -> bool:
        known = dict(connection.execute("SELECT docname, hash FROM bodies"))
        changed = False

        def new_bodies() -> Iterator[tuple[str, str, str]]:
            """Streamed, so a thousand bodies are never all in memory at once."""
            nonlocal changed
            for docname, body in _spooled(spools):
                digest = sha1(body.encode()).hexdigest()
                if known.get(docname) != digest:
                    known[docname] = digest
                    changed = True
                    yield docname, body, digest

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
        """Docname -> kept body. A store that cannot be read goes: its posts then have no kept
        body, so the next build writes their pages again (and their feeds)."""
        wanted = sorted(set(docnames))
        found: dict[str, str] = {}
        try:
            with closing(self._connect()) as connection:
                for start in range(0, len(wanted), 500):  # SQLite's limit on parameters
                    chunk = wanted[start : start + 500]
                    marks = ",".join("?" * len(chunk))
                    found.update(
                        connection.execute(
                            f"SELECT docname, body FROM bodies WHERE docname IN ({marks})", chunk
                        )
                    )
        except sqlite3.DatabaseError:
            discard(self.path)
            return {}
        return found


def rewrite_posts_without_body(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Posts with no kept body (a first build, a lost or damaged store): writing their pages
    again keeps their bodies, so the feeds never go without one."""
    if not makes_blog_pages(app.builder):
        return []
    documents = post_documents(get_domain(env).posts.values())
    return sorted(documents - set(BodyStore(app).hashes()))


def setup_bodies(app: Sphinx) -> None:
    app.connect("html-page-context", capture_body)
    app.connect("env-get-updated", rewrite_posts_without_body)
