"""Disqus threads as ABlog keyed them, shared by the thread under a page (comments.py) and the
comment count in ABlog's postcard (sidebars.py): the site's address, a page's identifier and
URL, and which posts have a thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urljoin

from ..config import ablog_setting
from ..store.catalog import is_scheduled
from ..store.domain import get_domain
from ..urls import base_url, makes_blog_pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..model import Post


def comments_base(app: Sphinx) -> str:
    """The address threads are keyed under: ABlog's ``blog_baseurl``, else the site's."""
    given = ablog_setting(app.config, "blog_baseurl")
    return given if isinstance(given, str) and given else base_url(app)


def page_id(pagename: str) -> str:
    """ABlog's ``Blog.page_id``: the Disqus identifier of a page (``/posts/a/``, ``/``)."""
    if pagename.endswith("index"):
        pagename = pagename[:-5]
    pagename = pagename.strip("/")
    return "/" + pagename + ("/" if pagename else "")


def page_url(base: str, pagename: str) -> str:
    """ABlog's ``Blog.page_url``: the page's address as Disqus knows it."""
    url = urljoin(base, pagename)
    return url[:-5] if url.endswith("index") else url


def published(post: Post, app: Sphinx) -> bool:
    """ABlog's ``published``: dated, not in the future (and, ours, not marked a draft)."""
    now = get_domain(app.env).catalog().now
    return post.date is not None and not post.draft and not is_scheduled(post, now)


def has_thread(app: Sphinx, post: Post) -> bool:
    """A post shows its thread unless marked ``nocomments``: once published, or as a draft
    with ABlog's ``disqus_drafts``."""
    if post.nocomments:
        return False
    return published(post, app) or bool(ablog_setting(app.config, "disqus_drafts"))


def comment_count(app: Sphinx, pagename: str, post: Post) -> dict[str, str] | None:
    """What ABlog's postcard needs for its "Comments" link and Disqus' count script: the
    shortname and the thread's identifier, on a post whose thread is shown."""
    config = app.config
    shortname = ablog_setting(config, "disqus_shortname")
    if not (shortname and comments_base(app) and makes_blog_pages(app.builder)):
        return None
    if not has_thread(app, post):
        return None
    return {"shortname": shortname, "identifier": page_id(pagename)}
