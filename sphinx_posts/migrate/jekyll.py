"""Jekyll: ``_posts/YYYY-MM-DD-slug.md`` (or ``.markdown``), ``_config.yml``'s ``permalink``,
files served from the site root; Liquid's ``{% highlight %}``, ``{% raw %}``,
``{% post_url %}``, ``{% link %}`` and ``{{ site.baseurl }}`` become MyST."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .base import Context, Generator
from .common import read_toml_or_yaml

if TYPE_CHECKING:
    from pathlib import Path

LIQUID = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}|\{\{-?\s*(.*?)\s*-?\}\}", re.DOTALL)


class Jekyll(Generator):
    name = "jekyll"
    posts_folders = ("_posts",)
    static_folders = (".",)

    def detect(self, src: Path) -> bool:
        return (src / "_posts").is_dir() and not (src / "package.json").is_file()

    def permalinks(self, src: Path) -> list[str]:
        link = read_toml_or_yaml(src / "_config.yml").get("permalink") or "date"
        return [str(link)]

    def excerpt_separator(self, src: Path) -> str:
        """``excerpt_separator`` of ``_config.yml`` (Jekyll's default, a blank line, is the
        first paragraph: our default too)."""
        separator = read_toml_or_yaml(src / "_config.yml").get("excerpt_separator")
        return separator.strip() if isinstance(separator, str) else ""

    def convert_body(self, text: str, context: Context) -> str:
        def highlight(found: re.Match[str]) -> str:
            words = found.group(1).split()
            language = words[0] if words else ""
            return f"```{language}\n{found.group(2).strip(chr(10))}\n```"

        text = re.sub(
            r"\{%-?\s*highlight\s+([^%]*?)-?%\}\n?(.*?)\n?\{%-?\s*endhighlight\s*-?%\}",
            highlight,
            text,
            flags=re.DOTALL,
        )
        # {% raw %}: Liquid is not read by MyST, so what it protects shows as written
        raws: list[str] = []

        def keep(found: re.Match[str]) -> str:
            raws.append(found.group(1))
            return f"\x00{len(raws) - 1}\x00"

        raw = r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}"
        text = re.sub(raw, keep, text, flags=re.DOTALL)

        def tag(found: re.Match[str]) -> str:
            if found.group(3) is not None:
                expression = found.group(3).strip()
                if expression in ("site.baseurl", "site.url", "site.url | append: site.baseurl"):
                    return ""
                context.problem(text, found.start(), f"Liquid {{{{ {expression} }}}} left as is")
                return found.group(0)
            name, rest = found.group(1), found.group(2).strip()
            if name in ("post_url", "link"):
                link = context.find_post(rest.split()[0] if rest else "")
                if link is not None:
                    return link
                context.problem(text, found.start(), f"{name} {rest!r}: no such post")
                return found.group(0)
            context.problem(text, found.start(), f"Liquid tag {{% {name} %}} left as is")
            return found.group(0)

        text = LIQUID.sub(tag, text)
        # a site-absolute link after {{ site.baseurl }} lost its variable: //x -> /x
        text = re.sub(r"\]\(/+", "](/", text)
        return re.sub("\x00(\\d+)\x00", lambda found: raws[int(found.group(1))], text)
