"""Reference pages generated from the code, so the documentation never drifts from it.

``posts-config-reference`` renders every setting in :data:`sphinx_posts.config.SETTINGS` as a
``confval`` entry (so pages can link to one with the ``confval`` role), and
``posts-warnings-reference`` renders every :class:`sphinx_posts.report.PostsWarning` subtype
with its description, and ``posts-ablog-reference`` every ABlog setting beside ours
(:data:`sphinx_posts.config.ABLOG_SETTINGS`).
"""

from __future__ import annotations

import ast
import inspect
import itertools
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.domains.std import ConfigurationValue
from sphinx.util.docutils import SphinxDirective

from sphinx_posts import config as posts_config
from sphinx_posts import report

if TYPE_CHECKING:
    from enum import Enum

    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

REBUILDS = {
    "env": "every page is read again",
    "html": "HTML pages are written again",
    "": "nothing is rebuilt",
}


def _literal(text: str) -> str:
    """Inline code that reads the same in reStructuredText and MyST Markdown."""
    return f"``{text}``" if "`" not in text else text


class ReferenceDirective(SphinxDirective):
    """A directive that renders descriptions written in the code."""

    def paragraph(self, text: str) -> nodes.paragraph:
        """Inline markup (``code``) in a description, parsed as the page's own markup."""
        parsed, messages = self.parse_inline(text, lineno=self.lineno)
        return nodes.paragraph("", "", *parsed, *messages)


class ConfigReference(ReferenceDirective):
    """One ``confval`` entry per ``posts_*`` setting: type, default, description."""

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(posts_config.__file__)
        result: list[nodes.Node] = []
        for setting in posts_config.SETTINGS:
            types = " or ".join(_literal(kind.__name__) for kind in setting.types)
            options = {"type": types, "default": _literal(repr(setting.default))}
            entry = ConfigurationValue(
                "std:confval",
                [setting.name],
                options,
                StringList(),
                self.lineno,
                self.content_offset,
                self.block_text,
                self.state,
                self.state_machine,
            )
            index, description = entry.run()
            content = description.children[-1]
            content += self.paragraph(setting.description)
            theirs = [
                _literal(ablog.name)
                for ablog in getattr(posts_config, "ABLOG_SETTINGS", ())
                if ablog.ours == setting.name
            ]
            if theirs:
                content += self.paragraph(f"ABlog's name: {', '.join(theirs)}.")
            rebuild = REBUILDS.get(str(getattr(setting, "rebuild", "") or ""), "")
            if rebuild:
                content += nodes.paragraph("", f"When it changes, {rebuild}.", classes=["rebuild"])
            result += [index, description]
        return result


class AblogReference(ReferenceDirective):
    """A table of every ABlog setting: ABlog's default, then the setting of ours it feeds and
    how it is honoured, or how we differ (the ``posts.ablog`` message)."""

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(posts_config.__file__)
        table = nodes.table(classes=["posts-ablog-settings"])
        group = nodes.tgroup(cols=3)
        table += group
        group.extend(nodes.colspec(colwidth=width) for width in (3, 2, 6))
        head = nodes.thead()
        head += self.row("ABlog", "ABlog's default", "sphinx-posts")
        body = nodes.tbody()
        for setting in posts_config.ABLOG_SETTINGS:
            ours = f"{{confval}}`{setting.ours}`" if setting.ours.startswith("posts_") else ""
            if setting.ours and not ours:
                ours = _literal(setting.ours)
            said = " ".join(
                part
                for part in (
                    ours,
                    setting.meaning,
                    f"Differs: {setting.differs}." * bool(setting.differs),
                )
                if part
            )
            body += self.row(
                _literal(setting.name), _literal(repr(setting.default)), said or "Read."
            )
        group += [head, body]
        return [table]

    def row(self, *cells: str) -> nodes.row:
        row = nodes.row()
        for text in cells:
            row += nodes.entry("", self.paragraph(text))
        return row


def warning_subtypes() -> list[tuple[str, str]]:
    """``(subtype, description)`` for every warning, whatever shape the enum has.

    Members may carry ``subtype`` and ``description`` attributes; an older shape had the
    subtype as the value and the description as an attribute docstring under each member,
    which only the source holds, so that is read with :mod:`ast`.
    """
    members: list[Enum] = list(report.PostsWarning)
    if all(hasattr(m, "subtype") and hasattr(m, "description") for m in members):
        return [(str(m.subtype), str(m.description)) for m in members]
    source = Path(report.__file__).read_text(encoding="utf-8")
    docstrings = _attribute_docstrings(source, report.PostsWarning.__name__)
    return [(str(m.value), docstrings.get(m.name, "")) for m in members]


def _attribute_docstrings(source: str, class_name: str) -> dict[str, str]:
    """``{member: docstring}`` for the string literals that follow assignments in a class."""
    found: dict[str, str] = {}
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.ClassDef) and node.name == class_name):
            continue
        for statement, following in itertools.pairwise(node.body):
            if (
                isinstance(statement, ast.Assign)
                and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                found[statement.targets[0].id] = inspect.cleandoc(following.value.value)
    return found


class WarningsReference(ReferenceDirective):
    """A definition list: ``posts.<subtype>``, then when it is raised."""

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(report.__file__)
        listing = nodes.definition_list(classes=["posts-warnings"])
        for subtype, description in warning_subtypes():
            name = f"posts.{subtype}"
            term = nodes.term("", "", nodes.literal(name, name), ids=[nodes.make_id(name)])
            item = nodes.definition_list_item("", term)
            item += nodes.definition("", self.paragraph(description))
            listing += item
        return [listing]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_directive("posts-config-reference", ConfigReference)
    app.add_directive("posts-warnings-reference", WarningsReference)
    app.add_directive("posts-ablog-reference", AblogReference)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
