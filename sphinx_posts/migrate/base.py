"""A generator's blog as the converter sees it: where its posts and static files are, the
addresses it gave posts, and its own syntax in a post's body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .common import MARKUP, Report, Source

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


@dataclass
class Context:
    """One post's body conversion: where problems go and how other posts are found."""

    report: Report
    shown: str
    """The source file, as problems name it."""
    offset: int
    """Lines above the body in the source file."""
    find_post: Callable[[str], str | None]
    """An old address, file name or path of another post -> a link to its migrated file."""
    notes: list[str] = field(default_factory=list)

    def problem(self, text: str, position: int, message: str) -> None:
        line = text.count("\n", 0, position) + 1 + self.offset
        self.report.problem(self.shown, line, message)


class Generator:
    """Defaults shared by most generators; each module overrides what differs."""

    name = ""
    posts_folders: tuple[str, ...] = ()
    static_folders: tuple[str, ...] = ()

    def detect(self, src: Path) -> bool:
        raise NotImplementedError

    def posts_root(self, src: Path) -> Path:
        for folder in self.posts_folders:
            if (src / folder).is_dir():
                return src / folder
        return src

    def sources(self, src: Path) -> list[Source]:
        root = self.posts_root(src)
        found = []
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root).as_posix()
            if not path.is_file() or path.suffix.casefold() not in MARKUP:
                continue
            if any(part.startswith((".", "_")) for part in relative.split("/")[:-1]):
                continue
            if path.name.startswith((".", "_index")):
                continue
            if self.skip(path):
                continue
            found.append(Source(path, relative, bundle=path.stem == "index" and "/" in relative))
        return found

    def skip(self, path: Path) -> bool:
        """A file under the posts folder that is not a post (a Nikola ``.meta`` file...)."""
        del path
        return False

    def static_roots(self, src: Path) -> list[Path]:
        return [src / folder for folder in self.static_folders if (src / folder).is_dir()]

    def permalinks(self, src: Path) -> list[str]:
        """The site's permalink patterns for posts (from its configuration)."""
        del src
        return []

    def excerpt_separator(self, src: Path) -> str:
        """The site's own summary divider, when it is not one we read (Jekyll's
        ``excerpt_separator`` in ``_config.yml``)."""
        del src
        return ""

    def slug(self, source: Source, fields: dict[str, Any]) -> str:
        slug = fields.get("slug")
        if isinstance(slug, str) and slug.strip():
            return slug.strip()
        stem = source.relative.rsplit("/", 1)
        name = stem[-1].rsplit(".", 1)[0]
        if name == "index" and len(stem) > 1:
            name = stem[0].rsplit("/", 1)[-1]
        return re.sub(r"^\d{4}-\d{1,2}-\d{1,2}-", "", name)

    def convert_body(self, text: str, context: Context) -> str:
        return text
