"""What every converter shares: a post found in the source blog, its frontmatter read with its
generator's meaning and written with our keys, images copied, links between posts rewritten,
and a report of what could not be converted (file and line).

Nothing here writes into the source blog; the destination is written only where a file's
content changes, so a second run changes nothing.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape as html_escape
from typing import TYPE_CHECKING, Any

import yaml

from ..read.generators import (
    BORROWED,
    file_date,
    image_of,
    names_of,
    nikola_header,
    pattern_addresses,
    pelican_header,
    pelican_rst_header,
    toml_header,
)
from ..urls import file_path, file_references, is_file_link, url_rest

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

MARKUP = (".md", ".markdown", ".mdx", ".rst", ".txt", ".ipynb")
IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp", ".ico")
ORDER = (
    "title",
    "description",
    "date",
    "updated",
    "tags",
    "categories",
    "authors",
    "image",
    "series",
    "draft",
    "redirect",
)
"""Our keys, in the order a migrated post lists them."""

DROPPED = frozenset(
    {
        "layout",
        "type",
        "weight",
        "link",
        "comments",
        "toc",
        "showToc",
        "TocOpen",
        "excerpt_separator",
        "published",
        "status",
        "mainClass",
        "color",
        "translationId",
        "series_order",
        "markup",
        "outputs",
        "sitemap",
        "headless",
        "build",
        "cascade",
        "resources",
        "slug",
        "aliases",
        "redirect_from",
        "url",
        "permalink",
        *(entry.name for entry in BORROWED),
    }
)
"""Keys of other generators a migrated post does not keep (their meaning is in ours)."""


@dataclass
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line or 1}: {self.message}"


@dataclass
class Source:
    """A post of the source blog."""

    path: Path
    """The file (``index.md`` for a bundle)."""
    relative: str
    """Its path under the posts folder, which the migrated post keeps (suffix aside)."""
    bundle: bool = False
    """A Hugo leaf bundle (or an Astro/Keystatic folder post): its resources come along."""
    resource: bool = False
    """A Markdown file inside a Hugo leaf bundle: one of its page resources, not a post."""


@dataclass
class Converted:
    """A post as migrated: target path under DEST, text, and what it needs copied."""

    source: Source
    target: str
    fields: dict[str, Any]
    body: str
    header_lines: int
    """Lines the source's header took, so body problems are reported at the source's line."""
    suffix: str = ".md"
    old_addresses: list[str] = field(default_factory=list)
    copies: dict[str, Path] = field(default_factory=dict)
    """DEST-relative path -> source file."""
    separator: str = ""
    """The post's Jekyll ``excerpt_separator`` (its own, else the site's)."""


@dataclass
class Report:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    posts: int = 0
    dated: int = 0
    tagged: int = 0
    notes: list[str] = field(default_factory=list)

    def problem(self, path: str, line: int | None, message: str) -> None:
        self.problems.append(Problem(path, line, message))


# -- summary dividers ----------------------------------------------------------------------

MORE = "<!--more-->"
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_NIKOLA_TEASER = re.compile(r"<!--\s*(?:TEASER_END|END_TEASER)(?::[^>]*)?\s*-->", re.IGNORECASE)
_PELICAN_END = re.compile(r"<!--\s*PELICAN_END_SUMMARY\s*-->", re.IGNORECASE)
_PELICAN_BEGIN = re.compile(r"<!--\s*PELICAN_BEGIN_SUMMARY\s*-->", re.IGNORECASE)


def summary_divider(body: str, separator: str = "") -> str:
    """One summary divider for every migrated Markdown post, ``<!--more-->`` (Hugo's), in place
    of a Jekyll ``excerpt_separator``, Nikola's ``<!-- TEASER_END -->`` or Pelican's
    ``<!-- PELICAN_END_SUMMARY -->``: the first one outside code blocks. Pelican's summary
    that starts after a ``PELICAN_BEGIN_SUMMARY`` is kept as written (both are read)."""
    lines = body.split("\n")
    fence = ""
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if opening and (not fence or opening.group(1).startswith(fence)):
            fence = "" if fence else opening.group(1)
            continue
        if fence:
            continue
        if _PELICAN_BEGIN.search(line):
            return body
        if separator and separator != MORE and separator in line:
            lines[number] = line.replace(separator, MORE, 1)
        elif found := (_NIKOLA_TEASER.search(line) or _PELICAN_END.search(line)):
            lines[number] = line[: found.start()] + MORE + line[found.end() :]
        elif MORE not in line:
            continue
        return "\n".join(lines)
    return body


# -- frontmatter ---------------------------------------------------------------------------


def split_frontmatter(text: str, suffix: str) -> tuple[dict[str, Any], str, int, str]:
    """(fields, body, lines the header took, which header) of a source file."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for end in range(1, len(lines)):
            if lines[end].strip() in ("---", "..."):
                try:
                    fields = yaml.safe_load("\n".join(lines[1:end])) or {}
                except yaml.YAMLError:
                    break
                if isinstance(fields, dict):
                    return fields, "\n".join(lines[end + 1 :]), end + 1, "yaml"
                break
    if (toml := toml_header(lines)) is not None:
        return toml[0], "\n".join(lines[toml[1] :]), toml[1], "toml"
    if (found := nikola_header(lines)) is not None:
        end = 0
        while end < len(lines) and (
            not lines[end].strip()
            or lines[end].strip().startswith(("<!--", ".."))
            or lines[end].strip() == "-->"
        ):
            end += 1
            if lines[end - 1].strip() == "-->":
                break
        return found, "\n".join(lines[end:]), end, "nikola"
    if suffix in (".md", ".markdown") and (pelican := pelican_header(lines)) is not None:
        return pelican[0], "\n".join(lines[pelican[1] :]), pelican[1], "pelican"
    if suffix in (".rst", ".txt") and (rst := pelican_rst_header(lines)) is not None:
        kept = [*lines[: rst[1]], *lines[rst[2] :]]
        return rst[0], "\n".join(kept), 0, "pelican"
    return {}, text, 0, ""


def _text(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _names(value: Any, spaces: bool = False) -> list[str]:
    value = names_of(value)
    if isinstance(value, list):
        return [_text(item) for item in value if _text(item)]
    text = _text(value)
    if spaces and "," not in text:
        return text.split()
    return [item.strip() for item in text.split(",") if item.strip()]


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    return {"true": True, "yes": True, "false": False, "no": False}.get(_text(value).casefold())


def our_fields(source: Source, fields: dict[str, Any], header: str) -> dict[str, Any]:
    """The frontmatter with our keys (the meaning of each generator's, as the drop-in reader
    gives them) and every key we do not know kept as written."""
    ours: dict[str, Any] = {}
    given = {key.casefold() if header == "pelican" else key: v for key, v in fields.items()}
    given = {key: value for key, value in given.items() if value not in (None, "", [])}

    def first(*keys: str) -> Any:
        return next((given[key] for key in keys if key in given), None)

    if "title" in given:
        ours["title"] = _text(given["title"])
    excerpt = given.get("excerpt")
    if excerpt is not None and _text(excerpt).isdigit():
        excerpt = None
    description = first("description", "summary") or excerpt or given.get("subtitle")
    if description is not None:
        ours["description"] = _text(description)
    published = given.get("published")
    if published is not None and _flag(published) is not None:
        published = None
    when = first("date", "publishDate", "pubDate", "pubDatetime", "publish_date")
    when = when or published or first("date_published", "created")
    named = file_date(source.relative.rsplit(".", 1)[0])
    if when is None and named:
        when = named[0]
    if when is not None:
        ours["date"] = _text(when)
    updated = first(
        "updated",
        "lastmod",
        "updatedDate",
        "modDatetime",
        "modified",
        "last_modified_at",
        "updated_at",
    )
    if updated is not None:
        ours["updated"] = _text(updated)
    jekyll = named is not None and header == "yaml"
    for key, targets in (("tags", ("tags",)), ("categories", ("categories", "category"))):
        value = first(*targets)
        if value is not None:
            names = _names(value, spaces=jekyll)
            if names:
                ours[key] = names
    authors = first("authors", "author")
    if authors is not None:
        ours["authors"] = _names(authors)
    image = None
    for key in ("image", "images", "heroImage", "cover", "coverImage", "featured_image"):
        value = given.get(key)
        if isinstance(value, dict) and key == "cover":
            value = value.get("image", value)
        image = image_of(value) if value is not None else None
        if image:
            break
    for key in ("featuredImage", "feature_image", "ogImage", "thumbnail"):
        if not image and key in given:
            image = image_of(given[key])
    if image:
        ours["image"] = image
    series = given.get("series")
    if isinstance(series, list) and series:
        series = series[0]
    if series:
        ours["series"] = _text(series)
    draft = _flag(given["draft"]) if "draft" in given else None
    if draft is None and _flag(given.get("published", "")) is False:
        draft = True
    if draft is None and _text(given.get("status", "")).casefold() in (
        "draft",
        "hidden",
        "private",
    ):
        draft = True
    nikola_draft = {name.casefold() for name in ours.get("tags", [])} & {"draft", "private"}
    if draft is None and header == "nikola" and nikola_draft:
        draft = True
        ours["tags"] = [t for t in ours["tags"] if t.casefold() not in ("draft", "private")]
    if draft:
        ours["draft"] = True
    for key, value in fields.items():
        name = key.casefold() if header == "pelican" else key
        if name in ours or name in DROPPED or name in ORDER or name in ("category", "author"):
            continue
        if header in ("nikola", "pelican"):
            continue  # their other header lines (link, type...) mean nothing here
        ours[key] = value
    return ours


def addresses(fields: dict[str, Any], source: Source, name: str) -> list[str]:
    """Old addresses written in the post: aliases, redirect_from, url, permalink."""
    found: list[str] = []
    for key in ("aliases", "redirect_from", "url", "permalink"):
        value = fields.get(key)
        values = value if isinstance(value, list) else [value] if value else []
        found += [str(item) for item in values if item and ":" not in str(item)]
    del source, name
    return found


def old_permalinks(
    patterns: list[str], relative: str, slug: str, published: Any, categories: list[str]
) -> list[str]:
    when = None
    if published is not None:
        try:
            when = datetime.fromisoformat(_text(published).replace("Z", "+00:00"))
        except ValueError:
            from ..model import parse_date

            try:
                when = parse_date(_text(published), datetime.now().astimezone().tzinfo)[0]
            except ValueError:
                when = None
    return pattern_addresses(patterns, relative, slug, when, tuple(categories))


def emit_yaml(fields: dict[str, Any]) -> str:
    """Our frontmatter, our keys first in their order, values as JSON (valid YAML)."""
    lines = ["---"]
    keys = [key for key in ORDER if key in fields] + [k for k in fields if k not in ORDER]
    for key in keys:
        value = fields[key]
        if value is True or value is False:
            shown = "true" if value else "false"
        elif key in ("date", "updated") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
            shown = str(value)
        else:
            shown = json.dumps(value, ensure_ascii=False, default=_text)
        lines.append(f"{key}: {shown}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def emit_rst_fields(fields: dict[str, Any]) -> str:
    """Our frontmatter as a reST field list (file-wide metadata, before the title)."""
    lines = []
    for key in [key for key in ORDER if key in fields]:
        if key == "title":
            continue
        value = fields[key]
        shown = ", ".join(value) if isinstance(value, list) else value
        lines.append(f":{key}: {'true' if shown is True else shown}")
    return "\n".join(lines) + "\n\n" if lines else ""


# -- links and images ----------------------------------------------------------------------

LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(\s+\"[^\"]*\")?\s*\)")


def normal_address(address: str) -> str:
    """An address as a key: no host, no query, no ``index.html``, ``.html`` or slash."""
    address = re.sub(r"^[a-z]+://[^/]+", "", address.strip()).split("?")[0].split("#")[0]
    address = "/" + address.strip("/")
    for suffix in ("/index.html", ".html", "/index"):
        address = address.removesuffix(suffix)
    return address.rstrip("/") or "/"


def relative_link(from_target: str, to_target: str) -> str:
    return posixpath.relpath(to_target, posixpath.dirname(from_target) or ".")


def line_of(text: str, position: int, offset: int) -> int:
    return text.count("\n", 0, position) + 1 + offset


def write_file(path: Path, data: bytes, report: Report, shown: str, dry_run: bool) -> None:
    """Write only what changes (so a second run writes nothing)."""
    if path.is_file() and path.read_bytes() == data:
        report.unchanged.append(shown)
        return
    report.written.append(shown)
    if not dry_run:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def copy_file(source: Path, path: Path, report: Report, shown: str, dry_run: bool) -> None:
    if path.is_file() and path.read_bytes() == source.read_bytes():
        report.unchanged.append(shown)
        return
    report.written.append(shown)
    if not dry_run:
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)


def read_toml_or_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


# -- files posts point to ------------------------------------------------------------------


def is_file(address: str) -> bool:
    """Whether a link points to a file of the site (an image, a PDF), not to a page."""
    path = file_path(address)
    return bool(path) and is_file_link(path)


def source_file(src: Path, path: str, folder: Path, statics: list[Path]) -> Path | str:
    """The file in the source blog that a post's ``path`` names (relative to the post's
    ``folder``, or from the site's root with a leading ``/``: the generator's static folders),
    or why there is none. A path that leads out of the blog (``..``, a symlink) is refused."""
    if path.startswith("@"):  # Astro's import aliases (@assets/...)
        candidates = [src / "src" / path[1:].split("/", 1)[-1]]
    elif path.startswith("/"):
        candidates = [static / path.lstrip("/") for static in statics]
    else:
        candidates = [folder / path]
    top = src.resolve()
    outside = False
    for candidate in candidates:
        try:
            found = candidate.resolve()
            if not found.is_relative_to(top):
                outside = True
            elif found.is_file():
                return found
        except (OSError, ValueError):
            continue
    return "outside the source blog: not copied" if outside else "no such file"


_CODE = re.compile(r"^([ \t]*)(`{3,}|~{3,}).*?^\1\2[`~]*[ \t]*$|(`+)[^`\n]+?\3", re.M | re.S)


def rewrite_raw_files(body: str, place: Callable[[str, int], str | None]) -> str:
    """``body`` with each local file its raw HTML points to (``<img src>``, ``<a href>`` to a
    PDF...) given the address ``place`` returns (the copied file's, relative to the post);
    HTML shown as code is left alone. The HTML stays as written: sphinx-posts publishes what
    raw HTML in a post names (read/rawfiles.py), which a MyST image would not keep whole."""
    code = [(found.start(), found.end()) for found in _CODE.finditer(body)]
    pieces, last = [], 0
    for start, end, url in file_references(body):
        if any(low <= start < high for low, high in code):
            continue
        new = place(url, start)
        if new is not None:
            pieces += [body[last:start], html_escape(new + url_rest(url), quote=True)]
            last = end
    return "".join(pieces) + body[last:]
