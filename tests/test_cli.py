"""The ``sphinx-posts`` command: ``new`` writes a post that builds, ``check`` reports problems."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

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
    assert "[myst." not in out.replace("[myst.topmatter]", "")  # only post warnings are listed


MINIMAL_CONF = {
    "md": 'extensions = ["myst_parser", "sphinx_posts"]\n',
    "rst": 'extensions = ["myst_parser", "sphinx_posts"]\n',
    "ipynb": 'extensions = ["myst_nb", "sphinx_posts"]\nnb_execution_mode = "off"\n',
}


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    """A command in its own process, as a writer runs it (one site per process: myst-nb and
    myst-parser cannot both be set up in one process)."""
    return subprocess.run([sys.executable, "-m", *arguments], capture_output=True, text=True)


@pytest.mark.parametrize("kind", ["md", "rst", "ipynb"])
def test_new_then_check_then_build(tmp_path, kind):
    """The round trip a newcomer makes: the post ``new`` writes passes ``check`` and builds
    with ``-W``, dated and tagged, in each format."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "conf.py").write_text(
        MINIMAL_CONF[kind] + 'html_baseurl = "https://example.org/"\n', encoding="utf-8"
    )
    (site / "index.md").write_text("# Home\n", encoding="utf-8")
    arguments = ["new", "First post", "--dir", str(site / "posts"), "--tags", "a, b"]
    new = run("sphinx_posts.cli", *arguments, "--date", "2025-03-20", "--format", kind)
    written = site / "posts" / f"first-post.{kind}"
    assert (new.returncode, new.stdout.strip()) == (0, str(written))
    check = run("sphinx_posts.cli", "check", str(site))
    assert (check.returncode, check.stdout.strip(), check.stderr) == (0, "0 post warning(s)", "")
    out = tmp_path / "out"
    built = run("sphinx", "-W", "-q", "-b", "html", str(site), str(out))
    assert built.returncode == 0, built.stderr
    page = BeautifulSoup((out / "posts" / "first-post.html").read_text("utf-8"), "html.parser")
    assert page.h1.get_text().strip("¶") == "First post"
    assert page.find("time")["datetime"] == "2025-03-20"
    tags = {link.get_text(strip=True) for link in page.select(".posts-byline a")}
    assert {"a", "b"} <= tags


def test_new_leaves_out_what_is_empty(tmp_path):
    folder = tmp_path / "posts"
    assert main(["new", "Bare", "--dir", str(folder), "--date", "2025-03-20"]) == 0
    data = _frontmatter(folder / "bare.md")
    assert data == {"title": "Bare", "date": data["date"]}
    assert str(data["date"]) == "2025-03-20"


def test_new_notebook_keeps_the_frontmatter_in_its_metadata(tmp_path):
    folder = tmp_path / "posts"
    arguments = ["new", "Plots", "--dir", str(folder), "--format", "ipynb", "--draft"]
    assert main([*arguments, "--description", "Cells", "--date", "2025-03-20"]) == 0
    notebook = json.loads((folder / "plots.ipynb").read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    meta = notebook["metadata"]
    assert (meta["title"], meta["description"], meta["draft"]) == ("Plots", "Cells", True)


def test_check_prints_each_problem_once(tmp_path, capsys):
    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-bad-input", site)
    assert main(["check", str(site)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == len(set(lines))
    assert captured.err == ""  # not once on stderr and again on stdout
    assert "\x1b[" not in captured.out


def test_check_says_when_a_frontmatter_block_cannot_be_read(tmp_path, capsys):
    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-seed", site)
    (site / "posts" / "broken.md").write_text(
        '---\ntitle: "Broken"\ndate: 2025-13-01\n---\n\nBody.\n', encoding="utf-8"
    )
    assert main(["check", str(site)]) == 1
    out = capsys.readouterr().out
    assert "broken.md:1: WARNING: Malformed YAML [myst.topmatter]" in out


def test_check_exit_status_two_when_the_site_cannot_be_read(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 2
    assert "no conf.py" in capsys.readouterr().err
    (tmp_path / "conf.py").write_text("raise ValueError('broken conf')\n", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 2
    assert "could not be read" in capsys.readouterr().err


def test_help_is_plain_text():
    result = run("sphinx_posts.cli", "--help")
    assert "``" not in result.stdout
    assert "sphinx-posts new" in result.stdout
    assert "sphinx-posts check" in result.stdout


def test_pre_commit_hook_runs_check():
    hooks = yaml.safe_load((ROOTS.parent.parent / ".pre-commit-hooks.yaml").read_text("utf-8"))
    (hook,) = hooks
    assert hook["id"] == "sphinx-posts-check"
    assert hook["entry"] == "sphinx-posts check"
    assert hook["pass_filenames"] is False
    assert hook["language"] == "python"
