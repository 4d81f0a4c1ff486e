"""Compiled templates kept between builds, so a rebuild does not compile them all again.

Sphinx compiles every Jinja template it renders (the theme's and ours) from source on every
build. For the few documents a writer's rebuild rewrites, that compiling is a large part of the
time. Jinja's own bytecode cache keeps the compiled code beside the doctrees; each entry is
checked against its template's source, so an edited template is compiled again.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import FileSystemBytecodeCache

from .outputs import discard

if TYPE_CHECKING:
    from jinja2.bccache import Bucket
    from sphinx.application import Sphinx

CACHE_DIR = "posts-templates"


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, for which an entry it cannot load (cut short by a
    killed build, written by another Jinja) means "compile again", not a failed build."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # pickle and marshal raise many kinds on a damaged entry
            bucket.reset()
            discard(Path(self._get_cache_filename(bucket)))

    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):  # not kept this time: compiled again next build
            super().dump_bytecode(bucket)


def cache_compiled_templates(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if app.builder.format != "html" or environment is None:
        return
    if environment.bytecode_cache is not None:
        return  # somebody else already keeps them
    folder = app.doctreedir / CACHE_DIR
    if not folder.is_dir():
        discard(folder)
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = TemplateCache(str(folder))


def setup_template_cache(app: Sphinx) -> None:
    app.connect("builder-inited", cache_compiled_templates)
