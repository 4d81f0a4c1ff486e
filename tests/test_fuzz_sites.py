"""Fuzz: real sites built from random, hostile frontmatter (see ``fuzzsites.py``).

Whatever a writer or a migration tool puts in frontmatter, a build must not crash, must write
only inside its output folder, must escape every value for where it lands, must write feeds
that parse, and must never drop a post without saying so.

``make test`` builds a few fixed seeds. ``make fuzz`` builds ``FUZZ_SITES`` sites from seed
``FUZZ_SEED`` on; ``FUZZ_KNOWN=0`` leaves out the inputs of the failures issue 11 fixes, to
look for new ones. A failing site is rebuilt from its test id (``-k seed-123``).
"""

from __future__ import annotations

import os
import random
import re
import traceback
from typing import TYPE_CHECKING

import pytest
from feedtools import ENVIRONMENT
from fuzzsites import (
    Site,
    damage_state,
    feed_problems,
    html_problems,
    listed_targets,
    outside,
    snapshot,
    write_site,
)
from helpers import build, compare_trees, posts_of, tree, warning_lines, warnings_of

if TYPE_CHECKING:
    from pathlib import Path

FUZZ_SITES = int(os.environ.get("FUZZ_SITES", "0"))
FUZZ_SEED = int(os.environ.get("FUZZ_SEED", "0"))
KNOWN = os.environ.get("FUZZ_KNOWN", "1") != "0"
DEFAULT_SEEDS = (1, 2, 3, 4)
"""The ``make test`` slice: four sites of 5 to 10 posts, the last built with ``dirhtml``."""


KNOWN_PROBLEMS = {
    "dates out of range": re.compile(
        r"offset must be a timedelta|OverflowError|out of range|year -?\d+ is out of range"
    ),
    "5 kB image name": re.compile(r"File name too long"),
    "unsafe links": re.compile(r"a script or data URL|another host written as //host"),
    "RSS/JSON Feed descriptions as HTML": re.compile(
        r"rss\.xml description: xinj|feed\.json content_html: xinj"
    ),
    "JSON-LD broken by <!--<script>": re.compile(r"inline <script> holds|JSON-LD does not parse"),
}
"""Problems issue 11 is fixing on other branches; with ``FUZZ_KNOWN=0`` they are not reported,
so a run looks for new ones only."""


def new_problems(problems: list[str]) -> list[str]:
    return [
        problem
        for problem in problems
        if not any(pattern.search(problem) for pattern in KNOWN_PROBLEMS.values())
    ]


def seeds() -> list[int]:
    if FUZZ_SITES:
        return list(range(FUZZ_SEED, FUZZ_SEED + FUZZ_SITES))
    return list(DEFAULT_SEEDS)


def builder_for(seed: int) -> str:
    return "dirhtml" if seed % 4 == 0 else "html"


@pytest.fixture(autouse=True)
def _no_build_environment(monkeypatch):
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


def output_name(builder: str, docname: str) -> str:
    return f"{docname}/index.html" if builder == "dirhtml" else f"{docname}.html"


def build_problems(make_app, tmp_path: Path, site: Site, builder: str) -> list[str]:
    """Build the site in ``tmp_path / "src"`` and list every rule the build broke."""
    srcdir, builddir = tmp_path / "src", tmp_path / "build"
    before = snapshot(srcdir)
    neighbours = sorted(path.name for path in tmp_path.parent.iterdir())
    app = make_app(builder, srcdir=srcdir, builddir=builddir)
    try:
        app.build()
    except Exception:
        return [f"the build crashed:\n{traceback.format_exc()}"]
    finally:
        app.cleanup()
    outdir = app.outdir
    warnings = warnings_of(app)
    problems = [f"error logged: {line}" for line in warnings.splitlines() if "ERROR" in line]
    if snapshot(srcdir) != before:
        problems.append("the build wrote into the source folder")
    if sorted(path.name for path in tmp_path.iterdir()) != ["build", "src"]:
        problems.append(f"the build wrote beside its folders: {sorted(tmp_path.iterdir())}")
    if sorted(path.name for path in tmp_path.parent.iterdir()) != neighbours:
        problems.append("the build wrote outside its temporary folder")
    problems += [f"outside the output folder: {path}" for path in outside(builddir, builddir)]
    for path in sorted(outdir.rglob("*.html")):
        page = path.relative_to(outdir).as_posix()
        problems += html_problems(page, path.read_text(encoding="utf-8", errors="replace"))
    problems += feed_problems(outdir)
    listed = listed_targets(outdir)
    for post in site.posts:
        page = output_name(builder, post.docname)
        if not (outdir / page).is_file():
            problems.append(f"{post.docname}: no page written")
        if not post.wanted or page in listed:
            continue
        link = post.fields.get("external_link")
        if isinstance(link, str) and link.strip() in listed:
            continue
        if str(srcdir / f"{post.docname}.md") not in warnings:
            problems.append(f"{post.docname}: not listed, and no warning about it")
    return problems


def describe(site: Site, builder: str, problems: list[str]) -> str:
    posts = "\n".join(f"--- {post.docname}\n{post.yaml_text}" for post in site.posts)
    found = "\n".join(dict.fromkeys(problems))  # distinct, in order
    return f"seed {site.seed} ({builder}): {len(problems)} problems\n{found}\n\n{posts}"


@pytest.mark.parametrize("seed", seeds(), ids=lambda seed: f"seed-{seed}")
def test_random_site(make_app, tmp_path, seed):
    count = random.Random(seed).randint(5, 10)
    site = write_site(tmp_path / "src", seed, count, known=KNOWN)
    builder = builder_for(seed)
    problems = build_problems(make_app, tmp_path, site, builder)
    if not KNOWN:
        problems = new_problems(problems)
    assert not problems, describe(site, builder, problems)


def damage_seeds() -> list[int]:
    if FUZZ_SITES:
        return list(range(FUZZ_SEED, FUZZ_SEED + max(1, FUZZ_SITES // 5)))
    return [DEFAULT_SEEDS[0]]


@pytest.mark.parametrize("seed", damage_seeds(), ids=lambda seed: f"seed-{seed}")
def test_damaged_state_gives_a_clean_build(make_app, tmp_path, monkeypatch, seed):
    """A random site built, some of the blog's state files damaged at random, built again:
    no crash, nothing outside the output touched, and the output of a clean build."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # both builds decide alike
    srcdir = tmp_path / "src"
    write_site(srcdir, seed, 6, known=False)
    builddir = tmp_path / "build"
    builddir.mkdir()
    (builddir / "keep.txt").write_text("not the blog's", encoding="utf-8")
    first = make_app("html", srcdir=srcdir, builddir=builddir)
    first.build()
    first.cleanup()
    damaged = damage_state(random.Random(seed), first.doctreedir)
    again = make_app("html", srcdir=srcdir, builddir=builddir)
    try:
        again.build()
    except Exception:
        pytest.fail(f"damaged {damaged}, the build crashed:\n{traceback.format_exc()}")
    finally:
        again.cleanup()
    clean = make_app("html", srcdir=srcdir, builddir=tmp_path / "clean")
    clean.build()
    clean.cleanup()
    problems = compare_trees(tree(again.outdir), tree(clean.outdir), set())
    assert not problems, f"damaged {damaged}:\n  " + "\n  ".join(problems)
    assert (builddir / "keep.txt").read_text(encoding="utf-8") == "not the blog's"


# -- what fuzzing found, kept as examples -----------------------------------------------------

found_site = pytest.mark.sphinx("html", testroot="fuzz-found")


@found_site
def test_every_post_fuzzing_broke_builds_and_is_listed(app):
    build(app, expect_warnings=True)
    assert set(posts_of(app)) == {
        "posts/surrogate",
        "posts/unreadable-yaml",
        "posts/laughs",
        "posts/empty-values",
        "posts/feed-redirect",
    }
    assert all(not post.draft for post in posts_of(app).values())
    for path in app.outdir.rglob("*.html"):
        path.read_text(encoding="utf-8")  # well-formed UTF-8 everywhere


@found_site
def test_a_lone_surrogate_becomes_a_replacement_character(app):
    """``"\\ud800"`` in YAML or JSON is a character no UTF-8 file holds: the build crashed
    (slug, body spool, feeds); now it is U+FFFD."""
    build(app, expect_warnings=True)
    post = posts_of(app)["posts/surrogate"]
    assert post.title == "Lone \ufffd surrogate"
    assert post.description == "A \ufffd description"
    assert post.tags == ("\ufffd", "kept")
    assert post.categories == ("\ufffd json",)
    assert post.redirect == ("old/\ufffd",)


@found_site
def test_text_pyyaml_fails_on_stays_text(app):
    """``yaml.safe_load`` raises ValueError and AttributeError, not only YAMLError."""
    build(app, expect_warnings=True)
    post = posts_of(app)["posts/unreadable-yaml"]
    assert post.tags == ("[2021-99-99]",)
    assert post.authors == ("[!!float abc]",)


@found_site
def test_yaml_aliases_are_not_expanded_into_billions(app):
    """A 400-byte tags value whose aliases expand to 9**9 names (every warning shows the
    value) stays text; so does a value that holds itself."""
    build(app, expect_warnings=True)
    post = posts_of(app)["posts/laughs"]
    assert len(post.tags) < 100
    assert post.description == "{a: &a [*a]}"


@found_site
def test_keys_with_nothing_after_them_count_as_absent(app):
    """myst-parser gives ``tags:`` (YAML null) as the text ``null``: it made a tag page
    ``blog/tag/null`` and a description "null"."""
    build(app, expect_warnings=True)
    post = posts_of(app)["posts/empty-values"]
    assert post.tags == ()
    assert post.description == ""
    assert post.series == ""
    assert post.image == ""
    assert post.draft is False
    assert not (app.outdir / "blog/tag/null.html").exists()
    assert "empty-values" not in warnings_of(app)


@pytest.mark.sphinx("dirhtml", testroot="fuzz-found")
def test_a_redirect_never_takes_a_feed_file(app):
    """dirhtml writes a page ``blog/atom.xml`` as ``blog/atom.xml/index.html``: the folder
    stood where the feed goes, and writing the feed crashed the build."""
    build(app, expect_warnings=True)
    for feed in ("blog/atom.xml", "blog/tag/kept/rss.xml"):
        assert (app.outdir / feed).is_file(), feed
        lines = [line for line in warning_lines(app, "[posts.collision]") if feed in line]
        assert len(lines) == 1, warning_lines(app)
        assert "posts/feed-redirect" in lines[0]
    assert (app.outdir / "old/feed-redirect/index.html").is_file()
