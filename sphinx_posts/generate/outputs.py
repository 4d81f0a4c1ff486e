"""Files the blog writes besides Sphinx's own documents: what was written, what is stale.

An incremental build must leave the output folder as a clean build would: a tag that no longer
exists loses its pages, feeds and copied images. Each kind of output keeps a record beside the
doctrees (never in the output): every file it wrote, with a fingerprint of what that file
shows, so unchanged generated pages need not be rendered again.

A record is written only once what it describes is on disk, in one step (a temporary file
renamed over the old one). A build may still be killed between writing a file and recording
it, and Sphinx pickles its environment before it writes a single page: so each build marks
itself as under way and clears the mark when it succeeds. A build that finds the mark (or a
record it cannot read) trusts no fingerprint: it writes every document and generated file
again, and looks in the folders the blog writes to for files that no current page produced.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder

from ..store.domain import get_domain
from ..urls import FORMATS, OUTPUT_DIR, SCHEDULE_FILE, SIDEBARS_FILE

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

REDIRECT_SIGN = b'<meta name="generator" content="sphinx-posts redirect">'
"""In the head of every redirect page (``templates/posts/redirect.html``): redirect pages sit
anywhere in the output, so when no record names them this is how they are found."""

_DRIVE = re.compile(r"[A-Za-z]:")
"""A Windows drive (``C:``, ``c:x``): what makes a path without backslashes absolute there."""

MARK_BUILDING = "building"
"""The mark's text while a build that found no mark runs; anything else means interrupted."""


@dataclass(frozen=True)
class Record:
    """What the last build wrote of one kind of output.

    ``files``: output path -> fingerprint of what it shows (``""``: the file may be there, but
    what it shows is unknown). ``chrome``: what every file of the kind depends on, such as the
    configuration. ``trusted``: false when the record is missing, damaged or foreign, or the
    last build was interrupted; then no fingerprint counts, and the output folder is searched
    for files of the kind (``owned``).
    """

    files: dict[str, str]
    chrome: str = ""
    trusted: bool = False


# ------------------------------------------------------------------------------ writing state


def discard(path: Path) -> None:
    """Remove whatever is at ``path`` (file, link or folder): state we cannot use."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def write_atomically(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` so that a reader sees the old file or the new, never a
    part: a temporary file is renamed over it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir() and not target.is_symlink():
        discard(target)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)  # noqa: PTH105 (Sphinx's paths are also str: str.replace)


# ------------------------------------------------------------------------------ build in progress


def _mark(app: Sphinx) -> Path:
    return app.doctreedir / f"posts-{app.builder.name}-building"


def begin_build(app: Sphinx, *_args: Any) -> list[str]:
    """Mark the build as under way (``env-get-outdated``, the first thing of every build).

    A mark already there was left by a build that never finished: it says so from now on.
    """
    if app.builder.format == "html":
        mark = _mark(app)
        found = mark.exists() or mark.is_symlink()
        write_atomically(mark, "interrupted" if found else MARK_BUILDING)
        for temporary in app.doctreedir.glob(".posts-*.tmp"):
            discard(temporary)  # a record a killed build was writing
    return []


def interrupted(app: Sphinx) -> bool:
    """Whether the build before this one stopped before it finished (or failed)."""
    try:
        return _mark(app).read_text(encoding="utf-8") != MARK_BUILDING
    except (OSError, ValueError):
        return True


def end_build(app: Sphinx, exception: Exception | None) -> None:
    """Clear the mark once every page, feed and image of a successful build is on disk."""
    if exception is None and app.builder.format == "html":
        discard(_mark(app))


def rewrite_all_after_interruption(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After an interrupted build, every document is written again (not read again).

    Sphinx pickles its environment before it writes: a build killed while writing leaves an
    environment that holds every edit as done, with pages that show the old state, and our own
    fingerprints of what each page lists already updated. Only source edits newer than their
    page would be written again; pages whose lists changed would not.
    """
    if app.builder.format != "html" or not interrupted(app):
        return []
    return sorted(env.found_docs)


# ------------------------------------------------------------------------------ records


def _record_file(app: Sphinx, kind: str) -> Path:
    return app.doctreedir / f"posts-{app.builder.name}-{kind}.json"


def safe_path(path: Any) -> bool:
    """A relative path inside the output folder, as the blog writes them (``a/b.html``)."""
    if not isinstance(path, str) or not path or "\\" in path or "\0" in path:
        return False
    if path.startswith("/") or _DRIVE.match(path):  # absolute here, or on Windows
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))


def _suffix(app: Sphinx) -> str:
    return getattr(app.builder, "out_suffix", ".html")


def _kind_of(app: Sphinx, kind: str, path: str) -> bool:
    """Whether ``path`` could be a file of ``kind`` (a foreign record names other files)."""
    if kind == "pages":
        return path.endswith(_suffix(app))
    if kind == "feeds":
        return path.rsplit("/", 1)[-1] in FORMATS.values()
    if kind == "schedule":
        return path.rsplit("/", 1)[-1] == SCHEDULE_FILE
    if kind == "sidebars":
        return path.rsplit("/", 1)[-1] == SIDEBARS_FILE
    return path.startswith(f"{OUTPUT_DIR}/")


def _parse(app: Sphinx, kind: str, text: str) -> Record | None:
    """The record in ``text``, or ``None`` for anything but one this extension wrote."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    files, chrome = data.get("files"), data.get("chrome", "")
    if not isinstance(files, dict) or not isinstance(chrome, str):
        return None
    if not all(
        safe_path(path) and _kind_of(app, kind, path) and isinstance(value, str)
        for path, value in files.items()
    ):
        return None
    return Record(dict(files), chrome, trusted=True)


def read_record(app: Sphinx, kind: str) -> Record:
    """The last build's record of ``kind``; untrusted when there is none to believe."""
    try:
        text = _record_file(app, kind).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return Record({})
    record = _parse(app, kind, text)
    if record is None or not _not_ours(app).isdisjoint(record.files):
        return Record({})  # damaged, or foreign: it claims a document's page
    if interrupted(app):  # the files it names may be there; what they show is unknown
        return Record(dict.fromkeys(record.files, ""))
    return record


def write_record(app: Sphinx, kind: str, files: dict[str, str], chrome: str = "") -> None:
    """Record ``files``: call only once they are all on disk (or with ``""`` fingerprints)."""
    data = {"files": dict(sorted(files.items())), "chrome": chrome}
    write_atomically(_record_file(app, kind), json.dumps(data, indent=0))


def all_present(app: Sphinx, record: Record) -> bool:
    return all((app.outdir / relative).is_file() for relative in record.files)


# ------------------------------------------------------------------------------ stale files


def _found(app: Sphinx, kind: str) -> set[str]:
    """Files of ``kind`` in the output folder, whoever recorded them: where the blog writes
    (under ``posts_path``, the copied images' folder, redirect pages), not elsewhere."""
    outdir = app.outdir
    folder = OUTPUT_DIR if kind == "images" else app.config.posts_path
    if not safe_path(folder):
        return set()
    found = {
        path.relative_to(outdir).as_posix()
        for path in (outdir / folder).rglob("*")
        if path.is_file() or path.is_symlink()
    }
    if kind == "pages":  # the html builder's index page sits beside its folder
        found.add(folder + _suffix(app))
        found |= _redirect_pages(app)
    return {path for path in found if _kind_of(app, kind, path)}


def _redirect_pages(app: Sphinx) -> set[str]:
    """Redirect pages anywhere in the output, known by the first bytes of each page."""
    found = set()
    for path in app.outdir.rglob(f"*{_suffix(app)}"):
        try:
            with path.open("rb") as page:
                head = page.read(1024)
        except OSError:
            continue
        if REDIRECT_SIGN in head:
            found.add(path.relative_to(app.outdir).as_posix())
    return found


def owned(app: Sphinx, kind: str, record: Record) -> set[str]:
    """Every file of ``kind`` that an earlier build may have written (none of them a
    document's page or one of Sphinx's)."""
    paths = set(record.files) if record.trusted else set(record.files) | _found(app, kind)
    return paths - _not_ours(app)


def _not_ours(app: Sphinx) -> frozenset[str]:
    """Output files that are never the blog's to delete: documents, Sphinx's own pages and
    the writer's extra files. Asked by every record read and every removal, so found once a
    build (after reading, the documents are known): a thousand output names took 50 ms."""
    memo = get_domain(app.env).catalog().memo
    if "not ours" not in memo:
        memo["not ours"] = _find_not_ours(app)
    return memo["not ours"]


def output_file(app: Sphinx, pagename: str) -> str:
    """Where the builder writes ``pagename``, relative to the output folder (posix)."""
    builder = type(app.builder)
    if (
        getattr(builder, "get_outfilename", None) is StandaloneHTMLBuilder.get_outfilename
        and builder.get_output_path is StandaloneHTMLBuilder.get_output_path
    ):  # the html builder's rule, without making a path of each of 10,000 names
        return f"{pagename}{_suffix(app)}"
    outfile = getattr(app.builder, "get_outfilename", None)  # HTML builders; others: the usual
    path = os.fspath(outfile(pagename)) if outfile else f"{app.outdir}/{pagename}{_suffix(app)}"
    root = os.path.join(app.outdir, "")  # noqa: PTH118 (a string prefix, not a path)
    if path.startswith(root):  # as relative_to, without parsing 10,000 paths on each build
        return path[len(root) :].replace(os.sep, "/")
    return Path(path).relative_to(app.outdir).as_posix()


def document_files(app: Sphinx) -> dict[str, str]:
    """Every document's output file, by docname (found once a build, for the claims of the
    generated pages and the files never to delete)."""
    memo = get_domain(app.env).catalog().memo
    if "document files" not in memo:
        memo["document files"] = {
            docname: output_file(app, docname) for docname in sorted(app.env.found_docs)
        }
    return memo["document files"]


def _find_not_ours(app: Sphinx) -> frozenset[str]:
    builder = app.builder
    names = ["genindex", "search", *app.config.html_additional_pages]
    names += [entry[0] for entry in getattr(builder, "domain_indices", ())]
    kept = {*document_files(app).values(), *(output_file(app, name) for name in names)}
    for extra in app.config.html_extra_path:
        root = Path(app.confdir, extra)
        files = root.rglob("*") if root.is_dir() else [root]
        start = root if root.is_dir() else root.parent
        kept.update(path.relative_to(start).as_posix() for path in files if path.is_file())
    return frozenset(kept)


def remove(app: Sphinx, paths: Iterable[str]) -> None:
    """Delete output files (paths relative to the output folder, never outside it, never a
    document's page)."""
    wanted = {path for path in paths if safe_path(path)}
    if not wanted:
        return
    outdir = app.outdir.resolve()
    keep = _not_ours(app)
    for relative in sorted(wanted - keep):
        stale = outdir / relative
        if stale.is_file() and stale.resolve().is_relative_to(outdir):
            stale.unlink()


def replace_outputs(app: Sphinx, kind: str, written: Iterable[str]) -> None:
    """Record ``written`` and delete what an earlier build of ``kind`` wrote and this one did
    not (for outputs written all at once, in ``build-finished``)."""
    current = dict.fromkeys(written, "")
    remove(app, owned(app, kind, read_record(app, kind)) - set(current))
    write_record(app, kind, current)


def setup_outputs(app: Sphinx) -> None:
    app.connect("env-get-outdated", begin_build)
    app.connect("env-get-updated", rewrite_all_after_interruption)
    app.connect("build-finished", end_build, priority=900)  # after every other handler of ours


@cache
def code_key() -> str:
    """A fingerprint of this extension's own code and templates: after an upgrade, what it
    generates may differ for the same posts, so pages and feeds recorded by another version
    are written again."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".html", ".css", ".mo") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
