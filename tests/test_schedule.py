"""Publishing on time: ``schedule.json`` beside the feeds says when the next scheduled post
comes due (times only, never unpublished titles), ``sphinx-posts schedule`` lists the scheduled
posts without building, and ``--due`` tells a scheduled CI job whether to rebuild."""

from __future__ import annotations

import json

import pytest
from feedtools import ENVIRONMENT, atom
from helpers import build, copy_root

from sphinx_posts.cli import main

EPOCH = "1709251200"  # 2024-03-01: between.md (2024-06-01) and far-future.md are scheduled
AFTER_BETWEEN = "1735689600"  # 2025-01-01: only far-future.md is


@pytest.fixture(autouse=True)
def _no_build_environment(monkeypatch):
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


def schedule_of(app) -> dict:
    return json.loads((app.outdir / "blog" / "schedule.json").read_text(encoding="utf-8"))


def test_schedule_file_names_the_next_due_time_and_no_titles(
    make_app, rootdir, tmp_path, monkeypatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    app = make_app("html", srcdir=copy_root(rootdir, tmp_path, "publishing"))
    build(app)
    schedule = schedule_of(app)
    assert schedule == {
        "version": 1,
        "next_due": "2024-06-01T00:00:00Z",
        "due": ["2024-06-01T00:00:00Z", "2099-06-01T00:00:00Z"],
    }
    text = (app.outdir / "blog" / "schedule.json").read_text(encoding="utf-8")
    assert "Between" not in text and "between" not in text  # an unpublished post stays secret
    assert "Between post" not in [entry.title for entry in atom(app).entries]


def test_the_first_build_after_the_due_time_publishes_and_moves_the_schedule(
    make_app, rootdir, tmp_path, monkeypatch
):
    srcdir = copy_root(rootdir, tmp_path, "publishing")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = make_app("html", srcdir=srcdir)
    build(first)
    first.cleanup()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER_BETWEEN)
    app = make_app("html", srcdir=srcdir)
    build(app)
    assert schedule_of(app)["next_due"] == "2099-06-01T00:00:00Z"
    assert next(entry.title for entry in atom(app).entries) == "Between post"


def test_cli_lists_scheduled_posts_without_building(rootdir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = copy_root(rootdir, tmp_path, "publishing")
    assert main(["schedule", str(site)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "2024-06-01T00:00:00+00:00  posts/between  Between post",
        "2099-06-01T00:00:00+00:00  posts/far-future  Far future post",
    ]
    assert not (site / "_build").exists()
    assert main(["schedule", str(site), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["next_due"] == "2024-06-01T00:00:00+00:00"
    assert [post["docname"] for post in data["posts"]] == ["posts/between", "posts/far-future"]


@pytest.mark.parametrize(
    ("epoch", "status", "says"),
    [
        (EPOCH, 1, "nothing to publish yet"),
        (AFTER_BETWEEN, 0, "rebuild now"),
    ],
)
def test_due_tells_a_scheduled_job_whether_to_rebuild(
    tmp_path, monkeypatch, capsys, epoch, status, says
):
    published = tmp_path / "schedule.json"
    published.write_text(
        json.dumps({"version": 1, "next_due": "2024-06-01T00:00:00Z", "due": []}), "utf-8"
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert main(["schedule", "--due", str(published)]) == status
    assert says in capsys.readouterr().out


def test_due_with_nothing_scheduled_or_an_unreadable_schedule(tmp_path, capsys):
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps({"version": 1, "next_due": None, "due": []}), "utf-8")
    assert main(["schedule", "--due", str(empty)]) == 1
    assert main(["schedule", "--due", str(tmp_path / "missing.json")]) == 0  # rebuild to be safe
    assert "cannot read" in capsys.readouterr().out
