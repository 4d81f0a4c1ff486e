"""``<posts_path>/schedule.json``: when the next scheduled post comes due.

A post dated in the future appears in lists and feeds at the first build after its date, and
nothing would otherwise tell the writer's CI when that build must run. This file, published
beside the feeds, holds the times only (never the titles of posts not yet published), so a
scheduled job can fetch it and rebuild when ``next_due`` has passed
(``sphinx-posts schedule --due URL``). Like the feeds it depends only on the posts and the
build time (``SOURCE_DATE_EPOCH`` when set).
"""

from __future__ import annotations

import json
from datetime import UTC
from typing import TYPE_CHECKING, Any

from ..store.catalog import build_time, scheduled_posts
from ..store.domain import get_domain
from ..urls import makes_blog_pages, schedule_page
from .outputs import replace_outputs

if TYPE_CHECKING:
    from datetime import datetime

    from sphinx.application import Sphinx

    from ..model import Post

VERSION = 1


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def schedule_data(posts: list[Post]) -> dict[str, Any]:
    due = [utc_text(post.date) for post in posts if post.date is not None]
    return {"version": VERSION, "next_due": due[0] if due else None, "due": due}


def write_schedule(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not makes_blog_pages(app.builder):
        return
    posts = scheduled_posts(get_domain(app.env).posts, build_time())
    relative = schedule_page(app.config)
    target = app.outdir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(schedule_data(posts), indent=1) + "\n"
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    replace_outputs(app, "schedule", [relative])


def setup_schedule(app: Sphinx) -> None:
    app.connect("build-finished", write_schedule)
