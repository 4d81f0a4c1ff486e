"""Test-only: ``POSTS_KILL_AT=<point>`` ends the build with SIGKILL at a named point, so the
interrupted-build tests need no timing. Points: ``env-updated``, ``pickled`` (right after
Sphinx pickled the environment), ``document:<n>`` / ``generated:<n>`` (the n-th document or
generated page about to be written), ``finished-first`` / ``finished-last`` (before or after
every other ``build-finished`` handler)."""

from __future__ import annotations

import os
import signal
from typing import Any

POINT = os.environ.get("POSTS_KILL_AT", "")
seen = {"document": 0, "generated": 0}


def kill(*_args: Any) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def count(app: Any, pagename: str, templatename: str, context: Any, doctree: Any) -> None:
    kind = "document" if doctree is not None else "generated"
    seen[kind] += 1
    if POINT == f"{kind}:{seen[kind]}":
        kill()


def setup(app: Any) -> dict[str, Any]:
    if POINT == "env-updated":
        app.connect("env-updated", kill)
    elif POINT == "pickled":
        app.connect("env-check-consistency", kill)
    elif POINT.startswith(("document:", "generated:")):
        app.connect("html-page-context", count, priority=0)
    elif POINT == "finished-first":
        app.connect("build-finished", kill, priority=0)
    elif POINT == "finished-last":
        app.connect("build-finished", kill, priority=899)  # before the build is marked done
    return {"parallel_read_safe": True, "parallel_write_safe": True}
