"""Our sidebar components on pydata-sphinx-theme: rendered once a page, not twice.

pydata-sphinx-theme renders every sidebar template of a page once to drop those that come out
empty, then again for the page; templates named in its ``templates_skip_empty_check`` option are
trusted instead. Whether one of our components shows anything is known from the catalog
(:meth:`SidebarData.shows`), so before the theme looks, a component of ours that would show
nothing leaves the page's list and one that shows something joins the trusted list. That is
a render fewer for each of our components on every post and blog page (a tenth of the theme's
cost of a blog page). A site's own template of the same name is left to the theme's check.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..store.domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .sidebars import SidebarData

OWN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SKIP_CHECK = "theme_templates_skip_empty_check"
"""pydata-sphinx-theme's option (and page context value): templates it does not pre-render."""


def is_ours(app: Sphinx, template: str) -> bool:
    """Whether ``template`` is our own file (not a site's or theme's of the same name);
    looked up once per build."""
    origins: dict[str, bool] = get_domain(app.env).catalog().memo.setdefault("origins", {})
    if template not in origins:
        try:
            filename = app.builder.templates.environment.get_template(template).filename
        except Exception:  # a name no loader has: the theme reports it as it renders
            filename = None
        origins[template] = filename is not None and (
            Path(filename).resolve() == OWN_TEMPLATES / template
        )
    return origins[template]


def component(template: str) -> str:
    """``posts/recent.html`` -> ``recent``; ``""`` for a template not one of our components."""
    folder, _, name = template.partition("/")
    return name.removesuffix(".html") if folder == "posts" and name.endswith(".html") else ""


def settle_components(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Drop our empty components from the page's sidebars and mark the others trusted."""
    sidebars = context.get("sidebars")
    posts: SidebarData | None = context.get("posts")
    if not sidebars or posts is None or SKIP_CHECK not in context:
        return
    kept: list[str] = []
    trusted: list[str] = []
    for template in sidebars:
        name = template if template.endswith(".html") else f"{template}.html"
        shows = posts.shows(component(name)) if is_ours(app, name) else None
        if shows is False:
            continue
        if shows:
            trusted.append(name)
        kept.append(template)
    if len(kept) == len(sidebars) and not trusted:
        return
    context["sidebars"] = kept
    given = context[SKIP_CHECK]
    if isinstance(given, str):
        given = [name.strip() for name in given.split(",") if name.strip()]
    context[SKIP_CHECK] = [*given, *trusted]


def setup_components(app: Sphinx) -> None:
    # after the page context (400) and the default sidebars (450), before the theme (500)
    app.connect("html-page-context", settle_components, priority=470)
