"""``sphinx-posts new "My title" --tags python,release``: start a post that builds and that
``sphinx-posts check`` accepts, as Markdown (the default), reStructuredText or a notebook.

Only what the writer gave is written: an empty description or tag list is left out rather than
written as an empty value that the reader would then have to reject.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import slugify

if TYPE_CHECKING:
    import argparse

FORMATS = {"md": ".md", "rst": ".rst", "ipynb": ".ipynb"}
BODY = "Write your post here."


def post_fields(
    title: str, date: str, tags: list[str], description: str, draft: bool
) -> dict[str, Any]:
    """The frontmatter, in the order writers read it, without empty values."""
    fields: dict[str, Any] = {"title": title}
    if description:
        fields["description"] = description
    fields["date"] = date
    if tags:
        fields["tags"] = tags
    if draft:
        fields["draft"] = True
    return fields


def markdown_post(fields: dict[str, Any]) -> str:
    lines = ["---"]
    for key, value in fields.items():
        shown = value if key == "date" else json.dumps(value, ensure_ascii=False)
        lines.append(f"{key}: {'true' if value is True else shown}")
    return "\n".join([*lines, "---", "", BODY, ""])


def rst_post(fields: dict[str, Any]) -> str:
    """A field list first (Sphinx's file-wide metadata), then the title as the heading."""
    lines = []
    for key, value in fields.items():
        if key == "title":
            continue
        shown = ", ".join(value) if isinstance(value, list) else value
        lines.append(f":{key}: {'true' if shown is True else shown}")
    title = fields["title"]
    underline = "=" * max(len(title), 1)
    return "\n".join([*lines, "", underline, title, underline, "", BODY, ""])


def notebook_post(fields: dict[str, Any]) -> str:
    """A Jupyter notebook whose metadata is the frontmatter (as myst-nb reads it)."""
    notebook = {
        "cells": [
            {"cell_type": "markdown", "id": "post-body", "metadata": {}, "source": [BODY]},
        ],
        "metadata": {
            **fields,
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook, ensure_ascii=False, indent=1) + "\n"


WRITERS = {"md": markdown_post, "rst": rst_post, "ipynb": notebook_post}


def new_post(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    target = folder / f"{slugify(args.title) or 'post'}{FORMATS[args.format]}"
    if target.exists():
        print(f"{target} already exists; nothing written", file=sys.stderr)
        return 1
    tags = [tag.strip() for tag in args.tags.split(",") if tag.strip()]
    date = args.date or datetime.now(tz=UTC).date().isoformat()
    fields = post_fields(args.title.strip(), date, tags, args.description.strip(), args.draft)
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(WRITERS[args.format](fields), encoding="utf-8")
    print(target)
    return 0


def add_command(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser(
        "new",
        help="write a new post with frontmatter",
        description="Write a new post, named after its title, with its frontmatter filled in.",
    )
    new.add_argument("title")
    new.add_argument("--dir", default="posts", help="folder of posts (default: posts)")
    new.add_argument("--tags", default="", help="comma-separated tags")
    new.add_argument("--description", default="", help="one sentence for lists and feeds")
    new.add_argument("--date", help="YYYY-MM-DD (default: today, UTC)")
    new.add_argument("--draft", action="store_true", help="not listed until you remove it")
    new.add_argument(
        "--format",
        choices=sorted(FORMATS),
        default="md",
        help="md (MyST Markdown, the default), rst or ipynb (needs myst-nb)",
    )
    new.set_defaults(run=new_post)
