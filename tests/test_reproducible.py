"""Reproducible output: the same sources and SOURCE_DATE_EPOCH give the same bytes, wherever the
site is built and however many processes build it."""

from __future__ import annotations

import difflib
import shutil

import pytest
from feedtools import ENVIRONMENT, feed_files
from helpers import build, copy_root

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


@pytest.fixture(autouse=True)
def _no_build_environment(monkeypatch):
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def outputs(outdir, files) -> dict[str, bytes]:
    return {path.relative_to(outdir).as_posix(): path.read_bytes() for path in files}


def feeds(app) -> dict[str, bytes]:
    found = outputs(app.outdir, feed_files(app.outdir))
    assert "blog/atom.xml" in found
    assert "blog/tag/python/feed.json" in found
    return found


def pages(app) -> dict[str, bytes]:
    """Post pages and the generated blog pages."""
    files = [*app.outdir.glob("posts/**/*.html"), *app.outdir.glob("blog/**/*.html")]
    found = outputs(app.outdir, files)
    assert len(found) > 10
    return found


def assert_same(first: dict[str, bytes], second: dict[str, bytes]) -> None:
    assert sorted(first) == sorted(second)
    for name, data in first.items():
        if data != second[name]:
            diff = difflib.unified_diff(
                data.decode("utf-8", "replace").splitlines(),
                second[name].decode("utf-8", "replace").splitlines(),
                lineterm="",
                n=1,
            )
            pytest.fail(f"{name} differs:\n" + "\n".join(list(diff)[:40]))


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_two_clean_builds_in_different_folders_are_identical(make_app, rootdir, tmp_path, builder):
    first = make_app(builder, srcdir=copy_root(rootdir, tmp_path, "feeds", dest="one"))
    build(first)
    first_feeds, first_pages = feeds(first), pages(first)
    first.cleanup()
    second = make_app(builder, srcdir=copy_root(rootdir, tmp_path / "elsewhere", "feeds"))
    build(second)
    assert first.outdir != second.outdir
    assert_same(first_feeds, feeds(second))
    assert_same(first_pages, pages(second))
    second.cleanup()


def test_parallel_build_writes_the_same_feeds_as_serial(make_app, rootdir, tmp_path):
    parallel = make_app(
        "html", srcdir=copy_root(rootdir, tmp_path, "feeds", dest="parallel"), parallel=2
    )
    build(parallel)
    assert parallel.parallel == 2
    parallel_feeds, parallel_pages = feeds(parallel), pages(parallel)
    parallel.cleanup()
    serial = make_app("html", srcdir=copy_root(rootdir, tmp_path, "feeds", dest="serial"))
    build(serial)
    assert_same(parallel_feeds, feeds(serial))
    assert_same(parallel_pages, pages(serial))
    serial.cleanup()


def test_rebuilding_without_changes_keeps_the_feeds(make_app, rootdir, tmp_path):
    srcdir = copy_root(rootdir, tmp_path, "feeds")
    first = make_app("html", srcdir=srcdir)
    build(first)
    before = feeds(first)
    first.cleanup()
    again = make_app("html", srcdir=srcdir)
    build(again)
    assert_same(before, feeds(again))
    again.cleanup()


def test_incremental_rebuild_writes_the_feeds_a_clean_build_writes(make_app, rootdir, tmp_path):
    srcdir = copy_root(rootdir, tmp_path, "feeds", dest="incremental")
    (srcdir / "posts" / "pointer.md").write_text(
        "---\ntitle: Pointer\ndate: 2025-08-01\ntags: [Python]\n---\n\n"
        "See {post}`summer` for more.\n",
        encoding="utf-8",
    )
    first = make_app("html", srcdir=srcdir)
    build(first)
    assert "Summer notes" in (first.outdir / "blog/feed.json").read_text(encoding="utf-8")
    first.cleanup()

    summer = srcdir / "posts" / "summer.md"
    summer.write_text(
        summer.read_text(encoding="utf-8").replace("title: Summer notes", "title: Hot notes"),
        encoding="utf-8",
    )
    (srcdir / "posts" / "late.md").write_text(
        "---\ntitle: Late post\ndate: 2025-12-01\ntags: [Travel]\n---\n\nLate body.\n",
        encoding="utf-8",
    )
    incremental = make_app("html", srcdir=srcdir)
    build(incremental)
    incremental_feeds = feeds(incremental)
    incremental.cleanup()
    assert "Summer notes" not in incremental_feeds["blog/feed.json"].decode()
    assert "Late post" in incremental_feeds["blog/tag/travel/feed.json"].decode()

    clean_srcdir = tmp_path / "clean"
    shutil.copytree(srcdir, clean_srcdir, ignore=shutil.ignore_patterns("_build"))
    clean = make_app("html", srcdir=clean_srcdir)
    build(clean)
    assert_same(incremental_feeds, feeds(clean))
    clean.cleanup()
