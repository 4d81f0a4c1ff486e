"""Pelican: ``content/`` with ``Title:`` headers (Markdown) or field lists (reST),
``ARTICLE_URL`` in ``pelicanconf.py``; ``{static}``, ``{attach}`` and ``{filename}`` links
become relative links."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .base import Context, Generator

if TYPE_CHECKING:
    from pathlib import Path

URL_SETTING = re.compile(r"^ARTICLE_URL\s*=\s*['\"](.+?)['\"]", re.MULTILINE)
PELICAN_TO_PATTERN = {
    "{slug}": ":slug",
    "{date:%Y}": ":year",
    "{date:%m}": ":month",
    "{date:%d}": ":day",
    "{category}": ":categories",
}


class Pelican(Generator):
    name = "pelican"
    posts_folders = ("content/articles", "content/posts", "content")
    static_folders = ("content",)

    def detect(self, src: Path) -> bool:
        return (src / "pelicanconf.py").is_file()

    def permalinks(self, src: Path) -> list[str]:
        found = URL_SETTING.search((src / "pelicanconf.py").read_text(encoding="utf-8"))
        pattern = found.group(1) if found else "{slug}.html"
        for pelican, ours in PELICAN_TO_PATTERN.items():
            pattern = pattern.replace(pelican, ours)
        return ["/" + pattern.lstrip("/")]

    def convert_body(self, text: str, context: Context) -> str:
        def link(found: re.Match[str]) -> str:
            kind, target = found.group(1), found.group(2)
            if kind == "filename":
                resolved = context.find_post(target.lstrip("/"))
                if resolved is None:
                    context.problem(text, found.start(), f"{{filename}}{target}: no such post")
                    return found.group(0)
                return resolved
            return "/" + target.lstrip("/")  # {static}, {attach}: a file of the site

        return re.sub(r"\{(static|attach|filename)\}(\S+?)(?=[)\s\"'])", link, text)
