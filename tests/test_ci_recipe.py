"""The CI recipe (docs: publishing.md, "Fast rebuilds in CI"): cache the doctrees and the
output, run ``sphinx-posts restore-mtimes`` on the fresh checkout, build.

Each build is its own ``python -m sphinx`` process, as in CI. A fresh checkout is simulated by
copying the sources again to the same folder without their times; the site has a template of
its own (``_templates/layout.html``, fresh from the checkout like the posts), which without the
recipe makes Sphinx write every page again even when it reads none.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from typing import TYPE_CHECKING

from helpers import plain, served

from sphinx_posts.cli import main as cli
from sphinx_posts.store.sources import RECORD, read_record

if TYPE_CHECKING:
    from pathlib import Path

ENV_LINE = re.compile(r"updating environment: (?:\[.*?\] )?(\d+) added, (\d+) changed")
WRITTEN = re.compile(r"^writing output\.\.\. \[\s*\d+%\] (\S+)", re.MULTILINE)
POSTS = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta")


def sphinx(srcdir: Path, builddir: Path) -> tuple[tuple[int, int], list[str]]:
    """Build; return (added, changed) and the documents written."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "--no-color"]
    command += ["-d", str(builddir / "doctrees"), str(srcdir), str(builddir / "html")]
    env = dict(os.environ, NO_COLOR="1", PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    out = plain(done.stdout)
    match = ENV_LINE.search(out)
    assert match, out
    return (int(match[1]), int(match[2])), WRITTEN.findall(out)


def make_pristine(rootdir: Path, folder: Path) -> Path:
    shutil.copytree(rootdir / "test-correctness", folder)
    (folder / "posts").mkdir()
    for number, stem in enumerate(POSTS, start=1):
        (folder / "posts" / f"{stem}.md").write_text(
            f'---\ndate: 2024-0{number}-01\ntags: ["Tag {number % 2}"]\n---\n'
            f"# {stem.title()}\n\nThe body of {stem}.\n",
            encoding="utf-8",
        )
    (folder / "_templates").mkdir()
    (folder / "_templates" / "layout.html").write_text(
        '{% extends "!layout.html" %}\n{% block footer %}{{ super() }}<p>ours</p>{% endblock %}\n',
        encoding="utf-8",
    )
    with (folder / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\ntemplates_path = ["_templates"]\n')
    return folder


def fresh_checkout(pristine: Path, srcdir: Path) -> None:
    """The same sources at the same place, every file new (as ``git clone`` leaves them)."""
    shutil.rmtree(srcdir)
    shutil.copytree(pristine, srcdir, copy_function=shutil.copyfile)
    later = time.time_ns() + 5 * 10**9  # surely after the cached build (copytree keeps
    # the folder's own time, which can be older than that build on a loaded machine)
    for path in srcdir.rglob("*"):
        os.utime(path, ns=(later, later))


def test_restore_mtimes_makes_a_fresh_checkout_rebuild_only_what_changed(rootdir, tmp_path, capsys):
    pristine = make_pristine(rootdir, tmp_path / "pristine")
    srcdir, cache = tmp_path / "ci" / "src", tmp_path / "ci" / "build"
    shutil.copytree(pristine, srcdir)
    (added, _), written = sphinx(srcdir, cache)  # the first run fills the cache
    assert added == len(POSTS) + 3  # index, about, lists
    assert read_record(cache / "doctrees")
    total = len(written)

    # the next run: a fresh checkout with one post edited, the cache restored
    with (pristine / "posts" / "gamma.md").open("a", encoding="utf-8") as post:
        post.write("\nA new paragraph.\n")
    fresh_checkout(pristine, srcdir)

    control = tmp_path / "ci" / "control"  # the same run without the recipe
    shutil.copytree(cache, control, symlinks=True)
    (_, changed), written = sphinx(srcdir, control)
    assert changed == total and len(written) == total  # everything read and written again

    assert cli(["restore-mtimes", str(srcdir), "--doctrees", str(cache / "doctrees")]) == 0
    assert "1 changed" in capsys.readouterr().out  # gamma: it keeps its new time
    (added, changed), written = sphinx(srcdir, cache)
    assert (added, changed) == (0, 1)
    assert "posts/gamma" in written
    assert "about" not in written  # the site's template kept its time: no page rewritten
    assert len(written) <= 3, written  # gamma and its neighbours' previous/next links


def test_restore_mtimes_without_a_record_does_nothing(tmp_path, capsys):
    assert cli(["restore-mtimes", str(tmp_path)]) == 0
    assert "nothing restored" in capsys.readouterr().out


def test_a_damaged_or_foreign_record_restores_nothing(tmp_path):
    doctrees = tmp_path / "doctrees"
    doctrees.mkdir()
    victim = tmp_path / "file.txt"
    victim.write_text("x", encoding="utf-8")
    for text in ("not json", '{"files": []}', '{"files": {"relative.txt": ["a", 1, 1]}}'):
        (doctrees / RECORD).write_text(text, encoding="utf-8")
        assert read_record(doctrees) == {}
    bad_hash = {"files": {str(victim): ["0" * 64, 1, 1]}}  # its content is not what it says
    (doctrees / RECORD).write_text(str(bad_hash).replace("'", '"'), encoding="utf-8")
    before = victim.stat().st_mtime_ns
    assert cli(["restore-mtimes", str(tmp_path), "--doctrees", str(doctrees)]) == 0
    assert victim.stat().st_mtime_ns == before


# Read the Docs: nothing is kept between builds but the published site. save-cache packs the
# doctrees and output into the output; load-cache fetches it from the site on the next build.


def test_save_and_load_cache_make_an_empty_machine_rebuild_only_what_changed(
    rootdir, tmp_path, capsys
):
    pristine = make_pristine(rootdir, tmp_path / "pristine")
    srcdir, build = tmp_path / "rtd" / "src", tmp_path / "rtd" / "build"
    shutil.copytree(pristine, srcdir)
    (added, _), written = sphinx(srcdir, build)
    html = build / "html"
    archive = html / "_cache" / "site.tar.gz"
    assert cli(["save-cache", "--doctrees", str(build / "doctrees"), "--html", str(html),
                "--to", str(archive)]) == 0  # fmt: skip
    assert "files saved" in capsys.readouterr().out
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert f"doctrees/{RECORD}" in names and "html/index.html" in names
    assert not any("_cache" in name for name in names)  # not the archive itself
    published = tmp_path / "published"
    shutil.copytree(html, published)

    # the next build: an empty machine (no build folder), one post edited
    with (pristine / "posts" / "gamma.md").open("a", encoding="utf-8") as post:
        post.write("\nA new paragraph.\n")
    fresh_checkout(pristine, srcdir)
    shutil.rmtree(build)
    with served(published) as site:
        assert cli(["load-cache", f"{site}_cache/site.tar.gz", "--doctrees",
                    str(build / "doctrees"), "--html", str(html)]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "cache loaded" in out and "1 changed" in out, out
    (added, changed), written = sphinx(srcdir, build)
    assert (added, changed) == (0, 1)
    assert "posts/gamma" in written and "about" not in written
    assert len(written) <= 3, written


def test_load_cache_that_fails_means_a_clean_build(tmp_path, capsys):
    doctrees, html = tmp_path / "doctrees", tmp_path / "html"
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(b"\x1f\x8b not really gzip")
    with served(tmp_path) as site:
        sources = [str(tmp_path / "missing.tar.gz"), str(damaged), f"{site}missing.tar.gz"]
        for source in sources:
            command = ["load-cache", source, "--doctrees", str(doctrees), "--html", str(html)]
            assert cli(command) == 0
            assert "the build will be clean" in capsys.readouterr().out
    refused = "http://127.0.0.1:9/cache.tar.gz"  # the discard port: nothing listens
    assert cli(["load-cache", refused, "--doctrees", str(doctrees), "--html", str(html)]) == 0
    assert "the build will be clean" in capsys.readouterr().out
    assert not doctrees.exists() and not html.exists()


def test_load_cache_unpacks_only_into_its_two_folders(tmp_path, capsys):
    hostile = tmp_path / "hostile.tar.gz"
    outside = tmp_path / "outside.txt"
    with tarfile.open(hostile, "w:gz") as tar:
        for name in ("../outside.txt", "/absolute.txt", "elsewhere/x.txt", "html/ok.html"):
            data = b"x"
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("html/link")
        link.type, link.linkname = tarfile.SYMTYPE, str(outside)
        tar.addfile(link)
    doctrees, html = tmp_path / "build" / "doctrees", tmp_path / "build" / "html"
    assert cli(["load-cache", str(hostile), "--doctrees", str(doctrees), "--html", str(html)]) == 0
    assert "no record of sources" in capsys.readouterr().out
    assert not outside.exists()
    assert [path.name for path in html.iterdir()] == ["ok.html"]
    assert not (tmp_path / "build" / "elsewhere").exists()
