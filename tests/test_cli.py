"""The ``sphinx-posts`` command: ``new`` writes a post that builds, ``check`` reports problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from sphinx_posts.cli import main

ROOTS = Path(__file__).parent / "roots"


def _frontmatter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def test_new_writes_a_post_with_frontmatter(tmp_path, capsys):
    folder = tmp_path / "posts"
    title = 'C++ & "quotes": a post'
    status = main(
        ["new", title, "--dir", str(folder), "--tags", "c++, tips", "--date", "2025-03-20"]
    )
    assert status == 0
    written = folder / "c-plus-plus-and-quotes-a-post.md"
    assert capsys.readouterr().out.strip() == str(written)
    data = _frontmatter(written)
    assert data["title"] == title
    assert data["tags"] == ["c++", "tips"]
    assert str(data["date"]) == "2025-03-20"
    assert "draft" not in data


def test_new_refuses_to_overwrite(tmp_path, capsys):
    folder = tmp_path / "posts"
    assert main(["new", "Hello", "--dir", str(folder), "--draft"]) == 0
    assert _frontmatter(folder / "hello.md")["draft"] is True
    before = (folder / "hello.md").read_text(encoding="utf-8")
    assert main(["new", "Hello", "--dir", str(folder)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (folder / "hello.md").read_text(encoding="utf-8") == before


def test_check_passes_a_clean_site(tmp_path, capsys):
    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-seed", site)
    assert main(["check", str(site)]) == 0
    assert capsys.readouterr().out.strip().endswith("0 post warning(s)")


def test_check_reports_every_post_warning(tmp_path, capsys):
    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-bad-input", site)
    assert main(["check", str(site)]) == 1
    out = capsys.readouterr().out
    assert "[posts.date]" in out
    assert "[posts.tags]" in out
    assert "did you mean 'tags'" in out
    assert "[myst." not in out  # only our warnings are listed
