"""ABlog's Atom feeds as ABlog wrote them, on ABlog sites.

``blog_feed_templates`` names feeds and the Jinja templates of their entries::

    blog_feed_templates = {
        "atom": {},  # blog/atom.xml, entries as they are
        "social": {"content": "{{ title }}{% for tag in post.tags %} #{{ tag.name }}{% endfor %}"},
    }

Each name is an Atom feed ``<name>.xml`` beside ``atom.xml`` (in the blog's folder and, with
``blog_feed_archives``, in every folder that has a feed); a template replaces the entry's
``title``, ``summary`` or ``content``. Templates see what ABlog's saw: ``post`` (ABlog's
``Post``, see write/ablogobjects.py), ``title``, ``summary``, ``content``, ``post_url``,
``feed_title``, ``feed_url``, ``pagename``, ``feed_root``. ``content`` is HTML, so its
template escapes the values it inserts (``content`` itself is inserted as it is).

Atom categories are ABlog's too: the tags sorted by name, the term without spaces.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jinja2 import Environment, TemplateError
from markupsafe import Markup

from ..config import ablog_setting
from ..report import PostsWarning, warn
from ..write.ablogobjects import ablog_blog

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..model import Post

ELEMENTS = ("title", "summary", "content")


def feed_templates(app: Sphinx) -> dict[str, dict[str, str]]:
    """``blog_feed_templates`` on an ABlog site, checked: {feed name: {element: template}};
    empty when the site gives none (ABlog's default is ``atom.xml`` as it is)."""
    config = app.config
    if not config.posts_ablog or config.blog_feed_templates is None:
        return {}
    given = ablog_setting(config, "blog_feed_templates")
    found: dict[str, dict[str, str]] = {}
    if not isinstance(given, dict):
        given = {}
        warn(PostsWarning.CONFIG, "blog_feed_templates: expected a dict of feed names")
    for name, templates in given.items():
        if (
            not isinstance(name, str)
            or not name
            or not name.replace("-", "").replace("_", "").isalnum()
            or not isinstance(templates, dict)
            or not all(key in ELEMENTS and isinstance(text, str) for key, text in templates.items())
        ):
            warn(
                PostsWarning.CONFIG,
                f"blog_feed_templates[{name!r}]: expected a feed name (letters, digits, - or _)"
                f" and a dict of templates for {', '.join(ELEMENTS)}; left out",
            )
            continue
        found[name] = dict(templates)
    return found


def ablog_categories(names: list[str]) -> list[dict[str, str]]:
    """An entry's Atom categories as ABlog wrote them: by name, the term without spaces."""
    return [{"term": name.strip().replace(" ", ""), "label": name} for name in sorted(names)]


class EntryTemplates:
    """Renders the templated elements of entries, the templates compiled once a build."""

    def __init__(self, app: Sphinx, templates: dict[str, dict[str, str]]) -> None:
        self.app = app
        text = Environment(autoescape=False)  # title and summary are text
        html = Environment(autoescape=True)
        self.compiled = {}
        for name, elements in templates.items():
            self.compiled[name] = {}
            for element, source in elements.items():
                environment = html if element == "content" else text
                try:
                    self.compiled[name][element] = environment.from_string(source)
                except TemplateError as error:
                    warn(
                        PostsWarning.CONFIG,
                        f"blog_feed_templates[{name!r}][{element!r}]: {error}; left as it is",
                    )

    def entry(
        self, name: str, post: Post, entry: dict[str, Any], feed: dict[str, str]
    ) -> dict[str, Any]:
        """``entry`` with the feed ``name``'s templates applied."""
        compiled = self.compiled.get(name)
        if not compiled:
            return entry
        values = {
            **feed,
            "post": ablog_blog(self.app)[post.key],
            "post_url": entry["url"],
            "title": entry["title"],
            "summary": entry["summary"],
            "content": Markup(entry["content"]),  # the post's own rendered body
            "feed_root": name,
        }
        changed = dict(entry)
        for element, template in compiled.items():
            try:
                changed[element] = str(template.render(values))
            except Exception as error:  # a template of conf.py, at any value
                warn(
                    PostsWarning.CONFIG,
                    f"blog_feed_templates[{name!r}][{element!r}] failed for "
                    f"{post.docname}: {error}; left as it is",
                )
        return changed
