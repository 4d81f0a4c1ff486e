"""sphinx-posts: blog posts for Sphinx, from MyST files with YAML frontmatter."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .ablog import setup_ablog
from .bodies import setup_bodies
from .config import setup_config
from .directives import setup_directives
from .domain import DATA_VERSION, PostsDomain
from .feeds import setup_feeds
from .images import copy_images
from .incremental import setup_incremental
from .lists import setup_lists
from .navigation import setup_navigation
from .page import setup_page
from .pages import setup_pages
from .render import setup_render
from .roles import setup_roles
from .summaries import setup_summaries
from .templatecache import setup_template_cache
from .theme import setup_theme

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def _add_theme_files(app: Sphinx, config: Config) -> None:
    """Our templates and CSS come after the writer's, so theirs override ours by name."""
    for setting, path in (("templates_path", TEMPLATES), ("html_static_path", STATIC)):
        if str(path) not in config[setting]:
            config[setting].append(str(path))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.require_sphinx("8.2")
    app.setup_extension("sphinx_design")  # cards and badges use its styles
    setup_config(app)
    setup_ablog(app)
    app.add_domain(PostsDomain)
    setup_directives(app)
    setup_page(app)
    setup_render(app)
    setup_lists(app)
    setup_pages(app)
    setup_navigation(app)
    setup_incremental(app)
    setup_summaries(app)
    setup_roles(app)
    setup_bodies(app)
    setup_feeds(app)
    setup_theme(app)
    setup_template_cache(app)
    app.connect("build-finished", copy_images)
    app.connect("config-inited", _add_theme_files)
    app.add_css_file("posts.css")
    return {
        "version": __version__,
        "env_version": DATA_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
