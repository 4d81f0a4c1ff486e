"""``sphinx-posts``: start a post with the right frontmatter, or check every post of a site.

``sphinx-posts new "My title" --tags python,release`` writes ``posts/my-title.md``;
``sphinx-posts check docs`` reads the site (no output written) and prints every ``posts.*``
warning, exiting non-zero when there is one, for CI and pre-commit hooks.

Each subcommand is a module of its own here, with an ``add_command`` that registers it.
"""

from __future__ import annotations

import argparse

from . import cache, check, migrate, mtimes, new, schedule

COMMANDS = (new, check, schedule, migrate, mtimes, cache)


DESCRIPTION = "Blog posts for Sphinx: start a post, or check every post of a site."
EXAMPLES = """examples:
  sphinx-posts new "My title" --tags python,release   writes posts/my-title.md
  sphinx-posts new "Notes" --format rst --draft        writes posts/notes.rst, a draft
  sphinx-posts check docs                              every posts.* warning of docs/
  sphinx-posts schedule docs                           scheduled posts, soonest first
  sphinx-posts migrate ../old-blog docs/posts          a Hugo, Jekyll, Astro... blog's posts
  sphinx-posts restore-mtimes docs                     in CI, before sphinx-build: incremental
  sphinx-posts load-cache URL --doctrees D --html H    Read the Docs: the last build's cache
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="sphinx-posts",
        description=DESCRIPTION,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_command(commands)
    args = parser.parse_args(argv)
    return args.run(args)
