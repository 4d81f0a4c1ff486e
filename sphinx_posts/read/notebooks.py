"""Notebooks as posts: ``.ipynb`` files and MyST text notebooks read by myst-nb.

A text notebook's YAML header becomes the notebook's metadata, which myst-nb writes out as JSON
(nbformat). YAML reads ``date: 2025-05-03`` as a date, which JSON cannot hold, so the build
stopped inside nbformat ("Object of type date is not JSON serializable"). Before myst-nb sees the
text, the dates of the header are quoted (in the text Sphinx reads, never in the file): the
same line count, the same value for every reader of the frontmatter.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from sphinx.application import Sphinx

NOTEBOOK_READERS = ("myst_nb",)
_DATE_LINE = re.compile(
    r"^(?P<key>\s*(?:-\s+)?[\w.-]+:[ \t]+|\s*-[ \t]+)"
    r"(?P<value>\d{4}-\d{1,2}-\d{1,2}(?:[Tt ][0-9:.]+(?:[ \t]*(?:[Zz]|[+-]\d{1,2}(?::?\d{2})?))?)?)"
    r"(?P<rest>[ \t]*(?:#.*)?)$"
)


def quote_dates(text: str) -> str:
    """Quote the YAML dates and times of a leading ``---`` block, line by line."""
    if not text.startswith("---"):
        return text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return text
    for number in range(1, len(lines)):
        line = lines[number]
        if line.strip() in ("---", "..."):
            break
        found = _DATE_LINE.match(line)
        if found:
            lines[number] = f"{found['key']}'{found['value']}'{found['rest']}"
    return "\n".join(lines)


def as_json(value: Any) -> Any:
    """YAML values as JSON can hold them (dates as ISO text)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value


def _cell_text(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def frontmatter_cell(notebook: dict[str, Any]) -> dict[str, Any] | None:
    """A ``---`` YAML block opening the first cell (raw or Markdown), as Quarto, mystmd and
    Jupyter Book write it: taken out of the cell, returned as metadata."""
    cells = notebook.get("cells")
    if not isinstance(cells, list) or not cells or not isinstance(cells[0], dict):
        return None
    first = cells[0]
    if first.get("cell_type") not in ("raw", "markdown"):
        return None
    lines = _cell_text(first).split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    end = next((n for n in range(1, len(lines)) if lines[n].strip() in ("---", "...")), None)
    if end is None:
        return None
    try:
        fields = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError:
        return None
    if not isinstance(fields, dict):
        return None
    rest = "\n".join(lines[end + 1 :]).strip("\n")
    if rest:
        first["source"] = rest
    else:
        cells.pop(0)
    return as_json(fields)


def notebook_metadata(text: str) -> str:
    """A notebook whose frontmatter sits in its first cell, or in Nikola's ``nikola``
    metadata, with those fields moved to the notebook's metadata (where myst-nb reads them)."""
    try:
        notebook = json.loads(text)
    except ValueError:
        return text
    if not isinstance(notebook, dict) or not isinstance(notebook.get("metadata"), dict):
        return text
    metadata = notebook["metadata"]
    found = frontmatter_cell(notebook) or {}
    nikola = metadata.get("nikola")
    if isinstance(nikola, dict):
        found = {**as_json(nikola), **found}
    if not found:
        return text
    for key, value in found.items():
        metadata.setdefault(key, value)
    return json.dumps(notebook, ensure_ascii=False, indent=1)


def quote_notebook_dates(app: Sphinx, docname: str, content: list[str]) -> None:
    """``source-read``: a Markdown document's header dates as text, when myst-nb may read it
    as a notebook; a notebook's frontmatter cell as its metadata."""
    if not set(NOTEBOOK_READERS) & set(app.config.extensions):
        return
    suffix = app.env.doc2path(docname).suffix.casefold()
    if suffix in (".md", ".markdown"):
        content[0] = quote_dates(content[0])
    elif suffix == ".ipynb":
        content[0] = notebook_metadata(content[0])


def setup_notebooks(app: Sphinx) -> None:
    app.connect("source-read", quote_notebook_dates, priority=300)
