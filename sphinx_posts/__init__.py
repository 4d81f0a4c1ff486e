"""sphinx-posts: blog posts for Sphinx, from MyST files with YAML frontmatter."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .config import setup_config
from .doctree import setup_nodes
from .formats import setup_formats
from .generate.bodies import setup_bodies
from .generate.feeds import setup_feeds
from .generate.images import setup_images
from .generate.incremental import setup_incremental
from .generate.intro import setup_intro
from .generate.outputs import setup_outputs
from .generate.pages import setup_pages
from .generate.schedule import setup_schedule
from .generate.shared import setup_shared
from .generate.sources import setup_sources
from .generate.templatecache import setup_template_cache
from .i18n import setup_i18n
from .read.ablog import setup_ablog
from .read.citations import setup_citations
from .read.directives import setup_directives
from .read.generators import setup_generators
from .read.math import setup_math
from .read.notebooks import setup_notebooks
from .read.page import setup_page
from .read.postlist import setup_postlist
from .read.roles import setup_roles
from .store.checks import setup_checks
from .store.domain import DATA_VERSION, PostsDomain
from .write.ablogobjects import setup_ablog_objects
from .write.backlinks import setup_backlinks
from .write.bylines import setup_bylines
from .write.comments import setup_comments
from .write.components import setup_components
from .write.context import setup_context
from .write.discovery import setup_discovery
from .write.lists import setup_lists
from .write.navigation import setup_navigation
from .write.rawfiles import setup_raw_files
from .write.summaries import setup_summaries

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
            # a new list: appending would change the default list every later app shares
            config[setting] = [*config[setting], str(path)]


def setup(app: Sphinx) -> ExtensionMetadata:
    """Wire the phases: base, store, read, write, generate (see ARCHITECTURE.md)."""
    app.require_sphinx("8.2")
    app.setup_extension("sphinx_design")  # cards and badges use its styles
    # base and store
    setup_config(app)
    setup_i18n(app)
    setup_nodes(app)
    setup_formats(app)
    app.add_domain(PostsDomain)
    setup_checks(app)
    # read
    setup_ablog(app)
    setup_directives(app)
    setup_postlist(app)
    setup_page(app)
    setup_generators(app)
    setup_notebooks(app)
    setup_math(app)
    setup_citations(app)
    setup_roles(app)
    # write
    setup_bylines(app)
    setup_lists(app)
    setup_navigation(app)
    setup_raw_files(app)
    setup_summaries(app)
    setup_context(app)
    setup_backlinks(app)
    setup_comments(app)
    setup_ablog_objects(app)
    setup_discovery(app)
    setup_components(app)
    # generate
    setup_outputs(app)
    setup_pages(app)
    setup_intro(app)
    setup_incremental(app)
    setup_bodies(app)
    setup_feeds(app)
    setup_schedule(app)
    setup_shared(app)
    setup_sources(app)
    setup_template_cache(app)
    setup_images(app)
    app.connect("config-inited", _add_theme_files)
    app.add_css_file("posts.css")
    return {
        "version": __version__,
        "env_version": DATA_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
