"""Astro content collections (``src/content/<collection>/``, ``.md`` and ``.mdx``; Keystatic's
``<slug>/index.md`` folders), ``public/`` at the site root; Next.js blog starters
(``data/blog/*.mdx``, ``_posts/*.md``) share the MDX handling. Component imports and uses have
no MyST equivalent: they are reported, the imports taken out."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .base import Context, Generator

if TYPE_CHECKING:
    from pathlib import Path

IMPORT = re.compile(r"^(import\s.+?from\s+['\"].+?['\"];?|export\s.*)$", re.MULTILINE)
COMPONENT = re.compile(r"<([A-Z][\w.]*)\b[^>]*?/?>")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)


def convert_mdx(text: str, context: Context) -> str:
    code = [(found.start(), found.end()) for found in FENCE.finditer(text)]

    def in_code(position: int) -> bool:
        return any(start <= position < end for start, end in code)

    for found in COMPONENT.finditer(text):
        if not in_code(found.start()):
            context.problem(text, found.start(), f"MDX component <{found.group(1)}> left as is")

    def drop(found: re.Match[str]) -> str:
        if in_code(found.start()):
            return found.group(0)
        context.problem(text, found.start(), f"MDX line taken out: {found.group(1)}")
        return ""

    return IMPORT.sub(drop, text)


class Astro(Generator):
    name = "astro"
    posts_folders = ("src/content/blog", "src/content/posts", "src/content/post", "src/content")
    static_folders = ("public",)

    def detect(self, src: Path) -> bool:
        return any(src.glob("astro.config.*")) or (src / "src" / "content").is_dir()

    def permalinks(self, src: Path) -> list[str]:
        return [f"/{self.posts_root(src).name}/:slug/"]

    def convert_body(self, text: str, context: Context) -> str:
        if not context.shown.endswith(".mdx"):
            return text  # Markdown: its HTML stays HTML
        return convert_mdx(text, context)


class NextJS(Astro):
    name = "nextjs"
    posts_folders = ("data/blog", "_posts", "posts", "content/posts", "content")
    static_folders = ("public",)

    def detect(self, src: Path) -> bool:
        package = src / "package.json"
        return package.is_file() and '"next"' in package.read_text(encoding="utf-8")

    def permalinks(self, src: Path) -> list[str]:
        return ["/blog/:slug/" if self.posts_root(src).name == "blog" else "/posts/:slug/"]
