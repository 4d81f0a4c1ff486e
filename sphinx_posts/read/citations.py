"""What each post cites: its cross-references into any Sphinx domain, recorded at read time.

A post that writes ``{py:func}`mypkg.fit``` or ``{doc}`/api``` is about that function or page;
write/backlinks.py turns these records into a "Posts about this" list on the cited page. The
references are kept as their ``pending_xref`` attributes (plain values only, so the record is
picklable and merges between parallel readers), to be resolved later by each domain's own
rules, once every document is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx import addnodes

from ..store.domain import get_domain

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

PLAIN = (str, bool, int, type(None))
SKIPPED_DOMAINS = frozenset({"posts"})  # our own roles: the blog already links those
NOT_CONTEXT = frozenset({"ids", "classes", "names", "dupnames", "backrefs"})


def citation(node: addnodes.pending_xref) -> dict[str, object] | None:
    """The reference's attributes that a domain resolves it with, or None to ignore it."""
    domain = node.get("refdomain") or ""
    if not domain or domain in SKIPPED_DOMAINS or not node.get("reftarget"):
        return None  # myst's own links and ``any`` references have no domain to ask
    return {
        key: value
        for key, value in node.attributes.items()
        if key not in NOT_CONTEXT and isinstance(value, PLAIN)
    }


def record_citations(app: Sphinx, document: nodes.document) -> None:
    docname = app.env.docname
    domain = get_domain(app.env)
    if docname not in domain.posts:
        return
    found = [citation(node) for node in document.findall(addnodes.pending_xref)]
    domain.set_citations(docname, [entry for entry in found if entry is not None])


def setup_citations(app: Sphinx) -> None:
    app.connect("doctree-read", record_citations)
