"""Hugo: ``content/posts`` (page bundles ``<slug>/index.md`` with their resources, branch
bundles ``_index.md`` left out), YAML or TOML frontmatter, ``static/`` at the site root,
``[permalinks]`` in ``hugo.toml``/``config.toml``; shortcodes ``figure``, ``youtube``,
``highlight``, ``ref``/``relref`` and ``gist`` become MyST."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .base import Context, Generator
from .common import read_toml_or_yaml

if TYPE_CHECKING:
    from pathlib import Path

    from .common import Source

CONFIGS = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config/_default/hugo.toml",
    "config/_default/config.toml",
    "config/_default/permalinks.toml",
)
SHORTCODE = re.compile(r"\{\{([<%])\s*(/?)\s*([\w./-]+)((?:[^}]|\}(?!\}))*?)\s*[>%]\}\}")
ADMONITIONS = ("note", "tip", "warning", "danger", "important", "caution", "hint", "attention")
ARGUMENT = re.compile(r'(?:(\w+)=)?(?:"([^"]*)"|\'([^\']*)\'|([^\s"\']+))')


def arguments(text: str) -> tuple[list[str], dict[str, str]]:
    positional, named = [], {}
    for key, double, single, bare in ARGUMENT.findall(text):
        value = double or single or bare
        if key:
            named[key] = value
        else:
            positional.append(value)
    return positional, named


def fence(directive: str, argument: str, options: dict[str, str], content: str) -> str:
    lines = [f"```{{{directive}}} {argument}".rstrip()]
    lines += [f":{key}: {value}" for key, value in options.items() if value]
    if content:
        lines += ["", content]
    lines.append("```")
    return "\n".join(lines)


class Hugo(Generator):
    name = "hugo"
    posts_folders = ("content/posts", "content/post", "content/blog", "content")
    static_folders = ("static", "assets")

    def detect(self, src: Path) -> bool:
        return any((src / name).is_file() for name in CONFIGS) and (src / "content").is_dir()

    def permalinks(self, src: Path) -> list[str]:
        section = self.posts_root(src).name
        for name in CONFIGS:
            data = read_toml_or_yaml(src / name)
            links = data.get("permalinks", data if name.endswith("permalinks.toml") else {})
            if isinstance(links, dict) and isinstance(links.get(section), str):
                return [links[section]]
        return [f"/{section}/:slug/"]

    def slug(self, source: Source, fields: dict[str, Any]) -> str:
        return super().slug(source, fields)

    def sources(self, src: Path) -> list[Source]:
        """Markdown beside (or below) a leaf bundle's ``index`` is one of the bundle's page
        resources: Hugo publishes no page for it, and it is no post."""
        found = super().sources(src)
        bundles = {source.relative.rsplit("/", 1)[0] + "/" for source in found if source.bundle}
        return [
            replace(source, resource=True)
            if not source.bundle and source.relative.startswith(tuple(bundles))
            else source
            for source in found
        ]

    def convert_body(self, text: str, context: Context) -> str:
        # paired shortcodes first: highlight
        def highlight(found: re.Match[str]) -> str:
            positional, _ = arguments(found.group(1))
            language = positional[0] if positional else ""
            return f"```{language}\n{found.group(2).strip(chr(10))}\n```"

        text = re.sub(
            r"\{\{[<%]\s*highlight\s+([^>%]*?)\s*[>%]\}\}\n?(.*?)\n?"
            r"\{\{[<%]\s*/highlight\s*[>%]\}\}",
            highlight,
            text,
            flags=re.DOTALL,
        )

        def paired(found: re.Match[str]) -> str:
            name, rest, content = found.group(1), found.group(2), found.group(3).strip("\n")
            if name == "lead":
                return content
            if name == "mermaid":
                return f"```mermaid\n{content}\n```"
            positional, named = arguments(rest)
            kind = named.get("type") or (positional[0] if positional else "note")
            kind = kind if kind in ADMONITIONS else "note"
            return f"```{{{kind}}}\n{content}\n```"

        text = re.sub(
            r"\{\{[<%]\s*(alert|notice|admonition|callout|lead|mermaid)\b([^>%]*?)[>%]\}\}"
            r"(.*?)\{\{[<%]\s*/\1\s*[>%]\}\}",
            paired,
            text,
            flags=re.DOTALL,
        )

        def single(found: re.Match[str]) -> str:
            closing, name, rest = found.group(2), found.group(3), found.group(4)
            positional, named = arguments(rest)
            if closing:
                context.problem(
                    text, found.start(), f"Hugo shortcode {{{{< /{name} >}}}} left as is"
                )
                return found.group(0)
            if name in ("ref", "relref"):
                target = named.get("path") or (positional[0] if positional else "")
                link = context.find_post(target.split("#")[0])
                if link is None:
                    context.problem(text, found.start(), f"{name} {target!r}: no such post")
                    return found.group(0)
                anchor = "#" + target.split("#", 1)[1] if "#" in target else ""
                note = "links to headings: add myst_heading_anchors = 3 to conf.py"
                if anchor and note not in context.report.notes:
                    context.report.notes.append(note)
                return link + anchor
            if name == "figure":
                source = named.get("src", positional[0] if positional else "")
                caption = named.get("caption") or named.get("title", "")
                options = {"alt": named.get("alt", ""), "target": named.get("link", "")}
                return fence("figure", source, options, caption)
            if name == "youtube":
                video = named.get("id") or (positional[0] if positional else "")
                return fence(
                    "raw",
                    "html",
                    {},
                    f'<iframe width="560" height="315" src="https://www.youtube-nocookie.com/'
                    f'embed/{video}" title="YouTube video" allowfullscreen></iframe>',
                )
            if name == "gist" and len(positional) >= 2:
                user, gist = positional[0], positional[1]
                extra = f"?file={positional[2]}" if len(positional) > 2 else ""
                script = f'<script src="https://gist.github.com/{user}/{gist}.js{extra}"></script>'
                return fence("raw", "html", {}, script)
            context.problem(text, found.start(), f"Hugo shortcode {{{{< {name} >}}}} left as is")
            return found.group(0)

        return SHORTCODE.sub(single, text)
