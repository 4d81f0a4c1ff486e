"""What the CI recipes save: a one-post change on a realistic blog, built as CI builds it.

Four ways to build the same change (one post's text edited), each its own ``sphinx-build``
process, as on a CI machine:

- ``clean``: no cache at all (every CI run without a recipe on a new machine);
- ``cache only``: the last build's doctrees and output restored, but a fresh checkout (every
  source newer than the cache): what caching ``_build`` alone gives;
- ``restore-mtimes``: the same, then ``sphinx-posts restore-mtimes`` (the GitHub Actions recipe);
- ``load-cache``: an empty machine, ``sphinx-posts load-cache`` from the archive
  ``save-cache`` wrote into the last output (the Read the Docs recipe).

Usage: ``python benchmarks/ci.py --n 1000`` (about 5 minutes on 2 CPUs). A report, no thresholds.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import make_posts, write_site  # noqa: E402

ENV_LINE = re.compile(r"updating environment: (?:\[.*?\] )?(\d+) added, (\d+) changed")
WRITTEN = re.compile(r"^writing output\.\.\. \[\s*\d+%\] ", re.MULTILINE)


def timed(command: list[str]) -> tuple[float, float, str]:
    """Run; return wall seconds, CPU seconds (user + system of the process) and its output."""
    env = dict(os.environ, PYTHONPATH=str(HERE.parent), NO_COLOR="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stdout[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def sphinx(src: Path, build: Path) -> list[str]:
    return [sys.executable, "-m", "sphinx", "-b", "html", "--no-color", "-d",
            str(build / "doctrees"), str(src), str(build / "html")]  # fmt: skip


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "sphinx_posts.cli", *args]


def fresh_checkout(pristine: Path, src: Path) -> None:
    """The same sources at the same place, every file new (as ``git clone`` leaves them)."""
    shutil.rmtree(src)
    shutil.copytree(pristine, src, copy_function=shutil.copyfile)
    later = time.time_ns() + 5 * 10**9
    for path in src.rglob("*"):
        os.utime(path, ns=(later, later))


def counts(out: str) -> str:
    match = ENV_LINE.search(out)
    read = int(match[1]) + int(match[2]) if match else -1
    return f"{read} read, {len(WRITTEN.findall(out))} written"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of posts")
    parser.add_argument("--work", type=Path, default=HERE / "_work" / "ci")
    args = parser.parse_args(argv)
    if args.work.exists():
        shutil.rmtree(args.work)
    posts = make_posts(args.n, seed=0)
    pristine = write_site(args.work / "pristine", "posts", posts, "realistic")
    src, build = args.work / "src", args.work / "build"
    shutil.copytree(pristine, src)
    rows = []

    wall, cpu, out = timed(sphinx(src, build))
    rows.append(("first build, filling the cache", wall, cpu, counts(out)))
    archive = build / "html" / "_posts-cache" / "build.tar.gz"
    wall, cpu, _ = timed(cli("save-cache", "--doctrees", str(build / "doctrees"), "--html",
                             str(build / "html"), "--to", str(archive)))  # fmt: skip
    size = archive.stat().st_size / 2**20
    rows.append((f"save-cache ({size:.1f} MiB archive)", wall, cpu, ""))
    published = args.work / "published.tar.gz"
    shutil.copyfile(archive, published)
    snapshot = args.work / "cache"
    shutil.copytree(build, snapshot, symlinks=True)

    middle = sorted(pristine.glob("posts/*.md"))[len(posts) // 2]
    with middle.open("a", encoding="utf-8") as post:
        post.write("\nA paragraph added between two CI runs.\n")

    def restore_snapshot() -> None:
        shutil.rmtree(build)
        shutil.copytree(snapshot, build, symlinks=True)

    fresh_checkout(pristine, src)
    shutil.rmtree(build)
    wall, cpu, out = timed(sphinx(src, build))
    rows.append(("no cache: clean build", wall, cpu, counts(out)))

    fresh_checkout(pristine, src)
    restore_snapshot()
    wall, cpu, out = timed(sphinx(src, build))
    rows.append(("cache restored, no recipe", wall, cpu, counts(out)))

    fresh_checkout(pristine, src)
    restore_snapshot()
    restore = timed(cli("restore-mtimes", str(src), "--doctrees", str(build / "doctrees")))
    wall, cpu, out = timed(sphinx(src, build))
    rows.append(("cache + restore-mtimes (GitHub Actions)", wall + restore[0], cpu + restore[1],
                 counts(out)))  # fmt: skip

    fresh_checkout(pristine, src)
    shutil.rmtree(build)
    load = timed(cli("load-cache", str(published), "--doctrees", str(build / "doctrees"),
                     "--html", str(build / "html")))  # fmt: skip
    wall, cpu, out = timed(sphinx(src, build))
    rows.append(("empty machine + load-cache (Read the Docs)", wall + load[0], cpu + load[1],
                 counts(out)))  # fmt: skip

    print(f"\n{args.n} posts, realistic setup, one post's text edited\n")
    print("| build | wall s | CPU s | documents |")
    print("|---|---|---|---|")
    for name, wall, cpu, what in rows:
        print(f"| {name} | {wall:.1f} | {cpu:.1f} | {what} |")


if __name__ == "__main__":
    main()
