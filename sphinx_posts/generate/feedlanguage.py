"""Atom's ``xml:lang`` on a post's entry: a feedgen extension, imported only when a feed is
written (feeds.py), so builds that write none do not load feedgen."""

from __future__ import annotations

from typing import Any

from feedgen.ext.base import BaseEntryExtension

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class EntryLanguage(BaseEntryExtension):  # type: ignore[misc]
    """Atom's ``xml:lang`` on the entry of a post that states its language."""

    def __init__(self) -> None:
        self.tag = ""

    def extend_atom(self, entry: Any) -> Any:
        if self.tag:
            entry.set(XML_LANG, self.tag)
        return entry
