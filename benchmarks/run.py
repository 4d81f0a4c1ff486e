"""Build the same generated blog three ways and report time, memory and incremental work.

Variants (see ``generate.py``): ``plain`` (MyST + sphinx-design + pydata-sphinx-theme, no blog
extension), ``ablog`` (the same plus ABlog) and ``posts`` (the same plus sphinx-posts).

Scenarios, each measured for every variant, variants alternating within a repetition:

``full``       clean build, ``-j 1``
``full-j2``    clean build, ``-j 2``
``nochange``   rebuild of an up-to-date full build
``edit-body``  rebuild after appending a paragraph to one post
``edit-tags``  rebuild after replacing one tag of one post
``delete``     rebuild after deleting one post
``add-post``   rebuild after publishing a new post (the newest, with the two commonest tags):
               what a writer does most

Every build is its own ``python -m sphinx`` process. Wall time is measured around it; peak
memory is the ``ru_maxrss`` that ``os.wait4`` returns for that process, which on Linux is the
largest resident set of the process and of every descendant it reaped (the ``-j`` workers).
The numbers of documents read and written are parsed from Sphinx's own log.

Usage::

    .venv/bin/python benchmarks/run.py --quick
    .venv/bin/python benchmarks/run.py --sizes 100 300 1000 --reps 3
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from generate import SETUPS, TAGS, VARIANTS, Post, generate, make_posts, render_post, slugify

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SNAPSHOT: Path | None = None
"""A copy of ``sphinx_posts/`` taken when the run starts; every ``posts`` build imports it, so
edits to the working tree during a long run cannot mix two versions into one table."""


def extension_path() -> str:
    return str(SNAPSHOT or REPO)


def take_snapshot(work: Path) -> tuple[Path, str]:
    """Copy ``sphinx_posts/`` under ``work`` and return the copy's parent and content hash."""
    target = work / "snapshot"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(
        REPO / "sphinx_posts",
        target / "sphinx_posts",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    digest = hashlib.sha1()
    for path in sorted((target / "sphinx_posts").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(target).as_posix().encode())
            digest.update(path.read_bytes())
    # as pip does on install: without bytecode (PYTHONDONTWRITEBYTECODE is set on some
    # machines) every build would compile the extension's modules again, about 0.3 s
    compileall.compile_dir(target / "sphinx_posts", quiet=1)
    return target, digest.hexdigest()[:12]


SCENARIOS: tuple[str, ...] = (
    "full",
    "full-j2",
    "nochange",
    "edit-body",
    "edit-tags",
    "delete",
    "add-post",
)
INCREMENTAL: frozenset[str] = frozenset(
    {"nochange", "edit-body", "edit-tags", "delete", "add-post"}
)

_READ_LINE = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] (.+)$", re.MULTILINE)
_WRITE_LINE = re.compile(r"^writing output\.\.\. \[\s*\d+%\] (.+)$", re.MULTILINE)
_ENV_LINE = re.compile(
    r"updating environment: (?:\[(?P<reason>.+?)\] )?"
    r"(?P<added>\d+) added, (?P<changed>\d+) changed, (?P<removed>\d+) removed"
)
_WARNING = re.compile(r"\bWARNING:")


@dataclass
class Build:
    """One measured ``sphinx-build`` run."""

    n: int
    rep: int
    scenario: str
    variant: str
    setup: str = "default"
    ok: bool = False
    error: str | None = None
    wall_s: float | None = None
    maxrss_mib: float | None = None
    cpu_s: float | None = None
    added: int | None = None
    changed: int | None = None
    removed: int | None = None
    env_reason: str | None = None
    read: int | None = None
    read_lines: int | None = None
    written: int | None = None
    pages: int | None = None
    generated: int | None = None
    warnings: int | None = None
    load: float | None = None
    """The machine's 1-minute load average when the build ended (other work on the machine)."""
    log: str | None = None


@dataclass
class Measured:
    wall_s: float
    maxrss_mib: float
    cpu_s: float
    returncode: int
    output: str


def sphinx_build(src: Path, jobs: int, log: Path, timeout: float) -> tuple[Measured, int]:
    """Run one build in a fresh process; return measurements and the start time (ns)."""
    out = src / "_build" / "html"
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "--no-color",
        "-j",
        str(jobs),
        "-d",
        str(src / "_build" / "doctrees"),
        str(src),
        str(out),
    ]
    # NO_COLOR: with CI=true or a terminal Sphinx writes progress as one rewritten line,
    # and the read and written documents are counted from its lines.
    env = dict(os.environ, NO_COLOR="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [extension_path(), env.get("PYTHONPATH")]))
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as fh:
        start_ns = time.time_ns()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=src)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            # wait4, not Popen.wait: it also returns the rusage of this child alone.
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    measured = Measured(
        wall_s=wall,
        maxrss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
        cpu_s=usage.ru_utime + usage.ru_stime,
        returncode=proc.returncode,
        output=log.read_text(encoding="utf-8", errors="replace"),
    )
    return measured, start_ns


def pages_written_since(out: Path, start_ns: int) -> int:
    return sum(1 for p in out.rglob("*.html") if p.stat().st_mtime_ns >= start_ns)


def check_output(variant: str, out: Path, posts: list[Post], full: bool) -> None:
    """Raise ``RuntimeError`` if the build did not produce what the variant must produce.

    ``posts`` (sphinx-posts, html builder) must write ``blog/tag/<slug>.html`` for every tag
    (slugs: lowercase, words joined by hyphens, as ``generate.slugify`` makes them for this
    vocabulary) and ``blog/atom.xml``, ``blog/rss.xml`` and ``blog/feed.json``, each with
    entries. ABlog names its tag pages its own way and writes Atom only, so for ``ablog`` the
    check is looser: at least one page per tag under ``blog/tag/`` and an Atom feed.
    """
    missing = [p for p in ("index.html",) if not (out / p).is_file()]
    if full:
        missing += [
            f"posts/{p.stem}.html"
            for p in posts
            if not (out / "posts" / f"{p.stem}.html").is_file()
        ]
    if missing:
        raise RuntimeError(f"missing {len(missing)} pages, e.g. {missing[0]}")
    if variant == "plain":
        return
    tags = {slugify(t) for p in posts for t in p.tags}
    tag_dir = out / "blog" / "tag"
    if variant == "posts":
        absent = sorted(t for t in tags if not (tag_dir / f"{t}.html").is_file())
        if absent:
            raise RuntimeError(f"{len(absent)} tag pages missing, e.g. blog/tag/{absent[0]}.html")
        feeds = {"atom.xml": "<entry", "rss.xml": "<item", "feed.json": '"id":'}
    else:
        tag_pages = list(tag_dir.rglob("*.html")) if tag_dir.is_dir() else []
        if len(tag_pages) < len(tags):
            raise RuntimeError(
                f"{len(tag_pages)} tag pages under blog/tag/, expected >= {len(tags)}"
            )
        feeds = {"atom.xml": "<entry"}
    for name, marker in feeds.items():
        feed = out / "blog" / name
        if not feed.is_file():
            raise RuntimeError(f"no feed blog/{name}")
        if marker not in feed.read_text(encoding="utf-8", errors="replace"):
            raise RuntimeError(f"blog/{name} has no entries")


def generated_pages(out: Path) -> int:
    """``blog.html`` and the HTML pages under ``blog/``: what the blog extension generated
    (no post lives there)."""
    blog = out / "blog"
    found = sum(1 for _ in blog.rglob("*.html")) if blog.is_dir() else 0
    return found + (out / "blog.html").is_file()


def parse_log(build: Build, output: str, jobs: int) -> None:
    env = _ENV_LINE.search(output)
    if env:
        build.added, build.changed, build.removed = (
            int(env["added"]),
            int(env["changed"]),
            int(env["removed"]),
        )
        build.env_reason = env["reason"]
        build.read = build.added + build.changed
    build.read_lines = len(_READ_LINE.findall(output))
    # With -j > 1 Sphinx prints one progress line per chunk ("a .. b"), not per document.
    build.written = len(_WRITE_LINE.findall(output)) if jobs == 1 else None
    build.warnings = len(_WARNING.findall(output))


_EXCEPTION_LINE = re.compile(r"^(?:[\w.]+(?:Error|Exception|Exit)\b.*|Extension error.*)$")


def failure_reason(output: str) -> str:
    """The most telling line of a failed build: its exception, else its last line."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if _EXCEPTION_LINE.match(line)]
    return (errors or lines or ["no output"])[-1]


def target_post(posts: list[Post]) -> Post:
    """The post every incremental scenario touches: the middle one by date."""
    return sorted(posts, key=lambda p: p.stem)[len(posts) // 2]


def new_post(posts: list[Post]) -> Post:
    """The post the ``add-post`` scenario publishes: a day after the newest, with the two
    tags most posts carry (so it enters the longest tag lists and many related-post lists)."""
    newest = max(dt.date.fromisoformat(p.date) for p in posts)
    counts = Counter(tag for p in posts for tag in p.tags)
    tags = tuple(sorted(counts, key=lambda tag: (-counts[tag], tag))[:2])
    date = (newest + dt.timedelta(days=1)).isoformat()
    body = "# A new post\n\nPublished by the add-post benchmark scenario.\n"
    return Post(f"{date}-a-new-post", "A new post", "The newest post.", date, tags, body)


def mutate(scenario: str, src: Path, post: Post, posts: list[Post] | None = None) -> None:
    """Change the site as ``scenario`` says; ``posts`` (the site's posts) for ``add-post``,
    whose new post is an orphan where the blog extension is not what links posts."""
    path = src / "posts" / f"{post.stem}.md"
    if scenario == "add-post":
        added = new_post(posts or [post])
        orphan = "sphinx_posts" not in (src / "conf.py").read_text(encoding="utf-8")
        (src / "posts" / f"{added.stem}.md").write_text(
            render_post(added, orphan=orphan), encoding="utf-8"
        )
    if scenario == "edit-body":
        with path.open("a", encoding="utf-8") as fh:
            fh.write("\nA paragraph added by the edit-body benchmark scenario.\n")
    elif scenario == "edit-tags":
        new = next(t for t in TAGS if t not in post.tags)
        tags = [*post.tags[:-1], new]
        text = path.read_text(encoding="utf-8")
        old_line = f"tags: {json.dumps(list(post.tags))}"
        if old_line not in text:
            raise RuntimeError(f"tags line not found in {path}")
        path.write_text(text.replace(old_line, f"tags: {json.dumps(tags)}", 1), encoding="utf-8")
    elif scenario == "delete":
        path.unlink()


def variant_problem(variant: str) -> str | None:
    """A reason the variant cannot be built at all, or None."""
    if variant != "posts":
        return None
    code = "import sphinx_posts as m; assert callable(getattr(m, 'setup', None)), 'no setup()'"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [extension_path(), env.get("PYTHONPATH")]))
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    if proc.returncode == 0:
        return None
    last = (proc.stderr.strip().splitlines() or ["unknown error"])[-1]
    return f"sphinx_posts is not importable: {last}"


def reset(dst: Path, src: Path) -> None:
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst, symlinks=True)  # copy2 keeps mtimes: incremental state intact


def run_one(
    work: Path,
    n: int,
    rep: int,
    scenario: str,
    variant: str,
    posts: list[Post],
    timeout: float,
    setup: str = "default",
) -> Build:
    build = Build(n=n, rep=rep, scenario=scenario, variant=variant, setup=setup)
    pristine = work / "sites" / setup / f"n{n}" / variant
    site = work / "runs" / setup / f"n{n}" / variant / "site"
    baseline = work / "runs" / setup / f"n{n}" / variant / "baseline"
    log = work / "logs" / setup / f"n{n}" / f"r{rep}-{scenario}-{variant}.log"
    build.log = str(log.relative_to(work))
    jobs = 2 if scenario == "full-j2" else 1
    try:
        if scenario in INCREMENTAL:
            if not baseline.is_dir():
                raise RuntimeError("no successful full build to start from")
            reset(site, baseline)
            mutate(scenario, site, target_post(posts), posts)
        else:
            reset(site, pristine)
        measured, start_ns = sphinx_build(site, jobs, log, timeout)
        build.wall_s, build.maxrss_mib, build.cpu_s = (
            measured.wall_s,
            measured.maxrss_mib,
            measured.cpu_s,
        )
        parse_log(build, measured.output, jobs)
        out = site / "_build" / "html"
        build.pages = pages_written_since(out, start_ns) if out.is_dir() else 0
        build.generated = generated_pages(out) if out.is_dir() else 0
        build.load = os.getloadavg()[0]
        if measured.returncode != 0:
            raise RuntimeError(
                f"sphinx-build exited {measured.returncode}: {failure_reason(measured.output)}"
            )
        kept = [p for p in posts if not (scenario == "delete" and p == target_post(posts))]
        check_output(variant, out, kept, full=scenario in ("full", "full-j2"))
        build.ok = True
        if scenario == "full":
            reset(baseline, site)
    except (RuntimeError, OSError) as exc:
        build.error = str(exc)
        if scenario == "full" and baseline.exists():
            shutil.rmtree(baseline)
    return build


# ---------------------------------------------------------------------------- reporting


def _fmt(x: float, digits: int) -> str:
    return f"{x:.{digits}f}"


def _spread(values: list[float], digits: int) -> str:
    med = statistics.median(values)
    if len(values) == 1:
        return _fmt(med, digits)
    return f"{_fmt(med, digits)} ({_fmt(min(values), digits)}–{_fmt(max(values), digits)})"


def _count(values: list[int | None]) -> str:
    present = [v for v in values if v is not None]
    if not present:
        return "–"
    lo, hi = min(present), max(present)
    return str(lo) if lo == hi else f"{lo}–{hi}"


def _read_cell(builds: list[Build]) -> str:
    cell = _count([b.read for b in builds])
    if any(b.removed for b in builds):
        cell += f" ({_count([b.removed for b in builds])} removed)"
    return cell


def _ratio(value: float | None, base: float | None) -> str:
    if value is None or not base:
        return "–"
    return f"{value / base:.2f}×"


def machine_facts(posts_version: str | None) -> dict[str, str]:
    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    ).stdout.strip()
    return {
        "nproc": str(len(os.sched_getaffinity(0))),
        "cpu": cpu,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sphinx": version("sphinx"),
        "docutils": version("docutils"),
        "myst-parser": version("myst-parser"),
        "sphinx-design": version("sphinx-design"),
        "pydata-sphinx-theme": version("pydata-sphinx-theme"),
        "ablog": version("ablog"),
        "sphinx-posts": posts_version or "not importable",
        "commit": commit or "none",
    }


def _medians(builds: list[Build]) -> tuple[float | None, float | None]:
    ok = [b for b in builds if b.ok]
    if not ok:
        return None, None
    return (
        statistics.median(b.wall_s for b in ok if b.wall_s is not None),
        statistics.median(b.maxrss_mib for b in ok if b.maxrss_mib is not None),
    )


def _row(scenario: str, variant: str, group: list[Build], base: list[Build]) -> str:
    ok = [b for b in group if b.ok]
    if not ok:
        error = next((b.error for b in group if b.error), "not run")
        error = error.replace("|", "/").replace("\n", " ")
        return f"| {scenario} | {variant} | **failed**: {error} | | | | | | | | | | |"
    wall, rss = _medians(ok)
    base_wall, base_rss = _medians(base)
    walls = [b.wall_s for b in ok if b.wall_s is not None]
    rsses = [b.maxrss_mib for b in ok if b.maxrss_mib is not None]
    cpus = [b.cpu_s for b in ok if b.cpu_s is not None]
    base_cpus = [b.cpu_s for b in base if b.ok and b.cpu_s is not None]
    cpu = statistics.median(cpus) if cpus else None
    base_cpu = statistics.median(base_cpus) if base_cpus else None
    reasons = sorted({b.env_reason for b in ok if b.env_reason})
    failed = len(group) - len(ok)
    note = "; ".join(reasons) + (f" ({failed} failed)" if failed else "")
    return (
        f"| {scenario} | {variant} | {_spread(walls, 2)} | {_ratio(wall, base_wall)} "
        f"| {_spread(cpus, 2) if cpus else '–'} | {_ratio(cpu, base_cpu)} "
        f"| {_spread(rsses, 0)} | {_ratio(rss, base_rss)} "
        f"| {_read_cell(ok)} | {_count([b.written for b in ok])} "
        f"| {_count([b.pages for b in ok])} | {_count([b.warnings for b in ok])} "
        f"| {note.replace('|', '/')} |"
    )


def report(builds: list[Build], facts: dict[str, str], args: argparse.Namespace) -> str:
    groups: dict[tuple[str, int, str, str], list[Build]] = {}
    for b in builds:
        groups.setdefault((b.setup, b.n, b.scenario, b.variant), []).append(b)
    sizes = sorted({b.n for b in builds})
    setups = [s for s in SETUPS if any(b.setup == s for b in builds)]
    scenarios = [s for s in SCENARIOS if any(b.scenario == s for b in builds)]
    variants = [v for v in VARIANTS if any(b.variant == v for b in builds)]
    lines = [
        "# Benchmark results",
        "",
        f"Generated by `benchmarks/run.py` ({'quick smoke run' if args.quick else 'full run'}): "
        + ", ".join(f"{n} posts × {r} rep(s)" for n, r in args.reps_by_size.items())
        + f", seed {args.seed}.",
        "",
        "Machine: " + ", ".join(f"{k} {v}" for k, v in facts.items()) + ".",
        "",
        "Wall time, CPU time (user + system of the build and its -j workers; less sensitive "
        "than wall time to other work on the machine) and peak RSS (largest single process, "
        "-j workers included): median (min–max) over repetitions; × is the ratio of the "
        "variant's median to plain's. "
        "read = documents read (added + changed in Sphinx's 'updating environment' line, "
        "plus removed ones in brackets); written = documents written ('writing output' lines, "
        "-j 1 only); pages = HTML files (re)written, including generated pages; warn = "
        "warnings; note = why Sphinx discarded its environment, if it did. Logs of every "
        "build: `benchmarks/_work/logs/`.",
    ]
    for setup, n in [(setup, n) for setup in setups for n in sizes]:
        if not any(b.setup == setup and b.n == n for b in builds):
            continue
        lines += [
            "",
            f"## {n} posts, {setup} setup",
            "",
            "| scenario | variant | wall s | × plain | CPU s | × plain | peak RSS MiB | × plain "
            "| read | written | pages | warn | note |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for scenario in scenarios:
            base = groups.get((setup, n, scenario, "plain"), [])
            for variant in variants:
                group = groups.get((setup, n, scenario, variant), [])
                lines.append(_row(scenario, variant, group, base))
        generated = {
            variant: _count(
                [b.generated for b in groups.get((setup, n, "full", variant), []) if b.ok]
            )
            for variant in variants
            if variant != "plain"
        }
        loads = [b.load for b in builds if b.n == n and b.setup == setup and b.load is not None]
        lines += [
            "",
            "Generated pages (`blog.html` and HTML under `blog/` after a full build): "
            + ", ".join(f"{variant} {count}" for variant, count in generated.items())
            + (
                f". Machine load (1-min average at the end of each build): median "
                f"{statistics.median(loads):.1f}, max {max(loads):.1f}."
                if loads
                else "."
            ),
        ]
    if "full" in scenarios and "full-j2" in scenarios:
        lines += [
            "",
            "## Parallel speed-up (median full -j 1 / median full -j 2)",
            "",
            "| setup | posts | " + " | ".join(variants) + " |",
            "|---|---|" + "---|" * len(variants),
        ]
        for setup, n in [(setup, n) for setup in setups for n in sizes]:
            cells = []
            for variant in variants:
                j1, _ = _medians(groups.get((setup, n, "full", variant), []))
                j2, _ = _medians(groups.get((setup, n, "full-j2", variant), []))
                cells.append(f"{j1 / j2:.2f}×" if j1 and j2 else "–")
            if any(cell != "–" for cell in cells):
                lines.append(f"| {setup} | {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="smoke run: 30 posts, 1 repetition")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    parser.add_argument("--scenarios", nargs="+", choices=SCENARIOS, default=list(SCENARIOS))
    parser.add_argument(
        "--setups",
        nargs="+",
        choices=SETUPS,
        default=list(SETUPS),
        help="default: theme sidebars, no post list; realistic: blog sidebars on every post, "
        "a postlist on the landing page",
    )
    parser.add_argument("--work", type=Path, default=HERE / "_work")
    parser.add_argument("--output", type=Path, default=HERE / "results.md")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per build")
    parser.add_argument(
        "--size-reps",
        nargs="+",
        default=[],
        metavar="N=R",
        help="repetitions for some sizes only, e.g. 1000=1 (the others get --reps)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.reps, args.size_reps = [30], 1, []
    try:
        overrides = {int(k): int(v) for k, v in (item.split("=", 1) for item in args.size_reps)}
    except ValueError:
        parser.error("--size-reps takes N=R pairs such as 1000=1")
    args.reps_by_size = {n: overrides.get(n, args.reps) for n in args.sizes}
    if "full" not in args.scenarios and INCREMENTAL & set(args.scenarios):
        parser.error("incremental scenarios need the 'full' scenario as their starting point")
    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    global SNAPSHOT
    SNAPSHOT, snapshot_hash = take_snapshot(work)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "sphinx_posts"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    ).stdout.strip()
    started = time.perf_counter()

    problems = {v: variant_problem(v) for v in args.variants}
    posts_version = None
    if "posts" in args.variants and problems["posts"] is None:
        posts_version = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sphinx_posts as m; print(getattr(m, '__version__', '?'))",
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": extension_path()},
            check=False,
        ).stdout.strip()
    for variant, problem in problems.items():
        if problem:
            print(f"!! variant {variant} will not be built: {problem}", file=sys.stderr)

    facts = machine_facts(posts_version)
    facts["sphinx-posts snapshot"] = snapshot_hash + (" (uncommitted changes)" if dirty else "")
    builds: list[Build] = []

    def save() -> None:
        raw = {
            "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
            "machine": facts,
            "elapsed_s": round(time.perf_counter() - started, 1),
            "builds": [asdict(b) for b in builds],
        }
        (work / "results.json").write_text(json.dumps(raw, indent=2), encoding="utf-8")

    for setup, n in [(setup, n) for setup in args.setups for n in args.sizes]:
        posts = make_posts(n, args.seed)
        generate(work / "sites" / setup / f"n{n}", n, args.seed, tuple(args.variants), setup)
        reps = args.reps_by_size[n]
        for rep in range(1, reps + 1):
            for scenario in [s for s in SCENARIOS if s in args.scenarios]:
                for variant in args.variants:
                    if problems[variant]:
                        build = Build(n, rep, scenario, variant, setup, error=problems[variant])
                    else:
                        build = run_one(work, n, rep, scenario, variant, posts, args.timeout, setup)
                    builds.append(build)
                    save()
                    status = (
                        f"{build.wall_s:7.2f} s {build.maxrss_mib:6.0f} MiB "
                        f"read {build.read} written {build.written} pages {build.pages}"
                        if build.ok and build.wall_s is not None and build.maxrss_mib is not None
                        else f"FAILED: {build.error}"
                    )
                    print(
                        f"[{setup} n={n} rep {rep}/{reps}] {scenario:9} {variant:5} {status} "
                        f"(load {build.load or 0:.1f}, {time.perf_counter() - started:.0f} s)",
                        file=sys.stderr,
                        flush=True,
                    )

    text = report(builds, facts, args)
    print(text)
    args.output.write_text(text, encoding="utf-8")
    save()
    # A failed plain or ablog build means the numbers are meaningless: say so in the exit code.
    broken = [b for b in builds if not b.ok and b.variant != "posts"]
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
