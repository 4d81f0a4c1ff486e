"""Comments: ABlog's Disqus thread under a page, for sites that set ``disqus_shortname``.

Shown where ABlog showed it (its ``page.html`` put it after the body): on published posts
unless the post says ``nocomments``, on drafts with ``disqus_drafts``, and on every other page
drawn with ``page.html`` with ``disqus_pages`` (not the blog's generated pages, whose ABlog
templates replaced the body). As in ABlog, comments need
the site's address (``blog_baseurl``, or ``html_baseurl``): the thread's identifier and URL are
ABlog's (``/posts/first-light/``), so the threads readers wrote under ABlog stay attached.

The markup is the template ``posts/comments.html``; a site overrides it by name. It runs after
the post bodies are kept for the feeds, so feeds never carry the comments' script.
"""

from __future__ import annotations

import re
from html import unescape
from typing import TYPE_CHECKING, Any

from ..config import ablog_setting
from ..report import note
from ..store.domain import get_domain
from ..urls import makes_blog_pages
from .context import script_json
from .disqus import comments_base, has_thread, page_id, page_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx


TAG = re.compile(r"<[^>]*>")


def blog_page(app: Sphinx, pagename: str, doctree: Any) -> bool:
    """A page the blog generates, or a document standing for one (the placeholder
    ``blog.md``): ABlog's templates for those replaced the body, comments and all."""
    path = app.config.posts_path
    in_blog = pagename == path or pagename.startswith(path + "/")
    return doctree is None or (in_blog and not get_domain(app.env).keys_of(pagename))


def has_comments(app: Sphinx, pagename: str, doctree: Any) -> bool:
    config = app.config
    post = get_domain(app.env).posts.get(pagename)
    if post is None:  # a page, or a document posting sections (ABlog keys those by section)
        return bool(ablog_setting(config, "disqus_pages")) and not blog_page(app, pagename, doctree)
    return has_thread(app, post)


def plain(title: str) -> str:
    """A page's title as text (the theme's ``title`` is HTML)."""
    return unescape(TAG.sub("", title)).strip()


def add_comments(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    shortname = ablog_setting(app.config, "disqus_shortname")
    if not shortname or templatename != "page.html" or "body" not in context:
        return
    base = comments_base(app)
    if not (base and makes_blog_pages(app.builder) and has_comments(app, pagename, doctree)):
        return
    values = {
        "shortname": shortname,
        "identifier": page_id(pagename),
        "title": plain(str(context.get("title", ""))),
        "url": page_url(base, pagename),
    }
    comments = app.builder.templates.render(
        "posts/comments.html",
        {
            "disqus": values,
            # each value as a JavaScript string literal that stays inside its <script>
            "disqus_js": {key: script_json(value) for key, value in values.items()},
        },
    )
    context["body"] = context["body"] + comments


def check_comments(app: Sphinx) -> None:
    """ABlog showed no comments without ``blog_baseurl``; say so instead of nothing."""
    if ablog_setting(app.config, "disqus_shortname") and not comments_base(app):
        note(
            "disqus_shortname is set but neither blog_baseurl nor html_baseurl: no comments "
            "are shown (Disqus threads are keyed by the page's address)"
        )


def setup_comments(app: Sphinx) -> None:
    # after generate/bodies.py keeps each post's body for the feeds (priority 500)
    app.connect("html-page-context", add_comments, priority=600)
    app.connect("builder-inited", check_comments)
