"""What the blog keeps beside the doctrees is recorded after the fact: damaged state and killed
builds are followed by a build equal to a clean one (``sphinx_posts.generate.outputs``).

The site is ``tests/roots/test-interrupted``. Each test builds it, edits it (a tag dropped from
two posts, so its pages and feeds go; a new tag; a retitled post; a deleted post, so the index
loses a page; a moved redirect), then either damages the state or kills the next build, and
builds again: the output must equal a clean build of the edited sources.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from feedtools import ENVIRONMENT
from helpers import compare_trees, copy_root, tree

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).parent / "roots" / "test-interrupted"
RECORDS = ("pages", "feeds", "images")
DELETED = {"delta"}
"""Posts the edit deletes: Sphinx leaves their pages in the output (not the blog's to remove)."""


@pytest.fixture(autouse=True)
def _no_build_environment(monkeypatch):
    for name in (*ENVIRONMENT, "POSTS_KILL_AT"):
        monkeypatch.delenv(name, raising=False)


def edit(srcdir: Path) -> None:
    """The second version of the site's sources."""
    posts = srcdir / "posts"

    def change(stem: str, old: str, new: str) -> None:
        path = posts / f"{stem}.md"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")

    change("alpha", "tags: [Python, Old]", "tags: [Python]")
    change("alpha", "redirect: old/alpha", "redirect: old/alpha-2")
    change("alpha", "The body of Alpha.", "The new body of Alpha.")
    change("gamma", "tags: [Old, Travel]", "tags: [Travel, Fresh]")
    change("beta", 'title: "Beta"', 'title: "Beta, retitled"')
    (posts / "delta.md").unlink()


def check_clean_output(html: Path) -> None:
    """The edited site's output has what the edit is about."""
    assert (html / "blog" / "tag" / "fresh.html").is_file()
    assert (html / "old" / "alpha-2.html").is_file()
    assert (html / "_images" / "posts" / "posts" / "cover.png").is_file()
    assert not (html / "blog" / "tag" / "old.html").exists()
    assert "The new body of Alpha." in (html / "blog" / "atom.xml").read_text(encoding="utf-8")


# ------------------------------------------------------------------------------ builds


def sphinx_build(srcdir: Path, builddir: Path, kill_at: str = "") -> subprocess.CompletedProcess:
    """``python -m sphinx -b html``, with this interpreter and import path (an editable
    install or ``PYTHONPATH`` alike)."""
    env = {key: value for key, value in os.environ.items() if key not in ENVIRONMENT}
    env["PYTHONPATH"] = os.pathsep.join(path for path in sys.path if path)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # nothing written into the source folder
    env.pop("POSTS_KILL_AT", None)
    if kill_at:
        env["POSTS_KILL_AT"] = kill_at
    command = [sys.executable, "-m", "sphinx", "-b", "html", "--no-color", "-q"]
    command += ["-d", str(builddir / "doctrees"), str(srcdir), str(builddir / "html")]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def succeeded(done: subprocess.CompletedProcess) -> bool:
    return done.returncode == 0 and "Traceback" not in done.stderr


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A first build of the site, kept to restore before each kill at the path it was built
    at (Sphinx throws away an environment whose source folder moved), and a clean build of
    the edited sources."""
    base = tmp_path_factory.mktemp("interrupted")
    site = base / "site"
    shutil.copytree(ROOT, site / "src")
    done = sphinx_build(site / "src", site / "build")
    assert succeeded(done), done.stdout + done.stderr
    shutil.copytree(site, base / "first", symlinks=True)
    clean = base / "clean"
    shutil.copytree(ROOT, clean / "src")
    edit(clean / "src")
    done = sphinx_build(clean / "src", clean / "build")
    assert succeeded(done), done.stdout + done.stderr
    check_clean_output(clean / "build" / "html")
    return {"site": site, "first": base / "first", "clean": clean / "build" / "html"}


# ------------------------------------------------------------------------------ damaged state


def write_json(value: object) -> Callable[[Path, Path], None]:
    """Damage: every record replaced by ``value``."""

    def damage(doctrees: Path, html: Path) -> None:
        for kind in RECORDS:
            (doctrees / f"posts-html-{kind}.json").write_text(json.dumps(value), encoding="utf-8")

    return damage


def outside_paths(absolute: bool) -> Callable[[Path, Path], None]:
    """Damage: records naming files outside the output folder (that exist, and must stay)."""

    def damage(doctrees: Path, html: Path) -> None:
        outside = html.parent / "outside"
        names = {"pages": "page.html", "feeds": "atom.xml", "images": "image.png"}
        for kind, name in names.items():
            target = outside / name
            target.parent.mkdir(exist_ok=True)
            target.write_text("not the blog's", encoding="utf-8")
            path = str(target) if absolute else f"../outside/{name}"
            if kind == "images":
                path = f"_images/posts/../../../outside/{name}" if not absolute else path
            record = {"files": {path: ""}, "chrome": ""}
            (doctrees / f"posts-html-{kind}.json").write_text(json.dumps(record), encoding="utf-8")

    return damage


def records_deleted(doctrees: Path, html: Path) -> None:
    for kind in RECORDS:
        (doctrees / f"posts-html-{kind}.json").unlink()


def record_names_a_document(doctrees: Path, html: Path) -> None:
    """A foreign record that claims the writer's pages (they must not be deleted)."""
    record = {"files": {"index.html": "", "about.html": ""}, "chrome": ""}
    (doctrees / "posts-html-pages.json").write_text(json.dumps(record), encoding="utf-8")


def template_cache_truncated(doctrees: Path, html: Path) -> None:
    entries = list((doctrees / "posts-templates").glob("*.cache"))
    assert entries
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:17])  # Jinja's header, then a cut pickle


def _bodies(doctrees: Path) -> Path:
    return doctrees / "posts-html-bodies.sqlite"


def bodies_folder(doctrees: Path, html: Path) -> None:
    _bodies(doctrees).unlink()
    (_bodies(doctrees) / "inside").mkdir(parents=True, exist_ok=True)


def bodies_not_sqlite(doctrees: Path, html: Path) -> None:
    _bodies(doctrees).write_bytes(b"SQLite format 3\x00" + b"\xff" * 300)


def bodies_other_schema(doctrees: Path, html: Path) -> None:
    _bodies(doctrees).unlink()
    with sqlite3.connect(_bodies(doctrees)) as connection:
        connection.execute("CREATE TABLE bodies (docname TEXT, html TEXT, extra INT NOT NULL)")
        connection.execute("INSERT INTO bodies VALUES ('posts/alpha', '<p>x</p>', 1)")
    connection.close()


def spool_folder(doctrees: Path, html: Path) -> None:
    spools = doctrees / "posts-html-bodies"
    (spools / "12345.jsonl" / "inside").mkdir(parents=True, exist_ok=True)
    (spools / "12346.jsonl").write_text('5\n["a"]\n[1, 2]\n\xff\n', encoding="latin-1")


def spool_cut_short(doctrees: Path, html: Path) -> None:
    """A process of this build's id was killed in the middle of a line (a body longer than
    the write buffer takes several writes): the next line must not be glued to it."""
    spools = doctrees / "posts-html-bodies"
    spools.mkdir(exist_ok=True)
    (spools / f"{os.getpid()}.jsonl").write_text('["posts/beta", "<p>cut sh', encoding="utf-8")


def spools_a_file(doctrees: Path, html: Path) -> None:
    spools = doctrees / "posts-html-bodies"
    shutil.rmtree(spools, ignore_errors=True)
    spools.write_text("not a folder", encoding="utf-8")


def mark_a_folder(doctrees: Path, html: Path) -> None:
    (doctrees / "posts-html-building" / "inside").mkdir(parents=True, exist_ok=True)


DAMAGE: dict[str, Callable[[Path, Path], None]] = {
    "records are a list": write_json([]),
    "records are a string": write_json("x"),
    "records' files are a number": write_json({"files": 5}),
    "records' fingerprints are numbers": write_json({"files": {"a": 5}}),
    "records are not JSON": lambda doctrees, html: [
        (doctrees / f"posts-html-{kind}.json").write_text('{"files": {', encoding="utf-8")
        for kind in RECORDS
    ],
    "records name relative paths outside": outside_paths(absolute=False),
    "records name absolute paths": outside_paths(absolute=True),
    "records deleted": records_deleted,
    "record names documents": record_names_a_document,
    "template cache entries truncated": template_cache_truncated,
    "bodies store is a folder": bodies_folder,
    "bodies store is not SQLite": bodies_not_sqlite,
    "bodies store has another schema": bodies_other_schema,
    "a spool is a folder": spool_folder,
    "a spool cut short by a process of the same id": spool_cut_short,
    "the spool folder is a file": spools_a_file,
    "the build mark is a folder": mark_a_folder,
}


def build_in(make_app, srcdir: Path, builddir: Path, *, fresh: bool = False) -> SphinxTestApp:
    """One build (``fresh``: like ``-E -a``); any exception fails the test."""
    app = make_app("html", srcdir=srcdir, builddir=builddir, freshenv=fresh)
    app.build(force_all=fresh)
    app.cleanup()
    return app


@pytest.mark.parametrize("case", DAMAGE)
def test_damaged_state_means_rebuild_what_it_covered(make_app, sites, tmp_path, case):
    """No crash, no stale file, nothing deleted outside the output: a clean build's output,
    after an incremental build and after ``-E -a``."""
    srcdir = copy_root(ROOT.parent, tmp_path, "interrupted")
    builddir = tmp_path / "build"
    first = build_in(make_app, srcdir, builddir)
    edit(srcdir)
    expected = tree(sites["clean"])
    for fresh in (False, True):
        DAMAGE[case](first.doctreedir, first.outdir)
        app = build_in(make_app, srcdir, builddir, fresh=fresh)
        problems = compare_trees(tree(app.outdir), expected, DELETED)
        how = "-E -a" if fresh else "an incremental build"
        assert not problems, f"{case}, then {how}:\n  " + "\n  ".join(problems)
    for outside in (builddir / "outside").glob("*"):
        assert outside.read_text(encoding="utf-8") == "not the blog's"


# ------------------------------------------------------------------------------ killed builds

KILL_POINTS = [
    "env-updated",  # read, not yet pickled
    "pickled",  # Sphinx pickled the environment: it thinks every document is up to date
    "document:2",  # while documents are written
    "generated:1",  # before the first generated page is written
    "generated:6",  # some generated pages written, others not
    "finished-first",  # every page written; no feed, image or stale file handled yet
    "finished-last",  # everything of ours done, the build not yet marked as finished
]


def restore(first: Path, site: Path) -> None:
    """The first build again, with its files' times (copied, not rebuilt)."""
    shutil.rmtree(site)
    shutil.copytree(first, site, symlinks=True)


@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_killed_build_is_followed_by_a_correct_one(sites, point):
    """SIGKILL at ``point`` (the root's ``kill_switch`` extension), then one ordinary build."""
    site = sites["site"]
    restore(sites["first"], site)
    before = tree(site / "build" / "html")
    assert "blog/tag/old.html" in before and "blog/page/3.html" in before
    # the snapshot is older than the edit: Sphinx sees the edited sources as changed
    edit(site / "src")
    killed = sphinx_build(site / "src", site / "build", kill_at=point)
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    again = sphinx_build(site / "src", site / "build")
    assert succeeded(again), again.stdout + again.stderr
    problems = compare_trees(tree(site / "build" / "html"), tree(sites["clean"]), DELETED)
    assert not problems, f"after a build killed at {point}:\n  " + "\n  ".join(problems)
