"""A build killed at any moment is followed by a build equal to a clean one.

Real ``sphinx-build`` processes on a copy of ``tests/roots/test-interrupted``: a first build,
then edits (a tag dropped from two posts, so its pages and feeds go; a new tag; a retitled
post; a deleted post, so the index loses a page; a moved redirect), then a build that the
root's ``kill_switch`` extension ends with SIGKILL at a named point (no timing involved), then
one ordinary build, whose output must equal a clean build of the edited sources.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from feedtools import ENVIRONMENT
from helpers import compare_trees, tree

ROOT = Path(__file__).parent / "roots" / "test-interrupted"

KILL_POINTS = [
    "env-updated",  # read, not yet pickled
    "pickled",  # Sphinx pickled the environment: it thinks every document is up to date
    "document:2",  # while documents are written
    "generated:1",  # before the first generated page is written
    "generated:6",  # some generated pages written, others not
    "finished-first",  # every page written; no feed, image or stale file handled yet
    "finished-last",  # everything of ours done, the build not yet marked as finished
]


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
    change("gamma", "tags: [Old, Travel]", "tags: [Travel, Fresh]")
    change("beta", 'title: "Beta"', 'title: "Beta, retitled"')
    (posts / "delta.md").unlink()


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
    html = clean / "build" / "html"
    assert (html / "blog" / "tag" / "fresh.html").is_file()
    assert (html / "old" / "alpha-2.html").is_file()
    assert (html / "_images" / "posts" / "posts" / "cover.png").is_file()
    return {"site": site, "first": base / "first", "clean": html}


def restore(first: Path, site: Path) -> None:
    """The first build again, with its files' times (copied, not rebuilt)."""
    shutil.rmtree(site)
    shutil.copytree(first, site, symlinks=True)


@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_killed_build_is_followed_by_a_correct_one(sites, point):
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
    problems = compare_trees(tree(site / "build" / "html"), tree(sites["clean"]), {"delta"})
    assert not problems, f"after a build killed at {point}:\n  " + "\n  ".join(problems)
