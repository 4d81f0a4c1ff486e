"""Correctness of whole builds: incremental == clean, ``-j 2`` == ``-j 1``, quiet rebuilds.

The site is ``tests/roots/test-correctness`` (pages with every kind of list; basic theme,
``posts_per_page = 3`` so pagination moves) plus posts made by ``benchmarks/generate.py``.

What Sphinx itself varies between an incremental and a clean build of the same sources, and is
therefore normalised here (checked, not assumed; see ``compare_trees``):

- the HTML of a *deleted document* stays in the output of an incremental build (Sphinx never
  removes output files), so ``posts/<deleted>.html`` is ignored when the clean build has no
  such file. Pages the *extension* generated and no longer generates are not excused;
- ``_sources/`` (copies of the sources, same rule as above) and ``.doctrees`` are not compared;
- ``searchindex.js``: when a document goes away, Sphinx's ``IndexBuilder.prune`` removes it from
  each word's set of documents but keeps words whose set is now empty (``"impati":[]``); a clean
  build never has them. Such empty ``terms``/``titleterms`` entries are dropped before comparing
  the parsed index; everything else in it must be equal.

Nothing else is normalised: ``objects.inv``, ``genindex.html``, feeds and every page must be
byte-identical.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import pickle
import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from docutils import nodes
from helpers import (
    NOT_COMPARED,
    SET_INDEX,
    compare_trees,
    plain,
    read_docs,
    tree,
    written_docs,
)

from sphinx_posts.model import ListSpec, Post

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType

    from sphinx.testing.util import SphinxTestApp

GENERATE = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"
FEEDS = ("atom.xml", "rss.xml", "feed.json")
SEEDS = [int(seed) for seed in os.environ.get("CORRECTNESS_SEEDS", "1 2 3").split()]
"""Seeds of the random edit walks; ``CORRECTNESS_SEEDS="1 2 3 4 5"`` runs more."""


def _generator() -> ModuleType:
    name = "_correctness_generate"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


gen = _generator()


# ------------------------------------------------------------------------------ the site


@dataclass
class Source:
    """One post file: its frontmatter fields and body, rendered in the generator's style."""

    stem: str
    title: str
    description: str
    date: str
    tags: list[str]
    body: str
    """The body without its title heading (``heading`` says whether it gets one)."""
    heading: bool = True
    draft: bool = False
    series: str = ""

    @classmethod
    def generated(cls, post: Any) -> Source:
        body = post.body.split("\n", 2)[2]  # drop "# Title" and the blank line after it
        return cls(post.stem, post.title, post.description, post.date, list(post.tags), body)

    def text(self) -> str:
        lines = ["---", f"title: {json.dumps(self.title)}"]
        if self.description:
            lines.append(f"description: {json.dumps(self.description)}")
        lines += [f"date: {json.dumps(self.date)}", f"tags: {json.dumps(self.tags)}"]
        if self.draft:
            lines.append("draft: true")
        if self.series:
            lines.append(f"series: {json.dumps(self.series)}")
        lines += ["---", ""]
        if self.heading:
            lines += [f"# {self.title}", ""]
        return "\n".join(lines) + "\n" + self.body


class Site:
    """A copy of the correctness root whose posts a seeded random walk edits."""

    SERIES = ("Deep dive", "Field notes")

    def __init__(self, srcdir: Path, seed: int, count: int = 15, spare: int = 8) -> None:
        self.srcdir = srcdir
        self.rng = random.Random(f"correctness-{seed}")
        made = [Source.generated(post) for post in gen.make_posts(count + spare, seed)]
        self.live: dict[str, Source] = {}
        self.spare = made[count:]
        self.deleted: set[str] = set()
        self.counter = 0
        (srcdir / "posts").mkdir(exist_ok=True)
        for source in made[:count]:
            self.put(source)
        # a few variations up front, so the first build already has every shape
        first = sorted(self.live)
        self.put(replace(self.live[first[0]], heading=False))  # title from frontmatter only
        self.put(replace(self.live[first[1]], description=""))  # lists show the excerpt
        self.put(replace(self.live[first[2]], series="Deep dive"))
        self.put(replace(self.live[first[3]], series="Deep dive"))
        self.put(replace(self.live[first[4]], draft=True))
        # a page that names posts and tags through the roles (they follow retitles and deletes)
        (srcdir / "refs.md").write_text(
            "---\norphan: true\n---\n# References\n\n"
            f"Read {{post}}`posts/{first[5]}`, {{post}}`/posts/{first[6]}` and the posts tagged "
            "{tag}`Python` or {tag}`machine learning`.\n",
            encoding="utf-8",
        )

    def path(self, stem: str) -> Path:
        return self.srcdir / "posts" / f"{stem}.md"

    def put(self, source: Source) -> None:
        self.live[source.stem] = source
        self.path(source.stem).write_text(source.text(), encoding="utf-8")

    def pick(self) -> Source:
        return self.live[self.rng.choice(sorted(self.live))]

    def fresh(self) -> int:
        self.counter += 1
        return self.counter

    # --- the edits; each returns what it did, for failure messages

    def add(self) -> str:
        source = self.spare.pop(0)
        self.put(source)
        return f"add {source.stem}"

    def delete(self) -> str:
        source = self.pick()
        self.path(source.stem).unlink()
        del self.live[source.stem]
        self.deleted.add(source.stem)
        return f"delete {source.stem}"

    def date(self) -> str:
        source = self.pick()
        rng = self.rng
        choice = rng.random()
        if choice < 0.3:  # the same day as another post: docname breaks the tie
            date = self.pick().date[:10]
        elif choice < 0.5:  # with a time and an offset
            date = f"{rng.randint(2015, 2024)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
            date += f"T{rng.randint(10, 23)}:30:00+02:00"
        else:  # possibly another year: archives, year pages and their pagination move
            date = f"{rng.randint(2014, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        self.put(replace(source, date=date))
        return f"date {source.stem}: {source.date} -> {date}"

    def tags(self) -> str:
        source = self.pick()
        tags = list(source.tags)
        choice = self.rng.random()
        if choice < 0.25 and tags:
            tags.pop(self.rng.randrange(len(tags)))  # may leave none, may empty a tag
        elif choice < 0.5:
            tags.append(self.rng.choice([t for t in gen.TAGS[:8] if t not in tags]))
        elif choice < 0.7:
            tags = [f"Brand New {self.fresh()}"]  # a tag nobody else has
        elif choice < 0.85 and tags:
            tags[0] = tags[0].lower()  # another spelling of the same tag
        else:
            tags = ["Python", *[t for t in tags if t != "Python"]]
        self.put(replace(source, tags=tags))
        return f"tags {source.stem}: {source.tags} -> {tags}"

    def title(self) -> str:
        source = self.pick()
        title = f"Retitled {self.fresh()}: Q&A about “{source.tags[0] if source.tags else 'x'}”"
        self.put(replace(source, title=title))
        return f"title {source.stem}: {title}"

    def description(self) -> str:
        source = self.pick()
        text = "" if self.rng.random() < 0.3 else f"A new description, number {self.fresh()}."
        self.put(replace(source, description=text))
        return f"description {source.stem}: {text!r}"

    def draft(self) -> str:
        source = self.pick()
        self.put(replace(source, draft=not source.draft))
        return f"draft {source.stem}: {not source.draft}"

    def series(self) -> str:
        source = self.pick()
        series = self.rng.choice([*self.SERIES, ""])
        self.put(replace(source, series=series))
        return f"series {source.stem}: {series!r}"

    def body(self) -> str:
        source = self.pick()
        words = " ".join(["Another sentence with some words in it."] * self.rng.randint(5, 60))
        if self.rng.random() < 0.5:
            body = f"A new first paragraph {self.fresh()}. {words}\n\n{source.body}"
        else:
            body = f"{source.body}\n{words}\n"
        self.put(replace(source, body=body))
        return f"body {source.stem}"

    EDITS = ("add", "delete", "date", "tags", "title", "description", "draft", "series", "body")

    def step(self, number: int) -> list[str]:
        """One to three edits; the first cycles through every kind across steps and seeds."""
        kinds = [self.EDITS[number % len(self.EDITS)]]
        kinds += self.rng.sample(self.EDITS, self.rng.randint(0, 2))
        done = []
        for kind in kinds:
            if kind == "add" and not self.spare:
                kind = "title"
            if kind == "delete" and len(self.live) < 6:
                kind = "body"
            done.append(getattr(self, kind)())
        return done


def make_site(rootdir: Path, srcdir: Path, seed: int, **kwargs: Any) -> Site:
    shutil.copytree(rootdir / "test-correctness", srcdir)
    return Site(srcdir, seed, **kwargs)


# ------------------------------------------------------------------------------ comparing


def status_of(app: SphinxTestApp | Process) -> str:
    return plain(app.status.getvalue())


ENV_LINE = re.compile(
    r"updating environment: (\[[^\]]*\] )?(\d+) added, (\d+) changed, (\d+) removed"
)


def run(make_app: Callable[..., SphinxTestApp], srcdir: Path, builddir: Path, **kw: Any):
    app = make_app("html", srcdir=srcdir, builddir=builddir, **kw)
    app.build()
    app.cleanup()
    return app


# ------------------------------------------------------------------------------ (a) incremental


WALKS = [(seed, "shared") for seed in SEEDS] + [(SEEDS[0], "inline")]
"""Every seed with the default shared sidebars (``blog/_sidebars.js`` compared like a page);
the first seed again with sidebars written into every page."""


@pytest.mark.parametrize(("seed", "sidebars"), WALKS)
def test_incremental_build_equals_clean_build(make_app, rootdir, tmp_path, seed, sidebars):
    """After every step of seeded random edits, an incremental build equals a clean one."""
    site = make_site(rootdir, tmp_path / "src", seed)
    if sidebars != "shared":
        with (site.srcdir / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(f"\nposts_sidebars = {sidebars!r}\n")
    builddir = tmp_path / "incremental"
    run(make_app, site.srcdir, builddir)
    failures, seen = [], set()
    for number in range(6):
        done = site.step(seed * 6 + number)
        app = run(make_app, site.srcdir, builddir)
        env_line = ENV_LINE.search(status_of(app))
        assert env_line is not None and env_line[1] is None, (
            f"step {number}: not an incremental build: {env_line and env_line[0]}"
        )
        clean = run(make_app, site.srcdir, tmp_path / f"clean-{number}", freshenv=True)
        # the feeds are part of the comparison: make sure there are some to compare
        assert all((clean.outdir / "blog" / name).is_file() for name in FEEDS)
        assert list((clean.outdir / "blog" / "tag").glob("*/atom.xml"))
        assert "posts-post" in (clean.outdir / "refs.html").read_text(encoding="utf-8")
        problems = compare_trees(tree(app.outdir), tree(clean.outdir), site.deleted)
        new = [problem for problem in problems if problem.split("\n")[0] not in seen]
        seen.update(problem.split("\n")[0] for problem in problems)
        if new:  # a leftover file is reported once, at the step that left it
            failures.append(f"step {number} ({'; '.join(done)}):\n  " + "\n  ".join(new))
        shutil.rmtree(tmp_path / f"clean-{number}")
    assert not failures, "\n".join(failures)


def _post(title: str, date: str, tags: list[str], *, draft: bool = False) -> str:
    draft_line = "draft: true\n" if draft else ""
    return (
        f"---\ntitle: {json.dumps(title)}\ndate: {date}\ntags: {json.dumps(tags)}\n"
        f"{draft_line}---\n\nThe body of {title}.\n"
    )


def _small_site(rootdir: Path, srcdir: Path, posts: dict[str, str], conf: str = "") -> Path:
    shutil.copytree(rootdir / "test-correctness", srcdir)
    (srcdir / "posts").mkdir()
    for stem, text in posts.items():
        (srcdir / "posts" / f"{stem}.md").write_text(text, encoding="utf-8")
    if conf:
        with (srcdir / "conf.py").open("a", encoding="utf-8") as handle:
            handle.write("\n" + conf + "\n")
    return srcdir


def _incremental_vs_clean(make_app, srcdir: Path, tmp_path: Path, edit: Callable[[], None]):
    run(make_app, srcdir, tmp_path / "incremental")
    edit()
    app = run(make_app, srcdir, tmp_path / "incremental")
    clean = run(make_app, srcdir, tmp_path / "clean", freshenv=True)
    deleted = {path.stem for path in (app.outdir / "posts").glob("*.html")}
    deleted -= {path.stem for path in (srcdir / "posts").glob("*.md")}
    return compare_trees(tree(app.outdir), tree(clean.outdir), deleted)


def test_tag_feeds_go_when_the_tag_goes(make_app, rootdir, tmp_path):
    """A tag's last post deleted: its page and its three feeds leave the output."""
    srcdir = _small_site(
        rootdir,
        tmp_path / "src",
        {"a": _post("A", "2024-01-01", ["Solo"]), "b": _post("B", "2024-01-02", ["Other"])},
    )
    problems = _incremental_vs_clean(make_app, srcdir, tmp_path, (srcdir / "posts" / "a.md").unlink)
    assert not problems, "\n".join(problems)
    folder = tmp_path / "incremental" / "html" / "blog" / "tag" / "solo"
    assert not [path for path in folder.rglob("*") if path.is_file()]


def test_draft_byline_drops_the_link_to_a_tag_page_that_goes(make_app, rootdir, tmp_path):
    """A draft's byline links its tag only while the tag has a page (a listed post).

    Found by the random walk (seed 1, step 4): the listed post with the tag is deleted, the
    draft is not rewritten and keeps a link to the deleted tag page.
    """
    srcdir = _small_site(
        rootdir,
        tmp_path / "src",
        {
            "listed": _post("Listed", "2024-01-01", ["Solo"]),
            "draft": _post("Draft", "2024-01-02", ["Solo"], draft=True),
            "other": _post("Other", "2024-01-03", ["Other"]),
        },
        conf="posts_related = 0",
    )
    problems = _incremental_vs_clean(
        make_app, srcdir, tmp_path, (srcdir / "posts" / "listed.md").unlink
    )
    assert not problems, "\n".join(problems)


def test_post_and_tag_roles_follow_the_post_and_the_tag(make_app, rootdir, tmp_path):
    """``{post}`` shows the post's current title; ``{tag}`` links only to a tag page that exists."""
    srcdir = _small_site(
        rootdir,
        tmp_path / "src",
        {
            "a": _post("Old title", "2024-01-01", ["Python"]),
            "b": _post("B", "2024-01-02", ["Solo"]),
        },
    )
    (srcdir / "refs.md").write_text(
        "---\norphan: true\n---\n# References\n\nSee {post}`posts/a` and {tag}`Solo`.\n",
        encoding="utf-8",
    )

    def edit() -> None:
        post = srcdir / "posts" / "a.md"
        post.write_text(_post("New title", "2024-01-01", ["Python"]), encoding="utf-8")
        (srcdir / "posts" / "b.md").write_text(
            _post("B", "2024-01-02", ["Solo"], draft=True), encoding="utf-8"
        )

    problems = _incremental_vs_clean(make_app, srcdir, tmp_path, edit)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("change", ["cite", "uncite"])
def test_a_body_edit_that_cites_a_page_rewrites_that_page(make_app, rootdir, tmp_path, change):
    """A post's text gains (or loses) a reference to a page, and nothing lists or links to
    the post shows any change: the records are as they were, every other post's navigation
    is taken from the last build, and the cited page's back-links must still follow."""
    cited = "\n\nMore on this in {doc}`/guide`.\n"
    body = _post("A", "2024-01-01", ["Python"]) + (cited if change == "uncite" else "")
    srcdir = _small_site(
        rootdir,
        tmp_path / "src",
        {"a": body, "b": _post("B", "2024-01-02", ["Python"])},
    )
    (srcdir / "guide.md").write_text(
        "---\norphan: true\n---\n# Guide\n\nHow it works.\n", encoding="utf-8"
    )

    def edit() -> None:
        text = body + cited if change == "cite" else body.replace(cited, "\n")
        (srcdir / "posts" / "a.md").write_text(text, encoding="utf-8")

    problems = _incremental_vs_clean(make_app, srcdir, tmp_path, edit)
    assert not problems, "\n".join(problems)
    guide = (tmp_path / "incremental" / "html" / "guide.html").read_text(encoding="utf-8")
    assert ("posts/a.html" in guide) == (change == "cite")


def test_search_index_holds_no_navigation_chrome(make_app, rootdir, tmp_path):
    """A post's search entry is its own text: not its neighbours' and related posts' titles
    (the navigation under it), nor the byline's words ("min read").

    Sphinx indexes the text of every ``raw`` HTML node, so a byline or footer inserted as
    ``nodes.raw`` makes a search for one post's title return the pages of its neighbours,
    and costs indexing time (about 0.6 s of a 1000-post build).
    """
    posts = {
        "a": _post("Quokka sightings", "2024-01-01", ["Animals"]),
        "b": _post("Second post", "2024-01-02", ["Animals"]),
        "c": _post("Third post", "2024-01-03", ["Animals"]),
    }
    srcdir = _small_site(rootdir, tmp_path / "src", posts)
    app = run(make_app, srcdir, tmp_path / "build")
    match = SET_INDEX.match((app.outdir / "searchindex.js").read_bytes().strip())
    assert match
    index = json.loads(match[1])
    docnames = index["docnames"]

    def posts_with(word: str) -> set[str]:
        """Posts found for ``word`` (title words are in ``titleterms``, others in ``terms``)."""
        found: set[int] = set()
        for key in ("terms", "titleterms"):
            docs = index[key].get(word, [])
            found.update(docs if isinstance(docs, list) else [docs])
        return {docnames[i] for i in found if docnames[i].startswith("posts/")}

    assert posts_with("quokka") == {"posts/a"}
    assert posts_with("min") == set()  # "1 min read"


# ------------------------------------------------------------------------------ (b) parallel


def test_parallel_build_equals_serial_build(make_app, rootdir, tmp_path, monkeypatch):
    """``-j 2`` writes the same bytes as ``-j 1``: clean, then after a large edit.

    Generated pages and feeds are written by worker processes too (generate/parallel.py)."""
    from sphinx_posts.generate import parallel as pool

    chunks: list[int] = []

    class Counted(pool.ParallelTasks):
        def add_task(self, task_func, arg=None, result_func=None):
            chunks.append(len(arg))
            super().add_task(task_func, arg, result_func)

    monkeypatch.setattr(pool, "ParallelTasks", Counted)
    site = make_site(rootdir, tmp_path / "src", seed=7, count=30)
    serial = run(make_app, site.srcdir, tmp_path / "serial")
    assert chunks == []
    parallel = run(make_app, site.srcdir, tmp_path / "parallel", parallel=2)
    # the generated pages (more than 40) and the feeds (the blog's and each tag's)
    assert len(chunks) >= 4 and sum(chunks) > 40, chunks
    # the worker processes really read and wrote chunks of documents
    assert re.search(r"reading sources\.\.\. .*\S \.\. \S", status_of(parallel))
    assert re.search(r"writing output\.\.\. .*\S \.\. \S", status_of(parallel))
    problems = compare_trees(tree(parallel.outdir), tree(serial.outdir), set())
    assert not problems, "clean builds:\n  " + "\n  ".join(problems)

    # enough changed documents that the incremental read is parallel too
    done = [site.tags() for _ in range(5)] + [site.title(), site.delete(), site.add()]
    done += [site.draft(), site.date(), site.series()]
    serial = run(make_app, site.srcdir, tmp_path / "serial")
    parallel = run(make_app, site.srcdir, tmp_path / "parallel", parallel=2)
    assert re.search(r"reading sources\.\.\. .*\S \.\. \S", status_of(parallel))
    problems = compare_trees(tree(parallel.outdir), tree(serial.outdir), set())
    assert not problems, f"after {'; '.join(done)}:\n  " + "\n  ".join(problems)


# ------------------------------------------------------------------------------ (c) quiet rebuilds


def _mtimes(outdir: Path) -> dict[str, int]:
    return {
        path.relative_to(outdir).as_posix(): path.stat().st_mtime_ns
        for path in outdir.rglob("*.html")
        if path.relative_to(outdir).parts[0] not in NOT_COMPARED
    }


class Process:
    """A build as a writer runs it: ``python -m sphinx`` in its own process.

    pydata-sphinx-theme changes mutable config defaults in place, so two in-process apps of one
    test disagree about the config and Sphinx rewrites every page: a harness artefact that only
    separate processes avoid.
    """

    def __init__(self, srcdir: Path, builddir: Path) -> None:
        self.outdir = builddir / "html"
        command = [sys.executable, "-m", "sphinx", "-b", "html", "--no-color"]
        command += ["-d", str(builddir / "doctrees"), str(srcdir), str(self.outdir)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        self.status = io.StringIO(done.stdout)


@pytest.mark.parametrize("theme", ["basic", "pydata_sphinx_theme"])
def test_no_change_rebuild_reads_and_writes_no_document(make_app, rootdir, tmp_path, theme):
    """Nothing marks every document outdated, and no config value changes between builds."""
    site = make_site(rootdir, tmp_path / "src", seed=4, count=8, spare=0)
    builddir = tmp_path / "build"
    if theme == "basic":

        def build() -> Any:
            return run(make_app, site.srcdir, builddir)
    else:
        with (site.srcdir / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(f"\nhtml_theme = {theme!r}\n")

        def build() -> Any:
            return Process(site.srcdir, builddir)

    first = build()
    before, stamps = tree(first.outdir), _mtimes(first.outdir)
    again = build()
    status = status_of(again)
    env_line = ENV_LINE.search(status)
    assert env_line is not None, status
    assert env_line[0] == "updating environment: 0 added, 0 changed, 0 removed", status
    assert "[config changed" not in status  # Sphinx threw the environment away
    assert "build info mismatch" not in status
    assert read_docs(again) == []
    assert written_docs(again) == []
    posts = [f"posts/{stem}.html" for stem in site.live]
    rewritten = [page for page in posts if _mtimes(again.outdir)[page] != stamps[page]]
    assert rewritten == []
    assert compare_trees(tree(again.outdir), before, set()) == []


def _generated_pages(outdir: Path) -> list[str]:
    return sorted(path.relative_to(outdir).as_posix() for path in (outdir / "blog").rglob("*.html"))


@pytest.mark.parametrize("scenario", ["no change", "one post edited"])
def test_generated_pages_are_rewritten_only_when_they_change(make_app, rootdir, tmp_path, scenario):
    """The target of issue 5: a rebuild rewrites only the pages whose content changed.

    For documents Sphinx decides; generated pages (index, tag, year pages ...) come from
    ``html-collect-pages``, which writes whatever the extension yields, so the extension has to
    leave out the pages that would come out the same.
    """
    site = make_site(rootdir, tmp_path / "src", seed=5, count=12, spare=0)
    builddir = tmp_path / "build"
    first = run(make_app, site.srcdir, builddir)
    before, stamps = tree(first.outdir), _mtimes(first.outdir)
    if scenario == "one post edited":
        source = site.live[sorted(site.live)[6]]
        site.put(replace(source, body=source.body + "\nOne more sentence.\n"))
    again = run(make_app, site.srcdir, builddir)
    after, new_stamps = tree(again.outdir), _mtimes(again.outdir)
    generated = _generated_pages(again.outdir)
    assert len(generated) > 20
    needless = [
        page
        for page in generated
        if new_stamps[page] != stamps[page] and after[page] == before[page]
    ]
    count = f"{len(needless)} of {len(generated)}"
    assert needless == [], f"{count} generated pages were rewritten with unchanged content"


def test_one_post_edit_reads_one_document_and_rewrites_what_changed(make_app, rootdir, tmp_path):
    """A body edit: one document read; written are that post, the pages whose bytes changed
    and what Sphinx adds by itself (the toctree parents of written documents)."""
    site = make_site(rootdir, tmp_path / "src", seed=6, count=12, spare=0)
    builddir = tmp_path / "build"
    first = run(make_app, site.srcdir, builddir)
    before = tree(first.outdir)
    stem = sorted(site.live)[6]  # tagged Python: listed on the "lists" page
    site.put(replace(site.live[stem], body=site.live[stem].body + "\nOne more sentence.\n"))
    again = run(make_app, site.srcdir, builddir)
    assert ENV_LINE.search(status_of(again))[0].endswith("0 added, 1 changed, 0 removed")
    assert read_docs(again) == [f"posts/{stem}"]
    after = tree(again.outdir)
    written = set(written_docs(again))
    changed = {
        name.removesuffix(".html")
        for name in after
        if name.endswith(".html") and not name.startswith("blog/") and after[name] != before[name]
    }
    changed -= {"genindex", "search"}  # Sphinx writes these on every build
    assert f"posts/{stem}" in written
    assert "about" not in written
    assert changed <= written  # (incremental == clean says more)
    files_to_rebuild = again.env.files_to_rebuild
    parents = {parent for doc in written for parent in files_to_rebuild.get(doc, ())}
    needless = written - changed - parents
    assert not needless, f"documents rewritten with unchanged content: {sorted(needless)}"


@pytest.mark.parametrize("edit", ["tags", "delete"])
def test_site_wide_change_rewrites_only_pages_that_changed(make_app, rootdir, tmp_path, edit):
    """Issue 15: every page shows the tag cloud, archive and recent posts (html_sidebars of
    the correctness root), yet a post's tags changed or a post deleted rewrites only the
    pages whose own bytes changed; the site-wide components change in ``blog/_sidebars.js``."""
    site = make_site(rootdir, tmp_path / "src", seed=6, count=12, spare=0)
    builddir = tmp_path / "build"
    first = run(make_app, site.srcdir, builddir)
    before = tree(first.outdir)
    stem = sorted(site.live)[6]
    if edit == "tags":
        site.put(replace(site.live[stem], tags=["Brand New Tag"]))
    else:
        site.path(stem).unlink()
    again = run(make_app, site.srcdir, builddir)
    after = tree(again.outdir)
    assert after["blog/_sidebars.js"] != before["blog/_sidebars.js"]
    assert "Brand New Tag" in after["blog/_sidebars.js"].decode() or edit == "delete"
    written = set(written_docs(again))
    changed = {
        name.removesuffix(".html")
        for name in after
        if name.endswith(".html") and name in before and after[name] != before[name]
    }
    files_to_rebuild = again.env.files_to_rebuild
    parents = {parent for doc in written for parent in files_to_rebuild.get(doc, ())}
    needless = written - changed - parents
    assert not needless, f"documents rewritten with unchanged content: {sorted(needless)}"
    assert "about" not in written  # shows the sidebars and nothing else of the blog


# ------------------------------------------------------------------------------ the environment


def _walk(value: Any, path: str = "data"):
    """Every (path, leaf) in nested containers and dataclass records."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(key, f"{path} key")
            yield from _walk(item, f"{path}[{key!r}]")
    elif isinstance(value, list | tuple | set | frozenset):
        for number, item in enumerate(value):
            yield from _walk(item, f"{path}[{number}]")
    elif isinstance(value, Post | ListSpec):
        for item in fields(value):
            yield from _walk(getattr(value, item.name), f"{path}.{item.name}")
    else:
        yield path, value


def test_environment_holds_only_small_records(make_app, rootdir, tmp_path):
    """The pickled domain data: Post records, list specs and short fingerprints, nothing else."""
    site = make_site(rootdir, tmp_path / "src", seed=8, count=12, spare=0)
    app = run(make_app, site.srcdir, tmp_path / "build")
    with (app.doctreedir / "environment.pickle").open("rb") as handle:
        env = pickle.load(handle)
    data = env.domaindata["posts"]
    # records, list specs, (role, target) references, posts' cross-references (plain
    # pending_xref attributes) and fingerprints: nothing else
    known = {"version", "posts", "lists", "refs", "cites", "shown", "built_at", "records", "others"}
    assert set(data) <= known, set(data)
    assert isinstance(data.get("built_at", 0.0), float)  # when the posts were last looked at
    assert set(data["posts"]) == {f"posts/{stem}" for stem in site.live}
    assert all(type(post) is Post for post in data["posts"].values())
    for docname, specs in data["lists"].items():
        assert docname in env.found_docs
        for line, spec in specs:
            assert line is None or isinstance(line, int)
            assert isinstance(spec, ListSpec) or spec in ("tagcloud", "archives"), spec
    for docname, references in data.get("refs", {}).items():
        assert docname in env.found_docs
        assert all(isinstance(role, str) and isinstance(target, str) for role, target in references)
    for docname, cited in data.get("cites", {}).items():
        assert docname in data["posts"]
        assert all(isinstance(entry, dict) and entry.get("refdomain") for entry in cited)
    for key, value in data.get("shown", {}).items():
        assert isinstance(value, str) and len(value) <= 64, (key, value)
    assert isinstance(data.get("records", ""), str) and len(data.get("records", "")) <= 64
    assert all(docname in env.found_docs for docname in data.get("others", []))
    for path, leaf in _walk(data):
        assert not isinstance(leaf, nodes.Node), f"a docutils node in the environment: {path}"
        assert (
            leaf is None or isinstance(leaf, str | int | float | bool) or hasattr(leaf, "isoformat")
        ), f"{path}: {type(leaf).__name__}"
        if isinstance(leaf, str):
            assert len(leaf) <= 1000, f"{path}: {len(leaf)} characters"
            assert "<div" not in leaf and "<p>" not in leaf, f"rendered HTML in {path}"
    size = len(pickle.dumps(data, pickle.HIGHEST_PROTOCOL))
    assert size < 2500 * len(data["posts"]), f"{size} bytes of domain data"

    # and nothing of ours anywhere else in the environment
    bare_src = tmp_path / "plain"
    shutil.copytree(site.srcdir, bare_src)
    conf = bare_src / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace('"sphinx_posts"', '"sphinx_design"')
        + "\nhtml_sidebars = {}\n",  # without the extension, its components do not exist
        encoding="utf-8",
    )
    bare = run(make_app, bare_src, tmp_path / "plain-build")
    with (bare.doctreedir / "environment.pickle").open("rb") as handle:
        bare_env = pickle.load(handle)
    assert set(vars(env)) == set(vars(bare_env))
    assert set(env.domaindata) - set(bare_env.domaindata) == {"posts"}
