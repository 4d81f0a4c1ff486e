"""``sphinx-posts schedule docs``: the scheduled posts of a site and when the next comes due,
without building it; ``sphinx-posts schedule --due URL``: whether a published site's next
scheduled post has come due (exit 0: rebuild now), for a scheduled CI job."""

from __future__ import annotations

import json
import sys
import tempfile
import urllib.request
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..store.catalog import build_time, scheduled_posts
from ..store.domain import get_domain
from .site import has_conf, read_site

if TYPE_CHECKING:
    import argparse


def published_schedule(where: str) -> dict[str, Any]:
    """A site's ``schedule.json``, from a URL or a file."""
    if where.startswith(("https://", "http://")):
        with urllib.request.urlopen(where, timeout=30) as response:
            return json.loads(response.read().decode("utf-8"))
    return json.loads(Path(where).read_text(encoding="utf-8"))


def is_due(where: str) -> int:
    try:
        schedule = published_schedule(where)
        next_due = schedule.get("next_due")
        moment = datetime.fromisoformat(next_due.replace("Z", "+00:00")) if next_due else None
    except (OSError, ValueError, AttributeError) as error:
        print(f"{where}: cannot read the schedule ({error}); rebuild to be safe")
        return 0
    if moment is None:
        print("no scheduled post: nothing to publish")
        return 1
    if moment <= build_time():
        print(f"a scheduled post came due at {next_due}: rebuild now")
        return 0
    print(f"next scheduled post at {next_due}: nothing to publish yet")
    return 1


def list_schedule(source: str, as_json: bool) -> int:
    folder = Path(source).resolve()
    if not has_conf(folder, source):
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        site = read_site(folder, Path(scratch))
        if site.app is None or site.error:
            print(f"the site could not be read: {site.error}", file=sys.stderr)
            return 2
        posts = scheduled_posts(get_domain(site.app.env).posts, build_time())
    entries = [
        {"date": post.date.isoformat(), "docname": post.docname, "title": post.title}
        for post in posts
        if post.date is not None
    ]
    if as_json:
        print(json.dumps({"next_due": entries[0]["date"] if entries else None, "posts": entries}))
        return 0
    if not entries:
        print("no scheduled posts")
    for entry in entries:
        print(f"{entry['date']}  {entry['docname']}  {entry['title']}")
    return 0


def run_schedule(args: argparse.Namespace) -> int:
    if args.due:
        return is_due(args.due)
    return list_schedule(args.source, args.json)


def add_command(commands: argparse._SubParsersAction) -> None:
    schedule = commands.add_parser(
        "schedule",
        help="list scheduled posts, or tell a CI job whether one has come due",
        description="List a site's scheduled posts (dated in the future), soonest first, "
        "without building it. With --due, read a published schedule.json (a URL or a file) "
        "and exit 0 when its next scheduled post has come due (rebuild now), 1 when not.",
    )
    schedule.add_argument("source", nargs="?", default=".", help="the folder holding conf.py")
    schedule.add_argument("--json", action="store_true", help="print JSON")
    schedule.add_argument("--due", metavar="URL_OR_FILE", help="a published schedule.json")
    schedule.set_defaults(run=run_schedule)
