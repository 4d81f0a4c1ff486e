"""``sphinx-posts``: start a post with the right frontmatter, or check every post of a site.

``sphinx-posts new "My title" --tags python,release`` writes ``posts/my-title.md``;
``sphinx-posts check docs`` reads the site (no output written) and prints every ``posts.*``
warning, exiting non-zero when there is one, for CI and pre-commit hooks.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from .model import slugify


def frontmatter(title: str, tags: list[str], description: str, date: str, draft: bool) -> str:
    lines = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"description: {json.dumps(description, ensure_ascii=False)}",
        f"date: {date}",
        f"tags: {json.dumps(tags, ensure_ascii=False)}",
    ]
    if draft:
        lines.append("draft: true")
    return "\n".join([*lines, "---", "", ""])


def new_post(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    target = folder / f"{slugify(args.title)}.md"
    if target.exists():
        print(f"{target} already exists; nothing written", file=sys.stderr)
        return 1
    tags = [tag.strip() for tag in args.tags.split(",") if tag.strip()]
    date = args.date or datetime.now(tz=UTC).date().isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    text = frontmatter(args.title, tags, args.description, date, args.draft)
    target.write_text(text + "Write your post here.\n", encoding="utf-8")
    print(target)
    return 0


def check_site(args: argparse.Namespace) -> int:
    from sphinx.cmd.build import build_main

    with tempfile.TemporaryDirectory() as scratch:
        warnings = Path(scratch) / "warnings.txt"
        options = ["-b", "dummy", "-q", "-w", str(warnings), "-E"]
        status = build_main([*options, args.source, str(Path(scratch) / "out")])
        lines = warnings.read_text(encoding="utf-8").splitlines() if warnings.exists() else []
    problems = [line for line in lines if "[posts." in line]
    for line in problems:
        print(line)
    print(f"{len(problems)} post warning(s)")
    return 1 if problems or status else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sphinx-posts", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="write a new post with frontmatter")
    new.add_argument("title")
    new.add_argument("--dir", default="posts", help="folder of posts (default: posts)")
    new.add_argument("--tags", default="", help="comma-separated tags")
    new.add_argument("--description", default="")
    new.add_argument("--date", help="YYYY-MM-DD (default: today, UTC)")
    new.add_argument("--draft", action="store_true")
    new.set_defaults(run=new_post)
    check = commands.add_parser("check", help="report every posts.* warning of a site")
    check.add_argument("source", help="the folder holding conf.py")
    check.set_defaults(run=check_site)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
