"""Nikola: ``posts/`` with ``.. title:`` metadata in a leading comment or a ``.meta`` file,
``.txt`` posts (reStructuredText), ``images/`` and ``files/`` served from the site root,
addresses ``/posts/<slug>/``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Generator

if TYPE_CHECKING:
    from pathlib import Path


class Nikola(Generator):
    name = "nikola"
    posts_folders = ("posts",)
    static_folders = ("files", ".")

    def detect(self, src: Path) -> bool:
        conf = src / "conf.py"
        return conf.is_file() and "POSTS" in conf.read_text(encoding="utf-8", errors="replace")

    def permalinks(self, src: Path) -> list[str]:
        return ["/posts/:slug/"]
