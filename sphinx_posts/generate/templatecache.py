"""Compiled templates kept between builds, so a rebuild does not compile them all again.

Sphinx compiles every Jinja template it renders (the theme's and ours) from source on every
build. For the few documents a writer's rebuild rewrites, that compiling is a large part of the
time. Jinja's own bytecode cache keeps the compiled code beside the doctrees; each entry is
checked against its template's source, so an edited template is compiled again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jinja2 import FileSystemBytecodeCache

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CACHE_DIR = "posts-templates"


def cache_compiled_templates(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if app.builder.format != "html" or environment is None:
        return
    if environment.bytecode_cache is not None:
        return  # somebody else already keeps them
    folder = app.doctreedir / CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup_template_cache(app: Sphinx) -> None:
    app.connect("builder-inited", cache_compiled_templates)
