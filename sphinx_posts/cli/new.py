"""``sphinx-posts new "My title" --tags python,release``: start a post with the right
frontmatter, in ``posts/my-title.md``."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import slugify

if TYPE_CHECKING:
    import argparse


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


def add_command(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser("new", help="write a new post with frontmatter")
    new.add_argument("title")
    new.add_argument("--dir", default="posts", help="folder of posts (default: posts)")
    new.add_argument("--tags", default="", help="comma-separated tags")
    new.add_argument("--description", default="")
    new.add_argument("--date", help="YYYY-MM-DD (default: today, UTC)")
    new.add_argument("--draft", action="store_true")
    new.set_defaults(run=new_post)
