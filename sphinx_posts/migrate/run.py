"""``migrate(src, dest)``: convert a Hugo, Jekyll, Astro, Next.js, Nikola or Pelican blog's
posts into MyST posts with our frontmatter under ``dest``.

Two passes: the first reads every post (frontmatter, old addresses, new path), so that the
second can rewrite links between posts and copy the images each one uses.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..read.generators import nikola_header
from .astro import Astro, NextJS
from .base import Context
from .common import (
    IMAGES,
    LINK,
    Converted,
    Report,
    Source,
    addresses,
    copy_file,
    emit_rst_fields,
    emit_yaml,
    is_file,
    normal_address,
    old_permalinks,
    our_fields,
    relative_link,
    rewrite_raw_files,
    source_file,
    split_frontmatter,
    summary_divider,
    write_file,
)
from .hugo import Hugo
from .jekyll import Jekyll
from .nikola import Nikola
from .pelican import Pelican

if TYPE_CHECKING:
    from .base import Generator

GENERATORS: dict[str, Generator] = {
    generator.name: generator
    for generator in (Hugo(), Jekyll(), NextJS(), Astro(), Nikola(), Pelican())
}
"""In the order they are tried when detecting (Next.js before Astro: both have package.json)."""


def detect(src: Path) -> Generator | None:
    return next((gen for gen in GENERATORS.values() if gen.detect(src)), None)


def site_prefix(dest: Path) -> str:
    """DEST's path inside its Sphinx site (the folder above it holding conf.py), so old
    addresses that are the migrated post's own are not made redirects."""
    for parent in [dest, *dest.parents]:
        if (parent / "conf.py").is_file():
            return dest.relative_to(parent).as_posix().strip(".")
    return dest.name


def target_of(source: Source) -> tuple[str, str]:
    """(path under DEST, suffix): Markdown stays Markdown (.mdx, .markdown -> .md), reST and
    Nikola's .txt become .rst, notebooks stay notebooks."""
    stem, suffix = posixpath.splitext(source.relative)
    suffix = suffix.casefold()
    if suffix in (".rst", ".txt"):
        return stem + ".rst", ".rst"
    if suffix == ".ipynb":
        return stem + ".ipynb", ".ipynb"
    return stem + ".md", ".md"


def read_post(gen: Generator, src: Path, source: Source, report: Report, prefix: str) -> Converted:
    text = source.path.read_text(encoding="utf-8")
    suffix = source.path.suffix.casefold()
    fields, body, offset, header = split_frontmatter(text, suffix)
    meta = source.path.with_suffix(".meta")
    if not fields and meta.is_file():
        found = nikola_header(meta.read_text(encoding="utf-8").splitlines())
        fields, header = (found or {}), "nikola"
    ours = our_fields(source, fields, header)
    target, new_suffix = target_of(source)
    slug = gen.slug(source, {k.casefold(): v for k, v in fields.items()})
    olds = addresses(fields, source, slug) + old_permalinks(
        gen.permalinks(src),
        source.relative,
        slug,
        ours.get("date"),
        list(ours.get("categories", [])),
    )
    own = normal_address(posixpath.join(prefix, target.rsplit(".", 1)[0]))
    olds = [old for old in dict.fromkeys(olds) if normal_address(old) != own]
    if source.resource:  # a bundle's page resource: a page of its own, no post, no address
        ours = {key: value for key, value in ours.items() if key != "draft"}
        ours.update(post=False, orphan=True)
        return Converted(source, target, ours, body, offset, new_suffix, [])
    converted = Converted(source, target, ours, body, offset, new_suffix, olds)
    separator = fields.get("excerpt_separator")
    if isinstance(separator, str) and separator.strip():
        converted.separator = separator.strip()
    else:
        converted.separator = gen.excerpt_separator(src)
    shown = source.path.relative_to(src).as_posix()
    if "title" not in ours and new_suffix == ".md" and not re.search(r"^#\s", body, re.M):
        report.problem(shown, 1, "no title: add a 'title' key or a heading")
    if "date" not in ours and not ours.get("draft"):
        report.problem(shown, 1, "no date: the post will be a draft until it has one")
    return converted


def migrate(
    src: Path, dest: Path, generator: str | None = None, dry_run: bool = False
) -> tuple[Report, Generator | None]:
    """Convert the posts of the blog at ``src`` into ``dest``; returns the report."""
    report = Report()
    gen = GENERATORS[generator] if generator else detect(src)
    if gen is None:
        return report, None
    prefix = site_prefix(dest)
    sources = gen.sources(src)
    posts = [read_post(gen, src, source, report, prefix) for source in sources]
    by_address: dict[str, str] = {}
    by_name: dict[str, str] = {}
    root = gen.posts_root(src)
    for post in posts:
        for old in post.old_addresses:
            by_address[normal_address(old)] = post.target
        relative = post.source.relative
        stem = relative.rsplit(".", 1)[0]
        if post.source.resource:  # found by its path only: its name is no post's
            by_name.setdefault(relative, post.target)
            by_name.setdefault(stem, post.target)
            continue
        for key in (relative, stem, posixpath.basename(stem), posixpath.basename(relative)):
            by_name.setdefault(key, post.target)
        if post.source.bundle:
            by_name.setdefault(posixpath.dirname(relative), post.target)
            by_name.setdefault(posixpath.basename(posixpath.dirname(relative)), post.target)
        by_name.setdefault(gen.slug(post.source, {}), post.target)
    statics = gen.static_roots(src)
    for post in posts:
        convert_post(gen, src, root, statics, post, posts, by_address, by_name, report)
    copied: set[str] = set()
    for post in posts:
        write_post(dest, post, report, dry_run, copied)
    report.problems.sort(key=lambda problem: (problem.path, problem.line or 0))
    resources = [post for post in posts if post.source.resource]
    if resources:
        report.notes.append(
            f"{len(resources)} Markdown file(s) inside leaf bundles are page resources in Hugo: "
            "written as pages beside their post (post: false, orphan: true), not as posts"
        )
    posts = [post for post in posts if not post.source.resource]
    report.posts = len(posts)
    report.dated = sum(1 for post in posts if "date" in post.fields)
    report.tagged = sum(1 for post in posts if post.fields.get("tags"))
    return report, gen


def convert_post(
    gen: Generator,
    src: Path,
    root: Path,
    statics: list[Path],
    post: Converted,
    posts: list[Converted],
    by_address: dict[str, str],
    by_name: dict[str, str],
    report: Report,
) -> None:
    del posts
    shown = post.source.path.relative_to(src).as_posix()

    def find_post(reference: str) -> str | None:
        reference = reference.strip().strip("\"'").rstrip("/")
        name = reference.lstrip("/")
        target = by_name.get(name) or by_name.get(name.rsplit(".", 1)[0])
        if target is None and reference.startswith("/"):
            target = by_address.get(normal_address(reference))
        if target is None:
            target = by_address.get(normal_address(reference))
        return relative_link(post.target, target) if target else None

    context = Context(report, shown, post.header_lines, find_post)
    if post.suffix == ".ipynb":
        return
    body = gen.convert_body(post.body, context)
    if post.suffix == ".md":
        body = summary_divider(body, post.separator)

    def place_file(address: str, position: int | None) -> str | None:
        """Copy a file the post uses (an image, a PDF); its new address relative to the post."""
        if "://" in address or address.startswith(("data:", "#", "mailto:")):
            return None
        clean = unquote(address.split("?")[0].split("#")[0])
        found = source_file(src, clean, post.source.path.parent, statics)
        if not isinstance(found, Path):
            kind = "image" if clean.casefold().endswith(IMAGES) else "file"
            message = f"{kind} {address!r}: {found}"
            if position is not None:
                context.problem(body, position, message)
            else:
                report.problem(shown, 1, message)
            return None
        bundle = post.source.path.parent.resolve()
        if post.source.bundle and bundle in found.parents:
            placed = posixpath.join(
                posixpath.dirname(post.target), found.relative_to(bundle).as_posix()
            )
        else:
            base = next(
                (s.resolve() for s in [root, *statics] if s.resolve() in found.parents),
                None,
            )
            inside = found.relative_to(base).as_posix() if base else found.name
            folder = "images" if found.suffix.casefold() in IMAGES else "files"
            placed = posixpath.join(folder, inside)
        post.copies[placed] = found
        return relative_link(post.target, placed)

    def link(found: re.Match[str]) -> str:
        bang, text, address, title = found.groups()
        if bang:
            new = place_file(address, found.start())
        else:
            new = find_post(address.split("#")[0]) if not address.startswith("#") else None
            if new and "#" in address:
                new += "#" + address.split("#", 1)[1]
                note = "links to headings: add myst_heading_anchors = 3 to conf.py"
                if note not in report.notes:
                    report.notes.append(note)
            if new is None and is_file(address):
                new = place_file(address, found.start())
        return f"{bang}[{text}]({new or address}{title or ''})"

    body = LINK.sub(link, body)
    body = rewrite_raw_files(body, place_file)

    def figure(found: re.Match[str]) -> str:
        return found.group(1) + (place_file(found.group(2), found.start()) or found.group(2))

    body = re.sub(r"(```\{figure\} )(\S+)", figure, body)
    image = post.fields.get("image")
    if isinstance(image, str) and image:
        post.fields["image"] = place_file(image, None) or image
    if post.source.bundle and not post.fields.get("image"):
        featured = bundle_featured(post.source.path)
        if featured:
            post.fields["image"] = featured
    if post.source.bundle:
        for resource in sorted(post.source.path.parent.rglob("*")):
            if resource.is_file() and resource.suffix.casefold() in IMAGES:
                relative = resource.relative_to(post.source.path.parent).as_posix()
                post.copies.setdefault(
                    posixpath.join(posixpath.dirname(post.target), relative), resource
                )
    if post.old_addresses:
        post.fields["redirect"] = post.old_addresses
    post.body = body


def bundle_featured(index: Path) -> str:
    """Hugo's featured image of a bundle: its first ``*feature*``, ``*cover*`` or
    ``*thumbnail*`` image."""
    names = sorted(p.name for p in index.parent.iterdir() if p.suffix.casefold() in IMAGES)
    for word in ("feature", "cover", "thumbnail"):
        for name in names:
            if word in name.casefold():
                return name
    return ""


def write_post(
    dest: Path, post: Converted, report: Report, dry_run: bool, copied: set[str]
) -> None:
    target = dest / post.target
    if post.suffix == ".ipynb":
        notebook = json.loads(post.source.path.read_text(encoding="utf-8"))
        metadata = notebook.setdefault("metadata", {})
        for key, value in post.fields.items():
            metadata.setdefault(key, value)
        data = json.dumps(notebook, ensure_ascii=False, indent=1, default=str) + "\n"
    elif post.suffix == ".rst":
        body = post.body.strip("\n")
        title = post.fields.get("title", "")
        lines = body.split("\n")
        has_title = len(lines) > 1 and re.fullmatch(r"([=\-~#*^\"'`+])\1{2,}", lines[1].strip())
        heading = "" if has_title or not title else f"{title}\n{'=' * len(title)}\n\n"
        data = emit_rst_fields(post.fields) + heading + body + "\n"
    else:
        data = emit_yaml(post.fields) + "\n" + post.body.strip("\n") + "\n"
    write_file(target, data.encode("utf-8"), report, post.target, dry_run)
    for placed, source in sorted(post.copies.items()):
        if placed in copied:
            continue  # an image two posts use
        copied.add(placed)
        copy_file(source, dest / placed, report, placed, dry_run)
