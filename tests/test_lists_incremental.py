"""Incremental builds: after an edit, every list, generated page and post navigation equals a
clean build's output for the same sources."""

from __future__ import annotations

import difflib
import os
import time

import pytest
from blog_helpers import output_tree
from helpers import build, copy_root, read_docs, written_docs


def _touch_later(path) -> None:
    """Make sure the edit looks newer than the last read, whatever the clock's resolution."""
    later = time.time() + 5
    os.utime(path, (later, later))


def _replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    _touch_later(path)


ADDED = """---
title: ML Basics Interlude
description: A post added between the parts.
date: 2022-05-05
tags: [Machine Learning, Python]
category: Life
author: Bob Stone
series: ML Basics
---

Added later.
"""


def add_post(srcdir) -> str | None:
    (srcdir / "posts/interlude.md").write_text(ADDED, encoding="utf-8")
    return None


def delete_post(srcdir) -> str | None:
    # the only post with the tags Photography and Winter: their pages must go too
    (srcdir / "posts/winter.md").unlink()
    return "posts/winter"


def change_tags(srcdir) -> str | None:
    _replace(srcdir / "posts/hello.md", "tags: [Python]", "tags: [Travel, Statistics]")
    return None


def change_date(srcdir) -> str | None:
    _replace(srcdir / "posts/sphinx-tips.md", "date: 2021-11-02", "date: 2024-08-01")
    return None


def toggle_drafts(srcdir) -> str | None:
    _replace(srcdir / "posts/draft.md", "draft: true", "draft: false")
    _replace(
        srcdir / "posts/release.md",
        "author: [Jane Doe, Bob Stone]",
        "author: [Jane Doe, Bob Stone]\ndraft: true",
    )
    return None


# step -> (edit, the documents the incremental build reads besides ``index``, whose globbed
# toctree Sphinx re-reads whenever a document is added or removed)
STEPS = {
    "add": (add_post, {"posts/interlude"}),
    "delete": (delete_post, set()),
    "tags": (change_tags, {"posts/hello"}),
    "date": (change_date, {"posts/sphinx-tips"}),
    "draft": (toggle_drafts, {"posts/draft", "posts/release"}),
}


def differences(incremental: dict[str, bytes], clean: dict[str, bytes]) -> str:
    report = []
    for name in sorted(set(incremental) | set(clean)):
        if name not in clean:
            report.append(f"only in the incremental build: {name}")
        elif name not in incremental:
            report.append(f"only in the clean build: {name}")
        elif incremental[name] != clean[name]:
            diff = difflib.unified_diff(
                clean[name].decode("utf-8", "replace").splitlines(),
                incremental[name].decode("utf-8", "replace").splitlines(),
                "clean",
                "incremental",
                lineterm="",
                n=1,
            )
            report.append(f"differs: {name}\n" + "\n".join(list(diff)[:30]))
    return "\n".join(report)


@pytest.mark.parametrize("step", list(STEPS))
def test_incremental_equals_clean(make_app, rootdir, tmp_path, step):
    srcdir = copy_root(rootdir, tmp_path, "blog", dest="src")
    first = make_app("html", srcdir=srcdir, builddir=tmp_path / "incremental")
    build(first)
    first.cleanup()

    edit, expected_reads = STEPS[step]
    deleted = edit(srcdir)

    again = make_app("html", srcdir=srcdir, builddir=tmp_path / "incremental")
    build(again)
    assert set(read_docs(again)) - {"index"} == expected_reads  # incremental, not full
    again.cleanup()

    clean = make_app("html", srcdir=srcdir, builddir=tmp_path / "clean", freshenv=True)
    build(clean)
    clean.cleanup()

    incremental = output_tree(again.outdir)
    if deleted:
        # Sphinx itself leaves the output of a deleted document behind (with or without this
        # extension); only the deleted post's own page is allowed to linger
        incremental.pop(f"{deleted}.html", None)
    assert differences(incremental, output_tree(clean.outdir)) == ""


def test_a_rebuild_without_changes_rewrites_no_page(make_app, rootdir, tmp_path):
    srcdir = copy_root(rootdir, tmp_path, "blog", dest="src")
    first = make_app("html", srcdir=srcdir, builddir=tmp_path / "build")
    build(first)
    first.cleanup()
    documents = sorted(first.env.found_docs)
    stamps = {name: (first.outdir / f"{name}.html").stat().st_mtime_ns for name in documents}
    assert any(name.startswith("posts/") for name in stamps)

    again = make_app("html", srcdir=srcdir, builddir=tmp_path / "build")
    build(again)
    again.cleanup()
    assert written_docs(again) == []
    rewritten = [
        name
        for name in documents
        if (again.outdir / f"{name}.html").stat().st_mtime_ns != stamps[name]
    ]
    assert rewritten == []
